"""Individual emulation titles: LĐTT, CSTĐCS, CSTĐ cấp bộ/ngành/tỉnh, CSTĐ toàn quốc.

Legal basis: Luật Thi đua, khen thưởng 06/2022/QH15, Điều 21–24 (regimes 2024 and 2025);
Luật Thi đua, khen thưởng 2003 sửa đổi 2013, Điều 23–24 and Nghị định 91/2017/NĐ-CP (regime 2013,
LĐTT and CSTĐCS only). Thresholds are parameters so a stricter version only changes data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import (
    RATING_REQUIREMENT,
    RuleSpec,
    chain_condition,
    counted_note,
    fmt_years,
    initiative_condition,
    rating_condition,
    uncounted_span,
)
from .types import (
    AWARD_ABBR,
    CHAIN,
    CSTDCS_ACHIEVEMENT,
    INITIATIVE_SCOPE,
    LDTT_STANDARD,
    RATING_NAMES,
    SCOPE_NAMES,
    Condition,
    Rating,
    Scope,
    SubjectFacts,
)


@dataclass(frozen=True, slots=True)
class LdttParams:
    """Luật 2022 Điều 24 khoản 1 điểm a: "hoàn thành tốt nhiệm vụ" or better."""

    min_rating: Rating = Rating.HTTNV


def check_ldtt(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    """RATING: rated ≥ HTTNV in Y (the spirit criteria are the JUDGMENT condition)."""
    return [rating_condition(subject, year, spec.params.min_rating, spec.ref_for("RATING"))]


@dataclass(frozen=True, slots=True)
class CstdcsParams:
    """Luật 2022 Điều 23: the LĐTT standard and one achievement of the year.

    ``achievement_rating`` None means a rating never counts as the achievement (Luật 2003/2013
    Điều 23: a recognised initiative was required).
    """

    standard_rating: Rating = Rating.HTTNV
    achievement_rating: Rating | None = Rating.HTXSNV
    initiative_scope: Scope = Scope.CO_SO


def check_cstdcs(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: CstdcsParams = spec.params
    rating = subject.rating_of.get(year, -1)
    rated = f"xếp loại {RATING_NAMES[rating]}" if rating >= 0 else "chưa có xếp loại"
    std_ok = rating >= p.standard_rating
    standard = Condition(
        LDTT_STANDARD, std_ok,
        f"Năm {year} {rated}: {'đạt' if std_ok else 'chưa đạt'} tiêu chuẩn Lao động tiên tiến "
        f"(xếp loại {RATING_REQUIREMENT[p.standard_rating]})",
        spec.ref_for(LDTT_STANDARD),
    )
    scope_name = SCOPE_NAMES[p.initiative_scope]
    ref = spec.ref_for(CSTDCS_ACHIEVEMENT)
    if p.achievement_rating is not None and rating >= p.achievement_rating:
        achievement = Condition(CSTDCS_ACHIEVEMENT, True, f"Năm {year} {rated}", ref)
    else:
        found = subject.initiatives_in(p.initiative_scope, year, year)
        if found:
            achievement = Condition(
                CSTDCS_ACHIEVEMENT, True,
                f"Năm {year} có {len(found)} sáng kiến, đề tài được công nhận từ {scope_name} trở lên", ref,
            )
        elif p.achievement_rating is None:
            achievement = Condition(
                CSTDCS_ACHIEVEMENT, False,
                f"Năm {year} không có sáng kiến, đề tài được công nhận từ {scope_name} trở lên "
                f"({rated}; xếp loại không thay cho sáng kiến)",
                ref,
            )
        else:
            achievement = Condition(
                CSTDCS_ACHIEVEMENT, False,
                f"Năm {year} {rated} và không có sáng kiến, đề tài được công nhận từ {scope_name} trở lên "
                f"(cần xếp loại {RATING_REQUIREMENT[p.achievement_rating]} hoặc sáng kiến, đề tài)",
                ref,
            )
    return [standard, achievement]


@dataclass(frozen=True, slots=True)
class CstdTinhParams:
    """Luật 2022 Điều 22: 3 consecutive CSTĐCS and an initiative of ministry/province scope."""

    chain_title: str = "CSTDCS"
    chain_years: int = 3
    initiative_scope: Scope = Scope.TINH


def check_cstd_tinh(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: CstdTinhParams = spec.params
    first = year - p.chain_years + 1
    return [
        chain_condition(subject, p.chain_title, first, year, spec.ref_for(CHAIN)),
        initiative_condition(subject, p.initiative_scope, first, year, spec.ref_for(INITIATIVE_SCOPE)),
    ]


@dataclass(frozen=True, slots=True)
class CstdTqParams:
    """Luật 2022 Điều 21: 2 consecutive CSTĐ bộ/ngành/tỉnh and an initiative of national scope.

    The two latest ``prior_title`` years B ≤ Y and A < B are linked by ``link_title`` in every
    year A..B; the initiative window starts ``initiative_lead_years`` before A.
    """

    prior_title: str = "CSTD_TINH"
    link_title: str = "CSTDCS"
    initiative_scope: Scope = Scope.TOAN_QUOC
    initiative_lead_years: int = 2


def check_cstd_tq(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: CstdTqParams = spec.params
    ref = spec.ref_for(CHAIN)
    prior_name = AWARD_ABBR[p.prior_title]
    held = subject.titles_in(p.prior_title, -(10**6), year)
    if len(held) < 2:
        have = f" (năm {fmt_years(held)})" if held else ""
        return [Condition(
            CHAIN, False,
            f"Có {len(held)} lần đạt {prior_name} đến năm {year}{have}; cần 2 lần liên tục", ref,
        )]
    a, b = held[-2], held[-1]
    links = subject.titles_in(p.link_title, a, b)
    missing = [t for t in range(a, b + 1) if t not in links]
    counted = a >= subject.first_counted
    link_name = AWARD_ABBR[p.link_title]
    head = f"{prior_name} năm {a} và {b}"
    if not missing and counted:
        chain = Condition(CHAIN, True, f"{head}; đạt {link_name} liên tục các năm {a}–{b}", ref)
    else:
        parts = [head]
        if missing:
            parts.append(f"thiếu {link_name} năm {fmt_years(missing)}")
        if not counted:
            parts.append(
                f"năm {uncounted_span(a, b, subject.first_counted)} không được tính "
                f"({counted_note(subject.first_counted)})"
            )
        chain = Condition(CHAIN, False, "; ".join(parts), ref)
    return [
        chain,
        initiative_condition(
            subject, p.initiative_scope, a - p.initiative_lead_years, year, spec.ref_for(INITIATIVE_SCOPE),
        ),
    ]
