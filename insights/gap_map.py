"""The knowledge-gap map: published items per member city and theme, for network members.

The counting is search's (``search.service.gap_map``): the same filters, the same
audiences, so each cell equals what its link to the search finds. Here the counts
become a table (rows: cities, columns: themes), a CSV file and an SVG chart.
Counts are the reader's own (a group's restricted items count for its members), so
no answer is ever kept by a shared cache.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, replace

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from insights import charts
from insights.forms import GapMapForm
from portal.access import members_only
from resources.choices import EvidenceType, Phase
from resources.registration_views import safe_cell
from search.backends import TYPES
from search.forms import filter_params
from search.service import GapMap, SearchFilters, gap_map

THIN_MAX = 2  # a cell with this many items or fewer (but some) is "thin"
LEVELS = 3  # shades of the cells above thin, relative to the fullest cell


@dataclass(frozen=True)
class Cell:
    count: int
    level: str  # "empty", "thin" or "level-1" .. "level-<LEVELS>"
    url: str  # the search for this cell's items

    @property
    def symbol(self) -> str:
        """Empty and thin cells are marked by a symbol too, not by their colour alone."""
        return charts.SYMBOLS.get(self.level, "")


@dataclass(frozen=True)
class Row:
    slug: str
    title: str
    cells: list[Cell]
    total: Cell  # the city's items, each once whatever its themes


@dataclass(frozen=True)
class Matrix:
    """A gap map laid out for reading: one row per city, one column per theme."""

    themes: list[tuple[str, str]]
    rows: list[Row]
    theme_totals: list[Cell]  # each theme's items, each once whatever its cities
    total: Cell
    filters: SearchFilters
    fullest: int  # the largest count of any city-theme cell
    fell_back: bool
    thin_max: int = THIN_MAX

    def _cells_at(self, level: str) -> int:
        return sum(cell.level == level for row in self.rows for cell in row.cells)

    @property
    def empty_cells(self) -> int:
        return self._cells_at("empty")

    @property
    def thin_cells(self) -> int:
        return self._cells_at("thin")

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.themes)


def level(count: int, fullest: int) -> str:
    """How a cell is shaded: empty, thin, or one of ``LEVELS`` shades relative to ``fullest``."""
    if count == 0:
        return "empty"
    if count <= THIN_MAX:
        return "thin"
    share = (count - THIN_MAX) * LEVELS / max(fullest - THIN_MAX, 1)  # above 0, at most LEVELS
    return f"level-{min(LEVELS, math.ceil(share))}"


def search_url(filters: SearchFilters, city: str | None = None, theme: str | None = None) -> str:
    """The search listing the items counted in a cell (or a total, without its city or theme)."""
    narrowed = replace(filters, cities=(city,) if city else (), themes=(theme,) if theme else ())
    return f"{reverse('search')}?{urlencode(filter_params(narrowed))}"


def matrix(result: GapMap) -> Matrix:
    """The table of ``result``: each count with its shade and its link to the search."""
    fullest = max(result.counts.values(), default=0)
    filters = result.filters

    def cell(count: int, city: str | None = None, theme: str | None = None) -> Cell:
        return Cell(count, level(count, fullest), search_url(filters, city, theme))

    def row(slug: str, title: str) -> Row:
        cells = [cell(result.count(slug, theme), slug, theme) for theme, _name in result.themes]
        return Row(slug, title, cells, cell(result.city_totals.get(slug, 0), slug))

    return Matrix(
        themes=result.themes,
        rows=[row(slug, title) for slug, title in result.cities],
        theme_totals=[cell(result.theme_totals.get(theme, 0), theme=theme) for theme, _name in result.themes],
        total=cell(result.total),
        filters=filters,
        fullest=fullest,
        fell_back=result.fell_back,
    )


def describe(filters: SearchFilters) -> str:
    """The filters in words, for the chart's subtitle: "Practices, Research · Phase: Prevent · 2015–2024"."""
    parts = [", ".join(str(TYPES[value][1]) for value in filters.types if value in TYPES)]
    for label, choices, chosen in (
        (_("Phase"), Phase.choices, filters.phases),
        (_("Evidence"), EvidenceType.choices, filters.evidence),
    ):
        if chosen:
            names = dict(choices)
            parts.append(f"{label}: " + ", ".join(str(names.get(value, value)) for value in chosen))
    if filters.years:
        parts.append(f"{min(filters.years)}–{max(filters.years)}")
    parts.append(_("as of %(date)s") % {"date": timezone.localdate().isoformat()})
    return " · ".join(parts)


def map_params(filters: SearchFilters) -> str:
    """The gap map's own query string for ``filters`` (its CSV and chart links carry it)."""
    params = [("type", t) for t in filters.types] + [("phase", p) for p in filters.phases]
    params += [("evidence", e) for e in filters.evidence]
    if filters.years:
        params += [("year_from", min(filters.years)), ("year_to", max(filters.years))]
    return urlencode(params)


def _read(request) -> tuple[GapMapForm, Matrix]:
    form = GapMapForm(request.GET)
    return form, matrix(gap_map(form.search_filters(), request.user))


def _private(response):
    """Counts differ by reader: no shared cache, proxy or browser history keeps them."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
@members_only
def gap_map_page(request):
    """The table with its filters, key and downloads; a filter that did not validate is reported."""
    form, table = _read(request)
    context = {"form": form, "matrix": table, "legend": legend(table), "downloads_query": map_params(table.filters)}
    return _private(TemplateResponse(request, "insights/gap_map.html", context))


def legend(table: Matrix) -> list[dict]:
    """The key to the shades, as the chart gives it: each entry's swatches (level, symbol) and words."""
    entries = charts.legend_entries(table.fullest, table.thin_max)
    return [
        {"swatches": [(shade, charts.SYMBOLS.get(shade, "")) for shade in levels], "label": label}
        for levels, label in entries
    ]


def _filename(extension: str) -> str:
    return f"gap-map-{timezone.localdate().isoformat()}.{extension}"


@require_safe
@members_only
def gap_map_csv(request):
    """The same table for a spreadsheet: a header row, one row per city, the totals last."""
    _form, table = _read(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")  # spreadsheets read the file as UTF-8 when it starts with a byte-order mark
    writer = csv.writer(response)
    for line in csv_rows(table):
        writer.writerow([safe_cell(value) for value in line])
    return _private(response)


def csv_rows(table: Matrix) -> list[list]:
    header = [_("City"), *(name for _slug, name in table.themes), _("All themes")]
    rows = [[row.title, *(c.count for c in row.cells), row.total.count] for row in table.rows]
    footer = [_("All cities"), *(c.count for c in table.theme_totals), table.total.count]
    return [header, *rows, footer]


@require_safe
@members_only
def gap_map_svg(request):
    """The map as an SVG heat map sized for an A4 report."""
    _form, table = _read(request)
    response = HttpResponse(charts.heat_map_svg(table, describe(table.filters)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{_filename("svg")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
