"""Links to documents in rich text that name no file unless everyone may download it.

Wagtail writes a rich-text document link as the file's own address,
``/documents/<id>/<file name>``, for every reader of the page: on a public page, a link
to a members-only file would show its name to anyone. Rich text is rendered without
knowing the reader, so such a link points to ``/documents/<id>/`` instead, which sends
those who may download the file on to it and turns everyone else away as the file
itself would (``portal.access.refuse``). Links to public files stay as they were.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler

from portal.access import PUBLIC, audiences_for_documents, refuse, user_can_view_document


def link_addresses(documents) -> dict[int, str]:
    """Each document's own address when anyone may download it, else one that names no file;
    the collections' restrictions read once for all of them."""
    prefetch_related_objects(documents, "collection")
    audiences = audiences_for_documents(documents)
    return {
        document.pk: document.url if PUBLIC in audiences[document.pk] else reverse("document_link", args=[document.pk])
        for document in documents
    }


class ReaderSafeDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        documents = cls.get_many(attrs_list)
        addresses = link_addresses([document for document in documents if document])
        return [f'<a href="{escape(addresses[document.pk])}">' if document else "<a>" for document in documents]


def document_link(request, document_id: int):
    """Where a rich-text link to a restricted document leads: on to the file, or away."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not user_can_view_document(request.user, document):
        return refuse(request)
    return redirect(document.url)
