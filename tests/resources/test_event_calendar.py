"""The month calendar (/events/calendar/) and the public iCalendar feed (/events/feed.ics)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import restrict_to_members
from tests.factories import EventPageFactory

CALENDAR = "/events/calendar/"


def _at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def events(site_tree):
    """March 2031: a public workshop on the 12th, a members-only exercise on the 20th,
    a two-day public conference over the month's end; a public webinar in April."""
    make = EventPageFactory
    parent = site_tree["events"]
    workshop = make(parent=parent, title="Open workshop", start=_at(2031, 3, 12), end=_at(2031, 3, 12, 16))
    closed = make(parent=parent, title="Closed exercise", start=_at(2031, 3, 20), end=_at(2031, 3, 20, 15))
    restrict_to_members(closed)
    conference = make(parent=parent, title="Spring conference", start=_at(2031, 3, 31), end=_at(2031, 4, 1, 17))
    webinar = make(parent=parent, title="April webinar", start=_at(2031, 4, 15), end=_at(2031, 4, 15, 11))
    return {"workshop": workshop, "closed": closed, "conference": conference, "webinar": webinar}


def _cell(html: str, iso_date: str) -> str:
    """The HTML of one day's cell in the grid."""
    start = html.index(f'<time datetime="{iso_date}">')
    return html[start : html.index("</td>", start)]


class TestMonthGrid:
    def test_events_are_links_in_their_day_cells(self, client, events):
        html = client.get(CALENDAR, {"month": "2031-03"}).content.decode()
        assert "Events in March 2031" in html
        assert "<table" in html and '<th scope="col"><abbr title="Monday">Mon</abbr></th>' in html
        assert f'href="{events["workshop"].url}"' in _cell(html, "2031-03-12")
        assert "Open workshop" not in _cell(html, "2031-03-13")
        # A two-day event shows on both days, even the one in the next month's spill-over row.
        assert "Spring conference" in _cell(html, "2031-03-31")
        assert "Spring conference" in _cell(html, "2031-04-01")
        assert "April webinar" not in html

    def test_members_only_events_hidden_from_anonymous_and_outsiders(self, client, outsider, events):
        assert "Closed exercise" not in client.get(CALENDAR, {"month": "2031-03"}).content.decode()
        client.force_login(outsider)
        assert "Closed exercise" not in client.get(CALENDAR, {"month": "2031-03"}).content.decode()

    def test_members_see_members_only_events(self, member_client, events):
        html = member_client.get(CALENDAR, {"month": "2031-03"}).content.decode()
        assert f'href="{events["closed"].url}"' in _cell(html, "2031-03-20")

    def test_previous_and_next_month_links(self, client, events):
        html = client.get(CALENDAR, {"month": "2031-01"}).content.decode()
        assert 'href="?month=2030-12"' in html
        assert 'href="?month=2031-02"' in html
        html = client.get(CALENDAR, {"month": "2031-04"}).content.decode()
        assert "April webinar" in html

    def test_time_zone_is_named(self, client, events):
        assert "Times in Europe/Stockholm" in client.get(CALENDAR).content.decode()

    @pytest.mark.parametrize(
        "month",
        [
            "",
            "2031-13",
            "2031-00",
            "0000-01",
            "9999-12",
            "31-03",
            "2031-3",
            "2031-03-01",
            "abc",
            "2031-03'--",
            "<script>",
            "２０３１-０３",
            "1e9-01",
            "-2031-03",
            "2031-03\x00",
        ],
    )
    def test_hostile_month_values_show_the_current_month(self, client, site_tree, month):
        response = client.get(CALENDAR, {"month": month})
        assert response.status_code == 200
        assert f"Events in {timezone.localdate():%B %Y}" in response.content.decode()

    def test_no_month_links_beyond_the_calendar_range(self, client, site_tree):
        html = client.get(CALENDAR, {"month": "2100-12"}).content.decode()
        assert "Events in December 2100" in html
        assert "?month=2101-01" not in html
        assert "?month=2100-11" in html

    def test_today_is_marked(self, client, site_tree):
        assert 'aria-current="date"' in client.get(CALENDAR).content.decode()


class TestPublicFeed:
    def test_public_feed_lists_public_events_only(self, client, events):
        response = client.get("/events/feed.ics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        body = response.content.decode()
        for title in ("Open workshop", "Spring conference", "April webinar"):
            assert f"SUMMARY:{title}" in body
        assert "Closed exercise" not in body
        assert body.count("BEGIN:VEVENT") == 3

    def test_a_members_session_does_not_add_members_only_events(self, member_client, events):
        assert "Closed exercise" not in member_client.get("/events/feed.ics").content.decode()

    def test_events_under_a_members_only_index_stay_out(self, client, site_tree, events):
        restrict_to_members(site_tree["events"])
        assert "BEGIN:VEVENT" not in client.get("/events/feed.ics").content.decode()

    def test_long_past_events_drop_out(self, client, site_tree):
        EventPageFactory(parent=site_tree["events"], title="Old meeting", start=_at(2019, 1, 1), end=_at(2019, 1, 2))
        assert "Old meeting" not in client.get("/events/feed.ics").content.decode()


class TestCost:
    def _queries(self, client, path, params=None):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, params).status_code == 200
        return len(queries)

    def test_feed_and_grid_queries_do_not_grow_with_events(self, client, site_tree, uncached):
        for day in (3, 4):
            EventPageFactory(parent=site_tree["events"], start=_at(2031, 5, day), end=_at(2031, 5, day, 12))
        # Warm the caches (site root paths, settings) as any earlier request would.
        self._queries(client, "/events/feed.ics")
        self._queries(client, CALENDAR, {"month": "2031-05"})
        feed, grid = self._queries(client, "/events/feed.ics"), self._queries(client, CALENDAR, {"month": "2031-05"})
        for day in range(5, 15):
            EventPageFactory(parent=site_tree["events"], start=_at(2031, 5, day), end=_at(2031, 5, day, 12))
        assert self._queries(client, "/events/feed.ics") == feed
        assert self._queries(client, CALENDAR, {"month": "2031-05"}) == grid


def test_only_members_are_offered_the_personal_feed(client, member_client, site_tree):
    assert "/accounts/calendar/" in member_client.get(CALENDAR).content.decode()
    member_client.logout()
    assert "/accounts/calendar/" not in client.get(CALENDAR).content.decode()


def test_feeds_answer_get_and_head_only(client, site_tree):
    assert client.head("/events/feed.ics").status_code == 200
    assert client.post("/events/feed.ics").status_code == 405
    assert client.post(CALENDAR).status_code == 405


def test_events_index_links_to_the_month_calendar_and_the_feed(client, site_tree):
    page = client.get(site_tree["events"].url).content.decode()
    assert f'href="{CALENDAR}"' in page
    assert 'href="/events/feed.ics"' in page
