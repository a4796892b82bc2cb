"""The leak matrix: nothing leaks, seen from outside, for every role, item and surface.

The world (tests/portal/leak_content.py) holds one item of each kind of content (public,
members-only, group-only, a restricted parent's never-saved child, a page moved under it, a
draft, an unpublished page, an unpublished change, events, documents in a private collection
and its child, images) and one person per role. ``SITE_TABLE`` and ``ADMIN_TABLE`` there say
who may read what. Each item's marker word is in its title, summary, body, slug and file
name: a surface leaks when a marker the reader may not read is in its answer, and counts
(totals, facet counts, listing counts) must equal the number of items the reader may read.

The world is built once for the module (each test's changes are rolled back); each surface
is one test that asks as every role in turn, search surfaces on both backends.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import re
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from alerts.choices import Frequency
from alerts.models import SavedSearch
from tests.portal.leak_content import (
    ADMIN_SEES,
    DRAFT_TITLES,
    EDITS,
    ITEMS,
    PAGE_KEYS,
    ROLES,
    SEES,
    SHARED_WORD,
    build_content,
    build_people,
    keys_of,
    markers_in,
)
from tests.search.helpers import facet_counts, kept_for_module

SIGNED_OUT = {"anonymous", "deactivated", "offboarded"}  # refused with the sign-in page, not a 403
PUBLIC = SEES["anonymous"]
PRACTICES = keys_of("practice")
EVENTS = keys_of("event")
DOCUMENTS = keys_of("document")
IMAGES = keys_of("image")
SEARCHABLE = {key for key in PAGE_KEYS if ITEMS[key].kind in ("practice", "event", "city")}
# Items shown inside another page: the public practice's files, the members-only practice's image.
EMBEDDED = {
    "public": {"public_document", "private_document", "child_collection_document"},
    "members": {"members_image"},
}
BACKENDS = [pytest.param("database"), pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        content = build_content()
        stockholm, barcelona, _saffron = content["cities"]
        yield {**content, **build_people(stockholm, barcelona)}


@pytest.fixture
def browsers(world, db) -> dict[str, Client]:
    """A browser per role, in ``ROLES`` order; the deactivated and offboarded people's browsers
    still hold the session cookie they had before losing access."""
    browsers = {}
    for role in ROLES:
        browser = Client()
        if role in world["browsers"]:
            browser.cookies = copy.deepcopy(world["browsers"][role].cookies)
        elif role != "anonymous":
            browser.force_login(world["users"][role])
        browsers[role] = browser
    return browsers


def read(response) -> str:
    """The body, without what was asked for: a "not found" page may repeat the address, and the
    search page the words sought."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace")
    request = response.wsgi_request
    for asked in [request.path, *(value for value in request.GET.values() if len(value) > 2)]:
        text = text.replace(asked, "")
    return text


def leaked(text: str, role: str, table=SEES) -> set[str]:
    """The items in ``text`` that ``role`` may not read."""
    return markers_in(text) - table[role]


def assert_refused(response, role: str) -> None:
    """Signed-out readers are sent to sign in; signed-in ones get the 403 page."""
    if role in SIGNED_OUT:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403, response.status_code


ADMIN_ROLES = {"expert", "stockholm_editor", "barcelona_editor", "secretariat"}


def test_the_tables_follow_the_rules_of_docs_access_control():
    """Roles that cannot sign in read what anonymous reads; the secretariat reads every live item;
    in the admin, people read what they may read on the site and what they may edit."""
    assert SEES["deactivated"] == SEES["offboarded"] == SEES["outsider"] == PUBLIC
    assert SEES["secretariat"] == {key for key in ITEMS if key not in {"draft", "unpublished", "draft_change"}}
    for role in ROLES:
        admin = SEES[role] | EDITS.get(role, set()) | DRAFT_TITLES if role in ADMIN_ROLES else set()
        assert ADMIN_SEES[role] == admin, role


def test_deactivated_and_offboarded_people_are_signed_out(browsers):
    for role in ("deactivated", "offboarded"):
        response = browsers[role].get("/")
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated, role


# Pages


def test_page_urls(world, browsers, subtests):
    for role, browser in browsers.items():
        for key in sorted(PAGE_KEYS):
            page = world["pages"][key]
            with subtests.test(role=role, item=key):
                response = browser.get(page.url)
                text = read(response)
                assert not leaked(text, role)
                if key in SEES[role]:
                    assert response.status_code == 200
                    assert markers_in(text) >= {key} | (EMBEDDED.get(key, set()) & SEES[role])
                elif not page.live:
                    assert response.status_code == 404
                else:
                    assert_refused(response, role)


