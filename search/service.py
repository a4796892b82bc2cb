"""Cross-city search: the one entry point views call.

``search()`` answers from Elasticsearch when ``ELASTICSEARCH_URL`` is set and
from the database otherwise (search/backends/). If Elasticsearch fails, the
database answers instead and the results say so; for the next
``SEARCH_FALLBACK_SECONDS`` searches go straight to the database so an outage
does not slow every request. Every backend narrows results to what the user may
read before counting, so totals, facets, snippets and suggestions never reveal
what the user may not see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString
from django.utils.translation import gettext_noop
from elasticsearch import ApiError, TransportError

from search import es
from search.query import clean_query, parse_query, words_of

logger = logging.getLogger(__name__)

# Marked for translation only: the search page shows it with gettext, in the reader's language.
FALLBACK_NOTICE = gettext_noop("Elasticsearch unavailable, showing database results")
SORTS = ("relevance", "date")
MAX_SUGGESTIONS = 20
_ES_DOWN_KEY = "search:elasticsearch-down"


@dataclass(frozen=True)
class SearchFilters:
    """Facet values chosen by the reader: any of the values within a facet, all facets at once."""

    cities: tuple[str, ...] = ()  # city page slugs
    types: tuple[str, ...] = ()  # practice, research, event, city
    themes: tuple[str, ...] = ()  # theme slugs
    years: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()  # ISO 639-1
    phases: tuple[str, ...] = ()  # resources.choices.Phase
    evidence: tuple[str, ...] = ()  # resources.choices.EvidenceType
    # First published within (after, before]: what is new for a saved search. Not facets: set by
    # code, never read from a reader's query string.
    published_after: datetime | None = None
    published_before: datetime | None = None

    @property
    def bounded(self) -> bool:
        return bool(self.published_after or self.published_before)

    def __bool__(self) -> bool:
        """Whether anything narrows the results: a facet's value or a publication bound."""
        facets = (self.cities, self.types, self.themes, self.years, self.languages, self.phases, self.evidence)
        return any(facets) or self.bounded


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    type: str
    type_label: str
    cities: list[str]
    date: date | None
    snippet: SafeString  # escaped text with <mark> around matches
    language: str
    members_only: bool


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # the query parameter: city, type, theme, year, lang
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: str
    filters: SearchFilters
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    per_page: int = 10
    sort: str = "relevance"
    facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None
    backend: str = "database"
    fell_back: bool = False
    took_ms: int | None = None  # Elasticsearch's own time for this page's requests
    # How long the portal waited for them: took, plus the request and its answer both ways.
    request_ms: float | None = None
    # Elasticsearch: where the next page starts (its "Next" link carries it, so a deep page
    # costs what the first does); None on the last page and on the database.
    next_after: str | None = None


def _backends():
    from search.backends import database, elasticsearch

    return database, elasticsearch


def _elasticsearch_usable() -> bool:
    return es.enabled() and not cache.get(_ES_DOWN_KEY)


def _with_fallback(operation: str, *args):
    """Run ``operation`` on Elasticsearch if usable, else (or if it fails) on the database.
    Returns (result, fell_back).

    An outage (no connection, timeout, 5xx) sends searches to the database for
    ``SEARCH_FALLBACK_SECONDS``; a refused request (4xx: a missing index, a bug)
    is logged and only that search falls back.
    """
    database, elasticsearch = _backends()
    if _elasticsearch_usable():
        try:
            return getattr(elasticsearch, operation)(*args), False
        except ApiError as error:
            if error.meta.status < 500:
                logger.error(
                    "Elasticsearch refused a %s request (%s); answering from the database", operation, refusal(error)
                )
            else:
                _mark_down(error)
        except TransportError as error:
            _mark_down(error)
    return getattr(database, operation)(*args), es.enabled()


def refusal(error: ApiError) -> str:
    """The status and Elasticsearch's error types, without its reasons: those can quote
    the reader's query, which the portal keeps nowhere (docs/data-protection.md)."""
    body = error.body if isinstance(error.body, dict) else {}
    details = body.get("error") if isinstance(body.get("error"), dict) else {}
    causes = [cause.get("type") for cause in details.get("root_cause", []) if isinstance(cause, dict)]
    return ", ".join(str(part) for part in (error.meta.status, error.message, *causes) if part)


def _mark_down(error: Exception) -> None:
    logger.warning("Elasticsearch failed (%s); answering from the database", type(error).__name__)
    cache.set(_ES_DOWN_KEY, True, settings.SEARCH_FALLBACK_SECONDS)


def page_size(per_page: int | None) -> int:
    """The number of hits per page: the one asked for within bounds, else the default."""
    return max(1, min(per_page or settings.SEARCH_PAGE_SIZE, settings.SEARCH_MAX_PAGE_SIZE))


