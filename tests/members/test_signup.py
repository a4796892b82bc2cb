"""Signup: closed on every route without an invitation; with one, the form takes no hostile input."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from members import invitations
from members.choices import Role
from tests.conftest import PASSWORD

INVITED = "invited@example.org"
NEW_PASSWORD = "a quite long passphrase 2026"
SIGNUP = "/accounts/signup/"
INTRUDER = {
    "email": "intruder@example.org",
    "username": "intruder",
    "password1": NEW_PASSWORD,
    "password2": NEW_PASSWORD,
    "password": NEW_PASSWORD,
}
# Other ways in that allauth could offer; none is switched on here, and each must stay so.
OTHER_SIGNUP_ROUTES = [
    "/accounts/signup/passkey/",
    "/accounts/login/code/",
    "/accounts/3rdparty/",
    "/accounts/3rdparty/signup/",
    "/accounts/social/signup/",
    "/_allauth/browser/v1/auth/signup",
    "/_allauth/app/v1/auth/signup",
    "/django-admin/auth/user/add/",
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def nobody_got_in(client) -> bool:
    model = get_user_model()
    return not model.objects.filter(email__in=["intruder@example.org", INVITED]).exists() and (
        "_auth_user_id" not in client.session
    )


@pytest.fixture
def invited_client(client, secretariat):
    """A visitor who opened a valid invitation link and continued to the signup form."""
    _, token = invitations.invite(email=INVITED, role=Role.NETWORK_MEMBER, invited_by=secretariat)
    client.get(f"/invitation/?key={token}")
    client.post("/invitation/")
    return client


class TestClosedWithoutInvitation:
    def test_signup_form_is_closed_for_get_and_post(self, client, db):
        for response in [client.get(SIGNUP), client.post(SIGNUP, INTRUDER)]:
            assert response.status_code == 200
            html = response.content.decode()
            assert "Membership is by invitation" in html
            assert 'name="password1"' not in html
        assert nobody_got_in(client)

    def test_no_other_signup_route_exists(self, client, site_tree):
        for url in OTHER_SIGNUP_ROUTES:
            assert client.get(url, follow=True).status_code == 404, url
            assert client.post(url, INTRUDER, follow=True).status_code == 404, url
        assert nobody_got_in(client)

    def test_login_by_code_and_email_confirmation_create_nobody(self, client, db):
        for url in ["/accounts/login/code/confirm/", "/accounts/confirm-email/junk-key/"]:
            assert client.get(url).status_code in {200, 302, 404}, url
            assert client.post(url, {"code": "123456", **INTRUDER}).status_code in {200, 302, 404}, url
        assert nobody_got_in(client)

    def test_signup_with_an_email_in_the_url_is_still_closed(self, client, db):
        response = client.post(f"{SIGNUP}?email=intruder@example.org", INTRUDER)
        assert "Membership is by invitation" in response.content.decode()
        assert nobody_got_in(client)

    def test_a_forged_session_value_does_not_open_signup(self, client, db):
        session = client.session
        session["members_invitation"] = "1 OR 1=1"
        session["account_verified_email"] = "intruder@example.org"
        session.save()
        response = client.post(SIGNUP, INTRUDER)
        assert "Membership is by invitation" in response.content.decode()
        assert nobody_got_in(client)

    def test_signed_in_member_is_not_offered_a_second_account(self, member_client):
        response = member_client.get(SIGNUP)
        assert response.status_code == 302
        assert not get_user_model().objects.filter(email="intruder@example.org").exists()


class TestInvitedSignupForm:
    def test_form_shows_the_invited_address_and_does_not_let_it_change(self, invited_client):
        html = invited_client.get(f"{SIGNUP}?email=intruder@example.org").content.decode()
        assert INVITED in html
        assert "intruder@example.org" not in html
        assert "disabled" in html.split('name="email"')[1].split(">")[0]
        assert 'name="password1"' in html

    def test_weak_or_mismatched_passwords_get_the_form_back(self, invited_client):
        for first, second in [("short", "short"), (NEW_PASSWORD, NEW_PASSWORD + "x"), ("", "")]:
            response = invited_client.post(SIGNUP, {"password1": first, "password2": second})
            assert response.status_code == 200
            assert 'name="password1"' in response.content.decode()
        assert not get_user_model().objects.filter(email=INVITED).exists()

    def test_an_overlong_password_is_refused_with_a_reason(self, invited_client):
        response = invited_client.post(SIGNUP, {"password1": "p4ss " * 60, "password2": "p4ss " * 60})
        assert response.status_code == 200
        assert "at most 256 characters" in response.content.decode()
        assert not get_user_model().objects.filter(email=INVITED).exists()

    HOSTILE = [
        {"email": "intruder@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"email": ["intruder@example.org", INVITED], "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"email": "x" * 100_000 + "@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"password1": "p" * 100_000, "password2": "p" * 100_000},
        {"password1": NEW_PASSWORD + "\x00", "password2": NEW_PASSWORD + "\x00"},
        {"password1": [NEW_PASSWORD, "other"], "password2": NEW_PASSWORD},
        {"password1": "\ufffe\u202e\U0001f4a5" * 10, "password2": "\ufffe\u202e\U0001f4a5" * 10},
        {"password1": "<script>alert(1)</script>" * 3, "password2": "<script>alert(1)</script>" * 3},
        {"username": "admin", "is_superuser": "1", "is_staff": "on"},
        {},
    ]

    @pytest.mark.parametrize("data", HOSTILE)
    def test_hostile_input_never_errors_and_never_makes_another_account(self, invited_client, data):
        response = invited_client.post(SIGNUP, data)
        assert response.status_code in {200, 302}
        assert b"<script>alert(1)</script>" not in response.content
        model = get_user_model()
        assert not model.objects.filter(email="intruder@example.org").exists()
        assert list(model.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
            "secretariat@example.org"
        ]
        assert not model.objects.filter(email=INVITED, is_staff=True).exists()

    def test_undecodable_body_gets_a_clear_answer(self, invited_client):
        raw = "email=intruder%40example.org&password1=%FF%FE%00&password2=%FF%FE%00"
        response = invited_client.post(SIGNUP, raw, content_type="application/x-www-form-urlencoded")
        assert response.status_code in {200, 400}
        assert not get_user_model().objects.filter(email__in=[INVITED, "intruder@example.org"]).exists()

    def test_tampered_email_with_good_passwords_makes_the_invited_account(self, invited_client):
        response = invited_client.post(SIGNUP, self.HOSTILE[1])
        assert response.status_code == 302
        user = get_user_model().objects.get(email=INVITED)
        assert not user.is_superuser and not user.is_staff
        assert user.check_password(NEW_PASSWORD)

    def test_address_taken_since_the_invitation_says_sign_in(self, invited_client, django_user_model):
        django_user_model.objects.create_user(username="taken", email=INVITED, password=PASSWORD)
        response = invited_client.post(SIGNUP, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 200
        assert "sign in to accept" in response.content.decode()
        assert django_user_model.objects.filter(email=INVITED).count() == 1
        assert len(mail.outbox) == 1  # the invitation; no "account exists" mail
