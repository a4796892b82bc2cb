"""The database's own search index is kept true in the transaction of each change, with no
worker and no Elasticsearch: readers find what was just published, and only what they may read."""

from __future__ import annotations

import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from search import service
from search.backends import database
from search.models import IndexEntry, IndexValue
from search.service import SearchFilters
from tests.conftest import make_practice, restrict_to_members

pytestmark = pytest.mark.django_db


def found(query: str, user=None) -> list[str]:
    results = service.search(query, SearchFilters(), user or AnonymousUser())
    assert results.backend == "database"
    return [hit.title for hit in results.hits]


def test_publishing_makes_a_page_findable_and_unpublishing_hides_it(stockholm):
    draft = make_practice(stockholm, "Turnstile queue plan", "turnstile", live=False)
    draft.save_revision()
    assert found("turnstile") == []

    draft.save_revision().publish()
    assert found("turnstile") == ["Turnstile queue plan"]

    draft.refresh_from_db()
    draft.unpublish()
    assert found("turnstile") == []


def test_a_draft_of_a_live_page_is_not_found_until_published(stockholm):
    page = make_practice(stockholm, "Turnstile queue plan", "queue-plan", summary="Gates open early.")
    page.title = "Wristband entry plan"
    page.save_revision()
    assert (found("turnstile"), found("wristband")) == (["Turnstile queue plan"], [])

    page.get_latest_revision().publish()
    assert (found("turnstile"), found("wristband")) == ([], ["Wristband entry plan"])


def test_a_privacy_change_on_a_parent_reaches_its_pages(stockholm, member):
    make_practice(stockholm, "Turnstile queue plan", "turnstile")
    restriction = restrict_to_members(stockholm)
    assert found("turnstile") == []
    assert found("turnstile", member) == ["Turnstile queue plan"]

    restriction.delete()
    assert found("turnstile") == ["Turnstile queue plan"]


def test_a_deleted_page_is_gone(stockholm):
    page = make_practice(stockholm, "Turnstile queue plan", "turnstile")
    page.delete()
    assert found("turnstile") == []
    assert not IndexEntry.objects.filter(page_id=page.pk).exists()


def test_reader_syntax_is_never_read_as_query_syntax(stockholm):
    make_practice(stockholm, "Turnstile queue plan", "turnstile", summary='Gates "A" and B, by the exit.')
    for query in ["turnstile OR", "NEAR(turnstile plan)", 'turnstile" OR "x', "turnstile*", "title:turnstile", "^_"]:
        service.search(query, SearchFilters(), AnonymousUser())  # no error
    assert found('"gates a" -exit') == []
    assert found("gates NEAR exit") == []  # NEAR and OR are words here, and no page has them
    assert found("gates OR nothing") == []
    assert found("gates exit") == ["Turnstile queue plan"]


def test_status_rebuild_and_update_cover_the_database_index(stockholm):
    page = make_practice(stockholm, "Turnstile queue plan", "turnstile")
    IndexEntry.objects.filter(page_id=page.pk).delete()
    out = io.StringIO()
    with pytest.raises(Exception, match="differs from the database on 1 pages"):
        call_command("search_index", "status", stdout=out)
    assert f"Missing: 1 (page ids {page.pk})" in out.getvalue()

    call_command("search_index", "update", stdout=io.StringIO())
    assert found("turnstile") == ["Turnstile queue plan"]

    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out, stderr=io.StringIO())
    assert "Rebuilt the database index: 2 pages" in out.getvalue()  # the city and its practice
    assert "docs/s" in out.getvalue()
    assert found("turnstile") == ["Turnstile queue plan"]


@pytest.mark.parametrize("broad", [False, True], ids=["few-matches", "many-matches"])
def test_a_title_match_ranks_above_newer_pages_that_only_mention_the_word(stockholm, monkeypatch, broad):
    """A query matching many pages is ranked on titles and summaries only (PostgreSQL): the
    page about the word still comes first, and the pages that mention it elsewhere still follow."""
    if broad:
        monkeypatch.setattr(database, "BROAD_MATCHES", 1)
    make_practice(stockholm, "Turnstile queue plan", "turnstile", start_date=datetime.date(2018, 1, 1))
    make_practice(stockholm, "Gate staffing", "gates", summary="Stewards beside each turnstile.")
    make_practice(stockholm, "Entry lanes", "lanes", partners="Turnstile makers", start_date=datetime.date(2024, 1, 1))
    assert found("turnstile") == ["Turnstile queue plan", "Gate staffing", "Entry lanes"]


