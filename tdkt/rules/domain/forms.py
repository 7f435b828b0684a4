"""Commendation forms on the regular basis (công trạng): Bằng khen, Huân chương Lao động.

Legal basis: Luật Thi đua, khen thưởng 06/2022/QH15, Điều 42–44, 73, 74. Giấy khen (Điều 75) and
every form on the movement or sudden basis have only the gates and a JUDGMENT condition
(``conditions.check_nothing``).

"Since award X in year x" (contracts/eligibility.md, C): the counted years x+1..Y must be at
least ``min_years`` and each meet the rating; x is any year of award X later than the subject's
last award of the form considered; the case is eligible when some x meets every condition,
otherwise the conditions are reported for the earliest x.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .conditions import (
    RATING_REQUIREMENT,
    RuleSpec,
    chain_condition,
    chain_holds,
    counted_note,
    fmt_years,
    rating_condition,
    uncounted_span,
)
from .types import (
    AWARD_ABBR,
    FOUNDED_YEARS,
    PERIOD_TITLES,
    PERIOD_YEARS,
    PRIOR_AWARD,
    RATING,
    RATING_BY_NAME,
    RATING_NAMES,
    SCOPE_NAMES,
    Condition,
    MissingFact,
    Rating,
    Scope,
    SubjectFacts,
)

# ---------------------------------------------------------------------------------------------
# Bằng khen cấp bộ, ngành, tỉnh (Điều 74)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BkTinhIndividualParams:
    """Điều 74 khoản 1 điểm d: 2 consecutive CSTĐCS, or 2 consecutive years HTXSNV with 2
    initiatives recognised at the cơ sở in those years."""

    chain_title: str = "CSTDCS"
    years: int = 2
    rating: Rating = Rating.HTXSNV
    initiatives: int = 2
    initiative_scope: Scope = Scope.CO_SO


def check_bk_tinh_individual(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    """Branch CHAIN is tried first, then branch RATING + PERIOD_TITLES; the branch that holds is
    reported, or the branch tried last when neither holds."""
    p: BkTinhIndividualParams = spec.params
    first = year - p.years + 1
    if chain_holds(subject, p.chain_title, first, year):
        return [chain_condition(subject, p.chain_title, first, year, spec.ref_for("CHAIN"))]
    ref = spec.ref_for(RATING)
    out = [rating_condition(subject, t, p.rating, ref, counted=True) for t in range(first, year + 1)]
    found = subject.initiatives_in(p.initiative_scope, first, year)
    counted = first >= subject.first_counted
    text = (
        f"Các năm {first}–{year} có {len(found)} sáng kiến, đề tài được công nhận từ "
        f"{SCOPE_NAMES[p.initiative_scope]} trở lên (cần ít nhất {p.initiatives})"
    )
    if not counted:
        text += (
            f"; năm {uncounted_span(first, year, subject.first_counted)} không được tính "
            f"({counted_note(subject.first_counted)})"
        )
    out.append(Condition(PERIOD_TITLES, counted and len(found) >= p.initiatives, text, spec.ref_for(PERIOD_TITLES)))
    return out


@dataclass(frozen=True, slots=True)
class BkTinhCollectiveParams:
    """Điều 74 khoản 3 điểm d: 2 consecutive years HTXSNV, or 2 consecutive TTLĐXS."""

    years: int = 2
    rating: Rating = Rating.HTXSNV
    chain_title: str = "TTLDXS"


def check_bk_tinh_collective(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    """Branch RATING is tried first, then branch CHAIN (reported when neither holds)."""
    p: BkTinhCollectiveParams = spec.params
    first = year - p.years + 1
    if first >= subject.first_counted and all(
        subject.rating_of.get(t, -1) >= p.rating for t in range(first, year + 1)
    ):
        ref = spec.ref_for(RATING)
        return [rating_condition(subject, t, p.rating, ref, counted=True) for t in range(first, year + 1)]
    return [chain_condition(subject, p.chain_title, first, year, spec.ref_for("CHAIN"))]


# ---------------------------------------------------------------------------------------------
# "Since award X in year x": Bằng khen Thủ tướng (Điều 73), Huân chương Lao động (Điều 42–44)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Need:
    """At least ``count`` of something in x+1..Y: a title (distinct years), an award (each one
    counts) or a rating (years rated ``code`` or better)."""

    source: str  # "title" | "award" | "rating"
    code: str
    count: int

    def __post_init__(self) -> None:
        if self.source not in ("title", "award", "rating"):
            raise ValueError(f"Need.source: {self.source!r}")
        if self.source == "rating" and self.code not in RATING_BY_NAME:
            raise ValueError(f"Need.code: {self.code!r} is not a rating")


@dataclass(frozen=True, slots=True)
class SinceAwardParams:
    """Parameters of a "since award ``prior`` in year x" rule.

    ``needs`` is a disjunction of conjunctions: the period meets PERIOD_TITLES when every ``Need``
    of at least one alternative holds. ``or_title``: a year also meets the rating when the subject
    held that title (TTLĐXS for collectives). ``founded_years``: FOUNDED_YEARS, founded ≤ Y − n.
    """

    prior: str
    needs: tuple[tuple[Need, ...], ...]
    min_rating: Rating = Rating.HTTNV
    or_title: str | None = None
    min_years: int = 5
    founded_years: int | None = None


def _count(subject: SubjectFacts, need: Need, first: int, last: int) -> tuple[int, tuple[int, ...]]:
    if need.source == "title":
        years = subject.titles_in(need.code, first, last)
        return len(years), years
    if need.source == "award":
        return subject.count_awards(need.code, first, last), ()
    minimum = RATING_BY_NAME[need.code]
    rating_of = subject.rating_of
    years = tuple(t for t in range(first, last + 1) if rating_of.get(t, -1) >= minimum)
    return len(years), years


def _titles_hold(subject: SubjectFacts, p: SinceAwardParams, first: int, last: int) -> bool:
    if first < subject.first_counted:
        return False
    for alternative in p.needs:
        if all(_count(subject, need, first, last)[0] >= need.count for need in alternative):
            return True
    return False


def _year_meets(subject: SubjectFacts, p: SinceAwardParams, t: int) -> bool:
    return subject.rating_of.get(t, -1) >= p.min_rating or (
        p.or_title is not None and subject.has_title(p.or_title, t)
    )


def _years_hold(subject: SubjectFacts, p: SinceAwardParams, x: int, year: int) -> bool:
    if year - x < p.min_years or x + 1 < subject.first_counted:
        return False
    return all(_year_meets(subject, p, t) for t in range(x + 1, year + 1))


def _need_label(need: Need) -> str:
    if need.source == "title":
        return f"{need.count} lần {AWARD_ABBR[need.code]}"
    if need.source == "award":
        return f"{need.count} {AWARD_ABBR[need.code]}"
    return f"{need.count} năm {need.code}"


@lru_cache(maxsize=256)
def needs_text(needs: tuple[tuple[Need, ...], ...]) -> str:
    return " hoặc ".join(" và ".join(_need_label(n) for n in alt) for alt in needs)


def _rating_need_text(p: SinceAwardParams) -> str:
    text = f"xếp loại {RATING_REQUIREMENT[p.min_rating]}"
    if p.or_title is not None:
        text += f" hoặc đạt {AWARD_ABBR[p.or_title]}"
    return text


def check_since_award(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: SinceAwardParams = spec.params
    out: list[Condition] = []
    if p.founded_years is not None:
        out.append(_founded_condition(subject, year, p.founded_years, spec.ref_for(FOUNDED_YEARS)))
    prior_name = AWARD_ABBR[p.prior]
    own = subject.award_years.get(spec.award, ())
    last_own = own[-1] if own else None
    candidates = sorted({
        x for x in subject.award_years.get(p.prior, ()) if x <= year and (last_own is None or x > last_own)
    })
    if not candidates:
        if last_own is not None:
            text = f"Chưa được tặng {prior_name} sau lần được tặng {AWARD_ABBR[spec.award]} năm {last_own}"
        else:
            text = f"Chưa được tặng {prior_name} đến năm {year}"
        out.append(Condition(PRIOR_AWARD, False, text, spec.ref_for(PRIOR_AWARD)))
        return out
    chosen = candidates[0]
    for x in candidates:
        if _years_hold(subject, p, x, year) and _titles_hold(subject, p, x + 1, year):
            chosen = x
            break
    x = chosen
    since = f" (sau lần được tặng {AWARD_ABBR[spec.award]} năm {last_own})" if last_own is not None else ""
    out.append(Condition(PRIOR_AWARD, True, f"Đã được tặng {prior_name} năm {x}{since}", spec.ref_for(PRIOR_AWARD)))
    out.append(_period_years_condition(subject, p, x, year, prior_name, spec.ref_for(PERIOD_YEARS)))
    out.append(_period_titles_condition(subject, p, x, year, spec.ref_for(PERIOD_TITLES)))
    return out


def _founded_condition(subject: SubjectFacts, year: int, years: int, ref: str) -> Condition:
    if subject.founded_year is None:
        raise MissingFact("subject.founded_year", f"thiếu năm thành lập, cần để xét (thành lập từ {years} năm)")
    age = year - subject.founded_year
    return Condition(
        FOUNDED_YEARS, subject.founded_year <= year - years,
        f"Thành lập năm {subject.founded_year}, được {age} năm tính đến năm {year} (cần từ {years} năm)",
        ref,
    )


def _period_years_condition(
    subject: SubjectFacts, p: SinceAwardParams, x: int, year: int, prior_name: str, ref: str,
) -> Condition:
    first, n = x + 1, year - x
    need = _rating_need_text(p)
    head = f"Sau {prior_name} năm {x}"
    if _years_hold(subject, p, x, year):
        return Condition(
            PERIOD_YEARS, True, f"{head}: {n} năm liên tục {first}–{year} đều đạt yêu cầu ({need})", ref,
        )
    parts = []
    if n < p.min_years:
        span = f"{first}–{year}" if n > 1 else (f"{year}" if n == 1 else "không năm nào")
        parts.append(f"chỉ có {max(n, 0)} năm ({span}), cần ít nhất {p.min_years} năm liên tục")
    if n > 0 and first < subject.first_counted:
        parts.append(
            f"năm {uncounted_span(first, year, subject.first_counted)} không được tính "
            f"({counted_note(subject.first_counted)})"
        )
    bad = [t for t in range(first, year + 1) if not _year_meets(subject, p, t)]
    if bad:
        described = ", ".join(
            f"{t} ({RATING_NAMES[r]})" if (r := subject.rating_of.get(t, -1)) >= 0 else f"{t} (chưa có xếp loại)"
            for t in bad
        )
        parts.append(f"năm không đạt yêu cầu ({need}): {described}")
    return Condition(PERIOD_YEARS, False, f"{head}: " + "; ".join(parts), ref)


def _period_titles_condition(subject: SubjectFacts, p: SinceAwardParams, x: int, year: int, ref: str) -> Condition:
    first = x + 1
    seen: dict[tuple[str, str], str] = {}
    for alternative in p.needs:
        for need in alternative:
            key = (need.source, need.code)
            if key not in seen:
                count, years = _count(subject, need, first, year)
                label = _need_label(Need(need.source, need.code, count))
                seen[key] = f"{label} ({fmt_years(years)})" if years else label
    span = f"{first}–{year}" if first < year else f"{year}" if first == year else "không năm nào"
    ok = _titles_hold(subject, p, first, year)
    text = f"Các năm {span}: có {', '.join(seen.values())}; cần ít nhất {needs_text(p.needs)}"
    if first <= year and first < subject.first_counted:
        text += (
            f"; năm {uncounted_span(first, year, subject.first_counted)} không được tính "
            f"({counted_note(subject.first_counted)})"
        )
    return Condition(PERIOD_TITLES, ok, text, ref)
