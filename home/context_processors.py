from wagtail.models import Page, Site

from home.navigation import configured_links, current_marker
from portal.access import is_network_member, remember_for, visible_pages


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
    site = Site.find_for_request(request)
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
