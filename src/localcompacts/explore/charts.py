"""Server-rendered horizontal bar charts: geometry computed here, drawn by explore/_chart.html."""

from dataclasses import dataclass, field

LABEL_WIDTH = 190
BAR_AREA = 230
ROW_HEIGHT = 20


@dataclass
class Bar:
    label: str
    code: str
    value: int
    y: int
    width: float


@dataclass
class Chart:
    name: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    label_width: int = LABEL_WIDTH

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def bar_chart(*, name: str, title: str, rows) -> Chart:
    top = max((row.value for row in rows), default=0) or 1
    bars = [
        Bar(
            label=row.label,
            code=row.key,
            value=row.value,
            y=index * ROW_HEIGHT,
            width=round(BAR_AREA * row.value / top, 1),
        )
        for index, row in enumerate(rows)
    ]
    return Chart(name=name, title=title, bars=bars, height=max(len(bars), 1) * ROW_HEIGHT)
