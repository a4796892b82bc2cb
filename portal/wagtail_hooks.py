"""Page and document serving, and the admin's page chooser, ask the access helper, like every other surface."""

from wagtail import hooks

from portal.access import choosable_pages, refuse, user_can_view_document, user_can_view_page
from portal.documents import ReaderSafeDocumentLinkHandler


@hooks.register("before_serve_page")
def check_page_audience(page, request, serve_args, serve_kwargs):
    if not user_can_view_page(request.user, page):
        return refuse(request)
    return None


@hooks.register("before_serve_document")
def check_document_audience(document, request):
    if not user_can_view_document(request.user, document):
        return refuse(request)
    return None


@hooks.register("construct_page_chooser_queryset")
def choose_only_readable_pages(pages, request):
    return choosable_pages(pages, request.user)


# After Wagtail's own registration (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=100)
def document_links_naming_no_hidden_file(features):
    features.register_link_type(ReaderSafeDocumentLinkHandler)
