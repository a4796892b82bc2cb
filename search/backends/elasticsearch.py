"""Search on Elasticsearch: where ranking, facets, highlights and suggestions are decided.

One request per results page carries the query, the facet aggregations and the
highlights; "did you mean" is read from the words of the best near miss it
returns. The reader's audiences filter the query itself, so totals, facet
counts, snippets and suggestions only ever come from documents the reader may
see; attachment text matches only through files whose own audiences the reader
passes. ``request_body`` gives that request without sending it.

Ranking: words are looked up in every language's fields (each analyses the
query with its own stemmer and folds accents), and in titles' unstemmed
``.plain`` sub-fields, titles weighing most, then summaries, then bodies and
attachments. A typo-tolerant branch finds near misses, ranked below every exact
match.
"""

from __future__ import annotations

import base64
import html
import json
import re
import time
import unicodedata
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from portal.access import ALL, PUBLIC, audiences_for_user
from search import es
from search.backends import (
    FACETS,
    RESOURCE_TYPES,
    TYPES,
    Vocabulary,
    build_facets,
    chosen,
    clamp_page,
    gap_axes,
    max_page,
    num_pages,
    page_url,
    summary_snippet,
)
from search.documents import ANALYZERS, text_field_name
from search.query import ParsedQuery, words_of
from search.service import GapMap, Hit, SearchFilters, SearchResults, tidy

BACKEND = "elasticsearch"
LANGUAGE_SUFFIXES = tuple(ANALYZERS)
# Field weights: the one place they are decided. Stemmed fields first, titles' exact
# words a little lower.
WEIGHTS = {"title": 3, "summary": 2, "body": 1}
DOC_FIELDS = [
    *(f"{field}_{suffix}^{weight}" for field, weight in WEIGHTS.items() for suffix in LANGUAGE_SUFFIXES),
    *(f"title_{suffix}.plain^{WEIGHTS['title'] * 0.8:g}" for suffix in LANGUAGE_SUFFIXES),
    "authors^2",
    "theme_names^1.5",
]
FILE_FIELDS = [
    *(f"files.text_{suffix}^0.8" for suffix in LANGUAGE_SUFFIXES),
    "files.title",
]
HIGHLIGHT_FIELDS = [f"{field}_{suffix}" for field in ("summary", "body") for suffix in LANGUAGE_SUFFIXES]
FILE_HIGHLIGHT_FIELDS = [f"files.text_{suffix}" for suffix in LANGUAGE_SUFFIXES]
TITLE_PLAIN_FIELDS = [f"title_{suffix}.plain" for suffix in LANGUAGE_SUFFIXES]
# Readers get words, phrases and exclusion; never fuzzy, prefix or slop operators.
FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE"
# Any exact match outranks every typo-tolerant one.
EXACT_TIER = 1000
FUZZY_BOOST = 0.2
# Highlight marks: private-use characters, removed from indexed text (search.indexing).
MARK_START, MARK_END = "\ue000", "\ue001"
MARKS_RE = re.compile(f"({MARK_START}|{MARK_END})")
SOURCE = ["page_id", "type", "url", "cities", "language", "date", "audiences", "title_*", "summary_*"]
FACET_SIZES = {"type": len(TYPES), "city": 200, "theme": 200, "year": 100, "lang": 50, "phase": 20, "evidence": 20}


def audience_filter(user, field: str = "audiences") -> list[dict]:
    """The permission filter: the reader's audiences, or nothing for a superuser."""
    audiences = audiences_for_user(user)
    return [] if ALL in audiences else [{"terms": {field: sorted(audiences)}}]


def _sqs(text: str, fields: list[str], operator: str = "and") -> dict:
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            "default_operator": operator,
            "flags": FLAGS,
            "lenient": True,
        }
    }


def _files(text: str, user, operator: str = "and", mark: ParsedQuery | None = None) -> dict:
    """Attachment text, through files the reader may open only; with ``mark``, each hit's
    best file comes back with those words marked (inner hits)."""
    query = {"bool": {"must": [_sqs(text, FILE_FIELDS, operator)], "filter": audience_filter(user, "files.audiences")}}
    nested = {"path": "files", "score_mode": "max", "query": query}
    if mark:
        nested["inner_hits"] = {"_source": False, "size": 1, "highlight": _highlight(FILE_HIGHLIGHT_FIELDS, mark)}
    return {"nested": nested}


