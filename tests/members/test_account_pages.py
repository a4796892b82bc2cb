"""Account pages: the menu, the header's login state, download my data, delete my account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.test import Client

from members.choices import AuditAction, Role
from members.invitations import invite
from members.models import AuditEvent, ExpertProfile, Invitation
from members.roles import grant_role
from resources.models import ResearchAuthor
from tests.conftest import PASSWORD, _user, enable_totp
from tests.factories import ResearchPageFactory

DATA = "/accounts/data/"
DELETE = "/accounts/delete/"
PROFILE = "/accounts/profile/"


def signed_in(user, user_agent="PortalTest/1.0") -> Client:
    """A client that signed in through allauth's form, so its session is tracked."""
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def is_signed_in(client) -> bool:
    return client.get(PROFILE).status_code == 200


class TestMenuAndHeader:
    def test_account_pages_share_one_menu(self, member_client):
        html = member_client.get(PROFILE).content.decode()
        menu = (
            PROFILE,
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/sessions/",
            DATA,
            DELETE,
        )
        for url in menu:
            assert f'href="{url}"' in html
        assert 'href="/accounts/profile/" aria-current="page"' in html

    def test_header_shows_who_is_signed_in_with_account_and_sign_out(self, member_client, member, site_tree):
        member.first_name, member.last_name = "Mona", "Member"
        member.save()
        html = member_client.get("/").content.decode()
        assert "Signed in as <strong>Mona Member</strong>" in html
        assert '<a class="account__link" href="/accounts/profile/">Account</a>' in html
        assert 'action="/accounts/logout/"' in html

    def test_header_shows_the_email_when_there_is_no_name(self, member_client, member, site_tree):
        assert f"Signed in as <strong>{member.email}</strong>" in member_client.get("/").content.decode()

    def test_header_offers_sign_in_to_visitors(self, client, site_tree):
        html = client.get("/").content.decode()
        assert 'class="account__signin"' in html
        assert "Signed in as" not in html


@pytest.fixture
def phone(expert):
    """The expert, signed in on a second device."""
    return signed_in(expert, user_agent="Phone/1.0")


@pytest.fixture
def expert_with_everything(expert, phone, site_tree):
    """The expert signed in (a tracked session), with 2FA, recovery codes, a profile,
    authored research and invitations both ways."""
    client = signed_in(expert)
    enable_totp(expert)
    RecoveryCodes.activate(expert)
    profile = expert.expert_profile
    profile.bio = "Studies crowded places."
    profile.save()
    page = ResearchPageFactory(parent=site_tree["research"], title="Crowded places study", author_names=())
    ResearchAuthor.objects.create(page=page, name="Eva Expert", expert=profile, sort_order=0)
    invite(email=expert.email, role=Role.NETWORK_MEMBER, message="Welcome to the network")
    sent, _token = invite(email="invitee@example.org", role=Role.NETWORK_MEMBER)
    Invitation.objects.filter(pk=sent.pk).update(invited_by=expert)
    return client


@pytest.fixture
def someone_else(django_user_model):
    other = _user(django_user_model, "someone.else@example.org")
    grant_role(other, Role.INVITED_EXPERT)
    ExpertProfile.objects.filter(user=other).update(bio="Someone else's private bio")
    signed_in(other, user_agent="OtherBrowser/9.9")
    return other


class TestDownloadMyData:
    def test_page_explains_and_offers_a_post_button(self, member_client):
        html = member_client.get(DATA).content.decode()
        assert "Download my data" in html
        assert 'method="post"' in html

    def test_download_is_a_json_attachment_of_the_persons_own_data(self, expert_with_everything, expert):
        response = expert_with_everything.post(DATA)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"].startswith('attachment; filename="ctpn-my-data-')
        data = json.loads(response.content)
        assert data["account"]["email"] == expert.email
        assert data["account"]["email_addresses"] == [{"email": expert.email, "verified": True, "primary": True}]
        assert {"role": "invited_expert", "city": None} in data["account"]["roles"]
        assert "Invited expert" in data["account"]["groups"]
        assert data["expert_profile"]["bio"] == "Studies crowded places."
        assert data["research_authored"][0]["title"] == "Crowded places study"
        assert data["research_authored"][0]["url"].endswith("/crowded-places-study/")
        assert data["invitations_received"][0]["message"] == "Welcome to the network"
        assert data["invitations_sent"][0]["role"] == "network_member"
        assert {s["user_agent"] for s in data["sessions"]} == {"PortalTest/1.0", "Phone/1.0"}
        assert data["sessions"][0]["ip"] == "127.0.0.1"
        assert {a["type"] for a in data["two_factor_authentication"]} == {"TOTP Authenticator", "Recovery codes"}

    def test_download_holds_no_secrets_and_nobody_elses_data(self, expert_with_everything, expert, someone_else):
        text = expert_with_everything.post(DATA).content.decode()
        totp = Authenticator.objects.get(user=expert, type=Authenticator.Type.TOTP)
        codes = RecoveryCodes(Authenticator.objects.get(user=expert, type=Authenticator.Type.RECOVERY_CODES))
        secrets = [expert.password, totp.data["secret"], *codes.get_unused_codes()]
        secrets += list(UserSession.objects.values_list("session_key", flat=True))
        secrets += list(Invitation.objects.values_list("token_hash", flat=True))
        for secret in secrets:
            assert secret not in text
        for field in ("password", "secret", "seed", "token_hash", "session_key"):
            assert f'"{field}"' not in text
        for other in (someone_else.email, "Someone else's private bio", "OtherBrowser", "invitee@example.org"):
            assert other not in text

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        assert client.post(DATA)["Location"].startswith("/accounts/login/")
        assert client.get(DATA)["Location"].startswith("/accounts/login/")


