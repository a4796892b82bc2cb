"""Search on the database (the embedded default), on its own index (search.dbindex) and the
engine's full text: SQLite FTS5 or PostgreSQL tsvector.

A results page is two statements: the total and every facet's counts (multi-select, as on
Elasticsearch) over the matching rows the reader may see, then the page itself, ranked and
highlighted by the engine. Before them a small one reads the entries' few distinct audience
sets; ``portal.access.can_view`` decides which the reader passes, and the statements keep the
entries with one of those (a column test per match, where a subquery per match cost members
a third of their time). The SQL is assembled here from constants and ``%s`` placeholders
only (hence the S608 exemptions); the reader's words are always parameters, and on SQLite
each one is also quoted inside the MATCH expression, so no query syntax of theirs is read.

SQLite: one FTS5 table with ``porter unicode61 remove_diacritics 2``: accents folded in every
language, English (Porter) stemming for all rows, since FTS5 has one tokenizer per table;
other languages find their plurals only where English rules happen to fit. bm25() weighs
title 10, summary 4, body 1, attachments 0.5.
PostgreSQL: each row's tsvector is built in its language's configuration (weights A-D); the
query is the same words in every configuration plus "simple", OR'ed; ranked by ts_rank_cd.

Suggestions and related resources read the pages themselves (search on titles and shared
themes or cities), not this index.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import CharField, DateField, F, Q, Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from portal.access import ALL, audiences_for_user, can_view, mark_members_only, remember_for, visible_pages
from resources.models import CityPage, EventPage, PracticePage, ResearchPage
from search.backends import (
    FACETS,
    RESOURCE_TYPES,
    SNIPPET_CHARS,
    TYPES,
    Vocabulary,
    build_facets,
    chosen,
    clamp_page,
    gap_axes,
    num_pages,
    page_url,
    summary_snippet,
)
from search.dbindex import audience_set, rebuild  # noqa: F401 - rebuild: the bulk (re)build, for benchmarks
from search.models import IndexValue
from search.query import ParsedQuery, words_of
from search.service import GapMap, Hit, SearchFilters, SearchResults

BACKEND = "database"
MODELS = {"practice": PracticePage, "research": ResearchPage, "event": EventPage, "city": CityPage}
# Per type: the fields that give a row's summary, date and cities.
ROW_FIELDS = {
    "practice": ("summary", "start_date", None),
    "research": ("practitioner_summary", "publication_date", "cities__slug"),
    "event": ("summary", "start", "host_city__slug"),
    "city": ("description", None, "slug"),
}
MAX_MATCHES = 10_000
# PostgreSQL: beyond this many matches, rank by title and summary only (the "ranking" vector of
# migration 0003, kept in the row), not the whole text, whose vector is stored out of line and
# would be read for every match; the order of the best matches barely changes, the cost does.
BROAD_MATCHES = 2000
VOCABULARY_TITLES = 5000


@dataclass
class Row:
    """What a search needs of one matching page."""

    page_id: int
    type: str
    title: str
    url_path: str
    path: str
    summary: str
    language: str
    date: date | None
    cities: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    members_only: bool = False
    snippet: SafeString | None = None

    def values(self, facet: str) -> set[str]:
        if facet == "year":
            return {str(self.date.year)} if self.date else set()
        return {"type": {self.type}, "city": self.cities, "theme": self.themes, "lang": {self.language}}[facet]


def load_rows(ids: list[int], vocabulary: Vocabulary) -> dict[int, Row]:
    """Rows for these pages: one query per page type (themes and cities joined in)."""
    rows: dict[int, Row] = {}
    for type_, model in MODELS.items() if ids else ():
        for values in _row_values(type_, model, ids):
            pk, title, url_path, path, summary, language, day, theme, city = values
            row = rows.get(pk) or Row(pk, type_, title, url_path, path, _text(summary), language, _day(day))
            rows[pk] = row
            row.themes |= {theme} if theme else set()
            row.cities |= {city} if city in vocabulary.cities else set()
            if type_ == "practice":
                parent = vocabulary.city_paths.get(path[: -Page.steplen])
                row.cities |= {parent} if parent else set()
    return rows


def _row_values(type_: str, model, ids: list[int]):
    summary, day, city = ROW_FIELDS[type_]
    resource = type_ != "city"
    return (
        model.objects.filter(pk__in=ids)
        .annotate(
            _summary=F(summary),
            _language=F("language") if resource else Value("en", output_field=CharField()),
            _date=F(day) if day else Value(None, output_field=DateField()),
            _theme=F("themes__slug") if resource else Value(None, output_field=CharField()),
            _city=F(city) if city else Value(None, output_field=CharField()),
        )
        .values_list("pk", "title", "url_path", "path", "_summary", "_language", "_date", "_theme", "_city")
    )


def _text(value) -> str:
    """Plain text of a summary or rich text description."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


