"""The database's own search index is kept true in the transaction of each change, with no
worker and no Elasticsearch: readers find what was just published, and only what they may read."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from search import service
from search.backends import database
from search.models import IndexEntry
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
