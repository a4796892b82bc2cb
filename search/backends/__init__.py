"""What both search backends share: facets and their labels, filters, pages, snippets.

Each backend module (``database``, ``elasticsearch``) exposes
``search(query, parsed, filters, vocabulary, user, page, sort, per_page) -> SearchResults``,
``suggest(words, user, limit) -> [{"title", "url", "type"}]`` and
``related(page, user, vocabulary, limit) -> [Hit]``. Everything here is decided once so
both answer the same way: which filter values count (unknown ones are ignored),
how facets are labelled and ordered, how far pagination reaches, and how a
snippet is escaped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from portal.access import remember_for, visible_pages
from portal.page_cache import remember
from resources.choices import EvidenceType, Language, Phase
from resources.listing import MAX_YEAR, MIN_YEAR
from resources.models import CityPage, Theme
from search.service import Facet, FacetValue, SearchFilters

# type -> (label of one, label of the facet value)
TYPES = {
    "practice": (_("Practice"), _("Practices")),
    "research": (_("Research"), _("Research")),
    "event": (_("Event"), _("Events")),
    "city": (_("Member city"), _("Member cities")),
}
# What "related resources" lists (not member city pages).
RESOURCE_TYPES = ("practice", "research", "event")
# facet (query parameter) -> (label, SearchFilters field, indexed field)
FACETS = {
    "type": (_("Type"), "types", "type"),
    "city": (_("City"), "cities", "cities"),
    "theme": (_("Theme"), "themes", "themes"),
    "year": (_("Year"), "years", "year"),
    "lang": (_("Language"), "languages", "language"),
    "phase": (_("Phase"), "phases", "phase"),
    "evidence": (_("Evidence"), "evidence", "evidence"),
}
SNIPPET_CHARS = 240
LANGUAGES = dict(Language.choices)
PHASES = dict(Phase.choices)
EVIDENCE = dict(EvidenceType.choices)


@dataclass(frozen=True)
class Vocabulary:
    """The facet values a user may see, with their labels: read once per search."""

    cities: dict[str, str]  # slug -> title, visible cities only
    city_paths: dict[str, str]  # tree path -> slug, to find a practice's city
    themes: dict[str, str]  # slug -> name

    @classmethod
    def for_user(cls, user) -> Vocabulary:
        def read_cities():
            return list(visible_pages(CityPage.objects.all(), user).values_list("slug", "title", "path"))

        city_list = remember_for(user, "vocabulary-cities", read_cities)
        return cls(
            cities={slug: title for slug, title, _path in city_list},
            city_paths={path: slug for slug, _title, path in city_list},
            themes=remember("vocabulary-themes", lambda: dict(Theme.objects.values_list("slug", "name"))),
        )

    def labels(self, facet: str) -> dict[str, str]:
        return {
            "type": {key: plural for key, (_one, plural) in TYPES.items()},
            "city": self.cities,
            "theme": self.themes,
            "lang": LANGUAGES,
            "phase": PHASES,
            "evidence": EVIDENCE,
        }.get(facet, {})

    def known(self, filters: SearchFilters) -> SearchFilters:
        """The filters without values that match nothing the user may see (ignored, as if not chosen)."""
        return replace(
            filters,
            types=_kept(filters.types, TYPES),
            cities=_kept(filters.cities, self.cities),
            themes=_kept(filters.themes, self.themes),
            languages=_kept(filters.languages, LANGUAGES),
            phases=_kept(filters.phases, PHASES),
            evidence=_kept(filters.evidence, EVIDENCE),
            years=tuple(sorted({y for y in filters.years if MIN_YEAR <= y <= MAX_YEAR}, reverse=True)),
        )

    def city_titles(self, slugs) -> list[str]:
        return [self.cities[slug] for slug in slugs if slug in self.cities]


def gap_axes(vocabulary: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """The gap map's columns and rows: the cities the reader may see by title, every theme by name."""
    return {
        "cities": sorted(vocabulary.cities.items(), key=lambda item: (item[1].casefold(), item[0])),
        "themes": sorted(vocabulary.themes.items(), key=lambda item: (item[1].casefold(), item[0])),
    }


def _kept(values, known) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value in known))


def chosen(filters: SearchFilters, facet: str) -> tuple:
    return getattr(filters, FACETS[facet][1])


def build_facets(counts: dict[str, dict], filters: SearchFilters, vocabulary: Vocabulary) -> list[Facet]:
    """Facets from {facet: {value: count}}; chosen values stay listed (count 0) so they can be unticked."""
    facets = []
    for name, (label, _field, _indexed) in FACETS.items():
        selected = {str(value) for value in chosen(filters, name)}
        values = {str(value): count for value, count in counts.get(name, {}).items()}
        values |= {value: values.get(value, 0) for value in selected}
        labels = vocabulary.labels(name)
        if name != "year":
            values = {value: count for value, count in values.items() if value in labels}
        # str(): labels may be lazy translations; sort and show them in the active language.
        items = [FacetValue(v, str(labels.get(v, v)), c, v in selected) for v, c in values.items()]
        facets.append(Facet(name, str(label), sorted(items, key=_facet_order(name))))
    return facets


# Facets listed in their vocabulary's own order (the cycle's phases, the evidence's strength), not by count.
ORDERED_FACETS = {"type": TYPES, "phase": PHASES, "evidence": EVIDENCE}


def _facet_order(name: str):
    if name == "year":
        return lambda item: -int(item.value)
    if name in ORDERED_FACETS:
        return lambda item: list(ORDERED_FACETS[name]).index(item.value)
    return lambda item: (-item.count, item.label)


def max_page(per_page: int) -> int:
    """The deepest page a reader can reach (Elasticsearch's result window bounds both backends)."""
    return max(settings.SEARCH_MAX_RESULT_WINDOW // per_page, 1)


def num_pages(total: int, per_page: int) -> int:
    return min(math.ceil(total / per_page), max_page(per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    """Page 0 and below mean the first page; beyond the last reachable page, the last."""
    return max(1, min(page, num_pages(total, per_page) or 1))


def page_url(url_path: str, roots: list | None = None) -> str:
    """The public address of a page from its ``url_path``, as Wagtail's ``Page.url`` gives it.
    ``roots``: ``Site.get_site_root_paths()``, read once for a page of hits (it is a read of
    the shared cache, a query where that cache is the database)."""
    for root in Site.get_site_root_paths() if roots is None else roots:
        if url_path.startswith(root.root_path):
            return reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
    return ""


def summary_snippet(text: str) -> SafeString:
    """The summary, shortened and escaped: the snippet when nothing is highlighted."""
    return escape(Truncator(" ".join((text or "").split())).chars(SNIPPET_CHARS))


def mark_words(text: str, words) -> SafeString:
    """``text`` escaped, with <mark> around words starting with any of ``words`` ("protect" marks "protection")."""
    stems = sorted({word for word in words if word}, key=len, reverse=True)
    if not stems:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    pieces, end = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[end : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        end = match.end()
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
