"""Scoring one sheet: the scorer's entries checked against the template, then summed.

Leaf rules: ``points`` (0 ≤ p ≤ max, at most 2 decimals), ``per_count`` (min(n × points_each, max))
and ``deduction`` (max(max − n × points_each, 0)), n a whole number ≥ 0. A leaf left out scores 0.
A section scores the sum of its children, capped at its own ``max`` when it has one; the total is
the sum of the top-level items. Every figure is rounded to 2 decimals, half up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import ZERO, has_at_most_2_decimals, is_whole, round2, show, show_comma, to_decimal
from .template import Item, RuleType, Template

SELF = "tự chấm"


@dataclass(frozen=True, slots=True)
class Scores:
    """One scorer's figures: every item's score by code, and the total."""

    items: dict[str, Decimal]
    total: Decimal


@dataclass(frozen=True, slots=True)
class Review:
    reviewer: object
    scores: Scores


@dataclass(slots=True)
class ScoredSheet:
    """A sheet as scored: ``errors`` empty means valid (then ``self_scores`` is set)."""

    unit: object
    position: int
    self_scores: Scores | None = None
    reviews: list[Review] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def leaf_score(item: Item, value: Decimal | None) -> Decimal:
    """A validated leaf entry (points, or count for counted leaves) as the leaf's score."""
    assert item.max is not None
    if value is None:
        return ZERO
    if item.rule is RuleType.PER_COUNT:
        assert item.points_each is not None
        return round2(min(value * item.points_each, item.max))
    if item.rule is RuleType.DEDUCTION:
        assert item.points_each is not None
        return round2(max(item.max - value * item.points_each, ZERO))
    return round2(min(max(value, ZERO), item.max))


def score_entries(template: Template, entries: Mapping[str, Decimal]) -> Scores:
    """Figures for validated entries (leaf code -> points or count); leaves left out score 0."""
    figures: dict[str, Decimal] = {}

    def visit(item: Item) -> Decimal:
        if item.is_section:
            subtotal = round2(sum((visit(child) for child in item.children), ZERO))
            if item.max is not None:
                subtotal = min(subtotal, round2(item.max))
        else:
            subtotal = leaf_score(item, entries.get(item.code))
        figures[item.code] = subtotal
        return subtotal

    total = round2(sum((visit(item) for item in template.items), ZERO))
    return Scores(items=figures, total=total)


def _check_points(item: Item, raw: object, where: str) -> tuple[Decimal | None, list[str]]:
    points = to_decimal(raw)
    if points is None:
        return None, [f"{where}: điểm (points) {show(raw)} không phải là số"]
    errors = []
    assert item.max is not None
    if points < 0 or points > item.max:
        # Figures as the clerk typed them ("15,5"), whether they came from a page or a JSON number.
        errors.append(f"{where}: điểm {show_comma(points)} ngoài khoảng 0–{show_comma(item.max)}")
    if not has_at_most_2_decimals(points):
        errors.append(f"{where}: điểm {show_comma(points)} có quá 2 chữ số thập phân")
    return (None if errors else points), errors


def _check_count(raw: object, where: str) -> tuple[Decimal | None, list[str]]:
    count = to_decimal(raw)
    if count is None or count < 0 or not is_whole(count):
        shown = show_comma(count) if count is not None else show(raw)
        return None, [f"{where}: số lần (count) {shown} không phải số nguyên không âm"]
    return count, []


def check_entries(template: Template, raw: object, who: str) -> tuple[dict[str, Decimal], list[str]]:
    """One scorer's ``{code: {"points": p} | {"count": n}}`` checked: (entries, one message per fault)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"{who}: điểm chấm không phải đối tượng JSON {{mã mục: điểm}}"]
    items = template.by_code()
    entries: dict[str, Decimal] = {}
    errors: list[str] = []
    for code, value in raw.items():
        where = f"{who}, mục '{code}'"
        item = items.get(code)
        if item is None:
            errors.append(f"{where}: mã mục không có trong bảng tiêu chí")
            continue
        if item.is_section:
            errors.append(f"{where}: là nhóm tiêu chí, chỉ chấm các mục con")
            continue
        if not isinstance(value, dict):
            wanted = '{"count": n}' if item.counted else '{"points": p}'
            errors.append(f"{where}: điểm chấm phải có dạng {wanted}")
            continue
        if item.counted:
            if "points" in value:
                errors.append(f"{where}: mục chấm theo số lần (count), không nhận điểm (points)")
            if "count" not in value:
                if "points" not in value:
                    errors.append(f"{where}: thiếu số lần (count)")
                continue
            number, faults = _check_count(value["count"], where)
        else:
            if "count" in value:
                errors.append(f"{where}: mục chấm theo điểm (points), không nhận số lần (count)")
            if "points" not in value:
                if "count" not in value:
                    errors.append(f"{where}: thiếu điểm (points)")
                continue
            number, faults = _check_points(item, value["points"], where)
        errors.extend(faults)
        if number is not None:
            entries[code] = number
    return entries, errors


def score_sheet(template: Template, raw: object, position: int) -> ScoredSheet:
    """A sheet of the input (``{"unit", "self"?, "reviews"?}``) scored, or its faults listed."""
    if not isinstance(raw, dict):
        return ScoredSheet(unit=None, position=position, errors=["phiếu chấm không phải đối tượng JSON"])
    sheet = ScoredSheet(unit=raw.get("unit"), position=position)
    own, errors = check_entries(template, raw.get("self"), SELF)
    sheet.errors.extend(errors)
    reviews_raw = raw.get("reviews")
    if reviews_raw is None:
        reviews_raw = []
    if not isinstance(reviews_raw, list):
        sheet.errors.append("danh sách đánh giá (reviews) không phải mảng JSON")
        reviews_raw = []
    reviews: list[tuple[object, dict[str, Decimal]]] = []
    for i, review in enumerate(reviews_raw, start=1):
        if not isinstance(review, dict):
            sheet.errors.append(f"đánh giá thứ {i}: không phải đối tượng JSON")
            continue
        reviewer = review.get("reviewer")
        who = f"đánh giá thứ {i}" + (f" ({reviewer})" if isinstance(reviewer, str) and reviewer else "")
        if "scores" not in review:
            sheet.errors.append(f"{who}: thiếu điểm chấm (scores)")
            continue
        entries, errors = check_entries(template, review["scores"], who)
        sheet.errors.extend(errors)
        reviews.append((reviewer, entries))
    if sheet.errors:
        return sheet
    sheet.self_scores = score_entries(template, own)
    sheet.reviews = [Review(reviewer, score_entries(template, entries)) for reviewer, entries in reviews]
    return sheet