def count_shown(text: str) -> int:
    """The count a listing states above its cards ("3 practices"; 0 for "No practices found")."""
    match = re.search(r'class="results__count">\s*(\d+)', text)
    return int(match[1]) if match else 0


def test_listing_pages(world, browsers, subtests):
    pages = world["pages"]
    month = f"{pages['public_event'].start:%Y-%m}"
    listings = {
        "/": set(),
        "/practices/": PRACTICES - {"draft", "unpublished"},
        "/cities/": {"restricted_parent"},
        pages["public"].get_parent().url: {"public", "members", "group"},
        pages["restricted_parent"].url: {"unsaved_child", "moved"},
        "/research/": set(),
        "/events/": EVENTS,
        f"/events/calendar/?month={month}": EVENTS,
    }
    for role, browser in browsers.items():
        for url, listed in listings.items():
            with subtests.test(role=role, url=url):
                response = browser.get(url)
                text = read(response)
                assert not leaked(text, role)
                if url == pages["restricted_parent"].url and "restricted_parent" not in SEES[role]:
                    assert_refused(response, role)
                    continue
                assert response.status_code == 200
                assert markers_in(text) >= listed & SEES[role]
                if url == "/practices/":
                    assert count_shown(text) == len(listed & SEES[role])


# Search: the page, its counts, snippets, suggestions, autocomplete and related resources


def hit_keys(response) -> list[str]:
    """The item of each hit, by the marker in its title."""
    return ["+".join(sorted(markers_in(hit.title))) or hit.title for hit in response.context["results"].hits]


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_search_page_totals_facets_and_snippets(world, browsers, search_backend, subtests):
    search_backend.sync()
    for role, browser in browsers.items():
        visible = SEES[role] & SEARCHABLE
        with subtests.test(role=role):
            response = browser.get("/search/", {"q": SHARED_WORD})
            results = response.context["results"]
            assert not leaked(read(response), role)
            assert results.total == len(visible)
            assert sorted(hit_keys(response)) == sorted(visible)
            assert Counter(facet_counts(response, "type")) == Counter(ITEMS[key].kind for key in visible)
            assert Counter(facet_counts(response, "city")) == Counter(ITEMS[key].city for key in visible)


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_search_for_each_marker(world, browsers, search_backend, subtests):
    """Each item's own word finds it, suggests it and completes to it only for those who may read it;
    a word only in a file or an image finds nothing for those who may not open it."""
    search_backend.sync()
    for role, browser in browsers.items():
        for key, item in ITEMS.items():
            with subtests.test(role=role, item=key):
                response = browser.get("/search/", {"q": item.marker})
                results = response.context["results"]
                assert not leaked(read(response), role)
                if key not in SEES[role]:
                    assert results.total == 0
                    assert not any(facet.values for facet in results.facets)
                elif key in SEARCHABLE:
                    assert key in hit_keys(response)
                offered = browser.get("/search/suggest/", {"q": item.marker[:5]}).json()["results"]
                assert not leaked(str(offered), role)
                if key in SEES[role] and item.kind in ("practice", "event"):
                    assert [markers_in(offer["title"]) for offer in offered] == [{key}]
                if key not in SEES[role]:
                    misspelt = item.marker[:-2] + item.marker[-1]
                    response = browser.get("/search/", {"q": misspelt})
                    assert response.context["results"].suggestion != item.marker
                    assert not leaked(read(response), role)


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_related_resources(world, browsers, search_backend, subtests):
    search_backend.sync()
    for role, browser in browsers.items():
        for key in ("public", "members", "group", "unsaved_child"):
            if key not in SEES[role]:
                continue
            with subtests.test(role=role, page=key):
                response = browser.get(world["pages"][key].url)
                assert not leaked(read(response), role)
                if response.context is not None:  # else the page cache's copy, already read above
                    related = {item for hit in response.context.get("related", []) for item in markers_in(hit.title)}
                    assert related <= SEES[role]


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_gap_map_page_csv_and_chart(world, browsers, search_backend, subtests):
    """Each city's count, on the page, in the CSV and in the chart, is the practices and events
    the reader may read; people without network access get no count at all."""
    search_backend.sync()
    names = ("gap_map", "gap_map_csv", "gap_map_svg")
    titles = {city.slug: city.title for city in world["cities"]}
    for role, browser in browsers.items():
        readable = [ITEMS[key] for key in SEES[role] if ITEMS[key].kind in ("practice", "event")]
        with subtests.test(role=role):
            page, sheet, chart = (browser.get(reverse(name), {"type": ["practice", "event"]}) for name in names)
            if role in SIGNED_OUT | {"outsider"}:
                for response in (page, sheet, chart):
                    assert_refused(response, role)
                continue
            for response in (page, sheet, chart):
                assert response.status_code == 200
                assert not leaked(read(response), role)
            matrix = page.context["matrix"]
            assert {row.slug: row.total.count for row in matrix.rows if row.total.count} == Counter(
                item.city for item in readable
            )
            assert matrix.total.count == len(readable)
            rows = list(csv.reader(io.StringIO(read(sheet).lstrip("\ufeff"))))
            assert {row[0]: int(row[-1]) for row in rows[1:-1] if int(row[-1])} == Counter(
                titles[item.city] for item in readable
            )


