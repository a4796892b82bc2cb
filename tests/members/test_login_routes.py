"""Every way to sign in is allauth's: Wagtail's login views redirect there, Django's is not routed,
and ``next`` never leads off the site."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core import mail
from django.urls import URLResolver, get_resolver, resolve

from members.views.login import to_allauth_login
from tests.conftest import PASSWORD, totp_code
from tests.members.signin import (
    LOGIN,
    MFA_STEP,
    OFF_SITE,
    clear_cache,
    post_code,
    post_password,
    signed_in_id,
    stays_on_site,
)

WAGTAIL_LOGINS = ["/admin/login/", "/_util/login/"]


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def routed_views(patterns=None, prefix="/"):
    """(path, view) for every route in the project, includes flattened."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from routed_views(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


class TestWagtailLoginsGoToAllauth:
    @pytest.mark.parametrize("path", WAGTAIL_LOGINS)
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_redirects_to_allauth_login(self, client, db, path, method):
        response = getattr(client, method)(path)
        assert response.status_code == 302
        assert response["Location"] == LOGIN

    @pytest.mark.parametrize("path", WAGTAIL_LOGINS)
    def test_keeps_a_next_on_this_site(self, client, db, path):
        response = client.get(path, {"next": "/admin/pages/"})
        assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"

    @pytest.mark.parametrize("path", WAGTAIL_LOGINS)
    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_drops_a_next_off_the_site(self, client, db, path, next_url):
        response = client.post(path, {"next": next_url})
        assert response["Location"] == LOGIN

    @pytest.mark.parametrize("path", WAGTAIL_LOGINS)
    def test_correct_password_posted_there_gives_no_session(self, client, secretariat, path):
        form = {"username": secretariat.email, "login": secretariat.email, "password": PASSWORD, "next": "/admin/"}
        response = client.post(path, form)
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == LOGIN
        assert signed_in_id(client) is None
        assert client.get("/admin/").status_code == 302


class TestAllauthLoginNeedsTheSecondFactor:
    def test_correct_password_stops_at_the_code_step(self, client, secretariat):
        response = post_password(client, secretariat.email, next="/admin/")
        assert response.status_code == 302
        assert response["Location"] == MFA_STEP
        assert signed_in_id(client) is None
        assert client.get("/admin/")["Location"].startswith(LOGIN)

    def test_the_code_signs_in_and_leads_on_to_next(self, client, secretariat):
        post_password(client, secretariat.email, next="/admin/")
        response = post_code(client, totp_code(secretariat))
        assert response["Location"] == "/admin/"
        assert signed_in_id(client) == str(secretariat.pk)
        assert client.get("/admin/").status_code == 200


class TestNoOtherLogin:
    def test_django_admin_is_not_installed(self):
        assert "django.contrib.admin" not in settings.INSTALLED_APPS

    @pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/"])
    def test_no_django_admin_pages(self, client, db, path):
        assert client.get(path).status_code == 404

    def test_every_routed_django_login_is_shadowed_by_the_redirect(self, db):
        """Wagtail routes Django's LoginView (or its subclass) twice; both paths resolve to the redirect."""
        shadowed = [route for route, view in routed_views() if _is_django_login(view)]
        assert sorted(shadowed) == ["/_util/login/", "/admin/login/"]
        for route in shadowed:
            assert resolve(route).func is to_allauth_login, route


def _is_django_login(view) -> bool:
    view_class = getattr(view, "view_class", None)
    from_django = getattr(view, "__module__", "").startswith(("django.contrib.admin", "django.contrib.auth"))
    return from_django or (view_class is not None and issubclass(view_class, LoginView))


class TestPasswordResetIsAllauths:
    def test_wagtail_reset_is_off(self, client, db):
        assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
        assert client.get("/admin/password_reset/").status_code == 404

    def test_allauth_reset_mails_a_known_member(self, client, member):
        response = client.post("/accounts/password/reset/", {"email": member.email})
        assert response.status_code == 302
        assert [message.to for message in mail.outbox] == [[member.email]]
        assert "/accounts/password/reset/key/" in mail.outbox[0].body


class TestNextStaysOnTheSite:
    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_login(self, client, member, next_url):
        response = post_password(client, member.email, next=next_url)
        assert signed_in_id(client) == str(member.pk)
        assert stays_on_site(response["Location"]), response["Location"]

    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_login_with_second_factor(self, client, secretariat, next_url):
        post_password(client, secretariat.email, next=next_url)
        response = post_code(client, totp_code(secretariat))
        assert signed_in_id(client) == str(secretariat.pk)
        assert stays_on_site(response["Location"]), response["Location"]

    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_logout(self, member_client, next_url):
        response = member_client.post("/accounts/logout/", {"next": next_url})
        assert response.status_code == 302
        assert stays_on_site(response["Location"]), response["Location"]

    def test_a_next_on_this_site_is_followed(self, client, member):
        response = post_password(client, member.email, next="/practices/?page=2")
        assert response["Location"] == "/practices/?page=2"

    @pytest.mark.parametrize("next_url", OFF_SITE)
    def test_redirect_keeps_it_off_the_login_form(self, client, db, next_url):
        location = client.get("/admin/login/", {"next": next_url})["Location"]
        assert parse_qs(urlsplit(location).query) == {}