def counted(query: str, user, **filters) -> tuple[int, dict[str, int]]:
    """The total and the city counts a reader is shown."""
    results = service.search(query, SearchFilters(**filters), user)
    cities = next(facet for facet in results.facets if facet.name == "city")
    return results.total, {option.value: option.count for option in cities.values}


@pytest.fixture
def auditor(django_user_model):
    """Signed in, in one group of its own (not the network members)."""
    user = django_user_model.objects.create_user(username="auditor@example.org", password="-")
    user.groups.add(Group.objects.create(name="Quayside auditors"))
    return user


def test_each_reader_counts_only_the_matches_they_may_read(stockholm, barcelona, member, outsider, auditor):
    make_practice(stockholm, "Turnstile queue plan", "turnstile")
    restrict_to_members(make_practice(barcelona, "Turnstile drill", "turnstile-drill"))
    closed = make_practice(barcelona, "Turnstile audit", "turnstile-audit")
    restriction = PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Quayside auditors"))

    assert counted("turnstile", AnonymousUser()) == (1, {"stockholm": 1})
    assert counted("turnstile", outsider) == (1, {"stockholm": 1})
    assert counted("turnstile", member) == (2, {"stockholm": 1, "barcelona": 1})
    assert counted("turnstile", auditor) == (2, {"stockholm": 1, "barcelona": 1})
    assert sorted(found("turnstile", auditor)) == ["Turnstile audit", "Turnstile queue plan"]


def test_a_page_whose_audiences_change_is_found_by_its_new_readers_only(stockholm, member, auditor, django_user_model):
    page = make_practice(stockholm, "Turnstile queue plan", "turnstile")
    restriction = restrict_to_members(page)
    assert (found("turnstile"), found("turnstile", member)) == ([], ["Turnstile queue plan"])

    # A set of audiences no other page has yet: its readers find it, the members no longer do.
    restriction.groups.set([Group.objects.get(name="Quayside auditors")])
    member, auditor = (django_user_model.objects.get(pk=user.pk) for user in (member, auditor))
    assert (found("turnstile", member), found("turnstile", auditor)) == ([], ["Turnstile queue plan"])
    assert IndexEntry.objects.get(page_id=page.pk).audiences == f"group:{auditor.groups.get().pk}"

    restriction.delete()
    assert found("turnstile") == ["Turnstile queue plan"]
    assert IndexEntry.objects.get(page_id=page.pk).audiences == "public"


def test_did_you_mean_needs_a_match_the_reader_may_see_within_the_filters(stockholm, barcelona, member):
    make_practice(stockholm, "Turnstile queue plan", "turnstile")
    restrict_to_members(make_practice(barcelona, "Quillwort drill", "quillwort"))

    def suggestion(query, user=None, **filters):
        return service.search(query, SearchFilters(**filters), user or AnonymousUser()).suggestion

    assert suggestion("turnstyle") == "turnstile"
    assert suggestion("turnstyle", cities=("barcelona",)) is None  # the only match is in Stockholm
    assert suggestion("quilwort") is None
    assert suggestion("quilwort", member) == "quillwort"


def test_the_migration_moves_audience_rows_into_the_entries(stockholm, barcelona, member):
    """Migration 0004 fills each entry's audiences from its old ("aud", ...) rows, and removes them."""
    public = make_practice(stockholm, "Turnstile queue plan", "turnstile")
    closed = restrict_to_members(make_practice(barcelona, "Turnstile drill", "turnstile-drill")).page
    IndexEntry.objects.update(audiences="")
    old_rows = [("public",), ("members", "group:7")]
    for page, values in zip((public, closed), old_rows, strict=True):
        IndexValue.objects.bulk_create(IndexValue(entry_id=page.pk, facet="aud", value=value) for value in values)

    migration = importlib.import_module("search.migrations.0004_entry_audiences")
    # What the migration uses of its schema editor (SQLite opens none inside a test's transaction).
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migration.fill_audiences(apps, editor)

    audiences = dict(IndexEntry.objects.values_list("page_id", "audiences"))
    assert (audiences[public.pk], audiences[closed.pk]) == ("public", "group:7 members")
    assert not IndexValue.objects.filter(facet="aud").exists()
    assert found("turnstile") == ["Turnstile queue plan"]
    assert sorted(found("turnstile", member)) == ["Turnstile drill", "Turnstile queue plan"]
