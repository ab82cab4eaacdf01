"""Placing governments on the static world map (static/explore/world-110m.svg).

The map is equirectangular, in degrees: x = longitude + 180, y = 90 - latitude, so a marker's
position needs no projection library. scripts/build_world_map.py draws the countries the same way.
"""

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAP_TOP, MAP_BOTTOM = 84, -60
VIEWBOX = f"0 {90 - MAP_TOP} 360 {MAP_TOP - MAP_BOTTOM}"


def project(latitude, longitude) -> tuple[float, float]:
    return round(float(longitude) + 180, 2), round(90 - float(latitude), 2)


def marker_radius(count: int) -> float:
    """Area grows with the number of pledges; readable at one, bounded for big numbers."""
    return round(min(1.2 + 0.9 * math.sqrt(max(count, 1)), 7.0), 2)


# --- The small map of a government's profile: its region, not the world -----------------------

WORLD_SVG = Path(__file__).resolve().parent / "static" / "explore" / "world-110m.svg"
REGION_WIDTH, REGION_HEIGHT = 40, 24  # degrees around the government (about 4,400 × 2,700 km)


@dataclass(frozen=True)
class RegionalMap:
    """An inline SVG window on the world map around one point: the country shapes it crosses, the
    point, and the viewBox. A few kilobytes instead of the 107 KB world map."""

    viewbox: str
    paths: tuple[str, ...]
    x: float
    y: float


@cache
def _country_shapes() -> tuple[tuple[str, tuple[float, float, float, float]], ...]:
    """Each country's path data from the static world map, with its bounding box (read once)."""
    shapes = []
    for data in re.findall(r'<path d="([^"]+)"', WORLD_SVG.read_text()):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", data)]
        xs, ys = numbers[0::2], numbers[1::2]
        shapes.append((data, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(shapes)


def regional_map(latitude, longitude) -> RegionalMap:
    """The countries within REGION_WIDTH × REGION_HEIGHT degrees around a place (kept inside the
    map's edges), for the government profile."""
    x, y = project(latitude, longitude)
    top_edge, bottom_edge = 90 - MAP_TOP, 90 - MAP_BOTTOM
    left = min(max(x - REGION_WIDTH / 2, 0), 360 - REGION_WIDTH)
    top = min(max(y - REGION_HEIGHT / 2, top_edge), bottom_edge - REGION_HEIGHT)
    right, bottom = left + REGION_WIDTH, top + REGION_HEIGHT
    paths = tuple(
        data
        for data, (x0, y0, x1, y1) in _country_shapes()
        if x1 >= left and x0 <= right and y1 >= top and y0 <= bottom
    )
    return RegionalMap(f"{left:g} {top:g} {REGION_WIDTH} {REGION_HEIGHT}", paths, x, y)