# --- The query in each engine's own full-text syntax, built from the parsed words only ---

# bm25() weights of the FTS5 columns: title, summary, body, attachments.
BM25 = "bm25(search_fts, 10.0, 4.0, 1.0, 0.5)"
# PostgreSQL text search configuration of each language; "simple" (no stemming) for the others.
# Migration search 0002 computes each entry's tsvector with the same mapping.
CONFIGS = {"en": "english", "sv": "swedish", "fr": "french", "es": "spanish", "nl": "dutch", "de": "german"}
QUERY_CONFIGS = (*CONFIGS.values(), "simple")
ROW_CONFIG = (
    "CASE e.language "
    + " ".join(f"WHEN '{language}' THEN '{config}'::regconfig" for language, config in CONFIGS.items())
    + " ELSE 'simple'::regconfig END"
)
# Highlight marks: private-use characters, removed from indexed text (search.indexing).
MARK_START, MARK_END = "\ue000", "\ue001"
BODY_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=1"
SUMMARY_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
MARKS_RE = re.compile(f"({MARK_START}|{MARK_END})")
BODY_SNIPPET_TOKENS = 32
# A term the tokenizers index: at least one letter or digit.
INDEXABLE = re.compile(r"[^\W_]")
ENTRY_COLUMNS = "e.page_id, e.type, e.title, e.url_path, e.path, e.summary, e.language, e.date"


def _fts_string(words) -> str:
    """Words as one FTS5 string (a phrase when several), quoted: nothing in them is syntax."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts_query(parsed: ParsedQuery) -> str | None:
    """The FTS5 MATCH expression: every word and phrase, none of the excluded words."""
    terms = [[word] for word in parsed.words] + [list(phrase) for phrase in parsed.phrases]
    terms = [[word for word in term if INDEXABLE.search(word)] for term in terms]
    if not terms or not all(terms):
        return None  # a term of punctuation only matches nothing
    query = " AND ".join(_fts_string(term) for term in terms)
    excluded = [_fts_string([word]) for word in parsed.excluded if INDEXABLE.search(word)]
    return f"({query}) NOT ({' OR '.join(excluded)})" if excluded else query


def _tsquery(parsed: ParsedQuery) -> tuple[str, list]:
    """One tsquery, the words and phrases in every configuration (OR): each entry is indexed in its
    language's, and "simple" finds words as typed."""
    per_config, params = [], []
    for config in QUERY_CONFIGS:
        parts = [f"plainto_tsquery('{config}', %s)"] * bool(parsed.words)
        parts += [f"phraseto_tsquery('{config}', %s)"] * len(parsed.phrases)
        per_config.append("(" + " && ".join(parts) + ")")
        params += [" ".join(parsed.words)] * bool(parsed.words) + [" ".join(phrase) for phrase in parsed.phrases]
    return _distinct(per_config, params)


def _tsquery_any(words) -> tuple[str, list]:
    """A tsquery matching any of ``words`` in any configuration."""
    parts = [f"plainto_tsquery('{config}', %s)" for config in QUERY_CONFIGS for _word in words]
    return _distinct(parts, [word for _config in QUERY_CONFIGS for word in words])


