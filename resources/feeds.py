"""RSS 2.0 and Atom feeds of the latest public resources: all, per city, per theme.

Feed readers fetch without cookies and cache what they get, so a feed lists only
what an anonymous visitor may read, whoever asks (``portal.access``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F, Q, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from wagtail.models import Page

from portal.access import public_pages
from resources.models import CityPage, EventPage, PracticePage, ResearchPage, Theme

FEED_LENGTH = 30
SITE_NAME = "CTPN Knowledge Exchange"


@dataclass
class FeedScope:
    """What a feed covers: everything, one city or one theme."""

    request: HttpRequest
    title: str
    city: CityPage | None = None
    theme: Theme | None = None


def public_city(slug: str) -> CityPage:
    """The city with ``slug`` if anonymous visitors may see it; 404 otherwise."""
    city = public_pages(CityPage.objects.filter(slug=slug)).first()
    if city is None:
        raise Http404("No such city")
    return city


def _resources(scope: FeedScope) -> list[tuple[type[Page], Q]]:
    """Each resource type with the condition that ties it to the scope."""
    everything = Q()
    if scope.city is not None:
        return [
            (PracticePage, Q(path__startswith=scope.city.path, depth=scope.city.depth + 1)),
            (ResearchPage, Q(cities=scope.city)),
            (EventPage, Q(host_city=scope.city)),
        ]
    if scope.theme is not None:
        everything = Q(themes=scope.theme)
    return [(PracticePage, everything), (ResearchPage, everything), (EventPage, everything)]


def latest_public(scope: FeedScope, limit: int = FEED_LENGTH) -> list[Page]:
    """The newest public resources in ``scope``, newest first by first publication."""
    matching = Q(pk__in=[])
    for model, condition in _resources(scope):
        matching |= Q(pk__in=model.objects.filter(condition).values("pk"))
    pages = public_pages(Page.objects.filter(matching))
    # Pages made live without a publish action have no first publication date: last.
    newest_first = (F("first_published_at").desc(nulls_last=True), "-pk")
    items = list(pages.order_by(*newest_first).specific()[:limit])
    for model in {type(item) for item in items}:
        # Categories: one query per resource type rather than one per item.
        prefetch_related_objects([item for item in items if type(item) is model], "themes")
    return items


class LatestResourcesFeed(Feed):
    """RSS 2.0 feed; the scope comes from the URL (``kind`` and ``slug``)."""

    # The feed object is shared by every request: per-request state lives in the scope.
    def get_object(self, request, kind: str = "", slug: str = "") -> FeedScope:
        if kind == "city":
            city = public_city(slug)
            return FeedScope(request, f"{SITE_NAME}: {city.title}", city=city)
        if kind == "theme":
            theme = get_object_or_404(Theme, slug=slug)
            return FeedScope(request, f"{SITE_NAME}: {theme.name}", theme=theme)
        return FeedScope(request, f"{SITE_NAME}: latest")

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        if scope.city is not None:
            return scope.city.get_url(scope.request)
        if scope.theme is not None:
            return f"{reverse('search')}?theme={scope.theme.slug}"
        return "/"

    def feed_url(self, scope: FeedScope) -> str:
        return scope.request.path

    def description(self, scope: FeedScope) -> str:
        return "The latest public practices, research and events shared by the CTPN member cities."

    def items(self, scope: FeedScope) -> list[Page]:
        items = latest_public(scope)
        for item in items:
            item.feed_link = item.get_full_url(scope.request)
        return items

    # RSS readers show titles and descriptions as HTML, so the plain text is
    # escaped here as Django's default ``item_title`` does (the XML layer escapes again).
    def item_title(self, item: Page) -> str:
        return escape(item.title)

    def item_description(self, item: Page) -> str:
        return escape(getattr(item, "summary", "") or item.search_description)

    def item_link(self, item: Page) -> str:
        return item.feed_link

    def item_pubdate(self, item: Page):
        return item.first_published_at

    def item_updateddate(self, item: Page):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item: Page) -> list[str]:
        return [theme.name for theme in item.themes.all()]


class LatestResourcesAtomFeed(LatestResourcesFeed):
    """The same items as an Atom 1.0 feed."""

    feed_type = Atom1Feed

    def subtitle(self, scope: FeedScope) -> str:
        return self.description(scope)

    # An Atom <title> is plain text (RFC 4287 3.1.1): the XML escaping is all it needs.
    def item_title(self, item: Page) -> str:
        return item.title
