"""Hardening, as a browser, a proxy or an operator sees it: the deployment check passes
with production settings, production answers with HSTS and secure cookies, every page
carries a Content Security Policy without inline scripts (Wagtail's admin a laxer
one), documents go out as sandboxed attachments, restricted answers say ``no-store``,
and nothing a member searches for is kept with who searched."""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.views.defaults import server_error

from members.models import CalendarFeedToken
from portal.settings.base import LOGGING as PRODUCTION_LOGGING
from tests.browser.content import build_content, main_pages
from tests.conftest import restore_migrated_data
from tests.factories import make_document, members_only_collection

BASE_DIR = django_settings.BASE_DIR
HOST = "ctpn.example.org"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3y-from-the-environment-" + "x7Qm2" * 10,
    "ALLOWED_HOSTS": HOST,
}
DOCUMENT_POLICY = {"default-src": ["'none'"], "sandbox": []}
SECRET_BYTES = b"%PDF-1.4 members-only call list"


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.get("Content-Security-Policy", "") if hasattr(response, "get") else response
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def database_url() -> str:
    """The test database as a URL, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_python(code: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": database_url(), **env}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Production settings


# Pages need collected static files under production settings; the health check and the
# language switch (which sets a cookie) need none.
PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("createcachetable", verbosity=0)
client = Client()
proxied = {{"HTTP_HOST": "{host}", "HTTP_X_FORWARDED_PROTO": "https"}}  # as the TLS proxy forwards
plain = client.get("/healthz", HTTP_HOST="{host}")
secure = client.get("/healthz", **proxied)
language = client.post("/i18n/setlang/", {{"language": "sv", "next": "/"}}, **proxied)
print(json.dumps({{
    "plain": [plain.status_code, plain.get("Location", "")],
    "status": secure.status_code,
    "headers": dict(secure.items()),
    "cookies": {{n: [bool(c["secure"]), bool(c["httponly"]), c["samesite"]] for n, c in language.cookies.items()}},
    "settings": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                 settings.CSRF_COOKIE_SECURE, settings.CSRF_COOKIE_HTTPONLY],
}}))
"""


class TestProductionSettings:
    def test_the_deployment_check_finds_nothing(self, django_db_setup):
        result = run_python("", PRODUCTION_ENV, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNING" not in result.stdout + result.stderr

    def test_production_answers_over_https_with_strict_headers_and_secure_cookies(self, django_db_setup):
        result = run_python(PRODUCTION_PROBE.format(host=HOST), PRODUCTION_ENV)
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout.strip().splitlines()[-1])
        assert seen["plain"] == [301, f"https://{HOST}/healthz"]
        assert seen["status"] == 200
        headers = seen["headers"]
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert policy(headers["Content-Security-Policy"])["script-src"] == ["'self'"]
        # Cookies go over HTTPS only and out of scripts' reach: the language cookie as sent,
        # the session and CSRF cookies as configured (setting them needs a signed-in page).
        assert seen["cookies"]["django_language"] == [True, True, "Lax"]
        assert seen["settings"] == [True, True, True, True]


# Content Security Policy


@pytest.fixture
def content(site_tree, stockholm, theme):
    return build_content(site_tree, stockholm, theme)


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT = re.compile(r"""type=["']application/(ld\+)?json["']""", re.IGNORECASE)


