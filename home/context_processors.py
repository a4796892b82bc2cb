from wagtail.models import Page, Site

from portal.access import visible_pages


def navigation(request):
    """The top-level sections of the site for the main navigation."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": [], "site_root": None}
    root = site.root_page
    pages = visible_pages(Page.objects.child_of(root).in_menu(), request.user).order_by("path")
    return {"nav_pages": pages, "site_root": root}
