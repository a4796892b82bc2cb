"""The account's sessions screen: "last seen" is kept without a write on every request.

A session's activity is recorded at most once per MEMBERS_SESSION_ACTIVITY_SECONDS; a new
browser or address, and a visit to the sessions screen itself, are recorded at once.
"""

import datetime
import time

import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import PASSWORD

SESSIONS = "/accounts/sessions/"
AN_HOUR_AGO = datetime.timedelta(hours=1)


@pytest.fixture
def browser(member, site_tree, settings):
    settings.MEMBERS_SESSION_ACTIVITY_SECONDS = 1
    client = Client(HTTP_USER_AGENT="Laptop/1.0")
    assert client.post("/accounts/login/", {"login": member.email, "password": PASSWORD}).status_code == 302
    client.get("/")  # the first page after signing in is recorded
    return client


def seen_long_ago(member) -> UserSession:
    UserSession.objects.filter(user=member).update(last_seen_at=timezone.now() - AN_HOUR_AGO)
    return UserSession.objects.get(user=member)


def seen_now(member) -> bool:
    return timezone.now() - UserSession.objects.get(user=member).last_seen_at < datetime.timedelta(seconds=30)


def test_pages_within_the_interval_write_nothing(browser, member):
    seen_long_ago(member)
    with CaptureQueriesContext(connection) as queries:
        browser.get("/")
        browser.get("/search/?q=drill")
    assert not any("usersessions_usersession" in query["sql"] for query in queries.captured_queries)
    assert not seen_now(member)


def test_last_seen_is_updated_once_the_interval_has_passed(browser, member):
    seen_long_ago(member)
    browser.get("/")
    assert not seen_now(member)
    time.sleep(1.1)
    browser.get("/")
    assert seen_now(member)


def test_the_sessions_screen_shows_its_own_session_as_seen_now(browser, member):
    seen_long_ago(member)
    response = browser.get(SESSIONS)
    assert response.status_code == 200
    assert seen_now(member)
    assert "an hour ago" not in response.content.decode()


def test_a_new_browser_is_recorded_at_once(browser, member):
    seen_long_ago(member)
    browser.get("/", HTTP_USER_AGENT="Laptop/2.0")
    session = UserSession.objects.get(user=member)
    assert session.user_agent == "Laptop/2.0"
    assert seen_now(member)


def test_visitors_are_not_tracked(client, site_tree):
    client.get("/")
    assert not UserSession.objects.exists()
