"""Keeping the index true: each change that alters what a page looks like in the
index, or who may find it, queues an update of the pages concerned.

The update is queued in the transaction of the change (``search.tasks.enqueue``)
and names pages only; the worker reads their state when it runs. The database's
own search index is rewritten at once, in the same transaction (search.dbindex).
Connected in ``SearchConfig.ready``.

| change                                    | pages updated                               |
|-------------------------------------------|---------------------------------------------|
| page published, unpublished, created live | the page                                    |
| page deleted                              | each deleted page (Django signals each row) |
| page moved, slug changed                  | the page and its descendants                |
| view restriction saved, deleted, groups   | the restricted page and its descendants     |
| city renamed, published or unpublished    | its practices, research about it, its events|
| document saved (replaced) or deleted      | pages attaching it                          |
| collection restriction saved, deleted     | pages attaching documents in the collection |
|                                           | or its descendants                          |
| theme renamed                             | pages with that theme                       |
"""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from resources.models import CityPage, EventPage, PracticePage, ResearchPage
from search import dbindex
from search.indexing import INDEXED_TYPES, pages_showing_city, pages_using_documents
from search.tasks import enqueue

# Fields whose change reaches beyond the page's own document (see page_saved).
WATCHED_FIELDS = ("title", "url_path", "live")


def is_indexed_type(page) -> bool:
    return type(page) in INDEXED_TYPES


def subtree(page) -> list[int]:
    """The page and its descendants, of the indexed types."""
    pages = Page.objects.descendant_of(page, inclusive=True).type(*INDEXED_TYPES)
    return list(pages.values_list("pk", flat=True))


def page_changed(sender, instance, **kwargs):
    """Published or unpublished: the page's own document."""
    if is_indexed_type(instance):
        enqueue([instance.pk])


def page_deleted(sender, instance, **kwargs):
    """Deleted: its row goes at once (the page can no longer be read back), its document later."""
    if is_indexed_type(instance):
        dbindex.remove([instance.pk])
        enqueue([instance.pk], written=[instance.pk])


def page_moved(sender, instance, **kwargs):
    enqueue(subtree(instance))


def page_saving(sender, instance, update_fields=None, **kwargs):
    """Note the watched fields as stored before the save, for page_saved to compare."""
    if not isinstance(instance, Page) or instance._state.adding:
        return
    if update_fields is not None and not set(update_fields) & {"slug", *WATCHED_FIELDS}:
        return
    instance._search_before = Page.objects.filter(pk=instance.pk).values(*WATCHED_FIELDS).first()


def page_saved(sender, instance, created, update_fields=None, **kwargs):
    """A page created live (not through a publish), or a change that reaches other pages:
    a new URL path moves its descendants too; a city's name is shown on other pages."""
    if not isinstance(instance, Page):
        return
    before = instance.__dict__.pop("_search_before", None)
    written = ()
    if (created or update_fields is None) and instance.live and is_indexed_type(instance):
        dbindex.write_page(instance)  # created live, or saved as is (not through a revision)
        written = (instance.pk,)
    if created or before is None:
        enqueue([instance.pk] if created and instance.live and is_indexed_type(instance) else [], written)
        return
    ids = [instance.pk] if before["live"] != instance.live and is_indexed_type(instance) else []
    if before["url_path"] != instance.url_path:
        ids += subtree(instance)
    if isinstance(instance, CityPage) and (before["title"], before["live"]) != (instance.title, instance.live):
        ids += pages_showing_city(instance)
    enqueue(ids, written)


def city_deleting(sender, instance, **kwargs):
    enqueue(pages_showing_city(instance))


def _restricted_pages(restrictions) -> list[int]:
    ids = []
    for page in Page.objects.filter(pk__in=[r.page_id for r in restrictions]):
        ids += subtree(page)
    return ids


def _restricted_documents(restrictions) -> list[int]:
    collections = Collection.objects.filter(pk__in=[r.collection_id for r in restrictions])
    documents = get_document_model().objects.none()
    for collection in collections:
        documents |= get_document_model().objects.filter(collection__path__startswith=collection.path)
    return pages_using_documents(documents.values_list("pk", flat=True))


def page_restriction_changed(sender, instance, **kwargs):
    enqueue(_restricted_pages([instance]))


def collection_restriction_changed(sender, instance, **kwargs):
    enqueue(_restricted_documents([instance]))


def _changed_restrictions(model, instance, action, pk_set):
    """The restrictions whose groups an m2m_changed signal reports changed."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return []
    if isinstance(instance, model):
        return [instance]
    return list(model.objects.filter(pk__in=pk_set or ()))  # from the group's side


def page_restriction_groups_changed(sender, instance, action, pk_set=None, **kwargs):
    enqueue(_restricted_pages(_changed_restrictions(PageViewRestriction, instance, action, pk_set)))


def collection_restriction_groups_changed(sender, instance, action, pk_set=None, **kwargs):
    restrictions = _changed_restrictions(CollectionViewRestriction, instance, action, pk_set)
    enqueue(_restricted_documents(restrictions))


def document_changed(sender, instance, **kwargs):
    enqueue(pages_using_documents([instance.pk]))


def theme_saved(sender, instance, created, **kwargs):
    if not created:
        themed = (model.objects.filter(themes=instance) for model in (PracticePage, ResearchPage, EventPage))
        enqueue(pk for pages in themed for pk in pages.values_list("pk", flat=True))
