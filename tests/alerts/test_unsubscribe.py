"""The alert emails' unsubscribe link: works from the email without signing in, and only for its own search."""

import re
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from alerts import tokens
from alerts.choices import Frequency
from alerts.models import SavedSearch
from tests.alerts.conftest import HOUR, published, run_alerts, saved_search


def unsubscribe_path(token: str) -> str:
    return reverse("alerts:unsubscribe", args=[token])


def link_in(email) -> str:
    """The unsubscribe link of an email, as a path."""
    url = re.search(r"Stop the emails for this search: (\S+)", email.body)[1]
    assert email.message()["List-Unsubscribe"] == f"<{url}>"
    return url.removeprefix("http://testserver")


@pytest.fixture
def alert(index, member, stockholm):
    """A member's saved search and the alert email it sent."""
    saved = saved_search(member, "q=harbour", name="Harbours")
    published(stockholm, "Harbour drill", 2 * HOUR)
    index.sync()
    (email,) = run_alerts()
    return saved, email


def test_the_link_asks_first_then_stops_the_emails(alert, stockholm, index):
    saved, email = alert
    client = Client()  # the email is opened anywhere, signed in or not

    page = client.get(link_in(email))
    assert page.status_code == 200
    assert "Stop the emails about new matches for your saved search “Harbours”?" in page.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.IMMEDIATE  # a link scanner opening it changes nothing

    done = client.post(link_in(email))
    assert done.status_code == 200
    assert "You will get no more emails for your saved search “Harbours”." in done.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.OFF
    assert SavedSearch.objects.filter(pk=saved.pk).exists()  # the search itself stays

    SavedSearch.objects.filter(pk=saved.pk).update(covered_until=saved.covered_until - 3 * HOUR)
    published(stockholm, "Harbour patrols", HOUR)
    index.sync()
    assert run_alerts() == []


def test_one_click_unsubscribe_from_the_mail_client(alert):
    """RFC 8058: the mail client posts "List-Unsubscribe=One-Click" with no cookie and no CSRF token."""
    saved, email = alert
    client = Client(enforce_csrf_checks=True)
    response = client.post(link_in(email), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == Frequency.OFF


def test_a_link_stops_its_own_search_only(member, expert):
    mine = saved_search(member, "q=harbour", name="Mine")
    other = saved_search(member, "q=lighthouse", name="My other")
    theirs = saved_search(expert, "q=harbour", name="Theirs")
    token = tokens.make_token(mine)
    payload, timestamp, signature = token.split(":")

    forged = [
        # The same signature with another search's id in the payload.
        f"{signing.b64_encode(f'[{other.pk},{member.pk}]'.encode()).decode()}:{timestamp}:{signature}",
        f"{signing.b64_encode(f'[{theirs.pk},{expert.pk}]'.encode()).decode()}:{timestamp}:{signature}",
        # Genuinely signed, but not for unsubscribing (another salt), or pairing a search with another owner.
        signing.dumps([theirs.pk, expert.pk]),
        signing.dumps([theirs.pk, expert.pk], salt="members.calendar"),
        signing.dumps([theirs.pk, member.pk], salt=tokens.SALT),
        signing.dumps({"search": theirs.pk}, salt=tokens.SALT),
        signing.dumps([str(theirs.pk), str(expert.pk)], salt=tokens.SALT),
        # Tampered signature.
        f"{payload}:{timestamp}:{signature[:-2]}AA",
    ]
    client = Client()
    for token in forged:
        assert client.get(unsubscribe_path(token)).status_code == 404, token
        assert client.post(unsubscribe_path(token)).status_code == 404, token
    assert set(SavedSearch.objects.values_list("frequency", flat=True)) == {Frequency.IMMEDIATE}

    assert client.post(unsubscribe_path(tokens.make_token(mine))).status_code == 200
    assert list(SavedSearch.objects.filter(frequency=Frequency.OFF)) == [mine]


@pytest.mark.parametrize(
    "token",
    ["", "x", "a:b:c", ":::", "a" * 10_000, "é:ü:ß", "%00", "..", "WzEsMl0:1xXcTI:" + "A" * 43, "null", "[1,2]"],
)
def test_garbage_tokens_are_not_found(member, token):
    saved_search(member, "q=harbour")
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/accounts/saved-searches/unsubscribe/{token}/")
        assert response.status_code == 404, (method, token)


def test_an_expired_link_says_so_and_changes_nothing(member):
    saved = saved_search(member, "q=harbour", name="Old")
    long_ago = signing.time.time() - (tokens.UNSUBSCRIBE_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = tokens.make_token(saved)

    response = Client().post(unsubscribe_path(token))

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()
    saved.refresh_from_db()
    assert saved.frequency == Frequency.IMMEDIATE


def test_the_link_of_a_deleted_search_is_not_found(member):
    saved = saved_search(member, "q=harbour")
    token = tokens.make_token(saved)
    saved.delete()
    response = Client().get(unsubscribe_path(token))
    assert response.status_code == 404
    assert "This link is not valid, or its saved search has been deleted." in response.content.decode()