def exact_query(parsed: ParsedQuery, user, inner_hits: bool = False) -> dict:
    """The words and phrases as typed (stemmed per language), in the page or a readable attachment."""
    text = parsed.to_simple_query_string(exclusions=False)
    clauses = [_sqs(text, DOC_FIELDS), _files(text, user, mark=parsed if inner_hits else None)]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def fuzzy_query(parsed: ParsedQuery) -> dict | None:
    """Near misses of each loose word in titles and summaries (phrases still exact), for typos.

    One folded field (``spell``) rather than every language's: a fuzzy term is
    expanded against each field's dictionary, which is what costs.
    """
    if not parsed.words:
        return None
    must = [{"match": {"spell": {"query": word, "fuzziness": "AUTO", "prefix_length": 1}}} for word in parsed.words]
    must += [
        {"multi_match": {"query": " ".join(phrase), "fields": DOC_FIELDS, "type": "phrase"}}
        for phrase in parsed.phrases
    ]
    return {"bool": {"must": must, "boost": FUZZY_BOOST}}


def bounds_filter(filters: SearchFilters) -> list[dict]:
    """First published within (published_after, published_before], if either is set."""
    bounds = {"gt": filters.published_after, "lte": filters.published_before}
    bounds = {key: value.isoformat() for key, value in bounds.items() if value}
    return [{"range": {"published": bounds}}] if bounds else []


def text_query(parsed: ParsedQuery, filters: SearchFilters, user) -> dict:
    """Exact and near matches, exact ones first, without excluded words, readable only; with
    no words (browsing by filters), every readable resource."""
    readable = [*audience_filter(user), *bounds_filter(filters)]
    if not parsed:
        return {"bool": {"filter": readable}}
    # The exact branch scores as usual plus EXACT_TIER, so it is built and run once.
    exact = {"query": exact_query(parsed, user, inner_hits=True), "functions": [{"weight": EXACT_TIER}]}
    should = [{"function_score": exact | {"boost_mode": "sum"}}]
    fuzzy = fuzzy_query(parsed)
    if fuzzy:
        should.append(fuzzy)
    query = {"should": should, "minimum_should_match": 1, "filter": readable}
    if parsed.excluded:
        excluded = " ".join(parsed.excluded)
        query["must_not"] = [_sqs(excluded, DOC_FIELDS, "or"), _files(excluded, user, "or")]
    return {"bool": query}


def _facet_filter(filters: SearchFilters, name: str) -> dict | None:
    values = chosen(filters, name)
    return {"terms": {FACETS[name][2]: list(values)}} if values else None


def _facet_filters(filters: SearchFilters, skip: str | None = None) -> list[dict]:
    return [f for name in FACETS if name != skip and (f := _facet_filter(filters, name))]


def _aggregations(parsed: ParsedQuery, filters: SearchFilters, user, sort: str, page: int) -> dict:
    """Each facet counted with the other facets' choices applied (multi-select); on the first
    page sorted by date, also the number of exact matches among the results (for "did you
    mean": sorted by relevance, the best hit's score tells, ``_exact_matches``)."""
    aggs = {}
    for name, (_label, _field, indexed) in FACETS.items():
        values = {"terms": {"field": indexed, "size": FACET_SIZES[name]}}
        others = _facet_filters(filters, skip=name)
        # Without choices in the other facets, no filter: each one costs a pass over the matches.
        counted = {"filter": {"bool": {"filter": others}}, "aggs": {"values": values}}
        aggs[f"facet_{name}"] = counted if others else values
    if sort == "date" and page == 1 and parsed:
        aggs["exact"] = {"filter": {"bool": {"filter": [exact_query(parsed, user), *_facet_filters(filters)]}}}
    return aggs


def _highlight(fields: list[str], parsed: ParsedQuery) -> dict:
    """The words sought marked in ``fields``, each on its own (a phrase's too), not the typo branch.

    Each field is given a query on itself alone: the highlighter reads its query again for
    every field of every hit, and the whole query (some 50 fields, phrases) made marking
    ten hits cost as much as a search of 1,000 resources.
    """
    words = " ".join(parsed.positive_words)
    return {
        "encoder": "html",
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "number_of_fragments": 1,
        "fragment_size": 200,
        "fields": {field: {"highlight_query": {"match": {field: words}}} for field in fields},
    }


def _sort(sort: str) -> list:
    if sort == "date":
        return [{"date": {"order": "desc", "missing": "_last"}}, {"title_sort": "asc"}, {"page_id": "asc"}]
    return ["_score", {"date": {"order": "desc", "missing": "_last"}}, {"title_sort": "asc"}, {"page_id": "asc"}]


