"""Geometry for the forum pages' stacked SVG bar charts (no JavaScript), drawn by
explore/_forum_bar_chart.html. Every chart has a data table beside it."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHART_WIDTH = 600
BAR_AREA = 440
ROW_HEIGHT = 46


@dataclass(frozen=True)
class Bar:
    label: "StrOrPromise"
    part: int
    total: int
    label_y: int
    bar_y: int
    part_width: float
    rest_width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_area: int


def stacked_bars(items: "list[tuple[StrOrPromise, int, int]]") -> BarChart:
    """One horizontal bar per (label, part, total): the part highlighted, the rest plain."""
    biggest = max((total for _label, _part, total in items), default=0) or 1
    bars = []
    for index, (label, part, total) in enumerate(items):
        top = index * ROW_HEIGHT
        part_width = round(BAR_AREA * part / biggest, 1)
        rest_width = round(BAR_AREA * (total - part) / biggest, 1)
        bars.append(
            Bar(
                label=label,
                part=part,
                total=total,
                label_y=top + 14,
                bar_y=top + 20,
                part_width=part_width,
                rest_width=rest_width,
                value_x=part_width + rest_width + 8,
            )
        )
    return BarChart(
        bars=bars, width=CHART_WIDTH, height=max(len(bars) * ROW_HEIGHT, 1), bar_area=BAR_AREA
    )
