"""The geometry of the block's bar chart (pure; no Django): one horizontal bar per unit, its length
proportional to the final score against the template's maximum, coloured by its band.

The page draws it as inline SVG; every coordinate is a plain string ("123.4", never "123,4") so a
localised template cannot garble it, and colours are SVG ``fill`` attributes (no inline style).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tdkt.core.domain.svg import coordinate as _n
from tdkt.core.domain.svg import shorten

WIDTH = 760  # the SVG's user units; it scales to the page width
LABEL_WIDTH = 250  # left column: the unit's name
VALUE_WIDTH = 60  # right of the longest bar: the figure
ROW = 28  # one unit per row
BAR = 18  # the bar's thickness
TOP = 8
BOTTOM = 24  # room for the axis' scale
LABEL_CHARS = 38
# Band colours by the band's order in the template (best first); past the palette, grey.
PALETTE = ("#198754", "#0d6efd", "#fd7e14", "#dc3545", "#6c757d")
OTHER = "#adb5bd"


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit; ``title`` keeps the full name
    title: str
    value: Decimal | None
    band: str
    fill: str
    css: str  # "band-0", "band-1"… (or "band-none")
    x: str
    y: str
    width: str
    height: str
    label_y: str  # the baseline of the row's text
    value_x: str


@dataclass(frozen=True)
class Tick:
    x: str
    value: Decimal


@dataclass(frozen=True)
class LegendItem:
    label: str
    fill: str
    css: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    legend: list[LegendItem]  # the bands present in the chart, best first
    width: str
    height: str
    axis_y: str
    tick_label_y: str
    plot_left: str
    plot_right: str
    label_x: str  # the labels end here (right-aligned)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def bar_chart(
    rows: Sequence[tuple[str, object, str | None]], maximum, bands: Sequence[str] = (), *, ticks: int = 4
) -> Chart:
    """``rows``: (label, value, band) in the order to draw, top first; ``maximum``: the full scale
    (the template's total); ``bands``: the band labels best first (for the colours)."""
    top = _as_decimal(maximum) or Decimal(0)
    values = [_as_decimal(value) for _, value, _ in rows]
    if top <= 0:
        top = max((v for v in values if v is not None), default=Decimal(0)) or Decimal(1)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    order = {label: i for i, label in enumerate(bands)}
    bars = []
    for i, ((label, _, band), value) in enumerate(zip(rows, values, strict=True)):
        share = 0.0 if value is None else max(0.0, min(1.0, float(value / top)))
        length = plot * share
        row_top = TOP + i * ROW
        index = order.get(band or "")
        bars.append(
            Bar(
                label=shorten(label, LABEL_CHARS),
                title=label,
                value=value,
                band=band or "",
                fill=OTHER if index is None else PALETTE[min(index, len(PALETTE) - 1)],
                css="band-none" if index is None else f"band-{index}",
                x=_n(LABEL_WIDTH),
                y=_n(row_top + (ROW - BAR) / 2),
                width=_n(length),
                height=_n(BAR),
                label_y=_n(row_top + ROW / 2 + 4),
                value_x=_n(LABEL_WIDTH + length + 6),
            )
        )
    axis = TOP + len(rows) * ROW
    steps = max(ticks, 1)
    scale = [
        Tick(x=_n(LABEL_WIDTH + plot * k / steps), value=(top * k / steps).quantize(Decimal("0.01")))
        for k in range(steps + 1)
    ]
    present = {bar.band for bar in bars}
    legend = [
        LegendItem(label, PALETTE[min(i, len(PALETTE) - 1)], f"band-{i}")
        for i, label in enumerate(bands)
        if label in present
    ]
    return Chart(
        bars=bars,
        ticks=scale,
        legend=legend,
        width=_n(WIDTH),
        height=_n(axis + BOTTOM),
        axis_y=_n(axis),
        tick_label_y=_n(axis + 16),
        plot_left=_n(LABEL_WIDTH),
        plot_right=_n(LABEL_WIDTH + plot),
        label_x=_n(LABEL_WIDTH - 8),
    )