def _distinct(parts: list[str], params: list) -> tuple[str, list]:
    """The tsquery ``parts`` OR'ed, each distinct one once, as parameters: most configurations
    read a word alike, and ts_rank_cd's cost grows with every repeated term (seven copies of
    one word: ten times slower). Parsed here once, not again in every statement."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"CAST({part} AS text)" for part in parts), params)  # noqa: S608
        texts = [text for text in dict.fromkeys(cursor.fetchone()) if text] or [""]
    return "(" + " || ".join(["CAST(%s AS tsquery)"] * len(texts)) + ")", texts


# The distinct audience sets of the entries, each found by one step through their index
# (a loose index scan: a few lookups, where DISTINCT would read every entry). Not under
# index_scans: PostgreSQL then reads the whole table for MIN() (1.5 s at 100,000 entries).
AUDIENCE_SETS = (
    "WITH RECURSIVE s(audiences) AS (SELECT MIN(audiences) FROM search_indexentry"
    " UNION ALL SELECT (SELECT MIN(e.audiences) FROM search_indexentry e WHERE e.audiences > s.audiences)"
    " FROM s WHERE s.audiences IS NOT NULL) SELECT audiences FROM s WHERE audiences IS NOT NULL"
)


def _audience_clause(user, words: bool = True) -> tuple[str, list]:
    """The permission filter: entries whose audience set the reader passes (none for a superuser).
    ``can_view`` decides once for each of the few distinct sets, not in a subquery for every
    match. A set first written after this read is left out: never shown, rather than unchecked.
    Without ``words`` (browsing by filters) the audiences' own index is the way in."""
    audiences = audiences_for_user(user)
    if ALL in audiences:
        return "", []
    readable = [key for (key,) in _fetch(AUDIENCE_SETS, []) if can_view(audiences, audience_set(key))]
    if not readable:
        return " AND 1 = 0", []
    tested = AUDIENCES_TESTED[connection.vendor] if len(readable) == 1 and words else "e.audiences"
    return f" AND {tested} IN ({', '.join(['%s'] * len(readable))})", readable


def _bounds_clause(filters: SearchFilters) -> tuple[str, list]:
    """First published within (published_after, published_before], if either is set."""
    sql, params = "", []
    for bound, test in ((filters.published_after, ">"), (filters.published_before, "<=")):
        if bound:
            sql += f" AND e.published_at {test} %s"
            params.append(connection.ops.adapt_datetimefield_value(bound))
    return sql, params


def _restriction(user, filters: SearchFilters, words: bool = True) -> tuple[str, list]:
    """What every match must pass whatever its words: the reader's audiences, the publication bounds."""
    readable, readable_params = _audience_clause(user, words)
    bounds, bounds_params = _bounds_clause(filters)
    return readable + bounds, readable_params + bounds_params


# PostgreSQL, for a reader of one audience set: the audiences as an expression no index
# answers, so the matches are found through the text's GIN index. Through the audiences
# index instead (which the planner picks when one set, 'public', is all a visitor reads),
# each candidate's whole text vector was read to test the words: a visitor's common term at
# 100,000 took 2.1 s, 0.9 s with the expression. A reader of several sets (a member) is
# faster with the column itself (1.4 against 1.9 s), so the expression is for one set only.
AUDIENCES_TESTED = {"postgresql": "(e.audiences || '')", "sqlite": "e.audiences"}


def _has_value(alias: str, facet: str, values) -> str:
    marks = ", ".join(["%s"] * len(values))
    return (
        f" AND EXISTS (SELECT 1 FROM search_indexvalue v WHERE v.page_id = {alias}.page_id"  # noqa: S608
        f" AND v.facet = '{facet}' AND v.value IN ({marks}))"
    )


