"""The member-city map: coordinates projected onto a fixed view of Europe, drawn as inline SVG.

Web Mercator (as on common web maps) over a fixed box, so the map needs no
tiles, no script and no network. Cities outside the box, or without
coordinates, appear only in the list beside the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# From Lisbon to Helsinki and Athens: where member cities are; a wider box crowds them together.
WEST, EAST, SOUTH, NORTH = -11.0, 31.0, 35.0, 66.0
WIDTH = 700
MERIDIANS = range(-10, 31, 10)
PARALLELS = range(40, 66, 5)
LABEL_OFFSET, LABEL_CHAR_WIDTH, LABEL_HEIGHT = 12, 10, 20  # in view-box units, for a 16px bold label


def _mercator(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


SCALE = WIDTH / math.radians(EAST - WEST)
HEIGHT = round((_mercator(NORTH) - _mercator(SOUTH)) * SCALE)


def project(latitude: float, longitude: float) -> tuple[float, float] | None:
    """The point (x, y) in the view box for a coordinate, or None outside the view."""
    if not (SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST):
        return None
    x = (longitude - WEST) * WIDTH / (EAST - WEST)
    y = (_mercator(NORTH) - _mercator(latitude)) * SCALE
    return round(x, 1), round(y, 1)


# Where a label may go, in order of preference: (left of the dot?, shift down in view-box units).
LABEL_PLACES = [(False, 0), (True, 0), (False, 18), (True, 18), (False, -18), (True, -18)]


@dataclass
class MapPoint:
    city: object
    x: float
    y: float
    is_host: bool = False
    label_left: bool = False
    label_shift: int = 0

    @property
    def label_dx(self) -> int:
        return -LABEL_OFFSET if self.label_left else LABEL_OFFSET

    @property
    def label_dy(self) -> int:
        return 5 + self.label_shift  # 5: the text's baseline sits below the dot's centre

    def label_box(self, left: bool | None = None, shift: int | None = None) -> tuple[float, float, float, float]:
        """The label's box for a placement (by default the chosen one)."""
        left = self.label_left if left is None else left
        shift = self.label_shift if shift is None else shift
        width = LABEL_CHAR_WIDTH * len(self.city.title)
        start = self.x - LABEL_OFFSET - width if left else self.x + LABEL_OFFSET
        middle = self.y + shift
        return start, middle - LABEL_HEIGHT / 2, start + width, middle + LABEL_HEIGHT / 2


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fits(box, placed) -> bool:
    return box[0] >= 0 and box[2] <= WIDTH and not any(_overlaps(box, other) for other in placed)


def place_labels(points: list[MapPoint]) -> None:
    """Put each label beside its dot: right, else left, else a line lower or higher,
    wherever it stays on the map and off the labels already placed."""
    placed = []
    for point in sorted(points, key=lambda p: (p.y, p.x)):
        fitting = (place for place in LABEL_PLACES if _fits(point.label_box(*place), placed))
        point.label_left, point.label_shift = next(fitting, LABEL_PLACES[0])
        placed.append(point.label_box())


@dataclass(frozen=True)
class CityMap:
    points: list[MapPoint]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def meridians(self) -> list[float]:
        return [project(SOUTH, longitude)[0] for longitude in MERIDIANS]

    @property
    def parallels(self) -> list[float]:
        return [project(latitude, WEST)[1] for latitude in PARALLELS]


def city_map(cities, host_city=None) -> CityMap | None:
    """The map of ``cities`` (already narrowed to what the reader may see); None if no city can be drawn."""
    points = []
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        point = project(float(city.latitude), float(city.longitude))
        if point:
            points.append(MapPoint(city, *point, is_host=host_city is not None and city.pk == host_city.pk))
    place_labels(points)
    return CityMap(points) if points else None
