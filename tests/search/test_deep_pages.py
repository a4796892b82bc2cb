"""Deep pages on Elasticsearch: a page reached by "Next" starts where the previous one ended
(search_after), so it costs what the first page does, and shows what a typed page number shows.
Whatever cursor anyone types, the page answers with hits the reader may see."""

import base64
import json
import re
from html import unescape

import pytest

from search import es
from tests.conftest import make_practice, restrict_to_members
from tests.search.helpers import hit_titles


@pytest.fixture
def harbours(elasticsearch, stockholm):
    """25 findable practices (three pages of ten) and one for members only."""
    pages = [
        make_practice(stockholm, f"Harbour drill {n:02}", f"harbour-{n}", summary="Harbour " * (1 + n % 4))
        for n in range(25)
    ]
    hidden = make_practice(stockholm, "Harbour vault", "harbour-vault", summary="Harbour vault.")
    restrict_to_members(hidden)
    elasticsearch.add(*pages, hidden)
    return pages


def next_link(response) -> str | None:
    found = re.search(r'<a href="([^"]*)" rel="next"', response.content.decode())
    return unescape(found[1]) if found else None


def encoded(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_next_pages_start_after_the_previous_one_and_match_typed_page_numbers(client, harbours, sort):
    seen, url = [], f"/search/?q=harbour&sort={sort}"
    for number in (1, 2, 3):
        response = client.get(url)
        assert response.context["results"].page == number
        typed = client.get("/search/", {"q": "harbour", "sort": sort, "page": number})
        assert hit_titles(response) == hit_titles(typed)
        seen += hit_titles(response)
        url = "/search/" + (next_link(response) or "")
        assert ("after=" in url) == (number < 3)  # the last page has no "Next"
    assert sorted(seen) == sorted(page.title for page in harbours)


def test_a_page_reached_by_next_is_one_request(client, harbours, requests_sent):
    link = next_link(client.get("/search/", {"q": "harbour"}))
    requests_sent.clear()
    response = client.get(f"/search/{link}")
    assert len(hit_titles(response)) == 10
    assert requests_sent == [("POST", f"/{es.alias()}/_search")]


def test_a_members_cursor_shows_a_visitor_only_public_hits(client, django_user_model, harbours):
    member = django_user_model.objects.create_user("m", "m@example.org", "pw")
    from portal.access import network_members_group

    member.groups.add(network_members_group())
    client.force_login(member)
    link = next_link(client.get("/search/", {"q": "harbour"}))
    client.logout()
    response = client.get(f"/search/{link}")
    assert response.context["results"].total == 25
    assert "Harbour vault" not in response.content.decode()


HOSTILE_CURSORS = [
    "!!!",
    "x" * 5000,
    "%00",
    "<script>alert(1)</script>",
    encoded([1.0, 1, "x"]),  # too few values
    encoded([1.0, 1, "x", 1, 2]),
    encoded({"score": 1}),
    encoded([True, 1, "x", 1]),
    encoded(["1", 1, "x", 1]),
    encoded([1e999, 1, "x", 1]),  # infinity
    encoded([1.0, 10**30, "x", 1]),  # beyond a long
    encoded([1.0, 1.5, "x", 1]),
    encoded([1.0, 1, None, 1]),
    base64.urlsafe_b64encode(b'[NaN, 1, "x", 1]').decode(),
    base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(),
    encoded([1, "x", 1]),  # a date-sorted page's cursor, on a relevance page
]


def test_a_hostile_cursor_is_ignored(client, harbours, requests_sent, subtests):
    typed = hit_titles(client.get("/search/", {"q": "harbour", "page": 2}))
    for cursor in HOSTILE_CURSORS:
        with subtests.test(cursor=cursor[:40]):
            response = client.get("/search/", {"q": "harbour", "page": 2, "after": cursor})
            assert response.status_code == 200
            assert hit_titles(response) == typed
            assert b"<script>alert" not in response.content


def test_a_cursor_past_the_end_gives_the_page_asked_for(client, harbours, requests_sent):
    typed = hit_titles(client.get("/search/", {"q": "harbour", "page": 2}))
    requests_sent.clear()
    response = client.get("/search/", {"q": "harbour", "page": 2, "after": encoded([-1.0, 0, "", 0])})
    assert hit_titles(response) == typed
    assert len(requests_sent) == 2  # the cursor found nothing: the page is counted from the first


def test_a_cursor_with_a_page_past_the_last_gives_the_last_page(client, harbours):
    link = next_link(client.get("/search/", {"q": "harbour"}))
    response = client.get("/search/" + link.replace("page=2", "page=99"))
    assert response.context["results"].page == 3
    assert len(hit_titles(response)) == 5
