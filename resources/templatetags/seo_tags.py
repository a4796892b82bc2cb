"""``{% seo_head %}``: canonical URL, Open Graph, feed links and JSON-LD for base.html."""

from django import template
from django.conf import settings
from wagtail.models import Page, Site

from home.models import FooterSettings
from portal.access import is_public
from resources.models import CityPage, EventPage, PracticePage, ResearchPage
from resources.seo import json_ld_script, page_description, structured_data

register = template.Library()

ARTICLE_TYPES = (PracticePage, ResearchPage, EventPage)


def _site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def _page_meta(page: Page, request) -> dict:
    """Metadata of a Wagtail page; descriptions and JSON-LD for public pages only."""
    url = page.get_full_url(request)
    user = getattr(request, "user", None)
    public = is_public(page, user)
    data = structured_data(page, url, user)
    public_city = public and isinstance(page, CityPage)
    return {
        "canonical": url,
        "title": page.seo_title or page.title,
        "description": page_description(page) if public else None,
        "og_type": "article" if isinstance(page, ARTICLE_TYPES) else "website",
        "noindex": not public,
        "json_ld": json_ld_script(data) if data else "",
        "city_feed_slug": page.slug if public_city else "",
    }


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    site_name = _site_name(request)
    if isinstance(page, Page) and page.pk:
        meta = _page_meta(page, request)
    elif isinstance(page, Page):
        # The admin's preview of a page not yet saved: nothing to point at or describe.
        meta = {"canonical": "", "noindex": True}
    else:
        # A Django view (search, listings, accounts): the site describes it.
        meta = {"canonical": request.build_absolute_uri(request.path), "title": site_name, "og_type": "website"}
    if not meta.get("description") and not meta.get("noindex"):
        meta["description"] = FooterSettings.for_request(request).about
    return {**meta, "site_name": site_name}
