"""What a search page costs Elasticsearch: one request carries the results, the facets, the
snippets and "did you mean", and ``request_body`` gives that request for replaying it."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from search import es, indexing, service
from search.backends.elasticsearch import request_body
from search.service import SearchFilters
from tests.conftest import make_practice, restrict_to_members
from tests.search.helpers import hit_titles


@pytest.fixture
def bollards(elasticsearch, stockholm):
    pages = [
        make_practice(stockholm, f"Bollards at market {n}", f"bollards-{n}", summary="Removable bollards.")
        for n in range(12)
    ]
    hidden = make_practice(stockholm, "Zephyrine bollards", "zephyrine", summary="Zephyrine barriers.")
    restrict_to_members(hidden)
    elasticsearch.add(*pages, hidden)
    return pages


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_page_with_a_suggestion_asks_elasticsearch_once(client, bollards, requests_sent, sort):
    response = client.get("/search/", {"q": "bolards", "city": "stockholm", "sort": sort})
    assert response.context["results"].suggestion == "bollards"
    assert len(hit_titles(response)) == 10
    assert requests_sent == [("POST", f"/{es.alias()}/_search")]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_did_you_mean_is_offered_with_the_first_page_only(client, bollards, requests_sent, sort):
    response = client.get("/search/", {"q": "bolards", "sort": sort, "page": "2"})
    assert len(hit_titles(response)) == 2
    assert response.context["results"].suggestion is None
    assert len(requests_sent) == 1


def test_exact_matches_get_no_suggestion_in_either_order(client, bollards, requests_sent):
    for sort in ("relevance", "date"):
        assert client.get("/search/", {"q": "bollards", "sort": sort}).context["results"].suggestion is None
    assert len(requests_sent) == 2


def test_a_hidden_word_is_still_never_suggested(client, bollards, requests_sent):
    response = client.get("/search/", {"q": "zephyrinx"})
    assert response.context["results"].suggestion is None
    assert len(requests_sent) == 1


def test_the_request_body_replays_the_page(bollards):
    results = service.search("bolards", SearchFilters(), AnonymousUser(), page=2, sort="date")
    body = request_body("bolards", SearchFilters(), AnonymousUser(), page=2, sort="date")
    replayed = es.client().search(index=es.alias(), **body)
    assert [hit["_source"]["page_id"] for hit in replayed["hits"]["hits"]] == [hit.page_id for hit in results.hits]
    assert replayed["hits"]["total"]["value"] == results.total == 12
    assert request_body("  ", SearchFilters(), AnonymousUser()) is None


def test_saving_one_page_writes_its_document_without_reading_the_index(bollards, requests_sent):
    """However large the index, an update is the same few requests: nothing is searched or scanned."""
    indexing.write([bollards[0].pk])
    alias_checks = [("HEAD", f"/_alias/{es.alias()}"), ("HEAD", f"/_alias/{es.next_alias()}")]
    assert requests_sent == [*alias_checks, ("PUT", "/_bulk")]


def test_operators_can_have_elasticsearchs_own_time_in_a_header(client, bollards, settings):
    assert "Server-Timing" not in client.get("/search/", {"q": "bollards"}).headers
    settings.SEARCH_SERVER_TIMING = True
    timing = client.get("/search/", {"q": "removable"}).headers["Server-Timing"]
    took, waited = re.fullmatch(r"elasticsearch;dur=(\d+), elasticsearch-request;dur=(\d+\.\d)", timing).groups()
    assert 0 <= int(took) <= float(waited)
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "URL": ""}  # the database backend has no such time
    assert "Server-Timing" not in client.get("/search/", {"q": "market"}).headers