def _request(
    parsed: ParsedQuery, filters: SearchFilters, user, sort: str, page: int, per_page: int, after: list | None = None
) -> dict:
    """The one request of a results page; ``after``: the sort values the page starts after."""
    body = {
        "query": text_query(parsed, filters, user),
        "aggs": _aggregations(parsed, filters, user, sort, page),
        "sort": _sort(sort),
        "from": 0 if after else (page - 1) * per_page,
        "size": per_page,
        "track_total_hits": True,
        "_source": SOURCE,
    }
    if parsed:
        body["highlight"] = _highlight(HIGHLIGHT_FIELDS, parsed)
    if after:
        body["search_after"] = after
    if post_filter := _facet_filters(filters):
        body["post_filter"] = {"bool": {"filter": post_filter}}
    return body


# A page's cursor: the sort values of its last hit, as compact JSON in URL-safe base64.
MAX_CURSOR_LENGTH = 1000
MAX_LONG = 2**63 - 1


def cursor(sort_values: list) -> str:
    """The ``next_after`` of a page ending with a hit of these sort values."""
    text = json.dumps(sort_values, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def read_cursor(text: str | None, sort: str) -> list | None:
    """The sort values of a cursor, or None unless it is one ``cursor`` could have written for
    ``sort``: a number (relevance only), the date, the title and the page id. Anyone can type
    one; a cursor that fits only moves where the page starts, within what the reader may see."""
    if not text or len(text) > MAX_CURSOR_LENGTH:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), parse_constant=_refuse)
    except (ValueError, UnicodeDecodeError):  # binascii.Error and JSONDecodeError are ValueErrors
        return None
    kinds = ([float] if sort == "relevance" else []) + [int, str, int]
    if not isinstance(values, list) or len(values) != len(kinds):
        return None
    return values if all(_fits(value, kind) for value, kind in zip(values, kinds, strict=True)) else None


def _refuse(constant: str):
    raise ValueError(constant)  # NaN and Infinity: no sort value is


def _fits(value, kind: type) -> bool:
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, int | float) and abs(value) <= 1e30
    if kind is int:
        return isinstance(value, int) and -MAX_LONG - 1 <= value <= MAX_LONG
    return isinstance(value, str)


def request_body(
    query: str,
    filters: SearchFilters,
    user,
    page: int = 1,
    sort: str = "relevance",
    per_page: int | None = None,
    after: str | None = None,
) -> dict | None:
    """The body of the one request ``search.service.search`` sends for these arguments, without
    sending it; None when the query searches nothing. Send it to the alias to replay the search:
    ``es.client().search(index=es.alias(), **body)`` (``took`` is Elasticsearch's own time).

    Arguments are tidied as ``search`` tidies them (``search.service.tidy``), except that a
    page past the last one is not clamped here (that needs the total: ``search`` then asks again)."""
    asked = tidy(query, filters, user, page, sort, per_page)
    if not (asked.parsed or asked.filters):
        return None
    page = min(asked.page, max_page(asked.per_page))
    start = read_cursor(after, asked.sort) if page > 1 else None
    return _request(asked.parsed, asked.filters, user, asked.sort, page, asked.per_page, start)


def _query_es(body: dict) -> dict:
    return es.client().search(index=es.alias(), **body).body


def search(
    query: str,
    parsed: ParsedQuery,
    filters: SearchFilters,
    vocabulary: Vocabulary,
    user,
    page: int,
    sort: str,
    per_page: int,
    after: str | None = None,
) -> SearchResults:
    """One page of results for a non-empty ``parsed`` query, ``filters`` already narrowed
    to ``vocabulary`` (search.service.search). Page ``page`` starts after the cursor ``after``
    when it reads as one (``read_cursor``), else at ``(page - 1) * per_page``."""
    page = min(page, max_page(per_page))
    start = read_cursor(after, sort) if page > 1 else None
    sent = time.perf_counter()
    response = _query_es(_request(parsed, filters, user, sort, page, per_page, start))
    total, took = response["hits"]["total"]["value"], response["took"]
    clamped = clamp_page(page, total, per_page)
    # Beyond the last page, or a cursor past the end of the results: a second request.
    if total and (page != clamped or (start and not response["hits"]["hits"])):
        page = clamped
        response = _query_es(_request(parsed, filters, user, sort, page, per_page))
        took += response["took"]
    waited = (time.perf_counter() - sent) * 1000
    page = clamped
    hits = response["hits"]["hits"]
    return SearchResults(
        query=query,
        filters=filters,
        hits=_hits(hits, vocabulary),
        total=total,
        page=page,
        num_pages=num_pages(total, per_page),
        per_page=per_page,
        sort=sort,
        facets=build_facets(_facet_counts(response), filters, vocabulary),
        suggestion=_did_you_mean(parsed, response, sort, page),
        backend=BACKEND,
        took_ms=took,
        request_ms=round(waited, 1),
        next_after=cursor(hits[-1]["sort"]) if hits and page < num_pages(total, per_page) else None,
    )


