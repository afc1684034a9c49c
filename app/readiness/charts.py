"""Server-side SVG bar charts: horizontal bars with the label above each bar, so long Indonesian region
names stay readable on a 400 px phone. The template draws the SVG; this module does the arithmetic."""

from __future__ import annotations

from dataclasses import dataclass

ROW = 34  # px per bar: label line + bar


@dataclass
class Bar:
    label: str
    value: float | None  # 0..1
    y: int

    @property
    def width(self) -> float:
        return round(max(0.0, min(1.0, self.value or 0.0)) * 100, 2)

    @property
    def tone(self) -> str:
        if self.value is None:
            return "none"
        return "good" if self.value >= 0.999 else ("warn" if self.value >= 0.7 else "bad")


@dataclass
class Chart:
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(ROW, ROW * len(self.bars))


def bars(rows: list[tuple[str, float | None]]) -> Chart:
    return Chart([Bar(label, value, i * ROW) for i, (label, value) in enumerate(rows)])