@dataclass
class Matching:
    """The entries matching the text that the reader may see: ``sql`` is FROM ... WHERE ...,
    ``rank`` an expression ordered best first by ``rank_order``; text only ever in parameters."""

    sql: str
    params: list
    rank: tuple[str, list]
    rank_order: str
    tsquery: tuple[str, list] | None = None  # PostgreSQL: for the headlines
    broad_rank: tuple[str, list] | None = None  # PostgreSQL: the rank beyond BROAD_MATCHES
    browsing: bool = False  # no words: every entry passing the filters, nothing to highlight

    def rank_for(self, total: int) -> tuple[str, list]:
        """The rank expression for a query with ``total`` matches."""
        return self.broad_rank if self.broad_rank and total > BROAD_MATCHES else self.rank

    @classmethod
    def build(cls, parsed: ParsedQuery, audience_clause: tuple[str, list]) -> Matching | None:
        """The matches of ``parsed`` that pass ``audience_clause`` (``_audience_clause``)."""
        readable, readable_params = audience_clause
        if not parsed:  # browsing by filters: every entry the reader may see, newest first
            return cls(f"search_indexentry e WHERE 1 = 1{readable}", readable_params, ("0", []), "", browsing=True)
        if connection.vendor == "postgresql":
            return cls._postgres(parsed, readable, readable_params)
        query = fts_query(parsed)
        if query is None:
            return None
        # The index of migration 0003 holds every column counts and order read: without it (or
        # without ANALYZE's statistics, which nothing keeps) SQLite reads each match's whole row.
        sql = (
            "search_fts JOIN search_indexentry e INDEXED BY search_entry_facets ON e.page_id = search_fts.rowid"
            f" WHERE search_fts MATCH %s{readable}"
        )
        return cls(sql, [query, *readable_params], (BM25, []), "")

    @classmethod
    def _postgres(cls, parsed: ParsedQuery, readable: str, readable_params: list) -> Matching:
        tsquery, words = _tsquery(parsed)
        sql, params = f"search_indexentry e WHERE e.document @@ {tsquery}", words
        if parsed.excluded:
            excluded, excluded_params = _tsquery_any(parsed.excluded)
            sql, params = f"{sql} AND NOT e.document @@ {excluded}", params + excluded_params
        sql, params = sql + readable, params + readable_params
        if parsed.phrases:
            # The index finds the entries holding every word of a phrase; each is then read
            # (its whole document vector) to check the words' order. Checked once here, not
            # again in the counts' and the page's statements.
            sql, params = "search_indexentry e WHERE e.page_id = ANY(%s)", [_fetch_ids(sql, params)]
        rank, broad = (f"ts_rank_cd(e.{vector}, {tsquery})" for vector in ("document", "ranking"))
        return cls(sql, params, (rank, words), " DESC", (tsquery, words), (broad, words))


# Facets with one value per entry, read from its own columns; the others from IndexValue rows.
COLUMN_FACETS = {"type": "type", "lang": "language", "year": "year"}
VALUE_FACETS = [name for name in FACETS if name not in COLUMN_FACETS]


def _chosen_clause(filters: SearchFilters, only: str | None = None) -> tuple[str, list]:
    """Entries with one of the chosen values of every facet (or of facet ``only``)."""
    sql, params = "", []
    for name in [only] if only else FACETS:
        values = list(chosen(filters, name)) if name == "year" else [str(value) for value in chosen(filters, name)]
        if not values:
            continue
        if name in COLUMN_FACETS:
            sql += f" AND e.{COLUMN_FACETS[name]} IN ({', '.join(['%s'] * len(values))})"
        else:
            sql += _has_value("e", name, values)
        params += values
    return sql, params


# How the counts reach the matches' city and theme values. SQLite: every value in the order of
# the (facet, value, page) index, each match looked up in the matches (which SQLite indexes on
# the fly), so the counts come grouped as read; from the matches into the values instead, it
# sorted some 30,000 rows for the GROUP BY (76 ms against 46 ms, at 9,000 of 10,000 matching).
VALUES_JOIN = {
    "sqlite": "search_indexvalue c INDEXED BY search_value_facet CROSS JOIN m ON c.page_id = m.page_id",
    "postgresql": "m JOIN search_indexvalue c ON c.page_id = m.page_id",
}


