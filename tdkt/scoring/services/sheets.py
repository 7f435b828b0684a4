"""A member's own sheet: save a draft, add evidence, submit by the deadline (with the unit leader's
sign-off when the organisation uses it; after the deadline only confirmed with a reason, recorded as
late); the head returns it."""

from collections.abc import Mapping

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.scope import scope_for
from tdkt.accounts.signoff import unit_roles
from tdkt.audit.models import AuditEventType
from tdkt.core.domain.signoff import SENT_BACK_PREFIX, Act, Refused, Stage, available, sending_act
from tdkt.core.domain.signoff import step as signoff_step
from tdkt.core.uploads import REPORT_KINDS, check_document
from tdkt.notifications.services import notify, users_of
from tdkt.organizations.models import Organization

from ..access import member_organizations
from ..models import CriteriaTemplate, Evidence, RoundStatus, ScoreSheet, ScoringRound, SheetEntry, SheetStatus
from ..notices import sheet_submitted_notify
from ..standings import parsed_template
from .common import (
    EntryInput,
    PermissionDenied,
    ValidationError,
    audit_record,
    clean_entries,
    require_manage,
    require_open,
)

MAX_EVIDENCE_PER_ITEM = 10
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def require_member(actor, scoring_round: ScoringRound, organization) -> None:
    if not member_organizations(scoring_round).filter(pk=organization.pk).exists():
        raise ValidationError({"organization": f"{organization} không phải thành viên của {scoring_round.block}."})
    if not scope_for(actor, "scoring.self").covers(organization):
        raise PermissionDenied(f"Bạn không có quyền chấm điểm thay mặt {organization}.")


def _require_editable(sheet: ScoreSheet) -> None:
    require_open(sheet.round)
    if not sheet.editable:
        raise ValidationError({"sheet": "Phiếu chấm đã nộp; chỉ sửa được khi trưởng khối trả lại."})


