"""Search on the database (the embedded default): Wagtail's modelsearch backend,
SQLite FTS5 or PostgreSQL full text, on pages narrowed to what the reader may see.

The full-text index finds and ranks the matching pages; their facet values are
then read in one query per page type and counted here, with the same
multi-select rules as on Elasticsearch.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db.models import CharField, DateField, F, Q, Value
from django.utils.html import strip_tags
from modelsearch.query import And, Not, Phrase, PlainText
from wagtail.models import Page

from portal.access import mark_members_only, visible_pages
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
    mark_words,
    num_pages,
    page_url,
    summary_snippet,
)
from search.query import ParsedQuery, words_of
from search.service import Hit, SearchFilters, SearchResults

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

    def values(self, facet: str) -> set[str]:
        if facet == "year":
            return {str(self.date.year)} if self.date else set()
        return {"type": {self.type}, "city": self.cities, "theme": self.themes, "lang": {self.language}}[facet]


def _query_for(parsed: ParsedQuery):
    """The parsed query as modelsearch query objects (supported by both database backends).

    Words are split at apostrophes: the databases index "it's" as two words.
    """
    words = [part for word in parsed.words for part in words_of(word.replace("'", " "))]
    parts = [PlainText(" ".join(words))] if words else []
    parts += [Phrase(" ".join(phrase)) for phrase in parsed.phrases]
    parts += [Not(PlainText(word)) for word in words_of(" ".join(parsed.excluded).replace("'", " "))]
    return parts[0] if len(parts) == 1 else And(parts)


def matching_ids(parsed: ParsedQuery, user) -> list[int]:
    """Ids of the pages the reader may see that match, best first."""
    pages = visible_pages(Page.objects.type(*MODELS.values()), user).only("pk")
    return [page.pk for page in pages.search(_query_for(parsed))[:MAX_MATCHES]]


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


def _title_tier(parsed: ParsedQuery):
    """Sort key putting pages with every query word in the title first (the full-text
    ranks of the database backends weigh a long summary above a short title)."""
    patterns = [re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) for word in parsed.positive_words]
    return lambda row: not all(pattern.search(row.title) for pattern in patterns)


def _wanted(filters: SearchFilters) -> dict[str, set[str]]:
    """The chosen values of each facet that has any."""
    return {name: {str(value) for value in chosen(filters, name)} for name in FACETS if chosen(filters, name)}


def _passes(row: Row, wanted: dict[str, set[str]], skip: str | None = None) -> bool:
    """Whether the row has one of the chosen values of every facet (but ``skip``)."""
    return all(values & row.values(name) for name, values in wanted.items() if name != skip)


def _facet_counts(rows, wanted: dict[str, set[str]]) -> dict[str, Counter]:
    """Each facet counted over the rows that pass the other facets' choices (multi-select)."""
    return {
        name: Counter(value for row in rows if _passes(row, wanted, skip=name) for value in row.values(name))
        for name in FACETS
    }


def search(
    query: str,
    parsed: ParsedQuery,
    filters: SearchFilters,
    vocabulary: Vocabulary,
    user,
    page: int,
    sort: str,
    per_page: int,
) -> SearchResults:
    """One page of results for a non-empty ``parsed`` query, ``filters`` already narrowed
    to ``vocabulary`` (search.service.search)."""
    ids = matching_ids(parsed, user)
    loaded = load_rows(ids, vocabulary)
    rows = sorted((loaded[pk] for pk in ids if pk in loaded), key=_title_tier(parsed))
    wanted = _wanted(filters)
    selected = [row for row in rows if _passes(row, wanted)]
    if sort == "date":
        selected.sort(key=lambda row: row.title.casefold())
        selected.sort(key=lambda row: row.date or date.min, reverse=True)
    total = len(selected)
    page = clamp_page(page, total, per_page)
    shown = selected[(page - 1) * per_page : page * per_page]
    return SearchResults(
        query=query,
        filters=filters,
        hits=hits_for(shown, user, vocabulary, parsed),
        total=total,
        page=page,
        num_pages=num_pages(total, per_page),
        per_page=per_page,
        sort=sort,
        facets=build_facets(_facet_counts(rows, wanted), filters, vocabulary),
        suggestion=None if total else did_you_mean(parsed, filters, user, vocabulary),
        backend=BACKEND,
    )


def hits_for(rows: list[Row], user, vocabulary: Vocabulary, parsed: ParsedQuery | None = None) -> list[Hit]:
    mark_members_only(rows, user)
    return [_hit(row, vocabulary, parsed) for row in rows]


def _hit(row: Row, vocabulary: Vocabulary, parsed: ParsedQuery | None) -> Hit:
    return Hit(
        page_id=row.page_id,
        title=row.title,
        url=page_url(row.url_path),
        type=row.type,
        type_label=TYPES[row.type][0],
        cities=sorted(vocabulary.city_titles(row.cities)),
        date=row.date,
        snippet=snippet(row.summary, parsed.positive_words) if parsed else summary_snippet(row.summary),
        language=row.language,
        members_only=row.members_only,
    )


def snippet(text: str, words: list[str]):
    """The summary around the first word found, escaped, with the query's words marked."""
    lowered = text.lower()
    first = min((i for i in (lowered.find(word) for word in words) if i >= 0), default=0)
    start = max(0, min(first - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    start = text.rfind(" ", 0, start) + 1 if start else 0
    window = text[start : start + SNIPPET_CHARS]
    prefix, suffix = ("…" if start else ""), ("…" if start + SNIPPET_CHARS < len(text) else "")
    return mark_words(prefix + window + suffix, words)


def did_you_mean(parsed: ParsedQuery, filters: SearchFilters, user, vocabulary: Vocabulary) -> str | None:
    """Close spellings of the loose words, drawn only from what the reader may see,
    offered when the corrected query finds something."""
    known = _known_words(user, vocabulary)
    corrections = {}
    for word in parsed.words:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75) if word not in known else []
        if close:
            corrections[word] = close[0]
    suggested = parsed.corrected(corrections)
    if suggested == parsed:
        return None
    rows = load_rows(matching_ids(suggested, user), vocabulary).values()
    wanted = _wanted(filters)
    return suggested.to_simple_query_string() if any(_passes(row, wanted) for row in rows) else None


def _known_words(user, vocabulary: Vocabulary) -> set[str]:
    titles = visible_pages(Page.objects.type(*MODELS.values()), user).values_list("title", flat=True)
    texts = [*titles[:VOCABULARY_TITLES], *vocabulary.themes.values(), *vocabulary.cities.values()]
    return {word for text in texts for word in words_of(text)}


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
