"""iCalendar: the writer (escaping, folding) and each event's .ics download."""

import datetime

import pytest
from django.utils import timezone

from resources import ical
from tests.conftest import restrict_to_members
from tests.factories import EventPageFactory

TRICKY_TITLE = "Stockholm, Malmö; Göteborg\nsecond line \\ backslash"


def _unfold(body: str) -> list[str]:
    """Content lines as a calendar app reads them (RFC 5545 3.1 unfolding)."""
    return body.replace("\r\n ", "").split("\r\n")


def _property(body: str, name: str) -> str:
    values = [line.split(":", 1)[1] for line in _unfold(body) if line.split(":", 1)[0] == name]
    assert len(values) == 1, (name, values)
    return values[0]


def _ics_url(page):
    return f"/events/{page.pk}.ics"


@pytest.fixture
def tricky_event(site_tree):
    start = timezone.make_aware(datetime.datetime(2031, 3, 4, 9, 30))
    return EventPageFactory(
        parent=site_tree["events"],
        title=TRICKY_TITLE,
        slug="tricky",
        summary="Läget; risker, och åtgärder.\r\nMer text.",
        venue="Stadshuset, Hantverkargatan 1",
        start=start,
        end=start + datetime.timedelta(hours=3),
    )


class TestWriter:
    def test_text_escaping(self):
        assert ical.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"

    def test_long_lines_fold_at_75_octets_without_splitting_characters(self):
        line = "SUMMARY:" + "Malmö " * 40
        folded = ical.fold(line)
        physical = folded.split("\r\n")
        assert len(physical) > 1
        assert all(len(part.encode("utf-8")) <= 75 for part in physical)
        assert all(part.startswith(" ") for part in physical[1:])
        assert folded.replace("\r\n ", "") == line  # every character survives, none cut in half

    def test_short_lines_are_left_alone(self):
        assert ical.fold("VERSION:2.0") == "VERSION:2.0"


class TestEventFile:
    def test_download_has_the_event_fields_escaped(self, client, tricky_event):
        response = client.get(_ics_url(tricky_event))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert 'filename="tricky.ics"' in response["Content-Disposition"]
        body = response.content.decode("utf-8")
        assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert body.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
        assert all(len(line.encode("utf-8")) <= 75 for line in body.split("\r\n"))
        assert _property(body, "SUMMARY") == "Stockholm\\, Malmö\\; Göteborg\\nsecond line \\\\ backslash"
        assert _property(body, "DESCRIPTION") == "Läget\\; risker\\, och åtgärder.\\nMer text."
        assert _property(body, "LOCATION") == "Stadshuset\\, Hantverkargatan 1"
        # 09:30 in Stockholm in March (CET, UTC+1) is 08:30 UTC.
        assert _property(body, "DTSTART") == "20310304T083000Z"
        assert _property(body, "DTEND") == "20310304T113000Z"
        assert _property(body, "URL") == f"http://localhost{tricky_event.url}"
        assert _property(body, "DTSTAMP").endswith("Z")

    def test_uid_stays_the_same_when_the_event_changes(self, client, tricky_event):
        before = _property(client.get(_ics_url(tricky_event)).content.decode(), "UID")
        tricky_event.title = "Renamed"
        tricky_event.slug = "renamed"
        tricky_event.save_revision().publish()
        after = _property(client.get(_ics_url(tricky_event)).content.decode(), "UID")
        assert before == after == f"event-{tricky_event.pk}@ctpn-knowledge-exchange"

    def test_online_event_location_is_the_join_link(self, client, site_tree):
        event = EventPageFactory(
            parent=site_tree["events"], format="online", online_link="https://meet.example.org/ctpn"
        )
        body = client.get(_ics_url(event)).content.decode()
        assert _property(body, "LOCATION") == "https://meet.example.org/ctpn"

    def test_event_page_links_to_its_file_and_shows_the_time_zone(self, client, tricky_event):
        html = client.get(tricky_event.url).content.decode()
        assert f'href="{_ics_url(tricky_event)}"' in html
        assert "Europe/Stockholm" in html

    @pytest.mark.parametrize("path", ["/events/999999.ics", "/events/abc.ics", "/events/-1.ics"])
    def test_unknown_events_are_404(self, client, site_tree, path):
        assert client.get(path).status_code == 404

    def test_draft_event_is_404(self, client, site_tree):
        event = EventPageFactory(parent=site_tree["events"], live=False)
        assert client.get(_ics_url(event)).status_code == 404


class TestMembersOnlyEventFile:
    @pytest.fixture
    def closed_event(self, site_tree):
        event = EventPageFactory(parent=site_tree["events"], title="Closed tabletop exercise")
        restrict_to_members(event)
        return event

    def test_anonymous_is_sent_to_sign_in(self, client, closed_event):
        response = client.get(_ics_url(closed_event))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert b"Closed tabletop" not in response.content

    def test_outsider_is_refused(self, client, outsider, closed_event):
        client.force_login(outsider)
        response = client.get(_ics_url(closed_event))
        assert response.status_code == 403
        assert b"Closed tabletop" not in response.content

    def test_member_gets_it_never_cached_for_others(self, member_client, closed_event):
        response = member_client.get(_ics_url(closed_event))
        assert response.status_code == 200
        assert "SUMMARY:Closed tabletop exercise" in response.content.decode()
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
