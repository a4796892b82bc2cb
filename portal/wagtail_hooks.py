"""Page and document serving ask the access helper, like every other surface."""

from wagtail import hooks

from portal.access import refuse, user_can_view_document, user_can_view_page


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
