"""Saving a search from the search page and managing saved searches in the account pages."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.choices import Frequency
from alerts.models import SavedSearch
from alerts.searches import MAX_PER_USER
from members import personal_data
from tests.alerts.conftest import saved_search
from tests.search.helpers import client_for

SAVE = reverse("alerts:save")
LIST = reverse("alerts:list")
SAVERS = ["member", "expert", "stockholm_editor", "barcelona_editor", "secretariat"]


def save(client, search: str, frequency="weekly", name=""):
    return client.post(SAVE, {"search": search, "frequency": frequency, "name": name})


@pytest.mark.parametrize("role", SAVERS)
def test_people_with_network_access_save_a_search_from_the_search_page(request, role, stockholm, theme):
    client = client_for(request, role)
    page = client.get("/search/", {"q": "harbour", "city": "stockholm"})
    assert "Save this search" in page.content.decode()

    response = save(client, "q=harbour&city=stockholm&theme=victim-support&page=3&sort=date&city=atlantis")

    saved = SavedSearch.objects.get(user=request.getfixturevalue(role))
    assert saved.query_string == "q=harbour&city=stockholm&theme=victim-support"  # no page, sort or unknown city
    assert saved.name == "“harbour” · Stockholm · Victim support"
    assert saved.frequency == Frequency.WEEKLY
    assert response.status_code == 302 and response["Location"] == saved.search_url()
    again = client.get(response["Location"])
    assert "emailed to you once a week" in again.content.decode()
    assert "You saved this search as" in again.content.decode()


def test_anonymous_readers_are_asked_to_sign_in_and_cannot_save(client, stockholm):
    page = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "to save this search" in page and 'action="/accounts/saved-searches/save/"' not in page

    response = save(client, "q=harbour")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not SavedSearch.objects.exists()


def test_signed_in_people_without_network_access_cannot_save(client, outsider, stockholm):
    client.force_login(outsider)
    assert "Save this search" not in client.get("/search/", {"q": "harbour"}).content.decode()
    assert save(client, "q=harbour").status_code == 403
    assert not SavedSearch.objects.exists()


def test_saving_is_a_post(member_client):
    assert member_client.get(SAVE, {"search": "q=harbour"}).status_code == 405


HOSTILE_SAVES = {
    "nothing to search": ({"search": "", "frequency": "weekly"}, "there is nothing to save"),
    "only junk": ({"search": "page=2&sort=date&city=atlantis&year=abc", "frequency": "weekly"}, "nothing to save"),
    "30 KB query string": ({"search": "q=" + "harbour " * 4000, "frequency": "weekly"}, "too long to save"),
    "30,000 parameters": ({"search": "&".join(["theme=a"] * 3000), "frequency": "weekly"}, "too long to save"),
    "10,001 empty parameters": ({"search": "&" * 10_001, "frequency": "weekly"}, "too long to save"),
    "unknown frequency": ({"search": "q=harbour", "frequency": "hourly"}, "Select a valid choice"),
    "no frequency": ({"search": "q=harbour"}, "This field is required"),
    "10 KB name": ({"search": "q=harbour", "frequency": "weekly", "name": "n" * 10_000}, "at most 100 characters"),
    "markup in the search": ({"search": "q=<script>alert(1)</script>", "frequency": "off"}, None),
    "a list for a field": ({"search": ["q=a", "q=b"], "frequency": ["weekly", "nope"]}, None),
    "NUL bytes": ({"search": "q=har\x00bour", "frequency": "weekly", "name": "a\x00b"}, "Null characters"),
}


@pytest.mark.parametrize("case", HOSTILE_SAVES)
def test_hostile_saves_get_a_clear_answer(member_client, case, stockholm):
    data, message = HOSTILE_SAVES[case]
    response = member_client.post(SAVE, data)
    assert response.status_code in (302, 400), response.status_code
    body = response.content.decode()
    if message:
        assert response.status_code == 400 and message in body
    assert "<script>alert" not in body


def test_a_long_query_is_saved_as_the_search_page_reads_it(member_client, member):
    response = save(member_client, "q=" + "harbour+" * 1300)  # 10 KB
    assert response.status_code == 302
    (saved,) = SavedSearch.objects.filter(user=member)
    assert saved.query_string == "q=" + "+".join(["harbour"] * 25)  # cut at 200 characters, as searched
    assert len(saved.name) <= 100


def test_a_search_is_saved_once(member_client, member):
    save(member_client, "q=harbour")
    response = save(member_client, "sort=date&q=harbour")
    assert response.status_code == 400
    assert "You have already saved this search as ““harbour””." in response.content.decode()
    assert SavedSearch.objects.filter(user=member).count() == 1


def test_an_account_keeps_at_most_fifty_saved_searches(member_client, member):
    for number in range(MAX_PER_USER):
        saved_search(member, f"q=word{number}")
    response = save(member_client, "q=one+more")
    assert response.status_code == 400
    assert "You have 50 saved searches, as many as an account may keep." in response.content.decode()
    assert SavedSearch.objects.filter(user=member).count() == MAX_PER_USER


def test_the_list_shows_ones_own_saved_searches_only(member_client, member, expert):
    saved_search(member, "q=harbour", name="My harbours")
    saved_search(expert, "q=lighthouse", name="Expert lighthouses")
    page = member_client.get(LIST).content.decode()
    assert "My harbours" in page and "“harbour”" in page
    assert "Expert lighthouses" not in page
    assert f'href="{LIST}" aria-current="page"' in page  # the account menu's tab


def test_anonymous_readers_are_sent_to_sign_in(client, member):
    saved = saved_search(member, "q=harbour")
    for path in (LIST, reverse("alerts:edit", args=[saved.pk])):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(reverse("alerts:delete", args=[saved.pk])).status_code == 302
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_rename_and_change_the_emails(member_client, member):
    saved = saved_search(member, "q=harbour", frequency=Frequency.OFF)
    saved.covered_until = timezone.now() - datetime.timedelta(days=30)
    saved.save()
    response = member_client.post(
        reverse("alerts:edit", args=[saved.pk]), {"name": "Harbours, weekly", "frequency": "weekly"}
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Harbours, weekly", Frequency.WEEKLY)
    # Emails switched on start from now: the month they were off is not sent.
    assert saved.covered_until > timezone.now() - datetime.timedelta(minutes=1)


def test_changing_between_immediate_and_weekly_keeps_the_window(member_client, member):
    saved = saved_search(member, "q=harbour", frequency=Frequency.IMMEDIATE)
    before = saved.covered_until
    member_client.post(reverse("alerts:edit", args=[saved.pk]), {"name": "h", "frequency": "weekly"})
    saved.refresh_from_db()
    assert saved.covered_until == before


@pytest.mark.parametrize(
    "data", [{"name": "", "frequency": "weekly"}, {"name": "x", "frequency": "daily"}, {"name": "x" * 5000}, {}]
)
def test_hostile_changes_are_refused_with_a_message(member_client, member, data):
    saved = saved_search(member, "q=harbour", name="Kept")
    response = member_client.post(reverse("alerts:edit", args=[saved.pk]), data)
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()
    saved.refresh_from_db()
    assert saved.name == "Kept"


def test_delete(member_client, member):
    saved = saved_search(member, "q=harbour", name="Gone soon")
    response = member_client.post(reverse("alerts:delete", args=[saved.pk]))
    assert response.status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    assert member_client.get(reverse("alerts:delete", args=[saved.pk])).status_code == 405


@pytest.mark.parametrize("role", ["expert", "stockholm_editor", "secretariat"])
def test_other_peoples_saved_searches_cannot_be_seen_changed_or_deleted(request, role, member):
    saved = saved_search(member, "q=harbour", name="Member's own")
    client = client_for(request, role)
    assert client.get(reverse("alerts:edit", args=[saved.pk])).status_code == 404
    assert client.post(reverse("alerts:edit", args=[saved.pk]), {"name": "Mine", "frequency": "off"}).status_code == 404
    assert client.post(reverse("alerts:delete", args=[saved.pk])).status_code == 404
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Member's own", Frequency.IMMEDIATE)


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999", "-1", "abc", "1.5", "%00"])
def test_odd_ids_are_not_found(member_client, pk):
    for path in (f"{LIST}{pk}/", f"{LIST}{pk}/delete/"):
        response = member_client.post(path) if path.endswith("delete/") else member_client.get(path)
        assert response.status_code == 404, (path, response.status_code)


def test_saved_searches_are_in_the_data_download_and_go_with_the_account(member_client, member):
    saved_search(member, "q=harbour&city=stockholm", name="Harbours")
    data = json.loads(member_client.post(reverse("account_data")).content)
    assert [(s["name"], s["search"], s["emails"]) for s in data["saved_searches"]] == [
        ("Harbours", "q=harbour&city=stockholm", "immediate")
    ]
    personal_data.delete_account(member)
    assert not SavedSearch.objects.exists()


def test_a_person_who_lost_network_access_still_sees_and_deletes_their_saved_searches(outsider):
    saved = saved_search(outsider, "q=harbour", name="From before")
    client = Client()
    client.force_login(outsider)
    page = client.get(LIST).content.decode()
    assert "From before" in page and "send no email while you have no network access" in page
    assert client.post(reverse("alerts:delete", args=[saved.pk])).status_code == 302


def test_a_search_by_filters_alone_can_be_saved(member_client, member, stockholm):
    page = member_client.get("/search/", {"type": "practice", "city": "stockholm"}).content.decode()
    assert "Save this search" in page
    save(member_client, "type=practice&city=stockholm")
    saved = SavedSearch.objects.get(user=member)
    assert (saved.query_string, saved.name) == ("city=stockholm&type=practice", "Stockholm · Practices")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "<script>alert(1)</script>", "city": "<b>x</b>"},
        {"q": "harbour " * 1300},
        {"q": "\x00\x1f", "year": "9" * 400, "page": "-1", "after": "%%%"},
        {"q": "harbour", "theme": ["a" * 101] * 200},
    ],
)
def test_the_save_control_survives_hostile_search_pages(member_client, params, stockholm):
    response = member_client.get("/search/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<b>x</b>" not in body
