"""Feeds, sitemap.xml and robots.txt: how readers and crawlers find public content."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from resources.feeds import LatestResourcesAtomFeed, LatestResourcesFeed
from resources.sitemaps import PublicPagesSitemap, robots_txt

rss, atom = LatestResourcesFeed(), LatestResourcesAtomFeed()

urlpatterns = [
    path("feeds/latest.rss", rss, name="feed_latest_rss"),
    path("feeds/latest.atom", atom, name="feed_latest_atom"),
    path("feeds/city/<slug:slug>.rss", rss, {"kind": "city"}, name="feed_city_rss"),
    path("feeds/city/<slug:slug>.atom", atom, {"kind": "city"}, name="feed_city_atom"),
    path("feeds/theme/<slug:slug>.rss", rss, {"kind": "theme"}, name="feed_theme_rss"),
    path("feeds/theme/<slug:slug>.atom", atom, {"kind": "theme"}, name="feed_theme_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicPagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
