"""Flags for the head (pure): self above the reviews by more than a share of the maximum, and full
marks claimed without evidence (never for deduction items)."""

from decimal import Decimal

from tdkt.scoring.domain import MAX_WITHOUT_EVIDENCE, OVER_CLAIM, parse_template, score_entries, sheet_flags

from .conftest import SMALL

TEMPLATE = parse_template({**SMALL, "code": "T"})


def _flags(own, reviews, evidence=(), share="0.20"):
    return sheet_flags(
        TEMPLATE,
        self_scores=score_entries(TEMPLATE, {k: Decimal(str(v)) for k, v in own.items()}),
        review_scores=[score_entries(TEMPLATE, {k: Decimal(str(v)) for k, v in r.items()}) for r in reviews],
        evidence_codes=set(evidence),
        share=Decimal(share),
    )


def test_over_claim_is_strictly_more_than_the_share_of_the_maximum():
    # II.1 max 30: 20% = 6 points. Self 30 vs review mean 24 is exactly 6 → not flagged; 23.5 → flagged.
    assert not [f for f in _flags({"II.1": 30}, [{"II.1": 24}], evidence=["II.1"]) if f.kind == OVER_CLAIM]
    [flag] = _flags({"II.1": 30}, [{"II.1": 23}, {"II.1": 24}], evidence=["II.1"])
    assert (flag.item_code, flag.kind, flag.review_score) == ("II.1", OVER_CLAIM, Decimal("23.5"))
    assert flag.message == "Mục II.1: tự chấm 30 cao hơn điểm thẩm định 23,5 (điểm chuẩn 30)"


def test_full_marks_without_evidence_but_not_for_deductions():
    flags = _flags({"I.1": 5, "I.2": 15, "II.2": 0}, [])  # I.1 five times 9 = 45 = max; II.2 no fault = 10
    assert {(f.item_code, f.kind) for f in flags} == {("I.1", MAX_WITHOUT_EVIDENCE), ("I.2", MAX_WITHOUT_EVIDENCE)}
    assert _flags({"I.1": 5, "I.2": 15}, [], evidence=["I.1", "I.2"]) == []


def test_no_reviews_means_no_over_claim():
    assert _flags({"II.1": 29}, []) == []
