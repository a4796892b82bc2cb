"""EventIndexPage and EventPage: tree rules, the admin form, reading."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from resources.models import EventIndexPage, EventOutput, EventPage
from tests.admin_forms import add_url, assert_permission_denied, edit_url, event_form, index_form
from tests.conftest import make_practice, restrict_to_members
from tests.factories import EventPageFactory


class TestWhereItLives:
    def test_events_live_under_the_events_index_only(self, site_tree, stockholm):
        assert EventPage.can_create_at(site_tree["events"])
        for wrong in (site_tree["home"], site_tree["cities"], site_tree["research"], stockholm):
            assert not EventPage.can_create_at(wrong), wrong

    def test_one_events_index_under_home(self, site_tree):
        assert EventIndexPage.parent_page_types == ["home.HomePage"]
        assert not EventIndexPage.can_create_at(site_tree["home"]), "max_count is 1 and one exists"
        assert not EventIndexPage.can_exist_under(site_tree["research"])

    def test_secretariat_creates_the_events_index_when_missing(self, secretariat_client, site_tree):
        site_tree["events"].delete()
        response = secretariat_client.post(add_url(EventIndexPage, site_tree["home"]), index_form("Events", "e"))
        assert response.status_code == 302
        assert EventIndexPage.objects.child_of(site_tree["home"]).live().count() == 1

    @pytest.mark.parametrize("wrong", ["cities", "research", "home"])
    def test_admin_refuses_an_event_under_a_wrong_parent(self, secretariat_client, site_tree, wrong):
        url = add_url(EventPage, site_tree[wrong])
        before = Page.objects.count()
        assert_permission_denied(secretariat_client.get(url))
        assert_permission_denied(secretariat_client.post(url, event_form()))
        assert Page.objects.count() == before


class TestAdminForm:
    def test_secretariat_creates_and_publishes_an_event(self, secretariat_client, site_tree, stockholm):
        data = event_form(host_city=str(stockholm.pk))
        response = secretariat_client.post(add_url(EventPage, site_tree["events"]), data)
        assert response.status_code == 302
        event = EventPage.objects.get(slug="annual-meeting-2031")
        assert event.live
        assert event.host_city.specific == stockholm
        assert timezone.localtime(event.start) == timezone.make_aware(datetime.datetime(2031, 5, 12, 9, 0))

    @pytest.mark.parametrize("end", ["2031-05-11 17:00", "2031-05-12 09:00"])
    def test_ending_before_it_starts_is_refused_with_a_clear_error(self, secretariat_client, site_tree, end):
        data = event_form(start="2031-05-12 09:00", end=end)
        response = secretariat_client.post(add_url(EventPage, site_tree["events"]), data)
        assert response.status_code == 200
        assert "The event must end after it starts." in response.content.decode()
        assert response.context["form"].errors["end"]
        assert not EventPage.objects.exists()

    def test_online_event_needs_a_link(self, secretariat_client, site_tree):
        data = event_form(format="online", venue="", online_link="")
        response = secretariat_client.post(add_url(EventPage, site_tree["events"]), data)
        assert response.status_code == 200
        assert "Online and hybrid events need a link to join." in response.content.decode()
        assert not EventPage.objects.exists()

    def test_editing_the_end_before_the_start_changes_nothing(self, secretariat_client, site_tree):
        event = EventPageFactory(parent=site_tree["events"], title="Workshop")
        original_end = event.end
        data = event_form(title="Workshop", slug=event.slug, start="2031-05-12 09:00", end="2031-05-01 09:00")
        response = secretariat_client.post(edit_url(event), data)
        assert response.status_code == 200
        assert "The event must end after it starts." in response.content.decode()
        event.refresh_from_db()
        assert event.end == original_end


class TestReading:
    def test_event_page_shows_its_key_fields(self, client, site_tree, stockholm):
        practice = make_practice(stockholm, "Presented practice", "presented")
        start = timezone.make_aware(datetime.datetime(2031, 5, 12, 9, 0))
        event = EventPageFactory(
            parent=site_tree["events"],
            title="Annual meeting",
            summary="The cities meet to share a year of practice.",
            start=start,
            end=start + datetime.timedelta(hours=7),
            venue="City Hall, Stockholm",
            organiser="CTPN secretariat",
            host_city=stockholm,
        )
        EventOutput.objects.create(event=event, resource=practice, sort_order=0)
        response = client.get(event.url)
        assert response.status_code == 200
        html = response.content.decode()
        for text in (
            "Annual meeting",
            "The cities meet to share a year of practice.",
            "City Hall, Stockholm",
            "CTPN secretariat",
            "Stockholm",
            "12 May 2031",
            "Presented practice",
        ):
            assert text in html, text

    def test_members_only_output_is_hidden_from_the_public(self, client, member, site_tree, stockholm):
        event = EventPageFactory(parent=site_tree["events"], title="Workshop")
        hidden = make_practice(stockholm, "Closed practice", "closed")
        restrict_to_members(hidden)
        EventOutput.objects.create(event=event, resource=hidden, sort_order=0)
        assert "Closed practice" not in client.get(event.url).content.decode()
        client.force_login(member)
        assert "Closed practice" in client.get(event.url).content.decode()

    def test_events_index_lists_upcoming_events(self, client, site_tree):
        EventPageFactory(parent=site_tree["events"], title="Next workshop")
        past_start = timezone.now() - datetime.timedelta(days=60)
        EventPageFactory(
            parent=site_tree["events"], title="Old workshop", start=past_start, end=past_start + datetime.timedelta(1)
        )
        response = client.get(site_tree["events"].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Next workshop" in html
        assert "Old workshop" not in html
        past_html = client.get(site_tree["events"].url, {"when": "past"}).content.decode()
        assert "Old workshop" in past_html
        assert "Next workshop" not in past_html
