"""Invitations from the outside: the emailed link, the signup it opens, and every bad link."""

import base64
import hashlib
import logging
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from members import invitations
from members.adapters import INVITATION_SESSION_KEY
from members.choices import InvitationStatus, Role
from members.models import AuditEvent, Invitation
from members.roles import Grant, roles_of
from tests.conftest import PASSWORD, make_practice, restrict_to_members

NEW_EMAIL = "new.person@stockholm.example.org"
NEW_PASSWORD = "a quite long passphrase 2026"
ACCEPT = "/invitation/"
SIGNUP = "/accounts/signup/"
LINK = re.compile(r"http://testserver/invitation/\?key=(\S+)")
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counts live in the cache; each test starts from none."""
    cache.clear()
    yield
    cache.clear()


def send_invitation(role=Role.NETWORK_MEMBER, city=None, invited_by=None, email=NEW_EMAIL, message=""):
    """Invite through the service; returns the invitation and the link from the email."""
    invitation, token = invitations.invite(email=email, role=role, city=city, invited_by=invited_by, message=message)
    match = LINK.search(mail.outbox[-1].body)
    assert match and match.group(1) == token
    return invitation, match.group(0)


def sign_up(client, link, password=NEW_PASSWORD):
    """Open the link, continue, choose a password: the steps a new member takes."""
    assert client.get(link)["Location"] == ACCEPT
    assert client.post(ACCEPT)["Location"] == SIGNUP
    return client.post(SIGNUP, {"password1": password, "password2": password})


def users():
    return get_user_model().objects.count()


def is_generic_bad_link_page(response) -> bool:
    return (
        response.status_code == 404
        and b"This invitation link is not valid" in response.content
        and b"ask whoever invited you for a new one" in response.content
        and response["Referrer-Policy"] == "no-referrer"
    )


class TestJourney:
    def test_new_member_follows_the_emailed_link_signs_up_and_reads_members_only_practice(
        self, client, secretariat, stockholm
    ):
        practice = make_practice(stockholm, "Closed practice", "closed", summary="Members read this.")
        restrict_to_members(practice)
        invitation, link = send_invitation(city=stockholm, invited_by=secretariat, message="Welcome aboard!")
        assert mail.outbox[-1].to == [NEW_EMAIL]

        response = client.get(link)
        assert response.status_code == 302
        assert response["Location"] == ACCEPT  # the key leaves the address bar at once
        page = client.get(ACCEPT)
        html = page.content.decode()
        for text in [secretariat.email, "Network member", "Stockholm", "Welcome aboard!", NEW_EMAIL]:
            assert text in html
        assert "key=" not in html

        assert client.post(ACCEPT)["Location"] == SIGNUP
        form = client.get(SIGNUP).content.decode()
        assert NEW_EMAIL in form
        response = client.post(SIGNUP, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == "/"

        user = get_user_model().objects.get(email=NEW_EMAIL)
        assert roles_of(user) == [Grant(Role.NETWORK_MEMBER, stockholm)]
        assert EmailAddress.objects.filter(user=user, email=NEW_EMAIL, verified=True, primary=True).exists()
        assert int(client.session["_auth_user_id"]) == user.pk
        assert INVITATION_SESSION_KEY not in client.session
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.ACCEPTED
        assert invitation.accepted_by == user
        assert "Members read this." in client.get(practice.url).content.decode()

    def test_new_member_can_sign_in_later_with_the_chosen_password(self, client, secretariat, stockholm):
        _, link = send_invitation(city=stockholm, invited_by=secretariat)
        sign_up(client, link)
        client.logout()
        response = client.post("/accounts/login/", {"login": NEW_EMAIL, "password": NEW_PASSWORD})
        assert response.status_code == 302
        assert "_auth_user_id" in client.session

    @pytest.mark.parametrize(
        ("role", "in_city", "groups"),
        [
            (Role.CITY_EDITOR, True, ["editors_group", "members_group"]),
            (Role.CITY_COORDINATOR, True, ["coordinators_group", "editors_group", "members_group"]),
            (Role.INVITED_EXPERT, False, []),
            (Role.SECRETARIAT, False, []),
        ],
    )
    def test_each_role_lands_in_its_groups(self, client, secretariat, stockholm, role, in_city, groups):
        city = stockholm if in_city else None
        _, link = send_invitation(role=role, city=city, invited_by=secretariat)
        assert sign_up(client, link).status_code == 302
        user = get_user_model().objects.get(email=NEW_EMAIL)
        assert roles_of(user) == [Grant(role, city)]
        names = set(user.groups.values_list("name", flat=True))
        assert "Network members" in names
        for field in groups:
            assert getattr(stockholm, field).name in names
        assert user.is_superuser == (role == Role.SECRETARIAT)

    def test_new_city_editor_goes_from_signup_straight_to_setting_up_an_authenticator(
        self, client, secretariat, stockholm
    ):
        _, link = send_invitation(role=Role.CITY_EDITOR, city=stockholm, invited_by=secretariat)
        sign_up(client, link)
        to_mfa = client.get("/admin/")["Location"]
        assert to_mfa.startswith("/accounts/2fa/totp/activate/")
        assert client.get(to_mfa).status_code == 200  # no second password prompt right after choosing it

    def test_coordinator_invites_to_their_own_city(self, client, stockholm_coordinator, stockholm):
        invitation, link = send_invitation(role=Role.CITY_EDITOR, city=stockholm, invited_by=stockholm_coordinator)
        assert invitation.invited_by == stockholm_coordinator
        sign_up(client, link)
        assert roles_of(get_user_model().objects.get(email=NEW_EMAIL)) == [Grant(Role.CITY_EDITOR, stockholm)]

    def test_the_account_uses_the_invited_address_whatever_is_posted(self, client, secretariat):
        _, link = send_invitation(invited_by=secretariat)
        client.get(link)
        client.post(ACCEPT)
        response = client.post(
            f"{SIGNUP}?email=evil@example.org",
            {"email": "evil@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 302
        assert get_user_model().objects.filter(email=NEW_EMAIL).exists()
        assert not get_user_model().objects.filter(email="evil@example.org").exists()
        assert not EmailAddress.objects.filter(email="evil@example.org").exists()


class TestPermissions:
    def test_coordinator_inviting_for_another_city_is_refused(self, stockholm_coordinator, barcelona):
        with pytest.raises(PermissionDenied):
            invitations.invite(email=NEW_EMAIL, role=Role.CITY_EDITOR, city=barcelona, invited_by=stockholm_coordinator)
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_coordinator_cannot_invite_to_a_network_wide_role(self, stockholm_coordinator):
        for role in [Role.SECRETARIAT, Role.INVITED_EXPERT]:
            with pytest.raises(PermissionDenied):
                invitations.invite(email=NEW_EMAIL, role=role, invited_by=stockholm_coordinator)
        assert not Invitation.objects.exists()

    def test_members_and_editors_cannot_invite(self, member, stockholm_editor, stockholm):
        for inviter in [member, stockholm_editor]:
            with pytest.raises(PermissionDenied):
                invitations.invite(email=NEW_EMAIL, role=Role.NETWORK_MEMBER, city=stockholm, invited_by=inviter)
        assert not Invitation.objects.exists()


class TestExistingAccounts:
    def test_inviting_an_existing_user_adds_the_role_and_makes_no_link(self, member, secretariat, stockholm):
        invitation, token = invitations.invite(
            email="Member@Example.org", role=Role.CITY_EDITOR, city=stockholm, invited_by=secretariat
        )
        assert token is None
        assert Grant(Role.CITY_EDITOR, stockholm) in roles_of(member)
        assert invitation.status == InvitationStatus.ACCEPTED
        assert invitation.accepted_by == member
        assert mail.outbox[-1].to == [member.email]
        assert "/invitation/" not in mail.outbox[-1].body
        assert "City editor, Stockholm" in mail.outbox[-1].body

    def test_account_made_after_the_invitation_accepts_it_on_the_page(self, client, django_user_model, secretariat):
        invitation, link = send_invitation(role=Role.INVITED_EXPERT, invited_by=secretariat)
        user = django_user_model.objects.create_user(username="late", email=NEW_EMAIL, password=PASSWORD)
        client.force_login(user)
        assert client.get(link)["Location"] == ACCEPT
        assert "Accept the invitation" in client.get(ACCEPT).content.decode()
        response = client.post(ACCEPT)
        assert response.status_code == 302
        assert roles_of(user) == [Grant(Role.INVITED_EXPERT)]
        invitation.refresh_from_db()
        assert invitation.accepted_by == user
        assert INVITATION_SESSION_KEY not in client.session
        assert is_generic_bad_link_page(client.get(link))  # single use

    def test_signed_out_holder_of_an_existing_account_is_sent_to_sign_in_then_accepts(
        self, client, django_user_model, secretariat
    ):
        _, link = send_invitation(invited_by=secretariat)
        user = django_user_model.objects.create_user(username="late", email=NEW_EMAIL, password=PASSWORD)
        EmailAddress.objects.create(user=user, email=NEW_EMAIL, verified=True, primary=True)
        client.get(link)
        page = client.get(ACCEPT).content.decode()
        assert "Sign in to accept" in page
        assert 'name="password1"' not in page
        login = client.post(ACCEPT)
        assert login["Location"] == "/accounts/login/?next=%2Finvitation%2F"
        response = client.post(login["Location"], {"login": NEW_EMAIL, "password": PASSWORD})
        assert response["Location"] == ACCEPT
        client.post(ACCEPT)
        assert roles_of(user) == [Grant(Role.NETWORK_MEMBER)]


def bad_links(secretariat, client):
    """One link per way an invitation link can be bad, keyed by what is wrong with it."""
    _, good = send_invitation(invited_by=secretariat, email="good@example.org")
    token = good.split("key=")[1]
    expired, expired_link = send_invitation(invited_by=secretariat, email="expired@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires=timezone.now() - timedelta(minutes=1))
    revoked, revoked_link = send_invitation(invited_by=secretariat, email="revoked@example.org")
    invitations.revoke(revoked, actor=secretariat)
    _, used_link = send_invitation(invited_by=secretariat, email="used@example.org")
    sign_up(client, used_link)
    client.logout()
    tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    return {
        "tampered": f"{ACCEPT}?key={tampered}",
        "truncated": f"{ACCEPT}?key={token[:-3]}",
        "expired": expired_link,
        "revoked": revoked_link,
        "reused": used_link,
        "empty": f"{ACCEPT}?key=",
        "no session, no key": ACCEPT,
        "non-ascii": f"{ACCEPT}?key=%C3%A5%E2%80%AE%F0%9F%92%A5" + "x" * 40,
        "invalid utf-8": f"{ACCEPT}?key=%FF%FE" + "x" * 40,
        "null byte": f"{ACCEPT}?key={token[:20]}%00{token[21:]}",
        "huge": f"{ACCEPT}?key={'a' * 50_000}",
        "two keys": f"{ACCEPT}?key=junk&key={token[:-1]}",
    }


class TestBadLinks:
    def test_every_bad_link_gets_the_same_page_and_creates_nothing(self, client, secretariat):
        links = bad_links(secretariat, client)
        before_users, before_events = users(), AuditEvent.objects.count()
        pending = set(Invitation.objects.pending().values_list("pk", "accepted_at"))
        bodies = set()
        for case, link in links.items():
            cache.clear()
            response = client.get(link)
            assert is_generic_bad_link_page(response), case
            assert "no-store" in response["Cache-Control"], case
            assert INVITATION_SESSION_KEY not in client.session, case
            bodies.add(response.content)
            closed = client.get(SIGNUP)
            assert 'name="password1"' not in closed.content.decode(), case
        assert len(bodies) == 1
        assert users() == before_users
        assert AuditEvent.objects.count() == before_events
        assert set(Invitation.objects.pending().values_list("pk", "accepted_at")) == pending

    def test_valid_link_opened_while_signed_in_as_another_account_changes_nothing(self, client, member, secretariat):
        invitation, link = send_invitation(role=Role.INVITED_EXPERT, invited_by=secretariat)
        client.force_login(member)
        before = roles_of(member)
        response = client.get(link)
        tampered = client.get(f"{ACCEPT}?key={'x' * 43}")
        assert is_generic_bad_link_page(response)
        assert CSRF.sub(b"", response.content) == CSRF.sub(b"", tampered.content)
        assert INVITATION_SESSION_KEY not in client.session
        assert is_generic_bad_link_page(client.post(ACCEPT))
        assert roles_of(member) == before
        invitation.refresh_from_db()
        assert invitation.is_pending

    def test_signing_in_as_another_account_after_opening_the_link_changes_nothing(self, client, member, secretariat):
        invitation, link = send_invitation(role=Role.INVITED_EXPERT, invited_by=secretariat)
        client.get(link)
        client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
        assert int(client.session["_auth_user_id"]) == member.pk
        assert is_generic_bad_link_page(client.get(ACCEPT))
        assert is_generic_bad_link_page(client.post(ACCEPT))
        assert roles_of(member) == [Grant(Role.NETWORK_MEMBER)]
        invitation.refresh_from_db()
        assert invitation.is_pending

    @pytest.mark.parametrize("what", ["revoked", "expired"])
    def test_invitation_ended_while_open_closes_the_page_and_the_signup(self, client, secretariat, what):
        invitation, link = send_invitation(invited_by=secretariat)
        client.get(link)
        client.post(ACCEPT)
        if what == "revoked":
            invitations.revoke(invitation, actor=secretariat)
        else:
            Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now())
        assert is_generic_bad_link_page(client.get(ACCEPT))
        assert is_generic_bad_link_page(client.post(ACCEPT))
        response = client.post(SIGNUP, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert "Membership is by invitation" in response.content.decode()
        assert not get_user_model().objects.filter(email=NEW_EMAIL).exists()

    def test_second_browser_with_the_same_link_cannot_sign_up_again(self, client, client_factory, secretariat):
        _, link = send_invitation(invited_by=secretariat)
        other = client_factory()
        other.get(link)
        other.post(ACCEPT)
        sign_up(client, link)
        response = other.post(SIGNUP, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert 'name="password1"' not in response.content.decode()
        assert get_user_model().objects.filter(email=NEW_EMAIL).count() == 1
        assert is_generic_bad_link_page(other.get(ACCEPT))

    def test_invitation_used_up_between_form_and_save_creates_nothing(self, rf, secretariat):
        """The race two tabs could run: the form validated, then the invitation was accepted elsewhere."""
        from allauth.core import context
        from django.contrib.auth.models import AnonymousUser
        from django.contrib.sessions.backends.db import SessionStore

        from members.forms import InvitedSignupForm

        invitation, _ = send_invitation(invited_by=secretariat)
        request = rf.post(SIGNUP)
        request.session, request.user = SessionStore(), AnonymousUser()
        request.session[INVITATION_SESSION_KEY] = invitation.pk
        with context.request_context(request):
            form = InvitedSignupForm({"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
            assert form.is_valid(), form.errors
            invitations.revoke(invitation, actor=secretariat)
            user, response = form.try_save(request)
        assert user is None
        assert is_generic_bad_link_page(response)
        assert not get_user_model().objects.filter(email=NEW_EMAIL).exists()
        assert not EmailAddress.objects.filter(email=NEW_EMAIL).exists()


class TestTokenSecrecy:
    def test_token_is_at_least_32_random_bytes_and_only_its_hash_is_stored(self, secretariat):
        invitation, link = send_invitation(invited_by=secretariat)
        token = link.split("key=")[1]
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) >= 32
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        _, other = send_invitation(invited_by=secretariat, email="other@example.org")
        assert other.split("key=")[1] != token
        for row in Invitation.objects.values():
            assert token not in " ".join(str(value) for value in row.values())
        for row in AuditEvent.objects.values():
            assert token not in " ".join(str(value) for value in row.values())

    def test_token_stays_out_of_logs_database_and_session(self, client, caplog, secretariat, stockholm):
        """Every log record at DEBUG, SQL included, through good and bad links and the signup."""
        caplog.set_level(logging.DEBUG)
        caplog.set_level(logging.DEBUG, logger="django")
        connection.force_debug_cursor = True  # log every SQL statement with its parameters
        try:
            _, link = send_invitation(city=stockholm, invited_by=secretariat)
            token = link.split("key=")[1]
            bad = [token[:-1], token[:5] + "x" + token[6:]]
            for junk in bad:
                client.get(f"{ACCEPT}?key={junk}")
            sign_up(client, link)
            client.get(link)  # reused
        finally:
            connection.force_debug_cursor = False
        assert any(record.name == "django.db.backends" for record in caplog.records)
        for record in caplog.records:
            text = record.getMessage() + " " + " ".join(str(value) for value in vars(record).values())
            request = getattr(record, "request", None)
            if request is not None:
                text += request.get_full_path()
            for secret in [token, *bad]:
                assert secret not in text, record.name
        for session in Session.objects.all():
            assert token not in str(session.get_decoded())

    def test_every_invitation_response_forbids_referrers_and_caching(self, client, secretariat):
        """The link and every bad link answer "no-referrer". The invitation page itself, at an
        address without the key, answers "same-origin": browsers send "Origin: null" with a
        form posted from a "no-referrer" page, which the CSRF check (rightly) refuses."""
        _, link = send_invitation(invited_by=secretariat)
        responses = [client.get(link), client.post(ACCEPT), client.get(f"{ACCEPT}?key=junk"), client.get(ACCEPT)]
        assert [r.status_code for r in responses] == [302, 302, 404, 200]
        assert [r["Referrer-Policy"] for r in responses] == ["no-referrer"] * 3 + ["same-origin"]
        for response in responses:
            assert "no-store" in response["Cache-Control"]

    def test_the_invitation_page_posts_back_with_a_null_origin_refused_only_by_csrf(self, secretariat):
        """Why the page is not "no-referrer": its own form must survive the browser's Origin header."""
        from django.test import Client

        browser = Client(enforce_csrf_checks=True)
        _, link = send_invitation(invited_by=secretariat)
        browser.get(link)
        page = browser.get(ACCEPT)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()
        data = {"csrfmiddlewaretoken": token}
        assert browser.post(ACCEPT, data, headers={"Origin": "null"}).status_code == 403
        assert browser.post(ACCEPT, data, headers={"Origin": "http://testserver"})["Location"] == SIGNUP

    def test_the_accept_page_does_not_echo_the_key(self, client, secretariat):
        _, link = send_invitation(invited_by=secretariat)
        token = link.split("key=")[1]
        response = client.get(f"{ACCEPT}?key={token[:-2]}")
        assert token[:-2].encode() not in response.content


class TestRateLimit:
    def test_opening_links_too_fast_ends_in_429(self, client, secretariat):
        _, link = send_invitation(invited_by=secretariat)
        statuses = [client.get(f"{ACCEPT}?key={'x' * 43}").status_code for _ in range(10)]
        assert statuses == [404] * 10
        response = client.get(link)
        assert response.status_code == 429
        assert response["Referrer-Policy"] == "no-referrer"
        assert INVITATION_SESSION_KEY not in client.session
        cache.clear()  # the limit lifts after its window; the link itself still works
        assert client.get(link)["Location"] == ACCEPT

    def test_looking_at_an_opened_invitation_again_is_not_limited(self, client, secretariat):
        _, link = send_invitation(invited_by=secretariat)
        client.get(link)
        assert {client.get(ACCEPT).status_code for _ in range(15)} == {200}

    def test_the_limit_counts_per_address_not_per_session(self, client_factory, secretariat):
        for _ in range(10):
            client_factory().get(f"{ACCEPT}?key={'y' * 43}")
        assert client_factory().get(f"{ACCEPT}?key={'z' * 43}").status_code == 429


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