def facet_sql(matching: Matching, filters: SearchFilters) -> tuple[str, list]:
    """One statement giving every facet's counts, each over the entries that pass the other
    facets' choices (multi-select, as on Elasticsearch), and the total as a row ('', '', n).
    Each facet's choice is tested once per entry (``in_<facet>``), then combined."""
    tests, params = [], []
    for name in FACETS:
        clause, clause_params = _chosen_clause(filters, only=name)
        tests.append(f"(1=1{clause}) AS in_{name}")
        params += clause_params

    def passes(skip: str | None = None) -> str:
        return " AND ".join(f"m.in_{name}" for name in FACETS if name != skip)

    per_value = " OR ".join(f"(c.facet = '{name}' AND {passes(name)})" for name in VALUE_FACETS)
    per_column = "".join(
        f" UNION ALL SELECT '{name}', CAST(m.{column} AS TEXT), COUNT(*) FROM m"  # noqa: S608
        f" WHERE {passes(name)} AND m.{column} IS NOT NULL GROUP BY m.{column}"
        for name, column in COLUMN_FACETS.items()
    )
    sql = (
        "WITH m AS MATERIALIZED (SELECT e.page_id, e.type, e.language, e.year,"  # noqa: S608
        f" {', '.join(tests)} FROM {matching.sql})"
        f" SELECT c.facet, c.value, COUNT(*) FROM {VALUES_JOIN[connection.vendor]}"
        f" WHERE {per_value} GROUP BY c.facet, c.value{per_column}"
        f" UNION ALL SELECT '', '', COUNT(*) FROM m WHERE {passes()}"
    )
    return sql, params + matching.params


def facet_counts(matching: Matching, filters: SearchFilters) -> tuple[int, dict[str, Counter]]:
    """The total and {facet: Counter(value: count)}."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    total = 0
    for facet, value, count in _fetch(*facet_sql(matching, filters)):
        if facet:
            counts[facet][value] = count
        else:
            total = count
    return total, counts


def _order(sort: str, matching: Matching, alias: str) -> str:
    """Best first (ties newest first), or newest first; ``alias`` names the entry's columns."""
    dates = f"{alias}.date IS NULL, {alias}.date DESC, {alias}.title_sort, {alias}.page_id"
    score = "score" if alias == "e" else f"{alias}.score"
    return dates if sort == "date" else f"{score}{matching.rank_order}, {dates}"


def _ranked(matching: Matching, filters: SearchFilters, sort: str, span: Span) -> tuple[str, list]:
    """One page of matching entries in order: page_id, rank, date, title_sort. The matches are
    ranked first, on their own (materialised), so that only these narrow rows are sorted, keeping
    the best few (a plan sorting whole rows, their text vectors included, spilled to disk)."""
    chosen_sql, chosen_params = _chosen_clause(filters)
    rank, rank_params = matching.rank_for(span.total) if sort != "date" else ("0", [])
    sql = (
        f"WITH e AS MATERIALIZED (SELECT e.page_id, {rank} AS score, e.date, e.title_sort"  # noqa: S608
        f" FROM {matching.sql}{chosen_sql}) SELECT e.page_id, e.score, e.date, e.title_sort FROM e"
        f" ORDER BY {_order(sort, matching, 'e')} LIMIT %s OFFSET %s"
    )
    return sql, [*rank_params, *matching.params, *chosen_params, span.limit, span.offset]


@dataclass
class Span:
    """Which rows of the ``total`` matches a page shows."""

    offset: int
    limit: int
    total: int


def page_rows(matching: Matching, filters: SearchFilters, sort: str, span: Span) -> list[Row]:
    """The entries of one results page, with their summary and body highlighted."""
    ranked, params = _ranked(matching, filters, sort, span)
    if matching.browsing:
        rows = _plain_page(ranked, params)
    elif matching.tsquery:
        rows = _postgres_page(matching, sort, ranked, params)
    else:
        rows = _sqlite_page(matching, ranked, params)
    _add_cities(rows)
    return rows


def _postgres_page(matching: Matching, sort: str, ranked: str, params: list) -> list[Row]:
    """Headlines for the page's entries only (ts_headline re-reads the text)."""
    tsquery, tsquery_params = matching.tsquery
    marked = ", ".join(f"ts_headline({ROW_CONFIG}, e.{column}, {tsquery}, %s)" for column in ("summary", "body"))
    sql = (
        f"SELECT {ENTRY_COLUMNS}, {marked} FROM ({ranked}) r"  # noqa: S608
        f" JOIN search_indexentry e ON e.page_id = r.page_id ORDER BY {_order(sort, matching, 'r')}"
    )
    params = [*tsquery_params, SUMMARY_HEADLINE, *tsquery_params, BODY_HEADLINE, *params]
    return [_row(values) for values in _fetch(sql, params)]


