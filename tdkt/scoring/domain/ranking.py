"""Final figures, band and rank of scored sheets.

``final_total`` is the mean of the reviews' totals when there is a review, otherwise the self
total; every item's figure follows the same choice. The band is the one with the highest ``min``
that ``final_total`` reaches. Ranks are standard competition ranking ("1224") on ``final_total``,
highest first, units with equal totals ordered by the ``tie_break`` sections in turn (higher
first); units still equal share the rank. Invalid sheets take no place in the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import mean
from .sheets import ScoredSheet
from .template import Band, Template


@dataclass(slots=True)
class Standing:
    """One unit's line of the output; figures are None for an invalid sheet."""

    unit: object
    position: int
    self_total: Decimal | None = None
    final_total: Decimal | None = None
    figures: dict[str, Decimal] | None = None  # every item's final figure, by code
    sections: dict[str, Decimal] | None = None  # the top-level items' final figures, in template order
    band: str | None = None
    rank: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def band_for(bands: Sequence[Band], total: Decimal) -> str | None:
    """The label of the band with the highest ``min`` that ``total`` reaches (first listed on a tie)."""
    best: Band | None = None
    for band in bands:
        if total >= band.min and (best is None or band.min > best.min):
            best = band
    return best.label if best is not None else None


def finalize(template: Template, sheet: ScoredSheet) -> Standing:
    """A scored sheet's final figures and band (rank comes with ``rank``)."""
    if not sheet.valid or sheet.self_scores is None:
        return Standing(unit=sheet.unit, position=sheet.position, errors=list(sheet.errors))
    if sheet.reviews:
        final_total = mean([review.scores.total for review in sheet.reviews])
        figures = {
            code: mean([review.scores.items[code] for review in sheet.reviews]) for code in sheet.self_scores.items
        }
    else:
        final_total = sheet.self_scores.total
        figures = dict(sheet.self_scores.items)
    return Standing(
        unit=sheet.unit,
        position=sheet.position,
        self_total=sheet.self_scores.total,
        final_total=final_total,
        figures=figures,
        sections={item.code: figures[item.code] for item in template.items},
        band=band_for(template.bands, final_total),
    )


def _key(template: Template, standing: Standing) -> tuple[Decimal, ...]:
    assert standing.final_total is not None
    assert standing.figures is not None
    return (standing.final_total, *(standing.figures[code] for code in template.tie_break))


def rank(template: Template, standings: Sequence[Standing]) -> list[Standing]:
    """Ranks set on the valid standings; all returned in output order (valid by rank then input
    order, then invalid in input order)."""
    valid = [s for s in standings if s.valid]
    invalid = sorted((s for s in standings if not s.valid), key=lambda s: s.position)
    ordered = sorted(valid, key=lambda s: s.position)
    ordered.sort(key=lambda s: _key(template, s), reverse=True)  # stable: input order among equals
    previous: tuple[Decimal, ...] | None = None
    for place, standing in enumerate(ordered, start=1):
        key = _key(template, standing)
        if previous is None or key != previous:
            standing.rank = place
            previous = key
        else:
            standing.rank = ordered[place - 2].rank
    return [*ordered, *invalid]
