"""The geometry of a statistics chart (pure; no Django): one horizontal bar per row, made of one or
more parts (on time / late / missing…) laid end to end, its length proportional to the row's total
against the largest total of the chart.

The page draws it as inline SVG. Every coordinate is a plain string ("123.4", never "123,4") so a
localised template cannot garble it; colours are ``fill`` attributes (no inline style, the CSP).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tdkt.core.domain.svg import coordinate as n
from tdkt.core.domain.svg import shorten

WIDTH = 760  # the SVG's user units; it scales to the page width (and to A4 when printed)
LABEL_WIDTH = 260  # left column: the row's label
VALUE_CHAR = 6.5  # room for one character of the figure written right of a bar (12px text)
VALUE_MIN, VALUE_MAX = 60, 260
ROW = 26
BAR = 16
TOP = 6
BOTTOM = 6
LABEL_CHARS = 40
PALETTE = ("#0d6efd", "#fd7e14", "#adb5bd", "#198754", "#dc3545", "#6f42c1")


@dataclass(frozen=True)
class Part:
    """One piece of a row: its figure and the legend entry (``key``) it belongs to."""

    key: str
    value: float


@dataclass(frozen=True)
class Row:
    label: str
    parts: Sequence[Part]
    link: str = ""
    shown: str = ""  # the figure written right of the bar (default: the total)

    @property
    def total(self) -> float:
        return sum(p.value for p in self.parts)


@dataclass(frozen=True)
class Rect:
    key: str
    fill: str
    x: str
    width: str
    value: float


@dataclass(frozen=True)
class DrawnRow:
    label: str  # shortened to fit; ``title`` keeps the whole label
    title: str
    link: str
    shown: str
    rects: list[Rect]
    y: str
    height: str
    label_y: str
    value_x: str


@dataclass(frozen=True)
class Geometry:
    rows: list[DrawnRow]
    width: str
    height: str
    plot_left: str
    label_x: str
    fills: dict[str, str]  # legend key → colour

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def layout(rows: Sequence[Row], keys: Sequence[str], *, fmt=str) -> Geometry:
    """Place ``rows``; ``keys`` orders the legend and picks each key's colour; ``fmt`` writes a total."""
    fills = {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}
    shown = [row.shown or fmt(row.total) for row in rows]
    # The figures right of the bars get the room the longest of them needs ("40 ngày (trung vị 38, 12 hồ sơ)").
    value_width = min(VALUE_MAX, max(VALUE_MIN, VALUE_CHAR * max((len(s) for s in shown), default=0) + 12))
    plot_left, plot_width = LABEL_WIDTH, WIDTH - LABEL_WIDTH - value_width
    largest = max((r.total for r in rows), default=0) or 1
    drawn = []
    for i, (row, text) in enumerate(zip(rows, shown, strict=True)):
        top = TOP + i * ROW + (ROW - BAR) / 2
        x, rects = float(plot_left), []
        for part in row.parts:
            width = plot_width * part.value / largest
            if part.value > 0:
                rects.append(Rect(part.key, fills.get(part.key, PALETTE[-1]), n(x), n(max(width, 1)), part.value))
            x += width
        drawn.append(DrawnRow(
            label=shorten(row.label, LABEL_CHARS), title=row.label, link=row.link, shown=text,
            rects=rects, y=n(top), height=n(BAR), label_y=n(top + BAR - 4), value_x=n(x + 6),
        ))
    height = TOP + ROW * len(rows) + BOTTOM
    return Geometry(rows=drawn, width=n(WIDTH), height=n(height), plot_left=n(plot_left),
                    label_x=n(plot_left - 8), fills=fills)
