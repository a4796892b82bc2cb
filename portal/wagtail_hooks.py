"""Page and document serving ask the access helper, like every other surface."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from portal.access import user_can_view_document, user_can_view_page


def _deny(request):
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path())


@hooks.register("before_serve_page")
def check_page_audience(page, request, serve_args, serve_kwargs):
    if not user_can_view_page(request.user, page):
        return _deny(request)
    return None


@hooks.register("before_serve_document")
def check_document_audience(document, request):
    if not user_can_view_document(request.user, document):
        return _deny(request)
    return None
