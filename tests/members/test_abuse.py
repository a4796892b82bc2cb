"""Abuse resistance: rate limits answer 429 whatever headers or spellings are tried, and sign-in
and password reset say the same for known and unknown addresses."""

import json
import os
import re
import subprocess
import sys

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import mail
from django.test import RequestFactory

from tests.conftest import totp_code
from tests.members.signin import LOGIN, clear_cache, post_code, post_password, signed_in_id

RESET = "/accounts/password/reset/"
WRONG = "not the password at all"
# allauth's defaults: login_failed "10/m/ip,5/5m/key", reset_password "20/m/ip,5/m/key".
PER_ADDRESS = 5
PER_IP = 10
RESETS_PER_IP = 20


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def same_page(html: str, *typed: str) -> str:
    """The page with what differs by design (CSRF token, the address typed back) blanked."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)
    for text in typed:
        html = html.replace(text, "TYPED")
    return html


class TestFailedLogins:
    def test_end_in_429_even_with_the_right_password(self, client, member):
        for attempt in range(PER_ADDRESS):
            response = post_password(client, member.email, WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
            assert response.status_code == 200
        assert post_password(client, member.email, WRONG).status_code == 429
        response = post_password(client, member.email)
        assert response.status_code == 429
        assert signed_in_id(client) is None

    def test_the_429_page_is_the_portals(self, client, member):
        for _ in range(PER_ADDRESS):
            post_password(client, member.email, WRONG)
        response = post_password(client, member.email, WRONG)
        html = response.content.decode()
        assert 'class="site-header"' in html
        assert "Too many attempts" in html

    def test_varying_x_forwarded_for_does_not_reset_the_count(self, client, db):
        """No proxy is trusted (TRUSTED_PROXY_COUNT=0): the connecting address is counted."""
        assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
        for attempt in range(PER_IP):
            response = client.post(
                LOGIN,
                {"login": f"guess{attempt}@example.org", "password": WRONG},
                HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
            )
            assert response.status_code == 200
        response = client.post(
            LOGIN, {"login": "another@example.org", "password": WRONG}, HTTP_X_FORWARDED_FOR="192.0.2.1"
        )
        assert response.status_code == 429

    def test_varying_case_and_accents_does_not_reset_the_count(self, client, member):
        """Each attempt from another address, so only the per-account count can stop them."""
        spellings = ["Member@Example.org", "MEMBER@EXAMPLE.ORG", "member@exämple.org", "mEmBeR@ExÄmple.org"]
        for attempt in range(PER_ADDRESS):
            login = spellings[attempt % len(spellings)]
            response = post_password(client, login, WRONG, REMOTE_ADDR=f"10.0.0.{attempt + 1}")
            assert response.status_code == 200, login
        response = post_password(client, member.email, REMOTE_ADDR="10.0.1.1")
        assert response.status_code == 429
        assert signed_in_id(client) is None

    def test_wrong_codes_at_the_second_step_end_in_429(self, client, secretariat):
        post_password(client, secretariat.email)
        wrong = "000000" if totp_code(secretariat) != "000000" else "111111"
        for _ in range(PER_ADDRESS):
            assert post_code(client, wrong).status_code == 200
        response = post_code(client, totp_code(secretariat))
        assert response.status_code == 429
        assert signed_in_id(client) is None

    def test_case_and_accents_fold_to_one_key(self):
        """An accented local part ("mémber@") is refused by the form before any password check,
        so it never signs anyone in; should it reach the check, it counts as "member@"."""
        request = RequestFactory().post(LOGIN)
        keys = {
            get_adapter(request)._get_login_attempts_cache_key(request, email=login)
            for login in ["member@example.org", "Member@Example.org", "mémber@example.org", "MÉMBER@EXÄMPLE.ORG"]
        }
        assert len(keys) == 1

    def test_an_accented_local_part_signs_nobody_in(self, client, member):
        response = post_password(client, "mémber@example.org")
        assert response.status_code == 200
        assert signed_in_id(client) is None


class TestPasswordReset:
    def test_repeated_requests_for_one_address_end_in_429(self, client, member):
        spellings = ["member@example.org", "Member@Example.org", "MEMBER@EXAMPLE.ORG"]
        for attempt in range(PER_ADDRESS):
            response = client.post(RESET, {"email": spellings[attempt % 3]}, REMOTE_ADDR=f"10.0.0.{attempt + 1}")
            assert response.status_code == 302
        assert client.post(RESET, {"email": member.email}, REMOTE_ADDR="10.0.1.1").status_code == 429
        assert len(mail.outbox) == PER_ADDRESS

    def test_varying_x_forwarded_for_does_not_reset_the_count(self, client, db):
        for attempt in range(RESETS_PER_IP):
            response = client.post(
                RESET, {"email": f"someone{attempt}@example.org"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}"
            )
            assert response.status_code == 302
        response = client.post(RESET, {"email": "more@example.org"}, HTTP_X_FORWARDED_FOR="192.0.2.1")
        assert response.status_code == 429


class TestSameAnswerForKnownAndUnknown:
    def test_password_reset(self, client, member):
        known = client.post(RESET, {"email": member.email})
        unknown = client.post(RESET, {"email": "nobody@example.org"})
        assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
        known_page, unknown_page = client.get(known["Location"]), client.get(unknown["Location"])
        assert known_page.status_code == unknown_page.status_code == 200
        assert same_page(known_page.content.decode()) == same_page(unknown_page.content.decode())
        # Only the member gets a reset link; an unknown address gets nothing (signup is closed).
        assert [message.to for message in mail.outbox] == [[member.email]]

    def test_failed_login(self, client, member):
        known = post_password(client, member.email, WRONG)
        unknown = post_password(client, "nobody@example.org", WRONG)
        assert known.status_code == unknown.status_code == 200
        known_html = same_page(known.content.decode(), member.email)
        assert known_html == same_page(unknown.content.decode(), "nobody@example.org")
        assert "not correct" in known_html


class TestProductionCache:
    def test_rate_limits_use_a_cache_shared_by_every_worker(self):
        """Import the production settings as production would (in a child process)."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "check-only",
            "ALLOWED_HOSTS": "portal.example.org",
            "DATABASE_URL": "postgres://ctpn@127.0.0.1:5432/ctpn",
        }
        env.pop("TRUSTED_PROXY_COUNT", None)
        script = (
            "import json; from django.conf import settings; "
            "print(json.dumps([settings.CACHES['default'], settings.ALLAUTH_TRUSTED_PROXY_COUNT]))"
        )
        out = subprocess.run(  # noqa: S603 (fixed command, our own interpreter)
            [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
        )
        cache, proxies = json.loads(out.stdout)
        assert cache["BACKEND"] not in {
            "django.core.cache.backends.locmem.LocMemCache",
            "django.core.cache.backends.dummy.DummyCache",
        }
        assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        assert proxies == 0
