"""The read-only public API: Wagtail API v2 under /api/v2/ (pages, documents, images).

The API is the same for every caller. It authenticates nobody and filters as
for an anonymous visitor, so a signed-in member gets only public content too:
responses may be cached by proxies and are scraped by other sites, and a
session cookie must never widen what such a copy holds. Members read
members-only content on the site itself.

What is public is asked of ``portal.access`` (the one access helper):

- pages: live, and neither they nor any ancestor carry a view restriction;
- documents: in a collection that neither it nor any ancestor restricts;
- images: the same collection rule as documents. Images are not tied to the
  pages that use them, so an image in a public collection is listed even when
  only members-only pages show it; editors keep private pictures in a
  restricted collection (for example a city's "members only" collection).

Answers are JSON with ``<``, ``>`` and ``&`` escaped (as ``portal.json`` does): an
error repeats the names of unknown parameters, and none of them may come back as markup.

``limit`` (at most WAGTAILAPI_LIMIT_MAX) and ``offset`` (at most
WAGTAILAPI_OFFSET_MAX) are checked here: anything else is a 400 with a JSON
``message``, never a 500.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.cache import patch_cache_control
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from portal.access import note_public, public_documents, public_pages

DEFAULT_LIMIT = 20
CACHE_SECONDS = 60


def bounded_int(request, name: str, default: int, maximum: int) -> int:
    """A query parameter as a whole number from 0 to ``maximum``, else a 400."""
    raw = request.GET.get(name)
    if raw is None:
        return default
    # isdecimal() refuses "-1", "1e9", " 3" and "1.5"; the length check keeps
    # int() away from huge strings before the maximum is compared.
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > len(str(maximum)) or int(raw) > maximum:
        raise BadRequestError(f"{name} must be a whole number from 0 to {maximum}")
    return int(raw)


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination with both values bounded."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        limit = bounded_int(request, "limit", min(DEFAULT_LIMIT, limit_max), limit_max)
        offset = bounded_int(request, "offset", 0, settings.WAGTAILAPI_OFFSET_MAX)
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


class SafeFieldsFilter(FieldsFilter):
    """Field filters (``?language=sv``) where a value of the wrong type is a 400."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError("field filter error: a value does not fit its field") from error


class SafeSearchFilter(SearchFilter):
    """Search where an unknown ``search_operator`` is a 400 (Wagtail lets it through as a 500)."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().filter_queryset(request, queryset, view)


SAFE_FILTERS = {FieldsFilter: SafeFieldsFilter, SearchFilter: SafeSearchFilter}


def _safe_filters(backends):
    return [SAFE_FILTERS.get(backend, backend) for backend in backends]


def api_relations(model) -> tuple[list[str], list[str]]:
    """The model's API fields that are relations: (to select_related, to prefetch_related)."""
    select, prefetch = [], []
    for api_field in getattr(model, "api_fields", []):
        try:
            field = model._meta.get_field(api_field.name)
        except FieldDoesNotExist:
            continue  # a method or property
        if field.many_to_one or field.one_to_one:
            select.append(field.name)
        elif field.many_to_many or field.one_to_many:
            prefetch.append(field.name)
    return select, prefetch


def attach_parents(pages) -> None:
    """Give each page its parent (``get_parent()``, as the ``city`` API field reads it) from one query."""
    paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths)}
    for page in pages:
        parent = parents.get(page.path[: -page.steplen])
        if parent is not None:
            # treebeard's get_parent() returns this cached object rather than querying.
            page._cached_parent_obj = parent


def related_pages(pages) -> list[Page]:
    """The pages the listed pages' API fields point at (loaded with them), and their parents:
    the public page fields show each only when it is public, which is read for all at once."""
    related, relations = [], {model: api_relations(model) for model in {type(page) for page in pages}}
    for page in pages:
        select, prefetch = relations[type(page)]
        related += [getattr(page, name, None) for name in select]
        related += [item for name in prefetch for item in getattr(page, name).all()]
        related.append(getattr(page, "_cached_parent_obj", None))
    return [item for item in related if isinstance(item, Page)]


class EscapingJSONRenderer(JSONRenderer):
    """DRF's JSON with "<", ">" and "&" written as \\u escapes (they occur only inside strings)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rendered = super().render(data, accepted_media_type, renderer_context)
        return rendered.replace(b"<", b"\\u003C").replace(b">", b"\\u003E").replace(b"&", b"\\u0026")


class PublicAPIMixin:
    """Anonymous for everyone (see the module docstring), GET only, bounded paging."""

    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = BoundedPagination
    http_method_names = ["get", "head", "options"]
    renderer_classes = [EscapingJSONRenderer, BrowsableAPIRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        # The same answer for every caller (see the module docstring): any cache may keep
        # a success for a minute; an error is not kept, so a fix shows at once.
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def find_object(self, queryset, request):
        # ?id=abc would otherwise reach the database lookup and fail as a 500.
        try:
            return super().find_object(queryset, request)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError("id must be a whole number") from error


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Live pages the public may read; also the base for ?child_of and ?descendant_of."""

    filter_backends = _safe_filters(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        """The public pages of the requested site, built once per request.

        Wagtail's own version asks each view restriction for its groups, one query
        apiece, and is called several times a request; ``public_pages`` reads them
        all at once.
        """
        if not hasattr(self, "_public_base"):
            self._public_base = public_pages(self._site_pages(), searchable=True)
        return self._public_base

    def get_queryset(self):
        # The related rows each listed page's API fields show, fetched for the whole page of results.
        queryset = super().get_queryset()
        select, prefetch = api_relations(queryset.model)
        return queryset.select_related("locale", *select).prefetch_related(*prefetch)

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        attach_parents(pages)
        note_public(related_pages(pages), self.request.user)
        return pages

    def _site_pages(self):
        # As Wagtail does: ?site= or the request's host picks the site (no i18n trees here).
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:
            return Page.objects.none()
        return Page.objects.descendant_of(site.root_page, inclusive=True)


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    """Documents in public collections; a private one's download_url never appears."""

    filter_backends = _safe_filters(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return public_documents(self.model.objects.order_by("id"))


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    """Images in public collections (the documents' rule, see the module docstring)."""

    filter_backends = _safe_filters(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        # public_documents narrows any queryset with a ``collection`` by collection privacy.
        return public_documents(self.model.objects.order_by("id"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
