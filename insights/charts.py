"""The gap map as an SVG heat map for reports: drawn on the server, no script, no web font.

Every piece of text comes from the database or the reader's language and is escaped
(a theme called ``<script>`` is drawn as those characters). Shades say how many items
a cell holds; empty and thin cells also carry a symbol, so the chart reads in greyscale
and to people who cannot tell the colours apart. Colours are presentation attributes,
not ``style``: the site's Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from insights.gap_map import Matrix

# Shade of each level (insights.gap_map.level) and the ink drawn on it; the same as on the page.
FILLS = {
    "empty": ("#ffd27a", "#1b2430"),
    "thin": ("#fff1c9", "#1b2430"),
    "level-1": ("#e2f1f2", "#1b2430"),
    "level-2": ("#8fc9cf", "#1b2430"),
    "level-3": ("#0b5c66", "#ffffff"),
}
SYMBOLS = {"empty": "○", "thin": "▪"}  # in the fonts of every office suite (WGL4)
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
MARGIN, LABEL_WIDTH, CELL_WIDTH, CELL_HEIGHT, GAP = 20, 170, 46, 22, 8
CHAR_WIDTH = 6.2  # of an 11-unit label, on average: enough to reserve room for the theme names
MAX_LABEL = 30  # characters of a city or theme name shown; the whole name is in its tooltip
TITLE_HEIGHT, LEGEND_HEIGHT = 64, 70
MIN_WIDTH = 760  # room for the legend however few themes there are
A4_WIDTH_MM, A4_HEIGHT_MM = 190, 277  # A4 within 10 mm margins
# Characters XML 1.0 does not allow, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def text(value) -> str:
    """``value`` made safe for an SVG text node or attribute."""
    return escape(NOT_XML.sub("", str(value)))


def short(value: str) -> str:
    return value if len(value) <= MAX_LABEL else value[: MAX_LABEL - 1] + "…"


def cell_label(cell) -> str:
    symbol = SYMBOLS.get(cell.level)
    return f"{cell.count} {symbol}" if symbol else str(cell.count)


def heat_map_svg(table: Matrix, subtitle: str) -> str:
    """The whole chart: title, theme names, one row per city, totals, and a legend."""
    header = round(min(max((len(name) for _s, name in table.themes), default=0), MAX_LABEL) * CHAR_WIDTH * 0.71) + 16
    grid_top = TITLE_HEIGHT + header
    columns = len(table.themes) + 1
    width = max(MARGIN * 2 + LABEL_WIDTH + columns * CELL_WIDTH + GAP + header, MIN_WIDTH)
    height = grid_top + (len(table.rows) + 1) * CELL_HEIGHT + GAP + LEGEND_HEIGHT + MARGIN
    width_mm, height_mm = _page_size(width, height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="11" fill="#1b2430" role="img" '
        f'aria-labelledby="gap-map-title gap-map-subtitle">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text id="gap-map-title" x="{MARGIN}" y="{MARGIN + 14}" font-size="17" font-weight="bold">'
        f"{text(_('Knowledge-gap map'))}</text>",
        f'<text id="gap-map-subtitle" x="{MARGIN}" y="{MARGIN + 34}">{text(subtitle)}</text>',
        *_theme_labels(table, grid_top),
        *_rows(table, grid_top),
        *_legend(table, grid_top + (len(table.rows) + 1) * CELL_HEIGHT + GAP + 24),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _page_size(width: int, height: int) -> tuple[float, float]:
    """The chart's size in millimetres: as wide as an A4 page allows, or as high."""
    scale = min(A4_WIDTH_MM / width, A4_HEIGHT_MM / height)
    return round(width * scale, 1), round(height * scale, 1)


def _column_x(index: int, total: bool = False) -> int:
    return MARGIN + LABEL_WIDTH + index * CELL_WIDTH + (GAP if total else 0)


