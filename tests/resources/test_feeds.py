"""RSS and Atom feeds: public items only (whoever asks), newest first, per city and
theme, 404 for unknown or non-public scopes, escaped titles, no 500 on junk."""

import datetime
import xml.etree.ElementTree as ET  # noqa: N817

import pytest
from django.utils import timezone
from django.utils.html import escape

from resources.feeds import FEED_LENGTH
from tests.conftest import make_city, restrict_to_members
from tests.factories import EventPageFactory, PracticePageFactory, ResearchPageFactory

FEEDS = ["/feeds/latest.rss", "/feeds/latest.atom"]
HOSTILE_TITLE = '</script><script>alert("x")</script> & <b>bold</b>'


@pytest.fixture
def catalogue(site_tree, stockholm, barcelona, theme):
    """Public items in Stockholm and Barcelona, and members-only ones hidden four ways."""
    oslo = make_city(site_tree["cities"], "Oslo", "oslo", country="NO")
    restrict_to_members(oslo)
    moved = PracticePageFactory(parent=barcelona, title="Moved behind the members wall")
    moved.move(oslo, pos="last-child")
    restrict_to_members(PracticePageFactory(parent=stockholm, title="Closed Stockholm practice", themes=[theme]))
    pages = {
        "practice": PracticePageFactory(parent=stockholm, title="Stockholm drill", themes=[theme]),
        "research": ResearchPageFactory(parent=site_tree["research"], title="Stockholm study", cities=[stockholm]),
        "event": EventPageFactory(parent=site_tree["events"], title="Barcelona workshop", host_city=barcelona),
        "child": PracticePageFactory(parent=oslo, title="Public child of a closed city"),
    }
    restrict_to_members(
        EventPageFactory(parent=site_tree["events"], title="Closed Barcelona meeting", host_city=barcelona)
    )
    return pages


def titles(response) -> list[str]:
    """Item titles of an RSS or Atom response, in feed order."""
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    rss_titles = [t.text for t in root.iterfind("./channel/item/title")]
    atom = "{http://www.w3.org/2005/Atom}"
    return rss_titles or [t.text for t in root.iterfind(f"./{atom}entry/{atom}title")]


CLOSED = ["Closed Stockholm practice", "Closed Barcelona meeting", "Public child of a closed city"]


@pytest.mark.parametrize("url", FEEDS)
def test_latest_feed_lists_public_items_only(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 200
    listed = titles(response)
    assert {"Stockholm drill", "Stockholm study", "Barcelona workshop"} <= set(listed)
    for closed in [*CLOSED, "Moved behind the members wall"]:
        assert closed not in listed
        assert closed not in response.content.decode()


@pytest.mark.parametrize("url", FEEDS)
def test_a_member_gets_the_same_public_feed(member_client, catalogue, url):
    assert not set(CLOSED) & set(titles(member_client.get(url)))


def test_newest_first_by_first_publication(client, catalogue):
    now = timezone.now()
    for age, key in enumerate(["research", "event", "practice"]):
        page = catalogue[key]
        type(page).objects.filter(pk=page.pk).update(first_published_at=now - datetime.timedelta(days=age))
    assert titles(client.get("/feeds/latest.rss")) == ["Stockholm study", "Barcelona workshop", "Stockholm drill"]


def test_feed_stops_at_thirty_items(client, stockholm):
    for number in range(FEED_LENGTH + 2):
        PracticePageFactory(parent=stockholm, title=f"Practice number {number}")
    listed = titles(client.get("/feeds/latest.atom"))
    assert len(listed) == FEED_LENGTH
    assert "Practice number 0" not in listed


@pytest.mark.parametrize("ext", ["rss", "atom"])
def test_city_feed_has_the_citys_practices_research_and_events(client, catalogue, ext):
    assert set(titles(client.get(f"/feeds/city/stockholm.{ext}"))) == {"Stockholm drill", "Stockholm study"}
    assert titles(client.get(f"/feeds/city/barcelona.{ext}")) == ["Barcelona workshop"]


@pytest.mark.parametrize("ext", ["rss", "atom"])
def test_theme_feed_has_only_public_items_on_the_theme(client, catalogue, ext):
    assert titles(client.get(f"/feeds/theme/victim-support.{ext}")) == ["Stockholm drill"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/city/nowhere.rss",
        "/feeds/city/oslo.rss",  # exists, but members only
        "/feeds/city/oslo.atom",
        "/feeds/theme/no-such-theme.atom",
        "/feeds/city/.rss",
        "/feeds/city/%3Cscript%3E.rss",
        "/feeds/city/..%2F..%2Fetc.rss",
        "/feeds/stockholm.rss",
        "/feeds/latest.xml",
    ],
)
def test_unknown_or_closed_scopes_are_404(client, site_tree, url):
    restrict_to_members(make_city(site_tree["cities"], "Oslo", "oslo", country="NO"))
    assert client.get(url).status_code == 404


JUNK_QUERIES = ["?page=-1", "?city=%00", "?q=" + "x" * 5000, "?format=json&limit=999999", "?%ff%fe=%ff"]


def test_junk_query_parameters_are_ignored(client, catalogue):
    for query in JUNK_QUERIES:
        response = client.get("/feeds/theme/victim-support.atom" + query)
        assert response.status_code == 200, query
        assert titles(response) == ["Stockholm drill"], query


@pytest.mark.parametrize("url", [*FEEDS, "/feeds/city/stockholm.rss"])
def test_hostile_title_is_escaped(client, stockholm, url):
    PracticePageFactory(parent=stockholm, title=HOSTILE_TITLE, summary="<img src=x onerror=alert(1)>")
    response = client.get(url)
    body = response.content.decode()
    assert "<script>" not in body and "</script>" not in body
    assert "<img" not in body and "<b>" not in body
    # RSS readers show titles as HTML, Atom ones as text: either way the literal text shows.
    assert titles(response) == [HOSTILE_TITLE if url.endswith(".atom") else escape(HOSTILE_TITLE)]


def test_items_link_to_the_page(client, catalogue):
    body = client.get("/feeds/latest.rss").content.decode()
    assert catalogue["practice"].full_url in body


def test_feed_queries_do_not_grow_with_items(client, stockholm, theme, django_assert_max_num_queries):
    for number in range(12):
        PracticePageFactory(parent=stockholm, title=f"Practice {number}", themes=[theme])
    with django_assert_max_num_queries(12):
        response = client.get("/feeds/latest.rss")
    assert response.content.decode().count("<category>Victim support</category>") == 12