class TestDeleteMyAccount:
    def test_wrong_password_is_refused(self, expert_with_everything, expert):
        response = expert_with_everything.post(DELETE, {"password": "not my password"})
        assert response.status_code == 200
        assert "incorrect" in response.content.decode().lower()
        assert get_user_model().objects.filter(pk=expert.pk).exists()
        assert is_signed_in(expert_with_everything)

    def test_right_password_deletes_the_account_and_signs_out_everywhere(self, expert_with_everything, expert, phone):
        assert is_signed_in(phone)
        profile_pk = expert.expert_profile.pk
        response = expert_with_everything.post(DELETE, {"password": PASSWORD})
        assert response.status_code == 200
        assert "Your account has been deleted" in response.content.decode()
        assert not get_user_model().objects.filter(pk=expert.pk).exists()
        assert not ExpertProfile.objects.filter(pk=profile_pk).exists()
        assert not EmailAddress.objects.filter(email=expert.email).exists()
        assert not Authenticator.objects.filter(user_id=expert.pk).exists()
        assert not UserSession.objects.filter(user_id=expert.pk).exists()
        assert not is_signed_in(expert_with_everything)
        assert not is_signed_in(phone)

    def test_authored_research_stays_under_the_authors_name(self, expert_with_everything, expert):
        expert_with_everything.post(DELETE, {"password": PASSWORD})
        author = ResearchAuthor.objects.get(page__title="Crowded places study")
        assert author.name == "Eva Expert"
        assert author.expert is None
        assert Client().get(author.page.url).status_code == 200

    def test_an_expert_with_drafts_and_revisions_can_leave(self, expert_with_everything, expert, site_tree):
        draft = ResearchPageFactory(parent=site_tree["research"], title="Unfinished study", owner=expert)
        draft.save_revision(user=expert, log_action=True)
        draft.unpublish()
        assert expert_with_everything.post(DELETE, {"password": PASSWORD}).status_code == 200
        draft.refresh_from_db()
        assert draft.owner is None
        assert draft.get_latest_revision().user is None

    def test_audit_trail_keeps_events_without_the_persons_address(self, expert_with_everything, expert):
        email = expert.email
        expert_with_everything.post(DELETE, {"password": PASSWORD})
        assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DELETED).count() == 1
        for event in AuditEvent.objects.all():
            assert email not in f"{event.subject_email} {event.actor_label} {event.detail}"
        assert not Invitation.objects.filter(email__iexact=email).exists()

    def test_last_secretariat_cannot_delete_their_account(self, client, secretariat):
        client.force_login(secretariat)
        page = client.get(DELETE).content.decode()
        assert "last active Secretariat account" in page
        response = client.post(DELETE, {"password": PASSWORD})
        assert response.status_code == 409
        assert "last active Secretariat account" in response.content.decode()
        assert get_user_model().objects.filter(pk=secretariat.pk).exists()

    def test_a_secretary_may_leave_when_another_remains(self, client, secretariat, django_user_model):
        colleague = _user(django_user_model, "colleague@example.org")
        grant_role(colleague, Role.SECRETARIAT)
        client.force_login(secretariat)
        assert client.post(DELETE, {"password": PASSWORD}).status_code == 200
        assert not get_user_model().objects.filter(pk=secretariat.pk).exists()

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, db):
        assert client.post(DELETE, {"password": PASSWORD})["Location"].startswith("/accounts/login/")