def inline_code(page: str) -> list[str]:
    """What a policy without 'unsafe-inline' would block: inline scripts (not JSON data),
    event-handler attributes, javascript: URLs, <style> elements and style attributes."""
    found = [f"<script{attrs}>" for attrs in SCRIPT_TAG.findall(page) if "src=" not in attrs]
    found = [tag for tag in found if not DATA_SCRIPT.search(tag)]
    found += re.findall(r"<[a-z][^>]*\son[a-z]+\s*=[^>]*>", page, re.IGNORECASE)
    found += re.findall(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", page, re.IGNORECASE)
    found += re.findall(r"<style\b[^>]*>", page, re.IGNORECASE)
    found += re.findall(r"<[a-z][^>]*\sstyle\s*=[^>]*>", page, re.IGNORECASE)
    return found


class TestContentSecurityPolicy:
    def test_public_pages_allow_only_the_portals_own_scripts_and_styles(self, client, content, site_tree):
        for url in main_pages(content, site_tree):
            response = client.get(url)
            assert response.status_code in (200, 404), url
            csp = policy(response)
            assert csp["script-src"] == ["'self'"], url
            assert csp["style-src"] == ["'self'"], url
            assert csp["object-src"] == ["'none'"], url
            assert csp["frame-ancestors"] == ["'none'"], url
            assert csp["base-uri"] == ["'none'"], url
            assert csp["form-action"] == ["'self'"], url

    @pytest.mark.parametrize("reader", ["anonymous", "member"])
    def test_public_pages_have_nothing_inline_the_policy_would_block(self, client, member, content, site_tree, reader):
        if reader == "member":
            client.force_login(member)
        for url in [*main_pages(content, site_tree), content.private_practice.url]:
            response = client.get(url, follow=True)
            assert inline_code(response.content.decode()) == [], url

    def test_a_page_from_the_page_cache_carries_the_policy_too(self, client, content):
        client.get(content.practice.url)
        response = client.get(content.practice.url)
        assert response["X-Page-Cache"] == "hit"
        assert policy(response)["script-src"] == ["'self'"]

    def test_the_server_error_page_takes_its_styles_from_a_file(self, rf):
        page = server_error(rf.get("/")).content.decode()
        assert inline_code(page) == []
        assert '<link rel="stylesheet" href="/static/css/error.css">' in page
        assert finders.find("css/error.css")

    def test_the_admin_gets_a_laxer_policy_of_its_own(self, secretariat_client, content):
        for url in ["/admin/", f"/admin/pages/{content.practice.pk}/edit/"]:
            response = secretariat_client.get(url)
            assert response.status_code == 200, url
            csp = policy(response)
            assert csp["script-src"] == ["'self'", "'unsafe-inline'"], url
            assert csp["style-src"] == ["'self'", "'unsafe-inline'"], url
            # The preview panel frames the page being edited: the admin may frame itself, no one else may.
            assert csp["frame-ancestors"] == ["'self'"], url
            assert csp["object-src"] == ["'none'"], url

    def test_the_public_policy_has_no_inline_scripts_anywhere(self):
        public = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        allowed = {source for directive in ("default-src", "script-src") for source in public.get(directive, [])}
        assert allowed == {"'self'"}
        assert "'unsafe-inline'" not in public["style-src"]


# Documents


class TestDocuments:
    def test_a_public_pdf_is_a_sandboxed_attachment(self, client, content):
        document = content.practice.attachments.first().document
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert re.match(r'attachment; filename="flood-drill-checklist(_\w+)?\.pdf"', response["Content-Disposition"])
        assert response["X-Content-Type-Options"] == "nosniff"
        assert policy(response) == DOCUMENT_POLICY
        assert body(response).startswith(b"%PDF-")

    def test_a_text_file_that_looks_like_html_is_downloaded_not_shown(self, client, db):
        document = make_document("Notes", "notes.txt", b"<html><script>alert(1)</script></html>")
        response = client.get(document.url)
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Type"].startswith("text/plain")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert policy(response) == DOCUMENT_POLICY

    def test_a_members_only_document_is_private_no_store_and_sandboxed(self, client, member):
        document = make_document("Call list", "call-list.pdf", SECRET_BYTES, members_only_collection())
        client.force_login(member)
        response = client.get(document.url)
        assert body(response) == SECRET_BYTES
        assert {"private", "no-store"} <= directives(response)
        assert response["Content-Disposition"].startswith("attachment")
        assert policy(response) == DOCUMENT_POLICY

    def test_a_refused_document_answers_with_a_styled_page_not_the_sandbox(self, client, outsider):
        document = make_document("Call list", "call-list.pdf", SECRET_BYTES, members_only_collection())
        client.force_login(outsider)
        response = client.get(document.url)
        assert response.status_code == 403
        assert SECRET_BYTES not in body(response)
        assert policy(response)["style-src"] == ["'self'"]


# Restricted responses: no browser history, proxy or CDN keeps them.


class TestRestrictedResponsesAreNotStored:
    def test_members_only_page_read_by_a_member(self, member_client, content):
        response = member_client.get(content.private_practice.url)
        assert response.status_code == 200
        assert b"Closed-door exercise notes" in response.content
        assert {"private", "no-store"} <= directives(response)

    def test_search_page_of_a_signed_in_member(self, member_client, content):
        response = member_client.get(reverse("search"), {"q": "exercise"})
        assert "Closed-door exercise notes" in html.unescape(response.content.decode())
        assert {"private", "no-store"} <= directives(response)
        suggestions = member_client.get(reverse("search_suggest"), {"q": "Closed"})
        assert {"private", "no-store"} <= directives(suggestions)

    def test_personal_calendar_feed_fetched_without_a_session(self, client, member, content):
        token = CalendarFeedToken.issue(member)
        response = client.get(reverse("events_personal_feed", args=[token]))
        assert response.status_code == 200
        assert b"BEGIN:VCALENDAR" in response.content
        assert {"private", "no-store"} <= directives(response)

    def test_account_pages(self, member_client):
        for name in ["account_profile", "account_calendar", "account_email"]:
            response = member_client.get(reverse(name))
            assert response.status_code == 200, name
            assert "no-store" in directives(response), name


# Search queries are not kept with who searched.

SEARCHED_WORD = "zanzibarish"
CLIENT_ADDRESS = "198.51.100.23"


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def cached_bytes() -> bytes:
    """Everything in the cache (the tests' in-memory one), as stored."""
    return b"".join(value for value in cache._cache.values() if isinstance(value, bytes))


class TestSearchQueriesAreNotKept:
    @pytest.fixture
    def searched(self, client, member, stockholm, caplog):
        """A member's search and autocomplete for a word, from a known address: (member, logged text)."""
        from tests.conftest import make_practice

        make_practice(stockholm, f"Drill in {SEARCHED_WORD} style", "drill")
        client.force_login(member)
        client.get("/", REMOTE_ADDR=CLIENT_ADDRESS)  # the session's first request records its address
        # What production logs: the root logger and the loggers it sets apart, at their levels.
        caplog.set_level(PRODUCTION_LOGGING["root"]["level"])
        for name, logger in PRODUCTION_LOGGING["loggers"].items():
            caplog.set_level(logger["level"], logger=name)

        def search() -> str:
            """Search and ask for suggestions; returns everything logged meanwhile."""
            before, first_record = row_counts(), len(caplog.records)
            found = client.get(reverse("search"), {"q": SEARCHED_WORD}, REMOTE_ADDR=CLIENT_ADDRESS)
            client.get(reverse("search_suggest"), {"q": SEARCHED_WORD[:5]}, REMOTE_ADDR=CLIENT_ADDRESS)
            assert f"Drill in {SEARCHED_WORD} style" in found.content.decode()
            assert row_counts() == before, "a search wrote to the database"
            return "\n".join(caplog.handler.format(record) for record in caplog.records[first_record:])

        return member, search

    @staticmethod
    def assert_nothing_kept(member, logged: str) -> None:
        for personal in (SEARCHED_WORD, SEARCHED_WORD[:5], member.email, CLIENT_ADDRESS):
            assert personal not in logged
            assert personal.encode() not in cached_bytes()

    def test_on_the_database_backend(self, searched):
        member, search = searched
        self.assert_nothing_kept(member, search())

    @pytest.mark.elasticsearch
    def test_on_elasticsearch_whose_slow_log_stays_off(self, searched, elasticsearch):
        from search import es

        elasticsearch.add_all()
        member, search = searched
        self.assert_nothing_kept(member, search())
        found = es.client().indices.get_settings(index=es.alias(), include_defaults=True, flat_settings=True)
        for index in found.values():
            merged = {**index.get("defaults", {}), **index.get("settings", {})}
            # A threshold of -1 (Elasticsearch's default) logs no query.
            thresholds = {key: value for key, value in merged.items() if ".search.slowlog.threshold." in key}
            assert thresholds and set(thresholds.values()) == {"-1"}, thresholds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestAccessLog:
    def test_gunicorns_access_log_has_the_path_but_not_the_query_or_referer(self, django_db_setup, django_db_blocker):
        # Tests without the db fixture run last, after transactional ones emptied the tables:
        # the server in another process needs the site the migrations made.
        restore_migrated_data(django_db_blocker)
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        }
        command = [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
            *("-c", "portal/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "1"),
            "portal.wsgi",
        ]
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            url = f"http://127.0.0.1:{port}/search/?q={SEARCHED_WORD}"
            request = urllib.request.Request(url, headers={"Referer": f"http://127.0.0.1/search/?q={SEARCHED_WORD}2"})  # noqa: S310
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
                        assert answer.status == 200
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.3)
        finally:
            server.terminate()
            output, _ = server.communicate(timeout=30)
        request_lines = [line for line in output.splitlines() if '"GET /search/' in line]
        assert len(request_lines) == 1, output
        assert '"GET /search/ HTTP/1.1" 200' in request_lines[0]
        assert SEARCHED_WORD not in output