def known_sort(sort: str) -> str:
    return sort if sort in SORTS else "relevance"


@dataclass(frozen=True)
class Asked:
    """A search's arguments as the backends get them: tidied, never refused."""

    query: str
    parsed: object  # search.query.ParsedQuery; falsy when the query searches nothing
    filters: SearchFilters
    vocabulary: object  # search.backends.Vocabulary: the facet values the user may see
    page: int
    sort: str
    per_page: int


def tidy(query: str, filters: SearchFilters, user, page: int, sort: str, per_page: int | None) -> Asked:
    """Clean the query, bound the page size, drop unknown sorts and filter values; page 0 or
    less means the first page (a page past the last is the backend's to clamp: it needs the total)."""
    from search.backends import Vocabulary

    query = clean_query(query)
    vocabulary = Vocabulary.for_user(user)  # read once, whichever backend answers
    filters = vocabulary.known(filters)
    parsed = parse_query(query)
    # Browsing by filters alone, nothing is more relevant than anything else: newest first.
    sort = known_sort(sort) if parsed else "date"
    return Asked(query, parsed, filters, vocabulary, max(page, 1), sort, page_size(per_page))


def search(
    query: str,
    filters: SearchFilters,
    user,
    page: int = 1,
    sort: str = "relevance",
    per_page: int | None = None,
    after: str | None = None,
) -> SearchResults:
    """One page of results for ``query`` within ``filters``, as ``user`` may see them. With no
    words but some filter, every resource within the filters (browsing); with neither, nothing.

    Bad input is tidied, never refused (``tidy``); a page beyond the last reachable
    one gives the last. ``after``: the previous page's ``next_after``, where this page
    starts (a backend that cannot read it counts ``page`` from the first).
    """
    asked = tidy(query, filters, user, page, sort, per_page)
    if not (asked.parsed or asked.filters):
        backend = "elasticsearch" if _elasticsearch_usable() else "database"
        results = SearchResults(
            query=asked.query, filters=asked.filters, per_page=asked.per_page, sort=asked.sort, backend=backend
        )
        results.fell_back = backend == "database" and es.enabled()
        return results
    args = (asked.query, asked.parsed, asked.filters, asked.vocabulary, user, asked.page, asked.sort, asked.per_page)
    results, fell_back = _with_fallback("search", *args, after)
    results.fell_back = fell_back
    return results


def suggest(prefix: str, user, limit: int = 8) -> list[dict]:
    """Titles starting with what the reader has typed: [{"title", "url", "type"}]."""
    words = words_of(clean_query(prefix))
    if not words:
        return []
    return _with_fallback("suggest", words, user, max(1, min(limit, MAX_SUGGESTIONS)))[0]


def related(page, user, limit: int = 4) -> list[Hit]:
    """Resources like ``page`` that ``user`` may read."""
    from search.backends import Vocabulary

    limit = max(1, min(limit, MAX_SUGGESTIONS))
    return _with_fallback("related", page, user, Vocabulary.for_user(user), limit)[0]


# What the gap map counts unless told otherwise, and what it may count.
GAP_TYPES = ("practice", "research")
GAP_TYPES_ALLOWED = ("practice", "research", "event")


@dataclass
class GapMap:
    """Resources per member city and theme, as one reader may see them."""

    cities: list[tuple[str, str]]  # (slug, title) of every city the reader may see, by title
    themes: list[tuple[str, str]]  # (slug, name) of every theme, by name
    counts: dict[tuple[str, str], int]  # (city slug, theme slug) -> resources; absent: none
    city_totals: dict[str, int]  # resources of each city, each once whatever its themes
    theme_totals: dict[str, int]  # resources of each theme, each once whatever its cities
    total: int  # resources within the filters, each once
    filters: SearchFilters  # as understood: unknown values dropped, the types chosen
    backend: str = "database"
    fell_back: bool = False

    def count(self, city: str, theme: str) -> int:
        return self.counts.get((city, theme), 0)


def gap_map(filters: SearchFilters, user) -> GapMap:
    """The theme x city matrix of what ``user`` may read within ``filters`` (its cities and themes
    are the axes, so ignored; types default to practices and research). A cell counts what the
    search filtered to that city counts in its theme facet, with the same filters."""
    from search.backends import Vocabulary

    vocabulary = Vocabulary.for_user(user)
    filters = vocabulary.known(replace(filters, cities=(), themes=()))
    types = tuple(type_ for type_ in filters.types if type_ in GAP_TYPES_ALLOWED) or GAP_TYPES
    filters = replace(filters, types=types)
    result, fell_back = _with_fallback("gap_map", filters, vocabulary, user)
    result.fell_back = fell_back
    return result