def test_compare_practices(world, browsers, subtests):
    """The picker lists, and the table shows, only practices the reader may read; asking for a
    restricted one is refused without naming it."""
    pages = world["pages"]
    asked = {"theme": "victim-support", "practice": [pages[key].pk for key in ("public", "members", "group")]}
    for role, browser in browsers.items():
        readable = SEES[role] & PRACTICES
        with subtests.test(role=role):
            themes = browser.get(reverse("practice_compare"))
            assert themes.status_code == 200
            assert not leaked(read(themes), role)
            picker = browser.get(reverse("practice_compare"), {"theme": "victim-support"})
            assert not leaked(read(picker), role)
            # One readable practice is nothing to compare: the picker then lists none.
            assert markers_in(read(picker)) & PRACTICES == (readable if len(readable) > 1 else set())
            table = browser.get(reverse("practice_compare"), asked)
            assert not leaked(read(table), role)
            if {"members", "group"} <= readable:
                assert table.status_code == 200
                # The three side by side, and the form to change them offering the rest.
                assert markers_in(read(table)) & PRACTICES == readable
                assert [markers_in(str(practice.title)) for practice in table.context["practices"]] == [
                    {"public"},
                    {"members"},
                    {"group"},
                ]
            else:
                assert table.status_code == 400


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
def test_saved_search_emails(world, search_backend, settings, subtests):
    """Everyone saves the search that finds every item; each email lists exactly the items its
    reader may read, and those without network access get none."""
    settings.ALERTS_SETTLE_SECONDS = 0
    search_backend.sync()
    published = [page.first_published_at for page in world["pages"].values() if page.first_published_at]
    since = min(published) - datetime.timedelta(seconds=1)
    for user in world["users"].values():
        SavedSearch.objects.create(
            user=user, name="All", query_string=f"q={SHARED_WORD}", frequency=Frequency.IMMEDIATE, covered_until=since
        )
    call_command("send_search_alerts", stdout=io.StringIO())
    for role, user in world["users"].items():
        with subtests.test(role=role):
            sent = [message for message in mail.outbox if message.to == [user.email]]
            if role in SIGNED_OUT | {"outsider"}:
                assert sent == []
                continue
            (message,) = sent
            texts = [message.body, *(content for content, _type in message.alternatives)]
            for text in texts:
                assert markers_in(text) == SEES[role] & SEARCHABLE


# Surfaces that are the same for everyone: the API, feeds, the public calendar, the sitemap


def api(browser, url, **params):
    return browser.get(url, params, HTTP_ACCEPT="application/json")