@transaction.atomic
def sheet_start(*, actor, scoring_round: ScoringRound, organization) -> ScoreSheet:
    """The member's sheet, created as a draft the first time; the template is frozen from then on."""
    require_member(actor, scoring_round, organization)
    sheet = ScoreSheet.objects.filter(round=scoring_round, organization=organization).first()
    if sheet is not None:
        return sheet
    require_open(scoring_round)
    frozen = CriteriaTemplate.objects.filter(pk=scoring_round.template_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
    sheet, _ = ScoreSheet.objects.get_or_create(round=scoring_round, organization=organization)
    audit_record(
        event_type=AuditEventType.SHEET_SAVED,
        actor=actor,
        target=sheet,
        organization=organization,
        after={"started": True, "template_frozen": bool(frozen)},
    )
    return sheet


def _locked(sheet: ScoreSheet) -> ScoreSheet:
    return ScoreSheet.objects.select_for_update().select_related("round__template", "organization").get(pk=sheet.pk)


@transaction.atomic
def sheet_save(*, actor, sheet: ScoreSheet, entries: Mapping[str, EntryInput]) -> ScoreSheet:
    """Save the self-scores given (code → (value, comment)); other items keep what they had."""
    sheet = _locked(sheet)
    require_member(actor, sheet.round, sheet.organization)
    _require_editable(sheet)
    cleaned = clean_entries(parsed_template(sheet.round.template), entries, who="Tự chấm")
    existing = {e.item_code: e for e in sheet.entries.all()}
    changed = []
    for code, (value, comment) in cleaned.items():
        entry = existing.get(code)
        if entry is None:
            SheetEntry.objects.create(sheet=sheet, item_code=code, value=value, comment=comment)
            changed.append(code)
        elif entry.value != value or entry.comment != comment:
            entry.value, entry.comment = value, comment
            entry.save(update_fields=["value", "comment"])
            changed.append(code)
    sheet.save(update_fields=["updated_at"])
    audit_record(
        event_type=AuditEventType.SHEET_SAVED,
        actor=actor,
        target=sheet,
        organization=sheet.organization,
        after={"items": changed},
    )
    return sheet


STAGES = {
    SheetStatus.DRAFT: Stage.PREPARING,
    SheetStatus.RETURNED: Stage.PREPARING,
    SheetStatus.AWAITING_SIGNOFF: Stage.AWAITING,
    SheetStatus.SUBMITTED: Stage.SENT,
}


def sheet_actions(actor, sheet: ScoreSheet) -> list[Act]:
    """The sign-off steps the user may take on the sheet now (the buttons the page and API offer)."""
    if sheet.round.status == RoundStatus.PUBLISHED or not scope_for(actor, "scoring.self").covers(sheet.organization):
        return []
    return available(STAGES[sheet.status], roles=unit_roles(actor, sheet.organization),
                     signoff_required=sheet.organization.leader_signoff)


def sends_late(sheet: ScoreSheet) -> bool:
    """A first submission after the self-scoring deadline (a returned sheet goes back whenever it is
    corrected): allowed, recorded as late, once the unit confirms it with a reason."""
    return sheet.submitted_at is None and timezone.localdate() > sheet.round.self_deadline


@transaction.atomic
def sheet_act(*, actor, sheet: ScoreSheet, action: str, reason: str = "", confirmed: bool = False) -> ScoreSheet:
    """One step of the unit's side (core/domain/signoff.py): submit (the leader's sign-off off),
    put before the leader, sign off and send, send back to the officer with a reason, recall."""
    sheet = _locked(sheet)
    require_member(actor, sheet.round, sheet.organization)
    require_open(sheet.round)
    reason = reason.strip()
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    if sheet.status == SheetStatus.SUBMITTED:
        raise ValidationError({"sheet": "Phiếu chấm đã nộp; chỉ sửa được khi trưởng khối trả lại."})
    try:
        step = signoff_step(STAGES[sheet.status], action, roles=unit_roles(actor, sheet.organization),
                            signoff_required=sheet.organization.leader_signoff, reason=reason)
    except Refused as refused:
        if refused.forbidden:
            raise PermissionDenied(refused.reason) from None
        raise ValidationError({"sheet": refused.reason}) from None
    before = sheet.status
    late = False
    if step.target is not Stage.PREPARING and not sheet.entries.exclude(value__isnull=True).exists():
        raise ValidationError({"sheet": "Phiếu chấm chưa có điểm nào."})
    if step.target is Stage.SENT:
        late = sends_late(sheet)
        if late and not (confirmed and reason):
            raise ValidationError({"reason": ValidationError(
                f"Đã quá hạn nộp phiếu tự chấm ({sheet.round.self_deadline:%d/%m/%Y}): hãy xác nhận nộp muộn "
                "và ghi rõ lý do.", code="confirm_late")})
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = timezone.now()
        sheet.submitted_by = actor
        sheet.was_late = late
    elif step.target is Stage.AWAITING:
        sheet.status = SheetStatus.AWAITING_SIGNOFF
    else:  # back to the officer: a draft, or still "returned" when the head had returned it
        sheet.status = SheetStatus.DRAFT if sheet.submitted_at is None else SheetStatus.RETURNED
        if step.act is Act.SEND_BACK:
            sheet.return_reason = f"{SENT_BACK_PREFIX}{reason}"[:500]
            sheet.returned_at = timezone.now()
    sheet.save()
    audit_record(
        event_type=AuditEventType.SHEET_RETURNED if step.target is Stage.PREPARING else AuditEventType.SHEET_SUBMITTED,
        actor=actor,
        target=sheet,
        organization=sheet.organization,
        before={"status": before},
        after={"status": sheet.status, "action": step.act.value, "reason": reason, "late": late},
    )
    url = reverse("scoring:sheet", args=[sheet.pk])
    if step.target is Stage.SENT:
        sheet_submitted_notify(sheet)  # the reviewers have work waiting
    elif step.target is Stage.AWAITING:
        notify(users_of(sheet.organization, roles=("unit_leader",)), url=url,
               text=f"Phiếu tự chấm điểm thi đua {sheet.round.block} của {sheet.organization} chờ lãnh đạo ký duyệt.")
    elif step.act is Act.SEND_BACK:
        notify(users_of(sheet.organization, roles=("unit_officer",)), url=url,
               text=f"Lãnh đạo đơn vị trả lại phiếu tự chấm điểm thi đua {sheet.round.block}: {reason}")
    return sheet


def sheet_submit(*, actor, sheet: ScoreSheet, reason: str = "", confirmed: bool = False) -> ScoreSheet:
    """"Send the sheet": submitted when the leader's sign-off is off; with it on, the leader signs it
    off and the officer puts it before the leader."""
    organization = Organization.objects.only("leader_signoff").get(pk=sheet.organization_id)
    action = sending_act(roles=unit_roles(actor, sheet.organization), signoff_required=organization.leader_signoff)
    if sheet.status == SheetStatus.AWAITING_SIGNOFF:
        action = Act.SIGN_OFF
    return sheet_act(actor=actor, sheet=sheet, action=action, reason=reason, confirmed=confirmed)


@transaction.atomic
def sheet_return(*, actor, sheet: ScoreSheet, reason: str) -> ScoreSheet:
    sheet = _locked(sheet)
    require_manage(actor, sheet.round)
    require_open(sheet.round)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do trả lại phiếu chấm."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    if sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError({"sheet": "Chỉ trả lại được phiếu đã nộp."})
    sheet.status = SheetStatus.RETURNED
    sheet.return_reason = reason
    sheet.returned_at = timezone.now()
    sheet.save()
    notify(
        users_of(sheet.organization),
        text=f"Phiếu chấm điểm thi đua {sheet.round.block} bị trả lại: {reason}",
        url=reverse("scoring:sheet", args=[sheet.pk]),
    )
    audit_record(
        event_type=AuditEventType.SHEET_RETURNED,
        actor=actor,
        target=sheet,
        organization=sheet.organization,
        after={"reason": reason},
    )
    return sheet


@transaction.atomic
def evidence_add(*, actor, sheet: ScoreSheet, item_code: str, upload) -> Evidence:
    sheet = _locked(sheet)
    require_member(actor, sheet.round, sheet.organization)
    _require_editable(sheet)
    template = parsed_template(sheet.round.template)
    item = template.by_code().get(item_code)
    if item is None or item.is_section:
        raise ValidationError({"item_code": f"Mục {item_code} không phải tiêu chí chấm điểm của bảng này."})
    if sheet.evidence.filter(item_code=item_code).count() >= MAX_EVIDENCE_PER_ITEM:
        raise ValidationError({"file": f"Mục {item_code} đã có {MAX_EVIDENCE_PER_ITEM} tệp minh chứng."})
    kind = check_document(
        upload, kinds=REPORT_KINDS, max_bytes=MAX_EVIDENCE_BYTES, field="file", missing="Hãy chọn tệp minh chứng."
    )
    upload.seek(0)
    evidence = Evidence(
        sheet=sheet,
        item_code=item_code,
        original_name=upload.name[-255:],
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(f"minh-chung{kind.extension}", upload, save=False)
    evidence.save()
    audit_record(
        event_type=AuditEventType.EVIDENCE_ADDED,
        actor=actor,
        target=sheet,
        organization=sheet.organization,
        after={"item": item_code, "file": evidence.original_name, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    sheet = _locked(evidence.sheet)
    require_member(actor, sheet.round, sheet.organization)
    _require_editable(sheet)
    name, code = evidence.original_name, evidence.item_code
    stored = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    audit_record(
        event_type=AuditEventType.EVIDENCE_REMOVED,
        actor=actor,
        target=sheet,
        organization=sheet.organization,
        before={"item": code, "file": name},
    )


__all__ = [
    "RoundStatus",
    "evidence_add",
    "evidence_remove",
    "sheet_return",
    "sheet_save",
    "sheet_start",
    "sheet_act",
    "sheet_actions",
    "sheet_submit",
]
