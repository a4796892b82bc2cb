"""Stored markup drill: script payloads saved by editors in the admin (titles, rich text,
StreamField blocks, the event agenda, research authors, document titles) and by an expert
in their profile come out as text everywhere they are shown: public pages, listings,
search results and highlights on both backends, feeds, calendars, the API and the admin.

The payload carries MARK; the check (``unescaped_markup``, shared with the hostile-input
drill) finds any element, event handler, ``javascript:`` link or script code holding it.
Each surface must also show the payload (as text), so a check cannot pass on a page that
simply left it out.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from home.site_structure import ensure_site_structure
from members.choices import Role
from resources.models import EventPage, PracticePage, ResearchPage
from tests.admin_forms import add_url, event_form, practice_form, research_form
from tests.conftest import _with_role, make_city
from tests.portal.test_hostile_input import MARK, unescaped_markup
from tests.search.helpers import kept_for_module

BACKENDS = [pytest.param("database"), pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]

pytestmark = pytest.mark.django_db

PAYLOAD = f"<script>{MARK}(1)</script>\"><img src=x onerror={MARK}(2)>' onmouseover='{MARK}(3)"
SHORT = f"<svg onload={MARK}(4)>"  # for fields of 100 characters or fewer
# Rich text as the admin's editor posts it (Draftail's contentstate): the payload as text, a
# link to a javascript: address and one whose address tries to leave its attribute.
CONTENTSTATE = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": f"{PAYLOAD} first link second link",
                "inlineStyleRanges": [{"offset": 0, "length": 8, "style": "BOLD"}],
                "entityRanges": [
                    {"offset": len(PAYLOAD) + 1, "length": 10, "key": 0},
                    {"offset": len(PAYLOAD) + 12, "length": 11, "key": 1},
                ],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": f"javascript:{MARK}(5)"}},
            "1": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": f'https://x.example/" onclick="{MARK}(6)'}},
        },
    }
)
# HTML as it is pasted into the editor (converted to contentstate on the way in).
PASTED = rich_text(
    f'<p>Pasted <b>{escape(PAYLOAD)}</b></p><p><a href="javascript:{MARK}(7)">pasted</a></p><script>{MARK}(8)</script>'
)


def admin_post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def upload_document(client, collection_id) -> int:
    data = {
        "title": f"Plan {PAYLOAD}",
        "file": SimpleUploadedFile("plan.txt", f"Evacuation plan {MARK} words".encode()),
        "collection": collection_id,
    }
    admin_post(client, "/admin/documents/add/", data)
    return get_document_model().objects.get(title=f"Plan {PAYLOAD}").pk


def practice_data(document_id: int) -> dict:
    body = [
        ("heading", {"text": f"Heading {PAYLOAD}", "level": "h2"}),
        ("paragraph", CONTENTSTATE),
        ("quote", {"text": f"Quote {PAYLOAD}", "attribution": f"Said {PAYLOAD}"}),
        ("callout", {"title": f"Callout {PAYLOAD}", "text": PASTED}),
        ("document", {"document": document_id, "title": f"Linked {PAYLOAD}"}),
    ]
    return practice_form(
        title=f"Practice {PAYLOAD}",
        slug="stored-practice",
        summary=f"Summary {PAYLOAD} harbour",
        target_audiences=f"Audiences {PAYLOAD}",
        partners=f"Partners {PAYLOAD}",
        search_description=f"Description {PAYLOAD}",
        objectives=CONTENTSTATE,
        method=PASTED,
        body=streamfield(body),
        attachments=inline_formset([{"document": document_id, "caption": f"Caption {PAYLOAD}"}]),
    )


def event_data(city_id: int) -> dict:
    agenda = [
        ("heading", {"text": f"Day one {PAYLOAD}", "level": "h3"}),
        (
            "item",
            {"time": "09:30", "title": f"Item {PAYLOAD}", "speakers": f"By {PAYLOAD}", "description": PAYLOAD},
        ),
    ]
    return event_form(
        title=f"Event {PAYLOAD}",
        slug="stored-event",
        summary=f"Summary {PAYLOAD} harbour",
        venue=f"Venue {PAYLOAD}",
        organiser=f"Organiser {SHORT}",
        host_city=str(city_id),
        description=CONTENTSTATE,
        agenda=streamfield(agenda),
    )


def research_data() -> dict:
    author = {"name": f"Author {PAYLOAD}", "affiliation": f"Institute {PAYLOAD}", "orcid": ""}
    return research_form(
        title=f"Research {PAYLOAD}",
        slug="stored-research",
        abstract=f"Abstract {PAYLOAD} harbour",
        practitioner_summary=f"Take-away {PAYLOAD}",
        venue=f"Journal {PAYLOAD}",
        authors=[author],
    )


@pytest.fixture(scope="module")
def stored(django_db_setup, django_db_blocker):
    """Everything saved once for the module, through the forms editors and experts use."""
    with kept_for_module(django_db_blocker):
        _home, cities, research, events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        users = get_user_model()
        secretariat = _with_role(users, "secretariat@example.org", Role.SECRETARIAT, mfa=True)
        expert = _with_role(users, "expert@example.org", Role.INVITED_EXPERT)
        member = _with_role(users, "member@example.org", Role.NETWORK_MEMBER)
        editor = Client()
        editor.force_login(secretariat)
        from resources.permissions import city_collection

        document_id = upload_document(editor, city_collection(stockholm).pk)
        admin_post(editor, add_url(PracticePage, stockholm), practice_data(document_id))
        admin_post(editor, add_url(EventPage, events), event_data(stockholm.pk))
        admin_post(editor, add_url(ResearchPage, research), research_data())
        writer = Client()
        writer.force_login(expert)
        profile = {
            "account-first_name": f"First {SHORT}",
            "account-last_name": f"Last {SHORT}",
            "profile-display_name": f"Expert {SHORT} harbour",
            "profile-affiliation": f"Institute {PAYLOAD}",
            "profile-bio": f"Bio {PAYLOAD}\nsecond line",
            "profile-orcid": "",
            "profile-visibility": "public",
        }
        response = writer.post("/accounts/profile/", profile)
        assert response.status_code == 302, response.content.decode()[:2000]
        yield {
            "practice": PracticePage.objects.get(slug="stored-practice"),
            "event": EventPage.objects.get(slug="stored-event"),
            "research": ResearchPage.objects.get(slug="stored-research"),
            "stockholm": stockholm,
            "document_id": document_id,
            "expert": expert,
            "member": member,
            "secretariat": secretariat,
        }


def assert_shown_as_text(response, where: str) -> None:
    assert response.status_code == 200, (where, response.status_code)
    assert MARK in response.content.decode(), f"{where}: the payload is not shown at all"
    assert not unescaped_markup(response), (where, unescaped_markup(response))


def client_as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def public_addresses(stored) -> list[str]:
    return [
        stored["practice"].url,
        stored["event"].url,
        stored["research"].url,
        stored["stockholm"].url,
        "/",
        "/practices/",
        "/research/",
        "/events/",
        f"/experts/{stored['expert'].expert_profile.pk}/",
        f"/events/calendar/?month={stored['event'].start:%Y-%m}",
    ]


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_pages_and_listings_show_stored_markup_as_text(stored, reader, subtests):
    client = client_as(stored["member"] if reader == "member" else None)
    addresses = public_addresses(stored) + (["/experts/"] if reader == "member" else [])
    for address in addresses:
        with subtests.test(address=address):
            assert_shown_as_text(client.get(address), address)


def test_links_to_javascript_addresses_are_dropped(stored):
    """Draftail's converter writes no javascript: link and no address that leaves its attribute."""
    body = client_as().get(stored["practice"].url).content.decode()
    assert "javascript:" not in body.lower()
    assert f'onclick="{MARK}' not in body
    assert f"<script>{MARK}" not in body


