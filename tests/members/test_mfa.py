"""Two-factor authentication: admin users must set up an authenticator app; codes work once."""

import re
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from members.choices import Role
from members.roles import grant_role
from tests.conftest import PASSWORD, totp_code
from tests.members.signin import LOGIN, MFA_STEP, OFF_SITE, clear_cache, post_code, post_password, signed_in_id

ACTIVATE = "/accounts/2fa/totp/activate/"
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"
REAUTHENTICATE = "/accounts/reauthenticate/"
NEW_PASSWORD = "a long new password 1"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(params=[Role.SECRETARIAT, Role.CITY_COORDINATOR, Role.CITY_EDITOR])
def admin_without_app(request, django_user_model, db):
    """An account with access to the admin and no authenticator app yet."""
    email = f"new-{request.param}@example.org"
    user = django_user_model.objects.create_user(username=email, email=email, password=NEW_PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    city = None if request.param == Role.SECRETARIAT else request.getfixturevalue("stockholm")
    grant_role(user, request.param, city)
    return user


def sign_in(client, user, code):
    post_password(client, user.email)
    response = post_code(client, code)
    assert signed_in_id(client) == str(user.pk)
    return response


def open_setup(client, url, password=NEW_PASSWORD) -> str:
    """The set-up page at ``url``; allauth first asks for the password again (sudo mode)."""
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTHENTICATE)
    response = client.post(response["Location"], {"password": password})
    assert response["Location"] == url
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def secret_on_page(html: str) -> str:
    return re.search(r'<code id="totp-secret" data-totp-secret>([A-Z2-7]+)</code>', html).group(1)


def in_portal_layout(html: str) -> bool:
    return 'class="site-header"' in html and 'aria-label="Your account"' in html


class TestAdminUsersMustSetUpAnApp:
    def test_admin_sends_them_to_set_up_and_back(self, client, admin_without_app):
        post_password(client, admin_without_app.email, password=NEW_PASSWORD)
        response = client.get("/admin/documents/")
        assert response.status_code == 302
        assert response["Location"] == f"{ACTIVATE}?next=%2Fadmin%2Fdocuments%2F"

        page = open_setup(client, response["Location"])
        secret = secret_on_page(page)
        assert "data:image/svg+xml;base64," in page
        assert in_portal_layout(page)

        response = client.post(ACTIVATE, {"code": totp_code(secret), "next": "/admin/documents/"})
        assert response["Location"] == f"{RECOVERY_CODES}?next=%2Fadmin%2Fdocuments%2F"
        codes_page = client.get(response["Location"]).content.decode()
        assert 'href="/admin/documents/"' in codes_page
        assert len(re.findall(r"<li><code>\w+</code></li>", codes_page)) == 10

        assert client.get("/admin/documents/").status_code == 200

    def test_every_admin_address_is_closed_until_then(self, client, admin_without_app):
        post_password(client, admin_without_app.email, password=NEW_PASSWORD)
        for path in ["/admin/", "/admin/pages/", "/admin/documents/"]:
            assert client.get(path)["Location"].startswith(ACTIVATE), path
        response = client.post("/admin/pages/add/home/homepage/1/", {"title": "x"})
        assert response["Location"] == f"{ACTIVATE}?next=%2Fadmin%2F"

    def test_a_wrong_code_does_not_turn_it_on(self, client, admin_without_app):
        post_password(client, admin_without_app.email, password=NEW_PASSWORD)
        open_setup(client, ACTIVATE)
        response = client.post(ACTIVATE, {"code": "000000"})
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
        assert not Authenticator.objects.filter(user=admin_without_app).exists()
        assert client.get("/admin/")["Location"].startswith(ACTIVATE)

    def test_turning_the_app_off_closes_the_admin_again(self, client, secretariat):
        sign_in(client, secretariat, totp_code(secretariat))
        assert client.get("/admin/").status_code == 200
        client.post(REAUTHENTICATE, {"password": PASSWORD})
        response = client.post("/accounts/2fa/totp/deactivate/")
        assert response.status_code == 302
        assert client.get("/admin/")["Location"].startswith(ACTIVATE)