def test_api_pages_documents_and_images(world, browsers, subtests):
    pages, documents, images = world["pages"], world["documents"], world["images"]
    hidden_words = " ".join(ITEMS[key].marker for key in ITEMS if key not in PUBLIC)
    listed = {
        "/api/v2/pages/": PUBLIC & PAGE_KEYS,
        "/api/v2/documents/": PUBLIC & DOCUMENTS,
        "/api/v2/images/": PUBLIC & IMAGES,
    }
    for role, browser in browsers.items():
        with subtests.test(role=role):
            for url, expected in listed.items():
                assert markers_in(read(api(browser, url, limit=50))) == expected, url
                response = api(browser, url, search=SHARED_WORD, limit=50)
                assert markers_in(read(response)) == expected, url
                assert response.json()["meta"]["total_count"] == len(expected), url
                response = api(browser, url, search=hidden_words, search_operator="or")
                assert response.json()["meta"]["total_count"] == 0, url
            hidden = [
                *(f"/api/v2/pages/{pages[key].pk}/" for key in PAGE_KEYS - PUBLIC),
                *(f"/api/v2/documents/{documents[key].pk}/" for key in DOCUMENTS - PUBLIC),
                *(f"/api/v2/images/{images[key].pk}/" for key in IMAGES - PUBLIC),
            ]
            for url in hidden:
                response = api(browser, url)
                assert response.status_code == 404, url
                assert not leaked(read(response), "anonymous")
            public_detail = read(api(browser, f"/api/v2/pages/{pages['public'].pk}/"))
            assert markers_in(public_detail) <= PUBLIC
            saffron = pages["restricted_parent"]
            for params in ({"child_of": saffron.pk}, {"descendant_of": saffron.pk}):
                response = api(browser, "/api/v2/pages/", **params)
                assert response.status_code == 400
                assert not leaked(read(response), "anonymous")
            assert api(browser, "/api/v2/pages/find/", html_path=saffron.url).status_code == 404


FEEDS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/feeds/city/stockholm.rss",
    "/feeds/city/stockholm.atom",
    "/feeds/theme/victim-support.rss",
    "/feeds/theme/victim-support.atom",
]


def test_feeds_sitemap_and_public_calendar(world, browsers, subtests):
    expected = {url: {"public", "public_event"} for url in [*FEEDS, "/sitemap.xml"]}
    expected["/events/feed.ics"] = {"public_event"}
    for role, browser in browsers.items():
        with subtests.test(role=role):
            for url, items in expected.items():
                response = browser.get(url)
                assert response.status_code == 200, url
                assert markers_in(read(response)) == items, url
            for url in ("/feeds/city/saffron-bay.rss", "/feeds/city/saffron-bay.atom"):
                response = browser.get(url)
                assert response.status_code == 404
                assert not leaked(read(response), "anonymous")


# Calendars: each event's file and the personal feed


def test_event_files(world, browsers, subtests):
    for role, browser in browsers.items():
        for key in sorted(EVENTS):
            with subtests.test(role=role, event=key):
                response = browser.get(f"/events/{world['pages'][key].pk}.ics")
                text = read(response)
                assert not leaked(text, role)
                if key in SEES[role]:
                    assert response.status_code == 200
                    assert markers_in(text) == {key}
                else:
                    assert_refused(response, role)


def test_personal_calendar_feeds(world, db, subtests):
    """Fetched without cookies, as a calendar app does; the feed of a person who lost access is gone."""
    app = Client()
    for role, token in world["tokens"].items():
        with subtests.test(role=role):
            response = app.get(reverse("events_personal_feed", args=[token]))
            if role in SIGNED_OUT:
                assert response.status_code == 404
                assert not markers_in(read(response))
            else:
                assert response.status_code == 200
                assert markers_in(read(response)) == SEES[role] & EVENTS


# Documents and images


CONDITIONS = {
    "plain": {},
    "If-None-Match (its hash)": {"HTTP_IF_NONE_MATCH": "{etag}"},
    "If-None-Match *": {"HTTP_IF_NONE_MATCH": "*"},
    "If-Match (its hash)": {"HTTP_IF_MATCH": "{etag}"},
    "If-Match (another)": {"HTTP_IF_MATCH": '"0000"'},
    "If-Modified-Since": {"HTTP_IF_MODIFIED_SINCE": "Thu, 01 Jan 2099 00:00:00 GMT"},
}


def test_direct_document_urls_with_and_without_conditions(world, browsers, subtests):
    """A conditional request answers 304 or 412 only to those who may download the file: to
    anyone else it would tell that the file exists and what it holds."""
    for role, browser in browsers.items():
        for key in sorted(DOCUMENTS):
            document = world["documents"][key]
            for condition, headers in CONDITIONS.items():
                headers = {name: value.format(etag=f'"{document.file_hash}"') for name, value in headers.items()}
                with subtests.test(role=role, document=key, condition=condition):
                    for method in (browser.get, browser.head):
                        response = method(document.url, **headers)
                        if key in SEES[role]:
                            assert response.status_code in (200, 304, 412)
                        else:
                            assert_refused(response, role)
                            assert not markers_in(read(response))
                            assert not response.has_header("ETag")
                            assert not response.has_header("Content-Disposition")
                    if key in SEES[role] and condition == "plain":
                        assert markers_in(read(browser.get(document.url))) == {key}


