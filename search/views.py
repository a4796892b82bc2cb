"""The search page and its autocomplete: read the query string, ask search.service, render."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext

from insights.analytics import record_search
from portal.json import EscapingJSONEncoder
from search.forms import SearchRequest
from search.query import clean_query
from search.service import FALLBACK_NOTICE, SearchFilters, SearchResults, search, suggest

# Like Django's json_script: "<", ">" and "&" never appear as such in the JSON, so no
# browser or proxy that sniffs it as HTML finds markup in what a reader typed.
SUGGEST_MIN_LENGTH = 2
SUGGEST_MAX_LENGTH = 100  # titles are matched by their beginning; more than this is no prefix


def search_view(request):
    asked = SearchRequest.from_query_dict(request.GET)
    results = _results(asked, request.user)
    record_search(request, asked, results)  # anonymised daily counts for the secretariat (insights)
    # Links carry only what the backend understood: no junk is passed on from page to page.
    understood = replace(asked, filters=results.filters)
    query_string = understood.query_string()
    context = {
        "search": understood,
        "results": results,
        "fallback_notice": gettext(FALLBACK_NOTICE),
        "show_filters": bool(results.total or understood.filtered),
        "search_path": f"{reverse('search')}?{query_string}",
        "clear_filters_query_string": understood.query_string(filters=SearchFilters()),
        "suggestion_query_string": understood.query_string(q=results.suggestion) if results.suggestion else "",
        "shown": _shown_range(results),
        "pagination": pagination(results, query_string),
    }
    response = TemplateResponse(request, "search/search.html", context)
    if settings.SEARCH_SERVER_TIMING and results.took_ms is not None:
        # Elasticsearch's own time and how long the portal waited for it (its request and
        # answer both ways too), beside the page's, for operators and the benchmark harness.
        response["Server-Timing"] = (
            f"elasticsearch;dur={results.took_ms}, elasticsearch-request;dur={results.request_ms}"
        )
    return response


def _results(asked: SearchRequest, user) -> SearchResults:
    """An empty query browses the chosen filters; without filters it searches nothing, and
    the page explains what to type."""
    if not asked.query and not asked.filtered:
        return SearchResults(query="", filters=asked.filters, sort=asked.sort)
    return search(asked.query, asked.filters, user, page=asked.page, sort=asked.sort, after=asked.after or None)


def _shown_range(results: SearchResults) -> tuple[int, int] | None:
    """The positions of the first and last hit on this page, e.g. (11, 20)."""
    if not results.hits:
        return None
    first = (results.page - 1) * results.per_page + 1
    return first, first + len(results.hits) - 1


def pagination(results: SearchResults, query_string: str) -> dict | None:
    """Previous, next and numbered links around the current page, gaps elided: 1 … 4 5 [6] 7 8 … 20.
    "Next" carries where the next page starts, when the backend said (``next_after``)."""
    if results.num_pages < 2:
        return None
    current = results.page  # the backend clamped it to the pages there are
    numbers = Paginator(range(results.num_pages), 1).get_elided_page_range(current, on_each_side=2, on_ends=1)
    return {
        "previous": _page_url(query_string, current - 1) if current > 1 else None,
        "next": _page_url(query_string, current + 1, results.next_after) if current < results.num_pages else None,
        "links": [
            {"gap": True}
            if number == Paginator.ELLIPSIS
            else {"number": number, "url": _page_url(query_string, number), "current": number == current}
            for number in numbers
        ],
    }


def _page_url(query_string: str, number: int, after: str | None = None) -> str:
    page = f"page={number}" + (f"&after={after}" if after else "")
    return f"?{query_string}&{page}" if query_string else f"?{page}"


def suggest_view(request):
    """Titles for the search box's autocomplete, as JSON: only what the reader may see."""
    query = clean_query(request.GET.get("q"))[:SUGGEST_MAX_LENGTH]
    found = suggest(query, request.user) if len(query) >= SUGGEST_MIN_LENGTH else []
    results = [{"title": item["title"], "url": item["url"], "type": item["type"]} for item in found]
    response = JsonResponse({"query": query, "results": results}, encoder=EscapingJSONEncoder)
    if request.user.is_authenticated:
        # Members see titles the public may not: no cache may keep them.
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, max_age=60)
    patch_vary_headers(response, ["Cookie"])
    return response