class TestMembersAndExperts:
    """Members are not forced to set up an app, but free to. Experts draft
    research in the admin, so they are held to the admin's rule."""

    def test_member_signs_in_with_password_only(self, client, site_tree, member):
        response = post_password(client, member.email)
        assert response["Location"] == "/"
        assert signed_in_id(client) == str(member.pk)
        for path in ["/", "/accounts/email/", "/accounts/2fa/"]:
            assert client.get(path).status_code == 200, path
        assert not client.get("/admin/")["Location"].startswith(ACTIVATE)

    def test_expert_reads_with_password_only_but_needs_an_app_for_the_admin(self, client, site_tree, expert):
        post_password(client, expert.email)
        assert signed_in_id(client) == str(expert.pk)
        assert client.get("/").status_code == 200
        assert client.get("/admin/")["Location"].startswith(ACTIVATE)

    def test_member_may_still_choose_an_app(self, client, member):
        post_password(client, member.email)
        page = open_setup(client, ACTIVATE, PASSWORD)
        response = client.post(ACTIVATE, {"code": totp_code(secret_on_page(page))})
        assert response["Location"] == RECOVERY_CODES
        assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_setup_never_leads_off_the_site(self, client, member, next_url):
        post_password(client, member.email)
        page = open_setup(client, f"{ACTIVATE}?{urlencode({'next': next_url})}", PASSWORD)
        assert 'name="next"' not in page
        response = client.post(ACTIVATE, {"code": totp_code(secret_on_page(page)), "next": next_url})
        assert response["Location"] == RECOVERY_CODES


class TestSigningInWithCodes:
    def test_the_code_step_is_in_the_portal_layout(self, client, secretariat):
        post_password(client, secretariat.email)
        html = client.get(MFA_STEP).content.decode()
        assert 'class="site-header"' in html
        assert 'name="code"' in html

    def test_a_wrong_code_is_refused(self, client, secretariat):
        post_password(client, secretariat.email)
        response = post_code(client, "123456" if totp_code(secretariat) != "123456" else "654321")
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
        assert signed_in_id(client) is None

    def test_a_code_from_minutes_ago_is_refused(self, client, secretariat):
        post_password(client, secretariat.email)
        stale = totp_code(secretariat, offset=-4)
        if stale in {totp_code(secretariat, offset) for offset in (-1, 0, 1)}:
            pytest.skip("the stale code happens to equal a current one")
        response = post_code(client, stale)
        assert "Incorrect code" in response.content.decode()
        assert signed_in_id(client) is None

    def test_a_totp_code_works_once(self, client, secretariat):
        code = totp_code(secretariat)
        sign_in(client, secretariat, code)
        client.post("/accounts/logout/")
        post_password(client, secretariat.email)
        response = post_code(client, code)
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
        assert signed_in_id(client) is None

    def test_a_recovery_code_works_once(self, client, secretariat):
        first, second = RecoveryCodes.activate(secretariat).get_unused_codes()[:2]
        sign_in(client, secretariat, first)
        client.post("/accounts/logout/")
        post_password(client, secretariat.email)
        assert post_code(client, first).status_code == 200
        assert signed_in_id(client) is None
        sign_in(client, secretariat, second)

    def test_cancel_at_the_code_step_goes_back_to_login(self, client, secretariat):
        post_password(client, secretariat.email)
        response = client.post("/accounts/logout/", {"next": LOGIN})
        assert response["Location"] == LOGIN
        assert client.get(MFA_STEP)["Location"].startswith(LOGIN)


class TestAccountPages:
    @pytest.fixture
    def signed_in(self, client, secretariat):
        RecoveryCodes.activate(secretariat)
        sign_in(client, secretariat, totp_code(secretariat))
        client.post(REAUTHENTICATE, {"password": PASSWORD})
        return client

    @pytest.mark.parametrize(
        "path",
        [
            "/accounts/2fa/",
            "/accounts/2fa/totp/deactivate/",
            RECOVERY_CODES,
            "/accounts/2fa/recovery-codes/generate/",
            "/accounts/sessions/",
        ],
    )
    def test_pages_render_in_the_portal_layout_with_tabs(self, signed_in, path):
        response = signed_in.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert in_portal_layout(html)
        assert ">Two-factor authentication</a>" in html
        assert ">Sessions</a>" in html

    def test_recovery_codes_page_lists_the_unused_codes(self, signed_in, secretariat):
        html = signed_in.get(RECOVERY_CODES).content.decode()
        codes = Authenticator.objects.get(user=secretariat, type=Authenticator.Type.RECOVERY_CODES).wrap()
        for code in codes.get_unused_codes():
            assert f"<code>{code}</code>" in html
