"""Whatever is typed, the search service answers with results (possibly none), on both
backends; nothing typed reaches a query language. (The HTTP side: test_search_page.)"""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import SafeString

from home.site_structure import ensure_site_structure
from search import service
from search.service import SearchFilters, SearchResults
from tests.conftest import make_city, make_practice
from tests.search.helpers import kept_for_module

HOSTILE = [
    "",
    "   ",
    "x" * 100_000,
    "it's",
    "drink\\",
    "-Data",
    "Data-X.2",
    "ice & fire",
    "🔥🧊 ice",
    "%00",
    "ice\x00fire",
    "\u202eerif\u202c \u200fice",
    '"unbalanced',
    '"ice',
    "(((",
    ")))ice(((",
    "AND OR NOT",
    "ice AND OR NOT",
    "ice~2 fire* +-|",
    "<script>alert(1)</script>",
    "'; DROP TABLE wagtailcore_page; --",
    "title_en:ice OR _id:1",
    "/.*/",
    "ice " * 200,
    "-" * 300,
    '"' * 7,
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        _home, cities, _research, _events = ensure_site_structure()
        city = make_city(cities, "Stockholm", "stockholm")
        summary = "It's the Data-X.2 drink protocol: ice & fire, <b>bold</b> claims and 100% effort."
        page = make_practice(city, "Ice and fire drill", "ice-fire", summary=summary)
        yield page


def search(query, **kwargs):
    return service.search(query, SearchFilters(), AnonymousUser(), **kwargs)


def test_every_hostile_query_gives_results(backend, subtests):
    for query in HOSTILE:
        with subtests.test(query=query[:30]):
            results = search(query)
            assert isinstance(results, SearchResults)
            assert results.backend == backend.name
            assert len(results.query) <= 200
            assert all(isinstance(hit.snippet, SafeString) and "<script" not in hit.snippet for hit in results.hits)
            assert isinstance(service.suggest(query, AnonymousUser()), list)


@pytest.mark.parametrize("query", ["it's ice", "drink\\", "ice & fire", '"ice fire', "ice~2", ")))ice((("])
def test_punctuation_is_read_as_plain_words(backend, query):
    assert [hit.title for hit in search(query).hits] == ["Ice and fire drill"]


@pytest.mark.parametrize("query", ["", "🔥🧊", "(((", "-Data", "-ice", "%", '"' * 7])
def test_nothing_to_look_for_finds_nothing(backend, query):
    results = search(query)
    assert (results.total, results.hits, results.num_pages, results.page) == (0, [], 0, 1)


def test_a_huge_query_is_answered_within_a_second(backend):
    started = time.perf_counter()
    search("x" * 100_000)
    search("ice-" * 25_000)
    assert time.perf_counter() - started < 1


def test_markup_in_the_text_is_shown_as_text(backend):
    (hit,) = search("bold").hits
    assert "&lt;b&gt;" in hit.snippet or "<b>" not in hit.snippet
    assert "<mark>bold</mark>" in hit.snippet


def test_bad_page_numbers_and_sizes_give_the_first_page(backend, subtests):
    for page, per_page in [(0, 10), (-1, 10), (10**9, 10), (1, 0), (1, -5), (1, 10**6)]:
        with subtests.test(page=page, per_page=per_page):
            results = search("ice", page=page, per_page=per_page)
            assert (results.page, results.total, len(results.hits)) == (1, 1, 1)
            assert 1 <= results.per_page <= 50
