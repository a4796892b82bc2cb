import hashlib

from django.http.request import split_domain_port
from wagtail.models import Page, Site

from home.navigation import configured_links, current_marker
from portal.access import is_network_member, remember_for, visible_pages
from portal.page_cache import remember


def find_site(request):
    """``Site.find_for_request``, kept with the page cache per host and port.

    Every page asks it (menu, footer, page URLs); only a change to the sites, which bumps
    the generation, alters the answer. Wagtail reuses it for the rest of the request.
    """
    if not hasattr(request, "_wagtail_site"):
        address = f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"
        key = "site-for-host:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
        request._wagtail_site = remember(key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def section_items(request, site) -> list[dict]:
    """The home page's sections in the menu, as {page, label, url, current}."""

    def read_sections():
        pages = visible_pages(Page.objects.child_of(site.root_page).in_menu(), request.user).order_by("path")
        return [(page, page.get_url(request)) for page in pages]

    sections = remember_for(request.user, f"menu-sections:{site.pk}", read_sections)
    return [
        {"page": page, "label": page.title, "url": url, "current": current_marker(request, url)}
        for page, url in sections
    ]


# Longer addresses are not echoed back in the header's links and forms: a
# return to the bare path is enough, and junk query strings stay out of pages.
RETURN_PATH_MAX = 500


def return_path(request) -> str:
    """Where the sign-in link and the language switcher bring the reader back to."""
    full = request.get_full_path()
    return full if len(full) <= RETURN_PATH_MAX else request.path


def navigation(request):
    """The site's navigation.

    ``nav_items`` are the home page's sections; ``menu_items`` what the main
    navigation shows: the links set in Wagtail settings, or the sections when
    none are set. ``current`` is the aria-current value: "page" on the link's
    own page, "true" anywhere beneath it.
    """
    site = find_site(request)
    context = {"return_path": return_path(request)}
    if site is None:
        empty = {"nav_items": [], "menu_items": [], "footer_links": [], "site_root": None}
        return context | empty | {"show_expert_directory": False}
    sections = section_items(request, site)
    main_links, footer_links = configured_links(request, site)
    return context | {
        "nav_items": sections,
        "menu_items": main_links or sections,
        "footer_links": footer_links,
        "site_root": site.root_page,
        "show_expert_directory": is_network_member(request.user),
    }
