"""Server-rendered horizontal bar charts: geometry computed here, drawn by explore/_chart.html.

Labels are wrapped onto as many lines as they need, left-aligned from the chart's left edge, so
a long objective name is never cut and its code ("GCM-2 · …") always shows.
"""

import textwrap
from dataclasses import dataclass, field

WIDTH = 480
LABEL_WIDTH = 250  # room for LABEL_CHARACTERS at the chart's 11 px font
LABEL_CHARACTERS = 38
GAP = 8
BAR_AREA = 170  # leaves room on the right for the longest value
LINE_HEIGHT = 13
ROW_PADDING = 7


@dataclass
class Bar:
    label: str
    code: str
    value: int
    y: int
    width: float
    lines: list[str] = field(default_factory=list)

    @property
    def line_offsets(self) -> list[tuple[int, str]]:
        """(dy, text) of each line of the label: the first at the bar, the others below it."""
        return [(0 if n == 0 else LINE_HEIGHT, line) for n, line in enumerate(self.lines)]


@dataclass
class Chart:
    name: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + GAP

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def bar_chart(*, name: str, title: str, rows) -> Chart:
    top = max((row.value for row in rows), default=0) or 1
    bars, y = [], 0
    for row in rows:
        lines = textwrap.wrap(str(row.label), LABEL_CHARACTERS, break_on_hyphens=False) or [""]
        bars.append(
            Bar(
                label=row.label,
                code=row.key,
                value=row.value,
                y=y,
                width=round(BAR_AREA * row.value / top, 1),
                lines=lines,
            )
        )
        y += len(lines) * LINE_HEIGHT + ROW_PADDING
    return Chart(name=name, title=title, bars=bars, height=max(y, LINE_HEIGHT + ROW_PADDING))