def _facet_counts(response: dict) -> dict[str, dict]:
    aggs = response.get("aggregations", {})
    counted = {name: aggs[f"facet_{name}"] for name in FACETS}
    return {
        name: {bucket["key"]: bucket["doc_count"] for bucket in agg.get("values", agg)["buckets"]}
        for name, agg in counted.items()
    }


def _did_you_mean(parsed: ParsedQuery, response: dict, sort: str, page: int) -> str | None:
    """On the first page, a better spelling when nothing matched exactly: the words nearest to
    those typed in the best near miss. That hit is one the reader may see, within the chosen
    filters, and it holds the corrected words, so the suggestion finds something and never
    reveals hidden text; and it comes with the results, with no second request."""
    hits = response["hits"]["hits"]
    if page != 1 or not parsed or not hits or _exact_matches(response, sort):
        return None
    suggested = parsed.corrected(_corrections(parsed, hits[0]["_source"]))
    return suggested.to_simple_query_string() if suggested != parsed else None


def _exact_matches(response: dict, sort: str) -> bool:
    """Whether any result matched the words as typed. By relevance, exact matches score above
    EXACT_TIER and come first, so the first hit's score (its first sort value) tells."""
    if sort == "date":
        return bool(response["aggregations"]["exact"]["doc_count"])
    return response["hits"]["hits"][0]["sort"][0] >= EXACT_TIER


def _corrections(parsed: ParsedQuery, source: dict) -> dict[str, str]:
    """{word as typed: the nearest word of the hit's title or summary}, for the words not there as
    typed. The near-miss branch (``fuzzy_query``) found each typed word there, within these limits."""
    summary = source.get(text_field_name("summary", source["language"]), "")
    found: dict[str, str] = {}  # folded -> as written, in the order of the text
    for word in words_of(f"{_title(source)} {summary}"):
        found.setdefault(_fold(word), word)
    corrections = {}
    for word in parsed.words:
        typed = _fold(word)
        if typed in found:
            continue
        limit = _fuzziness(typed)
        # Same first letter (prefix_length 1) and length within reach: few candidates, so a long
        # hostile word costs no more than a short one.
        near = [c for c in found if c[:1] == typed[:1] and abs(len(c) - len(typed)) <= limit]
        nearest = min(near, key=lambda candidate: edits(candidate, typed), default=None)
        if nearest is not None and edits(nearest, typed) <= limit:
            corrections[word] = found[nearest]
    return corrections


def _fuzziness(word: str) -> int:
    """Edits Elasticsearch's AUTO fuzziness allows for a word of this length."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _fold(word: str) -> str:
    """As the folding analyzer sees a word: no accents, case-folded."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def edits(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``, a swap of two neighbours counting as one (as Elasticsearch's fuzziness)."""
    previous, row = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other))
            if previous and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, previous[j - 2] + 1)
            current.append(cost)
        previous, row = row, current
    return row[-1]


def _hits(hits: list[dict], vocabulary: Vocabulary) -> list[Hit]:
    roots = Site.get_site_root_paths()
    return [_hit(hit, vocabulary, roots) for hit in hits]


def _hit(hit: dict, vocabulary: Vocabulary, roots: list) -> Hit:
    source = hit["_source"]
    summary = source.get(text_field_name("summary", source["language"]), "")
    return Hit(
        page_id=source["page_id"],
        title=_title(source),
        url=page_url(source["url"], roots),
        type=source["type"],
        type_label=TYPES[source["type"]][0],
        cities=vocabulary.city_titles(source.get("cities", [])),
        date=date.fromisoformat(source["date"][:10]) if source.get("date") else None,
        snippet=_snippet(hit) or summary_snippet(summary),
        language=source["language"],
        members_only=PUBLIC not in source.get("audiences", []),
    )


def _fragments(hit: dict):
    """Highlighted fragments: summary, then body, then the matching attachment."""
    highlight = hit.get("highlight", {})
    for field in sorted(highlight, key=lambda name: (not name.startswith("summary"), name)):
        yield from highlight[field]
    for inner in hit.get("inner_hits", {}).values():
        for file_hit in inner["hits"]["hits"]:
            for fragments in file_hit.get("highlight", {}).values():
                yield from fragments


