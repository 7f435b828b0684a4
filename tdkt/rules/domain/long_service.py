"""Commendation for long service: quá trình cống hiến and niên hạn (pure Python).

Luật Thi đua, khen thưởng 06/2022/QH15 Điều 8 names these kinds of commendation; LAW.md E, D4, D6.

* Cống hiến (``check_tenure``): time held in leadership and management posts, by the tables of
  Nghị định 152/2025/NĐ-CP Điều 21, which Điều 44 khoản 1 điểm g (Huân chương Lao động hạng Ba)
  points to. Nghị định 152/2025 Điều 9: no award when disciplined during the tenure
  (GATE_DISCIPLINE_TENURE); Điều 4 khoản 7: women serve a third less time. Time in a higher post
  counts towards a lower post's requirement [R: the aggregation and highest-post rule of Điều 9 are
  recalled, not read]. The tables are data (``TenureParams``): a province configures them.
* Niên hạn (``check_service_years``): a sector's Kỷ niệm chương (Điều 71), whose criteria the issuing
  body sets; the years in the sector are data (``ServiceYearsParams``).

Time is counted in whole months up to the day of consideration (``on_date``): a period reaches
n years on its n-th anniversary; a post's ``end`` is its last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .conditions import fmt_date
from .types import (
    DISCIPLINE_NAMES,
    FEMALE,
    GATE_DISCIPLINE_TENURE,
    POST_LEVELS,
    POST_RANK,
    SERVICE_YEARS,
    TENURE_YEARS,
    Condition,
    DisciplineForm,
    MissingFact,
    Post,
    SubjectFacts,
)

_DAY = timedelta(days=1)


def full_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def fmt_months(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years} năm {rest} tháng"
    if years:
        return f"{years} năm"
    return f"{rest} tháng"


def reduced(months: int, fraction: tuple[int, int] | None) -> int:
    """``months`` less ``fraction`` of it, rounded up to a whole month."""
    if fraction is None:
        return months
    num, den = fraction
    return -(-months * (den - num) // den)


# ---------------------------------------------------------------------------------------------
# Cống hiến: time in leadership posts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TenureRow:
    """Held posts of ``level`` (or higher) at least ``years``; ``below``: the law's upper end of the
    bracket (more time is the bracket of a higher class), shown, not failed."""

    level: str
    years: int
    below: int | None = None

    def __post_init__(self) -> None:
        if self.level not in POST_LEVELS:
            raise ValueError(f"TenureRow.level: {self.level!r}")


@dataclass(frozen=True, slots=True)
class TenureParams:
    """A tenure table (highest post first), the women's reduction and the discipline rule."""

    table: tuple[TenureRow, ...]
    women_reduction: tuple[int, int] | None = (1, 3)  # Nghị định 152/2025/NĐ-CP Điều 4 khoản 7
    women_ref: str = ""
    discipline_from: DisciplineForm = DisciplineForm.KHIEN_TRACH  # any discipline (Điều 9)


def _post_span(post: Post, on_date: date) -> tuple[date, date] | None:
    """The post as [start, end) up to ``on_date``; None when it starts later."""
    if post.start > on_date:
        return None
    end = on_date if post.end is None else min(post.end + _DAY, on_date)
    return (post.start, end) if end > post.start else None


def months_held(posts: tuple[Post, ...], minimum_rank: int, on_date: date) -> int:
    """Whole months in posts of rank ≥ ``minimum_rank`` (overlaps counted once)."""
    spans = sorted(
        span for p in posts if POST_RANK[p.level] >= minimum_rank and (span := _post_span(p, on_date)) is not None
    )
    total, current = 0, None
    for start, end in spans:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            total += full_months(*current)
        current = (start, end)
    if current is not None:
        total += full_months(*current)
    return total


def _posts(subject: SubjectFacts) -> tuple[Post, ...]:
    if subject.posts is None:
        raise MissingFact(
            "subject.posts",
            "thiếu các chức vụ lãnh đạo, quản lý đã giữ (cấp chức vụ, từ ngày, đến ngày), "
            "cần để xét quá trình cống hiến",
        )
    return subject.posts


