from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.audit.services import audit_record
from tdkt.core.domain.numbers import format_number

from ..access import can_manage
from ..domain import Template, check_entries
from ..models import RoundStatus, ScoringRound

__all__ = ["PermissionDenied", "ValidationError", "audit_record", "clean_entries", "require_manage", "require_open"]

MAX_COMMENT = 2000
LARGEST = Decimal(10_000_000)  # the columns hold 7 digits before the point

EntryInput = tuple[Decimal | None, str]


def require_manage(actor, scoring_round: ScoringRound) -> None:
    if not can_manage(actor, scoring_round):
        raise PermissionDenied("Bạn không có quyền điều hành việc chấm điểm của khối này.")


def require_open(scoring_round: ScoringRound) -> None:
    if scoring_round.status == RoundStatus.PUBLISHED:
        raise ValidationError({"round": "Kết quả đã công bố; phiếu chấm và điểm thẩm định không sửa được nữa."})


def clean_entries(template: Template, entries: Mapping[str, EntryInput], *, who: str) -> dict[str, EntryInput]:
    """Entries checked against the template, each fault under its item code (as a form field)."""
    items = template.by_code()
    errors: dict[str, str] = {}
    cleaned: dict[str, EntryInput] = {}
    for code, (value, comment) in entries.items():
        item = items.get(code)
        if item is None or item.is_section:
            errors[code] = f"Mục {code} không phải tiêu chí chấm điểm của bảng này."
            continue
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT:
            errors[code] = f"Mục {code}: ghi chú dài quá {MAX_COMMENT} ký tự."
            continue
        if value is not None and abs(value) >= LARGEST:
            errors[code] = f"Mục {code}: số {format_number(value)} quá lớn."  # as typed: "12.345.678,5"
            continue
        if value is not None:
            raw = {code: {"count" if item.counted else "points": _json_value(value)}}
            _, faults = check_entries(template, raw, who)
            if faults:
                errors[code] = faults[0][0].upper() + faults[0][1:] + "."
                continue
        cleaned[code] = (value, comment)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _json_value(value: Decimal):
    # check_entries reads JSON numbers; a whole Decimal stays an int so counts are accepted.
    return int(value) if value == value.to_integral_value() else value
