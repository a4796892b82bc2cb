"""What a reader asked the search page for, read from the query string.

Everything here was typed by someone (or a bot), so reading it never fails:
what is not understood is dropped and the rest of the search still runs. The
query, the number and length of facet values are bounded here; which facet
values exist (and may be seen) and how deep pages reach is decided by the
backends (search.backends), which hand back the filters they understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.http import urlencode

from resources.listing import parse_page_number
from search.query import clean_query
from search.service import SORTS, SearchFilters

MAX_FACET_VALUES = 20  # per facet; more is not a reader ticking boxes
MAX_VALUE_LENGTH = 100  # longer than any slug, type or language code
# Query parameters, in SearchFilters' order.
FACET_PARAMS = ("city", "type", "theme", "year", "lang", "phase", "evidence")
# Where a page starts, as the previous page's "Next" link gives it (search.backends.elasticsearch.cursor).
CURSOR_RE = re.compile(r"[A-Za-z0-9_-]{1,1000}")


def _values(params: QueryDict, name: str) -> tuple[str, ...]:
    """The distinct values of a (possibly repeated) parameter, in the order given."""
    values = (value.strip() for value in params.getlist(name)[: MAX_FACET_VALUES * 5])
    kept = dict.fromkeys(value for value in values if value and len(value) <= MAX_VALUE_LENGTH)
    return tuple(kept)[:MAX_FACET_VALUES]


def parse_filters(params: QueryDict) -> SearchFilters:
    cities, types, themes, years, languages, phases, evidence = (_values(params, name) for name in FACET_PARAMS)
    return SearchFilters(
        cities=cities,
        types=types,
        themes=themes,
        years=tuple(int(year) for year in years if year.isascii() and year.isdigit()),
        languages=languages,
        phases=phases,
        evidence=evidence,
    )


def filter_params(filters: SearchFilters) -> list[tuple[str, str]]:
    """The filters as query parameters: the inverse of ``parse_filters``."""
    chosen = (
        filters.cities,
        filters.types,
        filters.themes,
        filters.years,
        filters.languages,
        filters.phases,
        filters.evidence,
    )
    return [(name, str(value)) for name, values in zip(FACET_PARAMS, chosen, strict=True) for value in values]


@dataclass(frozen=True)
class SearchRequest:
    """A search as the page understood it."""

    query: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    page: int = 1
    sort: str = SORTS[0]
    after: str = ""  # the cursor of the page, if it was reached by "Next"

    @classmethod
    def from_query_dict(cls, params: QueryDict) -> SearchRequest:
        sort, after = params.get("sort", ""), params.get("after", "")
        return cls(
            query=clean_query(params.get("q")),
            filters=parse_filters(params),
            page=parse_page_number(params.get("page")),
            sort=sort if sort in SORTS else SORTS[0],
            after=after if CURSOR_RE.fullmatch(after) else "",
        )

    @property
    def filtered(self) -> bool:
        return bool(filter_params(self.filters))

    def query_string(self, **changes) -> str:
        """This search's query string, without the page and its cursor; ``q`` or ``filters`` replaced by ``changes``."""
        query = changes.get("q", self.query)
        params = [("q", query)] if query else []
        params += filter_params(changes.get("filters", self.filters))
        if self.sort != SORTS[0]:
            params.append(("sort", self.sort))
        return urlencode(params)
