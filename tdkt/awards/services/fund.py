"""The award fund (Quỹ thi đua, khen thưởng, issue 13.6): the issuer's standing office (or the
admin) sets the allocation of a year; decisions draw from it (services/decisions.py refuses one
that would overdraw it unless the overdraw is confirmed). Reads are in ``selectors_fund``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.api_types import YEAR_MAX
from tdkt.core.domain.numbers import format_number
from tdkt.organizations.models import Organization

from ..models_fund import AwardFund
from ..selectors_fund import can_keep_fund

FUND_EVENT = AuditEventType.AWARD_FUND_CHANGED
YEAR_MIN = 2000
# Far beyond any organisation's fund (a thousand billion đồng), yet inside a 64-bit integer.
ALLOCATION_MAX = 10**15


def _clean(*, year, allocation, note) -> tuple[int, int, str]:
    errors = {}
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        errors["year"] = f"Năm phải là số nguyên từ {YEAR_MIN} đến {YEAR_MAX}."
    if isinstance(allocation, bool) or not isinstance(allocation, int):
        errors["allocation"] = "Kinh phí của quỹ phải là số nguyên (đồng)."
    elif allocation <= 0:
        errors["allocation"] = "Kinh phí của quỹ phải lớn hơn 0 đồng."
    elif allocation > ALLOCATION_MAX:
        errors["allocation"] = f"Kinh phí của quỹ không được quá {format_number(ALLOCATION_MAX)} đồng."
    note = (note or "").strip()
    if len(note) > 500:
        errors["note"] = "Ghi chú dài quá 500 ký tự."
    if errors:
        raise ValidationError(errors)
    return year, allocation, note


@transaction.atomic
def fund_set(*, actor, issuer: Organization, year: int, allocation: int, note: str = "") -> AwardFund:
    """Create the fund of ``issuer`` for ``year`` or change its allocation. The allocation may be set
    below what was already spent: the balance then shows negative (the money was paid)."""
    if not can_keep_fund(actor, issuer):
        raise PermissionDenied("Chỉ cơ quan thường trực hoặc quản trị hệ thống mới được đặt kinh phí "
                               f"Quỹ thi đua, khen thưởng của {issuer}.")
    year, allocation, note = _clean(year=year, allocation=allocation, note=note)
    # The issuer's row is the lock decision_issue takes too: a decision checked against the fund
    # and a change of its allocation happen one after the other, never interleaved.
    Organization.objects.select_for_update().get(pk=issuer.pk)
    fund = AwardFund.objects.filter(issuer=issuer, year=year).first()
    before = None
    if fund is None:
        fund = AwardFund.objects.create(issuer=issuer, year=year, allocation=allocation, note=note, created_by=actor)
    else:
        before = {"allocation": fund.allocation, "note": fund.note}
        fund.allocation, fund.note = allocation, note
        fund.save(update_fields=["allocation", "note", "updated_at"])
    audit_record(event_type=FUND_EVENT, actor=actor, target=fund, organization=issuer, before=before,
                 after={"year": year, "allocation": allocation, "note": note},
                 target_label=f"Quỹ thi đua, khen thưởng năm {year} — {issuer}")
    return fund