def _sqlite_page(matching: Matching, ranked: str, params: list) -> list[Row]:
    """The page's ids in order, then highlights for those rows only (FTS5 looks them up by rowid)."""
    order = [values[0] for values in _fetch(ranked, params)]
    if not order:
        return []
    marks = f"'{MARK_START}', '{MARK_END}'"
    marked = f"highlight(search_fts, 1, {marks}), snippet(search_fts, 2, {marks}, '…', {BODY_SNIPPET_TOKENS})"
    sql = (
        f"SELECT {ENTRY_COLUMNS}, {marked} FROM search_fts JOIN search_indexentry e"  # noqa: S608
        f" ON e.page_id = search_fts.rowid WHERE search_fts MATCH %s"
        f" AND search_fts.rowid IN ({', '.join(['%s'] * len(order))})"
    )
    found = {values[0]: values for values in _fetch(sql, [matching.params[0], *order])}
    return [_row(found[page_id]) for page_id in order if page_id in found]


def _plain_page(ranked: str, params: list) -> list[Row]:
    """The page's entries in order, without highlights (their snippet is the summary)."""
    sql = (
        f"SELECT {ENTRY_COLUMNS}, NULL, NULL FROM ({ranked}) r"  # noqa: S608
        f" JOIN search_indexentry e ON e.page_id = r.page_id ORDER BY {_order('date', None, 'r')}"
    )
    return [_row(values) for values in _fetch(sql, params)]


def _row(values) -> Row:
    page_id, type_, title, url_path, path, summary, language, day, summary_marked, body_marked = values
    row = Row(page_id, type_, title, url_path, path, summary, language, _as_date(day))
    row.snippet = marked_snippet(summary_marked, body_marked, summary)
    return row


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _add_cities(rows: list[Row]) -> None:
    by_id = {row.page_id: row for row in rows}
    for page_id, value in IndexValue.objects.filter(entry_id__in=by_id, facet="city").values_list("entry_id", "value"):
        by_id[page_id].cities.add(value)


