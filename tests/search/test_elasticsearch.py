"""What the Elasticsearch backend adds to the contract: typo tolerance below exact
matches, attachment text under the file's own audiences, escaped highlights, and the
fall back to the database when Elasticsearch cannot answer."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from elastic_transport import ApiResponseMeta
from elasticsearch import ApiError

from resources.models import PracticeAttachment
from search import indexing, service
from search.service import SearchFilters
from tests.conftest import make_practice, restrict_to_members
from tests.factories import make_document, members_only_collection


def find(query, user=None):
    return service.search(query, SearchFilters(), user or AnonymousUser())


def titles(results):
    return [hit.title for hit in results.hits]


def test_exact_matches_rank_above_near_misses(elasticsearch, stockholm):
    exact = make_practice(stockholm, "Stewards at the gates", "stewards", summary="Long text. " * 40 + "protection")
    near = make_practice(stockholm, "Protektion for venues", "protektion", summary="Protektion, protektion.")
    elasticsearch.add(exact, near)
    assert titles(find("protection")) == ["Stewards at the gates", "Protektion for venues"]
    assert titles(find("protektion")) == ["Protektion for venues", "Stewards at the gates"]


def test_misspelt_words_find_near_misses_and_a_suggestion(elasticsearch, stockholm):
    elasticsearch.add(make_practice(stockholm, "Bollards at markets", "bollards", summary="Removable bollards."))
    results = find("bolards")
    assert titles(results) == ["Bollards at markets"]
    assert results.suggestion == "bollards"


@pytest.fixture
def with_files(elasticsearch, stockholm):
    practice = make_practice(stockholm, "Arena drill", "arena-drill", start_date=datetime.date(2022, 1, 1))
    files = [
        make_document("Open plan", "open.txt", b"The kestrel team opens the north gates."),
        make_document("Closed plan", "closed.txt", b"The ptarmigan channel is for staff.", members_only_collection()),
    ]
    for order, document in enumerate(files):
        PracticeAttachment.objects.create(page=practice, document=document, sort_order=order)
    practice.save_revision().publish()
    elasticsearch.add(practice)
    return practice


def test_attachment_text_is_found_with_the_words_marked(with_files):
    (hit,) = find("kestrel").hits
    assert hit.title == "Arena drill"
    assert "<mark>kestrel</mark>" in hit.snippet


def test_the_words_of_a_phrase_are_marked_in_the_page_and_in_files(with_files, stockholm, elasticsearch):
    summary = "Removable bollards guard the square."
    elasticsearch.add(make_practice(stockholm, "Square gates", "square-gates", summary=summary))
    (hit,) = find('"removable bollards"').hits
    assert "<mark>Removable</mark> <mark>bollards</mark> guard" in hit.snippet
    (hit,) = find('"north gates"').hits
    assert hit.title == "Arena drill"
    assert "the <mark>north</mark> <mark>gates</mark>" in hit.snippet


def test_words_of_a_members_only_file_are_found_by_members_only(with_files, member):
    assert find("ptarmigan").total == 0
    assert find("ptarmigan -kestrel").total == 0
    results = find("ptarmigan", member)
    assert titles(results) == ["Arena drill"]
    assert "<mark>ptarmigan</mark>" in results.hits[0].snippet


def test_excluding_a_word_of_a_file_the_reader_cannot_open_reveals_nothing(with_files):
    """Were the closed file's words excluded too, "-ptarmigan" would hide the page and tell."""
    assert titles(find("arena -ptarmigan")) == ["Arena drill"]


def test_highlights_are_escaped_text_with_marks(elasticsearch, stockholm):
    summary = 'Gates "A" & B < C: bollards for the <i>square</i>'
    elasticsearch.add(make_practice(stockholm, "Square gates", "square-gates", summary=summary))
    (hit,) = find("bollards").hits
    assert "<mark>bollards</mark>" in hit.snippet
    assert "&amp; B &lt; C" in hit.snippet
    assert "<i>" not in hit.snippet


def test_a_superuser_finds_everything_indexed(elasticsearch, stockholm, secretariat):
    page = make_practice(stockholm, "Closed drill", "closed-drill")
    restrict_to_members(page)
    elasticsearch.add(page)
    assert find("closed drill").total == 0
    assert titles(find("closed drill", secretariat)) == ["Closed drill"]


def test_related_of_a_page_not_in_the_index_is_empty(elasticsearch, stockholm):
    page = make_practice(stockholm, "Not indexed yet", "not-indexed")
    assert service.related(page, AnonymousUser()) == []


class TestFallingBack:
    def test_an_outage_sends_searches_to_the_database_for_a_while(self, elasticsearch, stockholm, settings):
        elasticsearch.add(make_practice(stockholm, "Bollards at markets", "bollards"))
        with override_settings(ELASTICSEARCH={**settings.ELASTICSEARCH, "URL": "http://127.0.0.1:9"}):
            results = find("bollards")
        assert (results.backend, results.fell_back, titles(results)) == ("database", True, ["Bollards at markets"])
        still_down = find("bollards")  # Elasticsearch is back, but not asked again yet
        assert (still_down.backend, still_down.fell_back) == ("database", True)

    def test_a_refused_request_falls_back_for_that_search_only(self, elasticsearch, stockholm, caplog):
        page = make_practice(stockholm, "Bollards at markets", "bollards")
        indexing.delete_all_indexes()
        results = find("bollards")
        assert (results.backend, results.fell_back, titles(results)) == ("database", True, ["Bollards at markets"])
        assert "refused a search request (404, index_not_found_exception" in caplog.text
        elasticsearch.add(page)
        assert find("bollards").backend == "elasticsearch"

    def test_a_refusal_is_logged_without_the_reasons_that_quote_the_query(self):
        cause = {"type": "query_shard_exception", "reason": "Failed to parse query [secret plans]"}
        body = {"error": {"root_cause": [cause], "type": "search_phase_execution_exception", "reason": "all shards"}}
        error = ApiError("search_phase_execution_exception", ApiResponseMeta(400, "1.1", {}, 0.0, None), body)
        assert "secret plans" in str(error)  # what a traceback would have written
        assert service.refusal(error) == "400, search_phase_execution_exception, query_shard_exception"

    def test_suggest_and_related_fall_back_too(self, stockholm, settings):
        page = make_practice(stockholm, "Bollards at markets", "bollards")
        with override_settings(ELASTICSEARCH={**settings.ELASTICSEARCH, "URL": "http://127.0.0.1:9"}):
            assert service.suggest("boll", AnonymousUser())[0]["title"] == "Bollards at markets"
            assert service.related(page, AnonymousUser()) == []