def test_feeds_calendars_and_api_hold_no_markup(stored, subtests):
    client = client_as()
    practice, event = stored["practice"], stored["event"]
    addresses = [
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        "/feeds/city/stockholm.rss",
        "/events/feed.ics",
        f"/events/{event.pk}.ics",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{practice.pk}/",
        f"/api/v2/pages/{event.pk}/",
        "/api/v2/documents/",
        f"/api/v2/documents/{stored['document_id']}/",
        f"/api/v2/pages/?search={MARK}",
    ]
    for address in addresses:
        with subtests.test(address=address):
            assert_shown_as_text(client.get(address), address)


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_search_results_and_highlights_show_stored_markup_as_text(stored, search_backend, subtests):
    search_backend.sync()
    client = client_as(stored["member"])
    # (Words of the attached file are searched on Elasticsearch only.)
    queries = [MARK, "harbour", f"onerror {MARK}", f"Practice {MARK}"]
    for query in queries + (["Evacuation plan"] if search_backend.name == "elasticsearch" else []):
        with subtests.test(query=query):
            response = client.get("/search/", {"q": query})
            assert response.context["results"].hits, f"nothing found for {query!r} on {search_backend}"
            assert_shown_as_text(response, f"search {query!r}")
    with subtests.test("highlight"):
        response = client.get("/search/", {"q": MARK})
        assert f"<mark>{MARK}</mark>" in response.content.decode()
    with subtests.test("suggest"):
        response = client.get("/search/suggest/", {"q": "Practice"})
        assert_shown_as_text(response, "suggest")


def test_admin_shows_stored_markup_as_text(stored, subtests, drill):
    client = client_as(stored["secretariat"])
    practice = stored["practice"]
    addresses = [
        "/admin/",
        f"/admin/pages/{practice.pk}/edit/",
        f"/admin/pages/{stored['event'].pk}/edit/",
        f"/admin/pages/{stored['research'].pk}/edit/",
        f"/admin/pages/{stored['stockholm'].pk}/",
        f"/admin/pages/{practice.pk}/history/",
        f"/admin/pages/search/?q={MARK}",
        "/admin/documents/",
        f"/admin/documents/edit/{stored['document_id']}/",
        reverse("wagtailusers_users:edit", args=[stored["expert"].pk]),
        "/admin/users/",
        practice.url,  # with the editors' userbar
    ]
    for address in addresses:
        with subtests.test(address=address):
            assert_shown_as_text(client.get(address), address)
    drill.figure("payload", PAYLOAD)
    drill.figure(
        "saved in",
        "page titles, summaries, SEO descriptions, rich text (contentstate and pasted HTML), StreamField "
        "heading/paragraph/quote/callout/document blocks, event agenda blocks, research authors, "
        "attachment captions, document titles, expert profile and account names",
    )
