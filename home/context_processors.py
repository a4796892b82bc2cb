from wagtail.models import Page, Site

from portal.access import is_network_member, visible_pages


def navigation(request):
    """The top-level sections for the main navigation, the current one marked.

    ``current`` is the aria-current value: "page" on the section itself,
    "true" anywhere beneath it.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_items": [], "site_root": None, "show_expert_directory": False}
    pages = visible_pages(Page.objects.child_of(site.root_page).in_menu(), request.user).order_by("path")
    items = []
    for page in pages:
        url = page.get_url(request)
        current = "page" if request.path == url else ("true" if url and request.path.startswith(url) else "")
        items.append({"page": page, "url": url, "current": current})
    return {
        "nav_items": items,
        "site_root": site.root_page,
        "show_expert_directory": is_network_member(request.user),
    }
