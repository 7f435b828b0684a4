"""Collective emulation titles: TTLĐTT, TTLĐXS, Cờ thi đua cấp bộ/ngành/tỉnh, Cờ thi đua Chính phủ.

Legal basis: Luật Thi đua, khen thưởng 06/2022/QH15, Điều 25–28 (regimes 2024 and 2025). Ratios
are integer percentages compared exactly (``ldtt * 100 >= percent * total``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import RuleSpec, rating_condition
from .types import (
    AWARD_ABBR,
    LEADS_BLOCK,
    MEMBERS_COMPLETED,
    MEMBERS_CSTDCS,
    MEMBERS_DISCIPLINE,
    MEMBERS_LDTT_RATIO,
    PRIOR_AWARD,
    RATING,
    Condition,
    Members,
    MissingFact,
    Rating,
    SubjectFacts,
)


def _members(subject: SubjectFacts, award: str) -> Members:
    if subject.members is None:
        raise MissingFact("subject.members", f"thiếu số liệu thành viên, cần để xét {award}")
    return subject.members


def _percent(part: int, total: int) -> str:
    if total <= 0:
        return "0"
    value = round(part * 100 / total, 1)
    return f"{value:g}".replace(".", ",")


def ldtt_ratio_condition(m: Members, percent: int, ref: str) -> Condition:
    ok = m.ldtt * 100 >= percent * m.total
    return Condition(
        MEMBERS_LDTT_RATIO, ok,
        f"{m.ldtt}/{m.total} thành viên đạt Lao động tiên tiến ({_percent(m.ldtt, m.total)}%; cần từ {percent}%)",
        ref,
    )


@dataclass(frozen=True, slots=True)
class TtldttParams:
    """Luật 2022 Điều 28: HTTNV, ≥70% members LĐTT, no member disciplined at cảnh cáo or above."""

    min_rating: Rating = Rating.HTTNV
    ldtt_percent: int = 70
    max_disciplined: int = 0


def check_ttldtt(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: TtldttParams = spec.params
    m = _members(subject, spec.award)
    return [
        rating_condition(subject, year, p.min_rating, spec.ref_for(RATING)),
        ldtt_ratio_condition(m, p.ldtt_percent, spec.ref_for(MEMBERS_LDTT_RATIO)),
        Condition(
            MEMBERS_DISCIPLINE, m.disciplined_canh_cao_or_above <= p.max_disciplined,
            f"{m.disciplined_canh_cao_or_above} thành viên bị kỷ luật từ cảnh cáo trở lên "
            f"(cho phép tối đa {p.max_disciplined})",
            spec.ref_for(MEMBERS_DISCIPLINE),
        ),
    ]


@dataclass(frozen=True, slots=True)
class TtldxsParams:
    """Luật 2022 Điều 27: HTXSNV, 100% members complete, ≥70% LĐTT, ≥1 CSTĐCS."""

    rating: Rating = Rating.HTXSNV
    completed_percent: int = 100
    ldtt_percent: int = 70
    min_cstdcs: int = 1


def check_ttldxs(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: TtldxsParams = spec.params
    m = _members(subject, spec.award)
    return [
        rating_condition(subject, year, p.rating, spec.ref_for(RATING)),
        Condition(
            MEMBERS_COMPLETED, m.completed * 100 >= p.completed_percent * m.total,
            f"{m.completed}/{m.total} thành viên hoàn thành nhiệm vụ "
            f"({'cần tất cả' if p.completed_percent >= 100 else f'cần từ {p.completed_percent}%'})",
            spec.ref_for(MEMBERS_COMPLETED),
        ),
        ldtt_ratio_condition(m, p.ldtt_percent, spec.ref_for(MEMBERS_LDTT_RATIO)),
        Condition(
            MEMBERS_CSTDCS, m.cstdcs >= p.min_cstdcs,
            f"{m.cstdcs} thành viên đạt Chiến sĩ thi đua cơ sở (cần ít nhất {p.min_cstdcs})",
            spec.ref_for(MEMBERS_CSTDCS),
        ),
    ]


def check_co_tinh(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    """Luật 2022 Điều 26 khoản 1: the collective leading its cụm/khối thi đua in Y."""
    if subject.leads_block is None:
        raise MissingFact("subject.leads_block", f"thiếu thông tin dẫn đầu khối, cần để xét {spec.award}")
    if subject.leads_block:
        return [Condition(LEADS_BLOCK, True, f"Năm {year} dẫn đầu cụm, khối thi đua", spec.ref_for(LEADS_BLOCK))]
    return [Condition(LEADS_BLOCK, False, f"Năm {year} không dẫn đầu cụm, khối thi đua", spec.ref_for(LEADS_BLOCK))]


@dataclass(frozen=True, slots=True)
class CoCpParams:
    """Luật 2022 Điều 25: chosen among the holders of the ministry/province flag of the year."""

    prior_title: str = "CO_TINH"


def check_co_cp(subject: SubjectFacts, year: int, spec: RuleSpec) -> list[Condition]:
    p: CoCpParams = spec.params
    name = AWARD_ABBR[p.prior_title]
    ok = subject.has_title(p.prior_title, year)
    message = f"Năm {year} được tặng {name}" if ok else f"Năm {year} chưa được tặng {name}"
    return [Condition(PRIOR_AWARD, ok, message, spec.ref_for(PRIOR_AWARD))]