def _title(source: dict) -> str:
    return source.get(text_field_name("title", source["language"]), "")


def _snippet(hit: dict) -> SafeString | None:
    fragment = next(_fragments(hit), None)
    return marked(fragment) if fragment else None


def marked(fragment: str) -> SafeString:
    """Elasticsearch's html-encoded fragment as our own markup: every piece of text is
    unescaped and escaped again by Django, only our <mark> tags are added."""
    pieces, inside = [], False
    for piece in MARKS_RE.split(fragment):
        if piece in (MARK_START, MARK_END):
            inside = piece == MARK_START
        elif piece:
            text = escape(html.unescape(piece))
            pieces.append(f"<mark>{text}</mark>" if inside else text)
    return mark_safe("".join(pieces))  # noqa: S308 - built from escaped pieces only


def suggest(words: list[str], user, limit: int) -> list[dict]:
    """Titles the reader may see that start with the words typed (the last one a prefix)."""
    match = {"query": " ".join(words), "type": "bool_prefix", "fields": TITLE_PLAIN_FIELDS, "operator": "and"}
    # Titles that begin with what was typed come first.
    starts = {"prefix": {"title_sort": {"value": " ".join(words).casefold(), "boost": 10}}}
    query = {"bool": {"must": [{"multi_match": match}], "should": [starts], "filter": audience_filter(user)}}
    response = _query_es({"query": query, "size": limit, "_source": SOURCE})
    roots = Site.get_site_root_paths()
    return [
        {"title": _title(source), "url": page_url(source["url"], roots), "type": source["type"]}
        for source in (hit["_source"] for hit in response["hits"]["hits"])
    ]


def related(page, user, vocabulary: Vocabulary, limit: int) -> list[Hit]:
    """Readable resources (not city pages) whose words are most like the page's indexed
    text, or that share its themes or cities (read from its indexed document too)."""
    indexed = {"index": es.alias(), "id": str(page.pk)}
    like = {
        "fields": [f"{field}_{suffix}" for field in WEIGHTS for suffix in LANGUAGE_SUFFIXES],
        "like": [{"_index": es.alias(), "_id": str(page.pk)}],
        "min_term_freq": 1,
        "min_doc_freq": 1,
        "max_query_terms": 25,
    }
    should = [
        {"more_like_this": like},
        {"terms": {"themes": indexed | {"path": "themes"}, "boost": 0.5}},
        {"terms": {"cities": indexed | {"path": "cities"}, "boost": 0.2}},
    ]
    readable = [*audience_filter(user), {"terms": {"type": list(RESOURCE_TYPES)}}]
    query = {"should": should, "minimum_should_match": 1, "filter": readable}
    query["must_not"] = [{"ids": {"values": [str(page.pk)]}}]
    response = _query_es({"query": {"bool": query}, "size": limit, "_source": SOURCE})
    return _hits(response["hits"]["hits"], vocabulary)


def gap_map(filters: SearchFilters, vocabulary: Vocabulary, user) -> GapMap:
    """The gap map in one request: the readable resources within ``filters`` by city, each city's
    by theme, and by theme alone (search.service.gap_map)."""
    by_theme = {"terms": {"field": "themes", "size": FACET_SIZES["theme"]}}
    by_city = {"terms": {"field": "cities", "size": FACET_SIZES["city"]}, "aggs": {"themes": by_theme}}
    query = {"bool": {"filter": [*audience_filter(user), *bounds_filter(filters), *_facet_filters(filters)]}}
    body = {"query": query, "size": 0, "track_total_hits": True, "aggs": {"cities": by_city, "themes": by_theme}}
    response = _query_es(body)
    aggs = response["aggregations"]
    counts, city_totals = {}, {}
    for city in aggs["cities"]["buckets"]:
        if city["key"] in vocabulary.cities:
            city_totals[city["key"]] = city["doc_count"]
            counts |= {(city["key"], theme["key"]): theme["doc_count"] for theme in city["themes"]["buckets"]}
    theme_totals = {bucket["key"]: bucket["doc_count"] for bucket in aggs["themes"]["buckets"]}
    return GapMap(
        **gap_axes(vocabulary),
        counts={key: count for key, count in counts.items() if key[1] in vocabulary.themes},
        city_totals=city_totals,
        theme_totals={key: count for key, count in theme_totals.items() if key in vocabulary.themes},
        total=response["hits"]["total"]["value"],
        filters=filters,
        backend=BACKEND,
    )