def _fetch_ids(matching_sql: str, params: list) -> list[int]:
    return [page_id for (page_id,) in _fetch(f"SELECT e.page_id FROM {matching_sql}", params)]  # noqa: S608


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def marked_snippet(summary: str | None, body: str | None, plain: str) -> SafeString:
    """The summary around its first match, else the body's best passage, else the summary;
    escaped, with <mark> where the engine found the words."""
    if summary and MARK_START in summary:
        first = summary.index(MARK_START)
        start = max(0, min(first - SNIPPET_CHARS // 3, len(summary) - SNIPPET_CHARS))
        start = summary.rfind(" ", 0, start) + 1 if start else 0
        end = start + SNIPPET_CHARS
        return _marked(("…" if start else "") + summary[start:end] + ("…" if end < len(summary) else ""))
    if body and MARK_START in body:
        return _marked(body)
    return summary_snippet(plain)


def _marked(text: str) -> SafeString:
    """``text`` escaped, its marks (balanced again after a cut) turned into <mark> elements."""
    pieces, open_ = [], False
    for piece in MARKS_RE.split(text):
        if piece == MARK_START and not open_:
            pieces.append("<mark>")
            open_ = True
        elif piece == MARK_END and open_:
            pieces.append("</mark>")
            open_ = False
        elif piece not in (MARK_START, MARK_END):
            pieces.append(escape(piece))
    return mark_safe("".join(pieces) + ("</mark>" if open_ else ""))  # noqa: S308 - all text escaped above


# Plans that read every candidate row's document (a scan of the table, or of its primary key).
SCANS_AVOIDED = ("enable_seqscan", "enable_indexscan")
SET_SCANS = "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(SCANS_AVOIDED))


@contextmanager
def index_scans():
    """PostgreSQL: match the text through the GIN index, not by reading every row's document.
    The planner does not count reading a document vector (kilobytes, compressed, out of line), so
    for a term in most rows it picks a scan of the table, or of its primary key, reading them all
    (165 ms at 10k rows against 20 ms from the index's bitmap). Set for these statements only:
    a local setting, put back after, undone with the savepoint should a statement fail."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(SCANS_AVOIDED)), SCANS_AVOIDED)
        previous = cursor.fetchone()
        cursor.execute(SET_SCANS, [value for name in SCANS_AVOIDED for value in (name, "off")])
        yield
        cursor.execute(SET_SCANS, [value for pair in zip(SCANS_AVOIDED, previous, strict=True) for value in pair])


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
    """One page of results for ``parsed`` (empty: browsing by filters), ``filters`` already
    narrowed to ``vocabulary`` (search.service.search): two statements, the counts then the page
    (after one for the ids a phrase matches, on PostgreSQL). ``after`` (Elasticsearch's cursor)
    is not read here: pages are counted from the first."""
    readable = _restriction(user, filters, bool(parsed))  # before index_scans: it reads its index
    # Only words are matched through the text's index; browsing by filters has none to use.
    with index_scans() if parsed else nullcontext():
        matching = Matching.build(parsed, readable)
        total, counts = facet_counts(matching, filters) if matching else (0, {})
        page = clamp_page(page, total, per_page)
        rows = page_rows(matching, filters, sort, Span((page - 1) * per_page, per_page, total)) if total else []
        suggestion = None if total or not parsed else did_you_mean(parsed, filters, user, vocabulary, readable)
    return SearchResults(
        query=query,
        filters=filters,
        hits=hits_for(rows, user, vocabulary),
        total=total,
        page=page,
        num_pages=num_pages(total, per_page),
        per_page=per_page,
        sort=sort,
        facets=build_facets(counts, filters, vocabulary),
        suggestion=suggestion,
        backend=BACKEND,
    )


def hits_for(rows: list[Row], user, vocabulary: Vocabulary) -> list[Hit]:
    mark_members_only(rows, user)
    return [_hit(row, vocabulary) for row in rows]


def _hit(row: Row, vocabulary: Vocabulary) -> Hit:
    return Hit(
        page_id=row.page_id,
        title=row.title,
        url=page_url(row.url_path),
        type=row.type,
        type_label=TYPES[row.type][0],
        cities=sorted(vocabulary.city_titles(row.cities)),
        date=row.date,
        snippet=row.snippet or summary_snippet(row.summary),
        language=row.language,
        members_only=row.members_only,
    )


def did_you_mean(
    parsed: ParsedQuery, filters: SearchFilters, user, vocabulary: Vocabulary, readable: tuple[str, list]
) -> str | None:
    """Close spellings of the loose words, drawn only from what the reader may see,
    offered when the corrected query finds something the reader may see (``readable``)."""
    known = _known_words(user, vocabulary)
    corrections = {}
    for word in parsed.words:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75) if word not in known else []
        if close:
            corrections[word] = close[0]
    suggested = parsed.corrected(corrections)
    if suggested == parsed:
        return None
    matching = Matching.build(suggested, readable)
    return suggested.to_simple_query_string() if matching and _any_match(matching, filters) else None


def _any_match(matching: Matching, filters: SearchFilters) -> bool:
    """Whether the reader may see at least one match within ``filters`` (found, not counted)."""
    chosen_sql, chosen_params = _chosen_clause(filters)
    sql = f"SELECT 1 FROM {matching.sql}{chosen_sql} LIMIT 1"  # noqa: S608
    return bool(_fetch(sql, [*matching.params, *chosen_params]))


def _known_words(user, vocabulary: Vocabulary) -> set[str]:
    """The words of what the reader may see (titles, themes, cities); kept per audience until
    something changes (``remember_for``), as a typo search reads thousands of titles."""

    def read() -> set[str]:
        titles = visible_pages(Page.objects.type(*MODELS.values()), user).values_list("title", flat=True)
        texts = [*titles[:VOCABULARY_TITLES], *vocabulary.themes.values(), *vocabulary.cities.values()]
        return {word for text in texts for word in words_of(text)}

    return remember_for(user, "known-words", read)


def suggest(words: list[str], user, limit: int) -> list[dict]:
    """Visible titles in which a word starts with what was typed, those starting with it first."""
    typed = " ".join(words)
    pages = visible_pages(Page.objects.type(*MODELS.values()), user)
    pages = pages.filter(Q(title__istartswith=typed) | Q(title__icontains=f" {typed}"))
    found = pages.values_list("pk", "title", "url_path", "content_type__model").order_by("title")[: limit * 4]
    found = sorted(found, key=lambda values: not values[1].lower().startswith(typed))[:limit]
    types = {model._meta.model_name: type_ for type_, model in MODELS.items()}
    return [{"title": title, "url": page_url(path), "type": types[model]} for _pk, title, path, model in found]


def related(page, user, vocabulary: Vocabulary, limit: int) -> list[Hit]:
    """Readable resources (not city pages) sharing a theme or a city with the page, newest first."""
    own = load_rows([page.pk], vocabulary).get(page.pk)
    if own is None:
        return []
    candidates = []
    for type_ in RESOURCE_TYPES:
        candidates += _related_ids(type_, own, user, vocabulary, limit)
    rows = list(load_rows(candidates, vocabulary).values())
    rows.sort(key=lambda row: row.title)
    rows.sort(key=lambda row: row.date or date.min, reverse=True)
    return hits_for(rows[:limit], user, vocabulary)


def _related_ids(type_: str, own: Row, user, vocabulary: Vocabulary, limit: int) -> list[int]:
    """The newest pages of one type sharing a theme or a city with ``own``."""
    _summary, day, city = ROW_FIELDS[type_]
    shared = [Q(themes__slug__in=own.themes)]
    if type_ == "practice":  # a practice's city is its parent page
        shared += [Q(path__startswith=path) for path, slug in vocabulary.city_paths.items() if slug in own.cities]
    else:
        shared.append(Q(**{f"{city}__in": own.cities}))
    pages = MODELS[type_].objects.filter(reduce(or_, shared)).exclude(pk=own.page_id)
    pages = visible_pages(pages, user).order_by(f"-{day}", "title")
    return list(pages.values_list("pk", flat=True).distinct()[:limit])


def gap_sql(restriction: tuple[str, list], filters: SearchFilters) -> tuple[str, list]:
    """One statement: the matching entries (``m``) counted by city and theme, by city, by theme,
    and in all, as rows (city, theme, count) with '' for "any"."""
    readable, readable_params = restriction
    chosen_sql, chosen_params = _chosen_clause(filters)

    cities = " JOIN search_indexvalue c ON c.page_id = m.page_id AND c.facet = 'city'"
    themes = " JOIN search_indexvalue t ON t.page_id = m.page_id AND t.facet = 'theme'"
    sql = (
        f"WITH m AS MATERIALIZED (SELECT e.page_id FROM search_indexentry e WHERE 1 = 1{readable}{chosen_sql})"  # noqa: S608
        f" SELECT c.value, t.value, COUNT(*) FROM m{cities}{themes} GROUP BY c.value, t.value"
        f" UNION ALL SELECT c.value, '', COUNT(*) FROM m{cities} GROUP BY c.value"
        f" UNION ALL SELECT '', t.value, COUNT(*) FROM m{themes} GROUP BY t.value"
        " UNION ALL SELECT '', '', COUNT(*) FROM m"
    )
    return sql, [*readable_params, *chosen_params]


def gap_map(filters: SearchFilters, vocabulary: Vocabulary, user) -> GapMap:
    """The gap map in one grouped statement (search.service.gap_map)."""
    counts, city_totals, theme_totals, total = {}, {}, {}, 0
    for city, theme, count in _fetch(*gap_sql(_restriction(user, filters, words=False), filters)):
        if city and city not in vocabulary.cities or theme and theme not in vocabulary.themes:
            continue  # a city the reader may not see (named by research they may read), a theme gone
        if city and theme:
            counts[(city, theme)] = count
        elif city:
            city_totals[city] = count
        elif theme:
            theme_totals[theme] = count
        else:
            total = count
    return GapMap(
        **gap_axes(vocabulary),
        counts=counts,
        city_totals=city_totals,
        theme_totals=theme_totals,
        total=total,
        filters=filters,
        backend=BACKEND,
    )
