"""Caps on the share of a title or form a unit may propose (pure Python).

The law's own cap is data with the regime it belongs to; a province or a plan adds its own cap
as a QuotaRule row, read into the same QuotaSpec.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

BASE_LDTT_HOLDERS = "ldtt_holders"  # people with (or proposed for) Lao động tiên tiến in the year
BASE_MEMBERS = "members"  # people working in the unit
BASE_LABELS = {
    BASE_LDTT_HOLDERS: "số người đạt hoặc được đề nghị Lao động tiên tiến",
    BASE_MEMBERS: "số cán bộ, công chức, viên chức, người lao động của đơn vị",
}


@dataclass(frozen=True)
class QuotaSpec:
    award: str
    percent: Decimal
    base: str
    source: str
    regime: str | None = None  # a legal cap applies only under its regime


# Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3: CSTĐCS không quá 15% số LĐTT (dropped from 2024).
LEGAL_QUOTAS = (
    QuotaSpec(
        "CSTDCS",
        Decimal(15),
        BASE_LDTT_HOLDERS,
        "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3: không quá 15% số người đạt Lao động tiên tiến",
        "2013",
    ),
)


@dataclass(frozen=True)
class QuotaStatus:
    spec: QuotaSpec
    base_count: int
    cap: int
    proposed: int

    @property
    def excess(self) -> int:
        return max(0, self.proposed - self.cap)


def quota_cap(percent: Decimal, base_count: int) -> int:
    """ "Không quá p%": the whole number of people at or below p% of the base."""
    return int((Decimal(percent) * base_count / 100).to_integral_value(rounding=ROUND_FLOOR))


def quota_status(spec: QuotaSpec, *, base_count: int, proposed: int) -> QuotaStatus:
    return QuotaStatus(spec, base_count, quota_cap(spec.percent, base_count), proposed)


def quotas_for(award: str, regime: str, extra: tuple[QuotaSpec, ...] = ()) -> list[QuotaSpec]:
    legal = [q for q in LEGAL_QUOTAS if q.award == award and q.regime == regime]
    return legal + [q for q in extra if q.award == award]
