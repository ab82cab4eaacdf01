"""Placing governments on the static world map (static/explore/world-110m.svg).

The map is equirectangular, in degrees: x = longitude + 180, y = 90 - latitude, so a marker's
position needs no projection library. scripts/build_world_map.py draws the countries the same way.
"""

import math

MAP_TOP, MAP_BOTTOM = 84, -60
VIEWBOX = f"0 {90 - MAP_TOP} 360 {MAP_TOP - MAP_BOTTOM}"


def project(latitude, longitude) -> tuple[float, float]:
    return round(float(longitude) + 180, 2), round(90 - float(latitude), 2)


def marker_radius(count: int) -> float:
    """Area grows with the number of pledges; readable at one, bounded for big numbers."""
    return round(min(1.2 + 0.9 * math.sqrt(max(count, 1)), 7.0), 2)