def discipline_in_tenure(subject: SubjectFacts, on_date: date, spec) -> Condition:
    """GATE_DISCIPLINE_TENURE: no discipline period overlapping a post held (Nghị định 152/2025 Điều 9)."""
    p: TenureParams = spec.params
    posts = _posts(subject)
    ref = spec.ref_for(GATE_DISCIPLINE_TENURE)
    for d in sorted(subject.discipline, key=lambda d: d.start):
        if d.form < p.discipline_from or d.start > on_date:
            continue
        for post in posts:
            if post.start > on_date:
                continue
            post_end = post.end or on_date
            if d.start <= post_end and (d.end is None or post.start <= d.end):
                until = f"đến {fmt_date(d.end)}" if d.end else "chưa kết thúc"
                held = f"đến {fmt_date(post.end)}" if post.end else "đến nay"
                return Condition(
                    GATE_DISCIPLINE_TENURE, False,
                    f"Bị kỷ luật {DISCIPLINE_NAMES[d.form]} (từ {fmt_date(d.start)} {until}) trong thời gian giữ "
                    f"chức vụ {POST_LEVELS[post.level]} (từ {fmt_date(post.start)} {held}): không xét khen thưởng "
                    f"quá trình cống hiến",
                    ref,
                )
    return Condition(
        GATE_DISCIPLINE_TENURE, True, "Không bị kỷ luật trong thời gian giữ chức vụ lãnh đạo, quản lý", ref,
    )


def _bracket(row: TenureRow, fraction: tuple[int, int] | None) -> tuple[int, int | None]:
    low = reduced(row.years * 12, fraction)
    high = None if row.below is None else reduced(row.below * 12, fraction)
    return low, high


def _bracket_text(low: int, high: int | None) -> str:
    return f"từ {fmt_months(low)}" + (f" đến dưới {fmt_months(high)}" if high is not None else "")


def tenure_condition(subject: SubjectFacts, on_date: date, spec) -> Condition:
    """TENURE_YEARS: for some row of the table, the time in posts of its level or higher reaches
    the row's years (a third less for women). The row reported is the first that holds, else the
    highest at which the subject held any post."""
    p: TenureParams = spec.params
    posts = _posts(subject)
    ref = spec.ref_for(TENURE_YEARS)
    female = subject.sex == FEMALE
    fraction = p.women_reduction if female else None
    measured = [(row, months_held(posts, POST_RANK[row.level], on_date)) for row in p.table]
    chosen = next(((row, m) for row, m in measured if m >= _bracket(row, fraction)[0]), None)
    passed = chosen is not None
    if chosen is None:
        chosen = next(((row, m) for row, m in measured if m > 0), measured[-1])
    row, months = chosen
    low, high = _bracket(row, fraction)
    text = (
        f"Thời gian giữ chức vụ {POST_LEVELS[row.level]} trở lên: {fmt_months(months) if months else 'không có'} "
        f"tính đến {fmt_date(on_date)}; ngưỡng do tỉnh cấu hình: {_bracket_text(low, high)}"
    )
    if female and fraction is not None:
        text += f" (nữ được giảm 1/3 thời gian so với mức chung {_bracket_text(*_bracket(row, None))}"
        text += f", {p.women_ref})" if p.women_ref else ")"
    elif subject.sex is None:
        text += " (chưa có giới tính: áp dụng mức chung)"
    if passed and high is not None and months >= high:
        text += f"; từ {fmt_months(high)} trở lên thuộc mức xét hạng cao hơn"
    if not passed:
        text += "; chưa đủ thời gian"
    return Condition(TENURE_YEARS, passed, text, ref)


def check_tenure(subject: SubjectFacts, year: int, spec, on_date: date) -> list[Condition]:
    return [discipline_in_tenure(subject, on_date, spec), tenure_condition(subject, on_date, spec)]


# ---------------------------------------------------------------------------------------------
# Niên hạn: years in the sector (Kỷ niệm chương)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServiceYearsParams:
    """Years in the sector a Kỷ niệm chương asks for. [R] 20 for men and 15 for women is what many
    sectors' regulations use; the issuing body sets its own (Luật 06/2022/QH15 Điều 71)."""

    years_men: int = 20
    years_women: int = 15


def check_service_years(subject: SubjectFacts, year: int, spec, on_date: date) -> list[Condition]:
    p: ServiceYearsParams = spec.params
    start = subject.service_start
    if start is None:
        raise MissingFact("subject.service_start", "thiếu ngày bắt đầu công tác trong ngành, cần để xét niên hạn")
    female = subject.sex == FEMALE
    need = p.years_women if female else p.years_men
    months = full_months(start, on_date)
    who = "nữ" if female else "nam" if subject.sex is not None else "chưa có giới tính: áp dụng mức của nam"
    text = (
        f"Công tác trong ngành từ {fmt_date(start)}: {fmt_months(months) if months else 'chưa đủ 1 tháng'} "
        f"tính đến {fmt_date(on_date)}; ngưỡng do tỉnh cấu hình: từ {need} năm ({who})"
    )
    return [Condition(SERVICE_YEARS, months >= need * 12, text, spec.ref_for(SERVICE_YEARS))]
