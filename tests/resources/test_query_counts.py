"""No N+1: every listing runs as many queries for 50 items as for 10.

Each surface is measured twice on the same database, with 10 and then 50 items of
every kind (some members-only, each with themes, authors and a host city), for an
anonymous visitor and for a member. The page cache is off, so every view is built.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resources.models import Theme
from tests.conftest import make_city, restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory

SMALL, LARGE = 10, 50


@pytest.fixture
def roomy_pages(settings):
    """Pages long enough to show 50 items, and nothing served from the page cache."""
    settings.LISTING_PAGE_SIZE = settings.LISTING_MAX_PAGE_SIZE = LARGE
    settings.SEARCH_PAGE_SIZE = settings.SEARCH_MAX_PAGE_SIZE = LARGE
    settings.WAGTAILAPI_LIMIT_MAX = LARGE
    settings.PAGE_CACHE_SECONDS = 0


def add_items(site_tree, cities, start: int, stop: int) -> None:
    """Items ``start`` to ``stop`` of each kind; every third one members-only."""
    themes = list(Theme.objects.order_by("slug")[:2])
    now = timezone.now()
    for number in range(start, stop):
        city = cities[number % len(cities)]
        pages = [
            PracticePageFactory(parent=city, title=f"Drill {number}", themes=themes),
            ResearchPageFactory(
                parent=site_tree["research"],
                title=f"Study {number}",
                themes=themes,
                cities=cities[:2],
                author_names=[("A. Author", "Uni"), ("B. Author", "")],
            ),
            EventPageFactory(parent=site_tree["events"], title=f"Meeting {number}", themes=themes, host_city=city),
            EventPageFactory(
                parent=site_tree["events"],
                title=f"Past meeting {number}",
                start=now - datetime.timedelta(days=number + 2),
                end=now - datetime.timedelta(days=number + 1),
                host_city=city,
                themes=themes,
            ),
        ]
        if number % 3 == 0:
            for page in pages:
                restrict_to_members(page)


def add_cities(site_tree, start: int, stop: int) -> list:
    return [make_city(site_tree["cities"], f"City {n}", f"city-{n}") for n in range(start, stop)]


def surfaces(site_tree, city) -> dict[str, str]:
    events = site_tree["events"].url
    return {
        "practice list": "/practices/",
        "research index": site_tree["research"].url,
        "events upcoming": events,
        "events past": f"{events}?when=past",
        "city index": site_tree["cities"].url,
        "city page": city.url,
        "home page": "/",
        "search": "/search/?q=meeting",
        "rss": "/feeds/latest.rss",
        "atom": "/feeds/latest.atom",
        "city feed": f"/feeds/city/{city.slug}.rss",
        "sitemap": "/sitemap.xml",
        "api pages": "/api/v2/pages/?limit={limit}",
        "api pages with fields": "/api/v2/pages/?limit={limit}&fields=*",
        **{
            f"api {model}": f"/api/v2/pages/?type=resources.{model}&fields=*&limit={{limit}}"
            for model in ("PracticePage", "ResearchPage", "EventPage", "CityPage")
        },
    }


def count_queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, urls: dict[str, str], limit: int) -> dict[str, int]:
    return {name: count_queries(client, url.format(limit=limit)) for name, url in urls.items()}


@pytest.mark.usefixtures("roomy_pages")
def test_fifty_items_cost_the_same_queries_as_ten(client, member, site_tree):
    cities = add_cities(site_tree, 0, SMALL)
    add_items(site_tree, cities, 0, SMALL)
    urls = surfaces(site_tree, cities[0])
    counts = {}
    for who in ("anonymous", "member"):
        if who == "member":
            client.force_login(member)
        counts[who] = measure(client, urls, SMALL)
        client.logout()

    cities += add_cities(site_tree, SMALL, LARGE)
    add_items(site_tree, cities, SMALL, LARGE)
    for who in ("anonymous", "member"):
        if who == "member":
            client.force_login(member)
        assert measure(client, urls, LARGE) == counts[who], who
        client.logout()
