"""The personal calendar feed: a revocable secret URL with what its owner may see."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.choices import Role
from members.models import CalendarFeedToken
from members.roles import revoke_role
from tests.conftest import restrict_to_members
from tests.factories import EventPageFactory

PAGE = "/accounts/calendar/"


def _feed_path(token):
    return reverse("events_personal_feed", args=[token])


@pytest.fixture
def events(site_tree):
    EventPageFactory(parent=site_tree["events"], title="Open workshop")
    restrict_to_members(EventPageFactory(parent=site_tree["events"], title="Members exercise"))


def _new_feed_url(client) -> str:
    """Make a feed URL on the account page, as the member would, and read it off the page."""
    html = client.post(PAGE, {"action": "create"}).content.decode()
    start = html.index('value="http://testserver/events/feed/') + len('value="http://testserver')
    return html[start : html.index('"', start)]


class TestAccountPage:
    def test_account_menu_offers_the_feed_to_members_only(self, client, member_client, outsider):
        assert f'href="{PAGE}"' in member_client.get("/accounts/profile/").content.decode()
        client.force_login(outsider)
        assert f'href="{PAGE}"' not in client.get("/accounts/profile/").content.decode()

    def test_anonymous_and_outsiders_are_refused(self, client, outsider):
        assert "/accounts/login/" in client.get(PAGE)["Location"]
        client.force_login(outsider)
        assert client.get(PAGE).status_code == 403
        assert client.post(PAGE, {"action": "create"}).status_code == 403
        assert not CalendarFeedToken.objects.exists()

    def test_member_makes_a_feed_url_shown_once_and_stored_only_as_a_hash(self, member_client, member):
        assert "You have no feed address yet" in member_client.get(PAGE).content.decode()
        url = _new_feed_url(member_client)
        token = url.removeprefix("/events/feed/").removesuffix(".ics")
        stored = CalendarFeedToken.objects.get(user=member)
        assert token not in stored.token_hash and len(stored.token_hash) == 64
        later = member_client.get(PAGE).content.decode()
        assert token not in later
        assert "cannot be shown again" in later

    def test_making_a_new_url_ends_the_old_one(self, member_client, events):
        old = _new_feed_url(member_client)
        new = _new_feed_url(member_client)
        assert old != new
        assert member_client.get(old).status_code == 404
        assert member_client.get(new).status_code == 200

    @pytest.mark.parametrize("action", ["", "bogus", "create\x00", "x" * 5000])
    def test_unknown_actions_change_nothing(self, member_client, member, action):
        assert member_client.post(PAGE, {"action": action}).status_code == 200
        assert not CalendarFeedToken.objects.filter(user=member).exists()


class TestPersonalFeed:
    def test_includes_members_only_events_fetched_without_cookies(self, client, member_client, events):
        url = _new_feed_url(member_client)
        client.logout()
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        body = response.content.decode()
        assert "SUMMARY:Members exercise" in body and "SUMMARY:Open workshop" in body

    def test_revoked_url_is_404(self, client, member_client, events):
        url = _new_feed_url(member_client)
        response = member_client.post(PAGE, {"action": "revoke"})
        assert response.status_code == 302
        client.logout()
        assert client.get(url).status_code == 404

    def test_deactivated_owner_is_404(self, client, member, events):
        token = CalendarFeedToken.issue(member)
        member.is_active = False
        member.save()
        assert client.get(_feed_path(token)).status_code == 404

    def test_offboarded_owner_is_404(self, client, member, events):
        token = CalendarFeedToken.issue(member)
        revoke_role(member, Role.NETWORK_MEMBER)
        assert client.get(_feed_path(token)).status_code == 404

    def test_token_gives_only_what_its_owner_may_see(self, client, member, secretariat, site_tree, events):
        """The secretariat's own session does not widen a member's feed."""
        secret = EventPageFactory(parent=site_tree["events"], title="Secretariat retreat")
        inner_circle = Group.objects.create(name="Inner circle")
        secretariat.groups.add(inner_circle)
        restriction = restrict_to_members(secret)
        restriction.groups.set([inner_circle])
        token = CalendarFeedToken.issue(member)
        client.force_login(secretariat)
        body = client.get(_feed_path(token)).content.decode()
        assert "Members exercise" in body
        assert "Secretariat retreat" not in body

    def test_owner_audiences_are_read_at_request_time(self, client, member, site_tree, events):
        token = CalendarFeedToken.issue(member)
        later = EventPageFactory(parent=site_tree["events"], title="Newly restricted")
        restrict_to_members(later)
        assert "Newly restricted" in client.get(_feed_path(token)).content.decode()

    @pytest.mark.parametrize("token", ["x", "a" * 500, "%00", "..", "' OR 1=1 --", "é"])
    def test_hostile_tokens_are_404(self, client, site_tree, token):
        assert client.get(f"/events/feed/{token}.ics").status_code == 404
