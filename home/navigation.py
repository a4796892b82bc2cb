"""The navigation editors set in Wagtail settings, narrowed to what the reader may open."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from home.models import FooterLink, MainNavigationLink, NavigationSettings
from portal.access import visible_pages

# One key for every site's links, so that any change to any of them simply drops it.
CACHE_KEY = "home:navigation-links"


@dataclass(frozen=True)
class Link:
    """One configured link as stored in the cache: plain values, no model instance."""

    label: str
    link_page_id: int | None
    link_url: str


def current_marker(request, url: str) -> str:
    """The aria-current value for a link: "page" on it, "true" beneath it, "" elsewhere."""
    if not url or url.startswith(("http://", "https://")):
        return ""
    if request.path == url:
        return "page"
    return "true" if url != "/" and request.path.startswith(url) else ""


def resolve_links(request, links) -> list[dict]:
    """Each link as {label, url, current}; links to pages the reader may not see are left out.

    One query whatever the number of links: the pages the reader may see.
    """
    links = list(links)
    page_ids = [link.link_page_id for link in links if link.link_page_id]
    pages = Page.objects.filter(pk__in=page_ids)
    visible = {page.pk: page for page in visible_pages(pages, request.user)} if page_ids else {}
    items = []
    for link in links:
        if link.link_page_id:
            page = visible.get(link.link_page_id)
            url = page.get_url(request) if page else None
        else:
            url = link.link_url
        if url:
            items.append({"label": link.label, "url": url, "current": current_marker(request, url)})
    return items


def stored_links(site) -> tuple[list[Link], list[Link]]:
    """The main and footer links set for ``site``, from the cache.

    The navigation is on every page; caching the rows (not who may see them)
    keeps it from adding queries to each request. Saving or deleting a link clears it.
    """
    by_site = cache.get(CACHE_KEY, {})
    if site.pk not in by_site:
        by_site[site.pk] = tuple(
            [Link(link.label, link.link_page_id, link.link_url) for link in model.objects.filter(setting__site=site)]
            for model in (MainNavigationLink, FooterLink)
        )
        cache.set(CACHE_KEY, by_site, None)
    return by_site[site.pk]


def configured_links(request, site) -> tuple[list[dict], list[dict]]:
    """The main and footer links set for ``site`` that the reader may open; empty when none are set."""
    main, footer = stored_links(site)
    return resolve_links(request, main), resolve_links(request, footer)


@receiver([post_save, post_delete], sender=NavigationSettings)
@receiver([post_save, post_delete], sender=MainNavigationLink)
@receiver([post_save, post_delete], sender=FooterLink)
def forget_links(**kwargs):
    cache.delete(CACHE_KEY)
