"""Cross-city search. Views call ``search()``; nothing else decides ranking.

For now this is Wagtail's database backend (the embedded default). Results are
always narrowed to what the user may read before the query runs, so counts and
pages never include members-only items for the public.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from wagtail.models import Page

from portal.access import visible_pages
from resources.listing import load_cards, paginate, query_string_without_page
from resources.models import CityPage, EventPage, PracticePage, ResearchPage

MAX_QUERY_LENGTH = 200
WORD_RE = re.compile(r"\w+")

RESULT_TYPES = {
    "practice": (PracticePage, "Practices"),
    "research": (ResearchPage, "Research"),
    "event": (EventPage, "Events"),
    "city": (CityPage, "Member cities"),
}


@dataclass
class SearchResults:
    query: str
    result_type: str
    page: PaginatorPage | None
    total: int
    query_string: str = ""


def backend_terms(query: str) -> str:
    """The words of a query, without any search syntax.

    Readers type plain words; quotes, operators and wildcards would reach the
    database's full-text syntax (SQLite's FTS raises on an unbalanced quote),
    so only word characters are passed on, lower-cased so that AND/OR/NOT are
    words too.
    """
    return " ".join(WORD_RE.findall(query)).lower()


def clean_query(raw: str | None) -> str:
    """Bound and tidy a query typed by a user: no control characters, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(request, query: str, result_type: str = "") -> SearchResults:
    query = clean_query(query)
    result_type = result_type if result_type in RESULT_TYPES else ""
    terms = backend_terms(query)
    if not terms:
        return SearchResults(query=query, result_type=result_type, page=None, total=0)
    models = [RESULT_TYPES[result_type][0]] if result_type else [m for m, _label in RESULT_TYPES.values()]
    results = visible_pages(Page.objects.type(*models), request.user).search(terms, operator="and")
    page = paginate(request, results)
    page.object_list = load_cards(page.object_list, request.user)
    return SearchResults(
        query=query,
        result_type=result_type,
        page=page,
        total=page.paginator.count,
        query_string=query_string_without_page(request),
    )
