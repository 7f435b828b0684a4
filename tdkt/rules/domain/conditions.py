"""Rule specifications and the condition builders every rule shares (pure Python).

A rule is a ``RuleSpec``: a check function, its parameters (thresholds as data) and its legal
references. Builders here produce ``Condition`` objects with a Vietnamese message naming the
facts used. G3 (contracts/eligibility.md, "Gates"): a year in which a discipline period was in
force, and every year before it, is not counted; ``SubjectFacts.first_counted`` is the first
counted year, and a condition spanning several years fails when it needs an earlier year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .types import (
    AWARD_ABBR,
    CHAIN,
    DISCIPLINE_NAMES,
    GATE_DISCIPLINE_ACTIVE,
    GATE_PENDING_REVIEW,
    INITIATIVE_SCOPE,
    JUDGMENT,
    NO_COUNTED_YEAR,
    RATING,
    RATING_NAMES,
    SCOPE_NAMES,
    Condition,
    Kind,
    Scope,
    SubjectFacts,
)

CheckFn = Callable[[SubjectFacts, int, "RuleSpec"], list[Condition]]


@dataclass(frozen=True)
class RuleSpec:
    """The rule of one award for one kind of subject in one rule version.

    ``check(subject, year, spec)`` returns the award's own conditions (the engine adds the gates
    before them and the JUDGMENT condition, when ``judgment`` is set, after them). ``params`` holds
    the thresholds; ``ref`` the legal reference of the conditions, ``refs`` per-code overrides.
    ``extra`` are further checks a stricter (e.g. provincial) version appends. ``dated``: ``check``
    also takes the day of consideration (``check(subject, year, spec, on_date)``), for rules that
    count time up to it (long_service.py).
    """

    award: str
    kind: Kind
    check: CheckFn
    params: Any = None
    ref: str = ""
    refs: Mapping[str, str] = field(default_factory=dict)
    judgment: str | None = None
    extra: tuple[CheckFn, ...] = ()
    dated: bool = False
    judgment_condition: Condition | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.ref:
            raise ValueError(f"{self.award}/{self.kind}: a rule needs a legal reference")
        cond = None
        if self.judgment:
            cond = Condition(JUDGMENT, None, self.judgment, self.refs.get(JUDGMENT, self.ref))
        object.__setattr__(self, "judgment_condition", cond)

    def ref_for(self, code: str) -> str:
        return self.refs.get(code, self.ref)


def check_nothing(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    """Rules with only the gates and a JUDGMENT condition (Giấy khen, movement and sudden forms)."""
    return []


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

RATING_REQUIREMENT = ("từ KHTNV trở lên", "từ HTNV trở lên", "từ HTTNV trở lên", "HTXSNV")


def fmt_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def fmt_years(years) -> str:
    return ", ".join(map(str, years))


def rating_phrase(rating: int) -> str:
    return f"xếp loại {RATING_NAMES[rating]}" if rating >= 0 else "chưa có xếp loại"


def counted_note(first_counted: int) -> str:
    if first_counted >= NO_COUNTED_YEAR:
        return "kỷ luật chưa kết thúc, không năm nào được tính"
    return f"chỉ tính từ năm {first_counted}, sau thời gian kỷ luật"


def uncounted_span(first: int, last: int, first_counted: int) -> str:
    """The years first..last that are not counted, as text ("2022–2023" or "2023")."""
    end = min(last, first_counted - 1)
    return f"{first}" if end == first else f"{first}–{end}"


# ---------------------------------------------------------------------------------------------
# Gates (G1, G2)
# ---------------------------------------------------------------------------------------------

PENDING_HOLD = (
    "Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo: "
    "chưa xét khen thưởng"
)
PENDING_CLEAR = "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo"


class Gates:
    """G1 and G2 of one rule version; passing conditions are built once and shared."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self.pending_pass = Condition(GATE_PENDING_REVIEW, True, PENDING_CLEAR, ref)
        self.pending_fail = Condition(GATE_PENDING_REVIEW, False, PENDING_HOLD, ref)
        self._clear: dict[date, Condition] = {}

    def pending(self, subject: SubjectFacts) -> Condition:
        return self.pending_fail if subject.pending_review else self.pending_pass

    def discipline(self, subject: SubjectFacts, on_date: date) -> Condition:
        active = subject.discipline_on(on_date) if subject.discipline else None
        if active is None:
            cond = self._clear.get(on_date)
            if cond is None:
                if len(self._clear) > 512:
                    self._clear.clear()
                cond = Condition(
                    GATE_DISCIPLINE_ACTIVE, True,
                    f"Ngày xét {fmt_date(on_date)} không trong thời gian thi hành kỷ luật", self.ref,
                )
                self._clear[on_date] = cond
            return cond
        until = f"đến {fmt_date(active.end)}" if active.end else "chưa kết thúc"
        return Condition(
            GATE_DISCIPLINE_ACTIVE, False,
            f"Ngày xét {fmt_date(on_date)} đang trong thời gian kỷ luật {DISCIPLINE_NAMES[active.form]} "
            f"(từ {fmt_date(active.start)} {until})",
            self.ref,
        )