def test_images_show_only_on_pages_their_readers_may_read(world, browsers, subtests):
    """The members-only image's renditions are on the members-only practice for members, and
    their addresses nowhere else (renditions are files: whoever has the address gets them,
    docs/access-control.md)."""
    image = world["images"]["members_image"]
    rendition = image.get_rendition("width-800")
    for role, browser in browsers.items():
        with subtests.test(role=role):
            response = browser.get(world["pages"]["members"].url)
            assert (rendition.url in read(response)) == ("members_image" in SEES[role])


# The admin


def admin_page_urls(page) -> dict[str, str]:
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id]),
    }


ADMIN_PAGES = ["public", "group", "draft", "unpublished", "moved", "group_event"]


def test_admin_preview_history_and_revisions(world, browsers, subtests):
    """Editors read a page in the admin only where they may edit it; nobody else reads it there."""
    for role, browser in browsers.items():
        for key in ADMIN_PAGES:
            page = world["pages"][key]
            for view, url in admin_page_urls(page).items():
                with subtests.test(role=role, page=key, view=view):
                    response = browser.get(url)
                    text = read(response)
                    assert not leaked(text, role, ADMIN_SEES)
                    if key in EDITS.get(role, ()):
                        if view != "preview":  # (a preview needs the editor's form; it is not posted here)
                            assert response.status_code == 200
                            assert markers_in(text) & ({key, "draft_change"} if key == "public" else {key})
                    else:
                        assert response.status_code in (302, 403)
                        assert ITEMS[key].marker not in text.lower()


def test_admin_search_and_choosers(world, browsers, subtests):
    stockholm, _barcelona, saffron = world["cities"]
    events = world["pages"]["public_event"].get_parent()
    q = {"q": SHARED_WORD}
    urls = {
        "page search": (reverse("wagtailadmin_pages:search"), q),
        "explorer": (reverse("wagtailadmin_explore", args=[stockholm.pk]), {}),
        "page chooser search": (reverse("wagtailadmin_choose_page_search"), q),
        "page chooser (Stockholm)": (reverse("wagtailadmin_choose_page_child", args=[stockholm.pk]), {}),
        "page chooser (restricted city)": (reverse("wagtailadmin_choose_page_child", args=[saffron.pk]), {}),
        "page chooser (events)": (reverse("wagtailadmin_choose_page_child", args=[events.pk]), {}),
        "document chooser": (reverse("wagtaildocs_chooser:choose"), q),
        "documents": (reverse("wagtaildocs:index"), q),
        "image chooser": (reverse("wagtailimages_chooser:choose"), q),
        "images": (reverse("wagtailimages:index"), q),
        "admin API (Stockholm)": ("/admin/api/main/pages/", {"child_of": stockholm.pk}),
    }
    for role, browser in browsers.items():
        for name, (url, params) in urls.items():
            with subtests.test(role=role, surface=name):
                text = read(browser.get(url, params))
                assert not leaked(text, role, ADMIN_SEES)
    # They do find something: the secretariat sees everything.
    found = read(browsers["secretariat"].get(reverse("wagtailadmin_choose_page_search"), q))
    assert markers_in(found) >= {"group", "members", "public"}


# Shared passwords


def test_shared_passwords_cannot_be_set(world, browsers):
    """WAGTAIL_PRIVATE_PAGE_OPTIONS and WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS switch them off:
    the privacy forms offer no password and refuse one, even from the secretariat."""
    browser = browsers["secretariat"]
    page = world["pages"]["public"]
    collection = world["documents"]["public_document"].collection
    forms = [
        (reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), PageViewRestriction, {"page": page}),
        (
            reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
            CollectionViewRestriction,
            {"collection": collection},
        ),
    ]
    for url, model, where in forms:
        assert 'value="password"' not in browser.get(url).json()["html"]
        response = browser.post(url, {"restriction_type": "password", "password": "open sesame"})
        assert response.status_code == 200
        assert not model.objects.filter(restriction_type="password").exists()
        assert not model.objects.filter(**where).exists()
