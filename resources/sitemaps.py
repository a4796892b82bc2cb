"""sitemap.xml (every live page an anonymous visitor may read, with its last change) and robots.txt."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap

from portal.access import public_pages


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap, narrowed by ``portal.access`` rather than ``.public()``
    so that the sitemap agrees with every other surface on who may see what."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = public_pages(root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()


@require_GET
def robots_txt(request):
    """robots.txt: crawl everything public, never the admin, accounts or suggestions."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
