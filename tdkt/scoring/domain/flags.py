"""Items the block head should look at before publishing (pure; no Django).

- ``over_claim``: the self-score exceeds the reviews' mean by more than ``share`` of the item's
  maximum (e.g. 0.20 × 30 = 6 points on a 30-point item).
- ``max_without_evidence``: the self-score is the item's maximum and no evidence file backs it.
  Deduction items are left out: full marks there only say "no fault happened".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .numbers import mean, show_vi
from .sheets import Scores
from .template import RuleType, Template

OVER_CLAIM = "over_claim"
MAX_WITHOUT_EVIDENCE = "max_without_evidence"


@dataclass(frozen=True, slots=True)
class Flag:
    item_code: str
    kind: str
    self_score: Decimal
    review_score: Decimal | None
    maximum: Decimal

    @property
    def message(self) -> str:
        if self.kind == OVER_CLAIM:
            return (
                f"Mục {self.item_code}: tự chấm {show_vi(self.self_score)} cao hơn điểm thẩm định "
                f"{show_vi(self.review_score)} (điểm chuẩn {show_vi(self.maximum)})"
            )
        return f"Mục {self.item_code}: tự chấm tối đa {show_vi(self.maximum)} điểm nhưng không có minh chứng"


def sheet_flags(
    template: Template,
    *,
    self_scores: Scores,
    review_scores: Sequence[Scores],
    evidence_codes: Collection[str],
    share: Decimal,
) -> list[Flag]:
    """The flags of one sheet, in template order."""
    flags: list[Flag] = []
    for leaf in template.leaves():
        assert leaf.max is not None
        own = self_scores.items.get(leaf.code, Decimal(0))
        reviewed = mean([scores.items[leaf.code] for scores in review_scores]) if review_scores else None
        if reviewed is not None and own - reviewed > share * leaf.max:
            flags.append(Flag(leaf.code, OVER_CLAIM, own, reviewed, leaf.max))
        if leaf.rule is not RuleType.DEDUCTION and own >= leaf.max and leaf.code not in evidence_codes:
            flags.append(Flag(leaf.code, MAX_WITHOUT_EVIDENCE, own, reviewed, leaf.max))
    return flags