# ---------------------------------------------------------------------------------------------
# Shared conditions
# ---------------------------------------------------------------------------------------------


def rating_condition(
    subject: SubjectFacts, year: int, minimum: int, ref: str, *, counted: bool = False,
) -> Condition:
    """RATING: rated ≥ ``minimum`` in ``year``; with ``counted`` (a rating over several years)
    the year must also be a counted year (G3)."""
    rating = subject.rating_of.get(year, -1)
    need = RATING_REQUIREMENT[minimum]
    if rating < 0:
        return Condition(RATING, False, f"Năm {year} chưa có xếp loại (yêu cầu {need})", ref)
    if counted and year < subject.first_counted:
        return Condition(
            RATING, False,
            f"Năm {year} xếp loại {RATING_NAMES[rating]} nhưng không được tính ({counted_note(subject.first_counted)})",
            ref,
        )
    return Condition(RATING, rating >= minimum, f"Năm {year} xếp loại {RATING_NAMES[rating]} (yêu cầu {need})", ref)


def chain_holds(subject: SubjectFacts, code: str, first: int, last: int) -> bool:
    return first >= subject.first_counted and len(subject.titles_in(code, first, last)) == last - first + 1


def chain_condition(subject: SubjectFacts, code: str, first: int, last: int, ref: str) -> Condition:
    """CHAIN: title ``code`` in every year first..last, all counted years."""
    held = subject.titles_in(code, first, last)
    name = AWARD_ABBR[code]
    span = f"{first}–{last}"
    missing = [t for t in range(first, last + 1) if t not in held]
    counted = first >= subject.first_counted
    if not missing and counted:
        return Condition(CHAIN, True, f"Đạt {name} liên tục các năm {span}", ref)
    parts = [f"{name} các năm {span}: có {fmt_years(held) if held else 'không năm nào'}"]
    if missing:
        parts.append(f"thiếu {fmt_years(missing)}")
    if not counted:
        parts.append(
            f"năm {uncounted_span(first, last, subject.first_counted)} không được tính "
            f"({counted_note(subject.first_counted)})"
        )
    return Condition(CHAIN, False, "; ".join(parts), ref)


def initiative_condition(subject: SubjectFacts, scope: Scope, first: int, last: int, ref: str) -> Condition:
    """INITIATIVE_SCOPE: an initiative of scope ≥ ``scope`` recognised in first..last (not under G3:
    the contract lists only CHAIN, PERIOD_YEARS, PERIOD_TITLES and multi-year RATING)."""
    years = subject.initiatives_in(scope, first, last)
    scope_name = f"từ {SCOPE_NAMES[scope]} trở lên" if scope < Scope.TOAN_QUOC else SCOPE_NAMES[scope]
    span = f"{first}–{last}" if first != last else f"{last}"
    if years:
        return Condition(
            INITIATIVE_SCOPE, True,
            f"Có sáng kiến, đề tài phạm vi {scope_name} được công nhận năm {years[0]} "
            f"(cần trong các năm {span})",
            ref,
        )
    lower = len(subject.initiatives_in(Scope.CO_SO, first, last)) if scope > Scope.CO_SO else 0
    tail = f"; chỉ có {lower} sáng kiến, đề tài ở phạm vi thấp hơn" if lower else ""
    return Condition(
        INITIATIVE_SCOPE, False,
        f"Không có sáng kiến, đề tài phạm vi {scope_name} được công nhận trong các năm {span}{tail}",
        ref,
    )
