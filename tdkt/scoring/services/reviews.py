"""Reviews (chấm thẩm định): a reviewing organisation scores a submitted sheet, completes it (then it
counts in the final score), or recuses itself for a conflict of interest. A reviewer never scores
its own organisation: the attempt is refused and recorded in the audit log."""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType

from ..access import in_conflict, reviewer_organizations
from ..models import Review, ReviewEntry, ReviewStatus, ScoreSheet, SheetStatus
from ..standings import parsed_template
from .common import EntryInput, PermissionDenied, ValidationError, audit_record, clean_entries, require_open


def _require_reviewer(actor, sheet: ScoreSheet, reviewer) -> None:
    if not reviewer_organizations(sheet.round).filter(pk=reviewer.pk).exists():
        raise PermissionDenied(f"{reviewer} không được phân công chấm thẩm định {sheet.round.block}.")
    if not scope_for(actor, "scoring.review").covers(reviewer):
        raise PermissionDenied(f"Bạn không có quyền chấm thẩm định thay mặt {reviewer}.")
    if in_conflict(reviewer, sheet.organization):
        # Recorded outside the refused transaction, so the attempt stays on the record.
        audit_record(
            event_type=AuditEventType.REVIEW_CONFLICT_REFUSED,
            actor=actor,
            target=sheet,
            organization=sheet.organization,
            after={"reviewer": str(reviewer)},
        )
        raise PermissionDenied(f"{reviewer} không được chấm thẩm định phiếu của chính đơn vị mình (xung đột lợi ích).")


def _require_reviewable(sheet: ScoreSheet) -> None:
    require_open(sheet.round)
    if sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError({"sheet": "Phiếu chấm chưa nộp (hoặc đã bị trả lại) nên chưa chấm thẩm định được."})


def review_save(
    *, actor, sheet: ScoreSheet, reviewer, entries: Mapping[str, EntryInput], complete: bool = False
) -> Review:
    """Save the reviewer's scores; ``complete`` makes the review count in the final score."""
    _require_reviewer(actor, sheet, reviewer)
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("round__template").get(pk=sheet.pk)
        _require_reviewable(sheet)
        cleaned = clean_entries(parsed_template(sheet.round.template), entries, who="Thẩm định")
        review, _ = Review.objects.get_or_create(sheet=sheet, reviewer=reviewer, defaults={"updated_by": actor})
        if review.status == ReviewStatus.RECUSED:
            raise ValidationError({"review": f"{reviewer} đã từ chối chấm phiếu này vì xung đột lợi ích."})
        existing = {e.item_code: e for e in review.entries.all()}
        for code, (value, comment) in cleaned.items():
            entry = existing.get(code)
            if entry is None:
                ReviewEntry.objects.create(review=review, item_code=code, value=value, comment=comment)
            elif entry.value != value or entry.comment != comment:
                entry.value, entry.comment = value, comment
                entry.save(update_fields=["value", "comment"])
        if complete:
            review.status = ReviewStatus.COMPLETED
            review.completed_at = timezone.now()
        review.updated_by = actor
        review.save()
        audit_record(
            event_type=AuditEventType.REVIEW_COMPLETED if complete else AuditEventType.REVIEW_SAVED,
            actor=actor,
            target=sheet,
            organization=sheet.organization,
            after={"reviewer": str(reviewer), "items": sorted(cleaned)},
        )
    return review


def review_recuse(*, actor, sheet: ScoreSheet, reviewer, reason: str) -> Review:
    """Declare a conflict of interest on a sheet: the review never counts; the reason stays."""
    _require_reviewer(actor, sheet, reviewer)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Hãy ghi rõ lý do xung đột lợi ích."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("round").get(pk=sheet.pk)
        require_open(sheet.round)
        review, _ = Review.objects.get_or_create(sheet=sheet, reviewer=reviewer, defaults={"updated_by": actor})
        review.entries.all().delete()
        review.status = ReviewStatus.RECUSED
        review.recusal_reason = reason
        review.completed_at = None
        review.updated_by = actor
        review.save()
        audit_record(
            event_type=AuditEventType.REVIEW_RECUSED,
            actor=actor,
            target=sheet,
            organization=sheet.organization,
            after={"reviewer": str(reviewer), "reason": reason},
        )
    return review