def _theme_labels(table: Matrix, grid_top: int) -> list[str]:
    """Theme names slanted above their columns, then the totals' heading."""
    names = [name for _slug, name in table.themes] + [_("All themes")]
    labels = []
    for index, name in enumerate(names):
        x = _column_x(index, total=index == len(table.themes)) + CELL_WIDTH // 2
        y = grid_top - 6
        labels.append(
            f'<text x="{x}" y="{y}" transform="rotate(-45 {x} {y})"><title>{text(name)}</title>'
            f"{text(short(name))}</text>"
        )
    return labels


def _rows(table: Matrix, grid_top: int) -> list[str]:
    parts = []
    for index, row in enumerate(table.rows):
        parts += _row(short(row.title), row.title, [*row.cells, row.total], grid_top + index * CELL_HEIGHT)
    totals_top = grid_top + len(table.rows) * CELL_HEIGHT + GAP
    parts += _row(_("All cities"), _("All cities"), [*table.theme_totals, table.total], totals_top, totals=True)
    return parts


def _row(label: str, title: str, cells, top: int, totals: bool = False) -> list[str]:
    """One city's label and cells (the last one its total, set apart); totals are not shaded."""
    weight = ' font-weight="bold"' if totals else ""
    parts = [f'<text x="{MARGIN}" y="{top + 15}"{weight}><title>{text(title)}</title>{text(label)}</text>']
    for index, cell in enumerate(cells):
        is_total = totals or index == len(cells) - 1
        fill, ink = ("#f4f6f9", "#1b2430") if is_total else FILLS[cell.level]
        x = _column_x(index, total=index == len(cells) - 1)
        parts.append(
            f'<rect x="{x}" y="{top}" width="{CELL_WIDTH - 2}" height="{CELL_HEIGHT - 2}" fill="{fill}" '
            f'stroke="#d3dae3"/><text x="{x + CELL_WIDTH // 2 - 1}" y="{top + 15}" text-anchor="middle" '
            f'fill="{ink}"{weight}>{text(str(cell.count) if is_total else cell_label(cell))}</text>'
        )
    return parts


def legend_entries(fullest: int, thin_max: int) -> list[tuple[tuple[str, ...], str]]:
    """(levels, explanation) of each shade, as the page's legend gives them too."""
    thin = ngettext("%(count)s item: thin", "1 to %(count)s items: thin", thin_max) % {"count": thin_max}
    entries = [(("empty",), _("No items: a gap")), (("thin",), thin)]
    if fullest > thin_max + 1:
        more = _("%(low)s to %(high)s items, darker for more") % {"low": thin_max + 1, "high": fullest}
        entries.append((("level-1", "level-2", "level-3"), more))
    elif fullest == thin_max + 1:
        entries.append((("level-3",), ngettext("%(count)s item", "%(count)s items", fullest) % {"count": fullest}))
    return entries


def _swatch(level: str, x: int, top: int) -> str:
    fill, ink = FILLS[level]
    return (
        f'<rect x="{x}" y="{top}" width="{CELL_WIDTH - 2}" height="{CELL_HEIGHT - 2}" fill="{fill}" '
        f'stroke="#d3dae3"/><text x="{x + CELL_WIDTH // 2 - 1}" y="{top + 15}" text-anchor="middle" '
        f'fill="{ink}">{text(SYMBOLS.get(level, ""))}</text>'
    )


def _legend(table: Matrix, top: int) -> list[str]:
    parts, x = [], MARGIN
    for levels, label in legend_entries(table.fullest, table.thin_max):
        for level in levels:
            parts.append(_swatch(level, x, top))
            x += CELL_WIDTH
        parts.append(f'<text x="{x + 2}" y="{top + 15}">{text(label)}</text>')
        x += round(len(label) * CHAR_WIDTH) + 24
    note = _("Each item counts in every theme and city it is about; totals count it once.")
    parts.append(f'<text x="{MARGIN}" y="{top + 44}" fill="#4a5666">{text(note)}</text>')
    return parts
