"""What participants do (register, sign, report) and how the head answers. One transaction and
one audit event each; the head and the unit are notified where the other has to act."""

from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.core.uploads import check_document
from tdkt.records.domain.codes import HONOURS

from ..domain.deadlines import is_late
from ..models import (
    CovenantSignature,
    Movement,
    Registration,
    RegistrationItem,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)
from .common import ValidationError, audit_record, require_issued, require_manage, require_participant


@transaction.atomic
def registration_submit(
    *, actor, movement: Movement, organization, items: list[tuple[str, str]], note: str = ""
) -> Registration:
    """Register the titles (and targets) a participant aims for. After the deadline it waits for the
    head's approval (Kế hoạch: "đăng ký … trước ngày 15/3")."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_issued(movement)
    require_participant(actor, movement, organization)
    if not items:
        raise ValidationError({"items": "Hãy đăng ký ít nhất một danh hiệu hoặc hình thức khen thưởng."})
    codes = [code for code, _ in items]
    unknown = [c for c in codes if c not in HONOURS]
    if unknown or len(set(codes)) != len(codes):
        raise ValidationError({"items": "Danh hiệu không hợp lệ hoặc bị lặp."})
    if Registration.objects.filter(movement=movement, organization=organization).exists():
        raise ValidationError({"items": f"{organization} đã đăng ký thi đua cho phong trào này."})
    now = timezone.now()
    late = movement.registration_deadline is not None and is_late(movement.registration_deadline, timezone.localdate())
    registration = Registration.objects.create(
        movement=movement,
        organization=organization,
        registered_at=now,
        registered_by=actor,
        note=note.strip(),
        status=RegistrationStatus.LATE_PENDING if late else RegistrationStatus.REGISTERED,
    )
    RegistrationItem.objects.bulk_create(
        RegistrationItem(registration=registration, award_code=code, target_text=text.strip()) for code, text in items
    )
    audit_record(
        event_type=AuditEventType.REGISTRATION_SUBMITTED,
        actor=actor,
        target=movement,
        organization=organization,
        after={"items": codes, "late": late, "note": note.strip()},
    )
    return registration


@transaction.atomic
def registration_decide(*, actor, registration: Registration, accept: bool, note: str = "") -> Registration:
    """The head accepts or refuses a late registration."""
    registration = Registration.objects.select_for_update().select_related("movement").get(pk=registration.pk)
    require_manage(actor, registration.movement)
    if registration.status != RegistrationStatus.LATE_PENDING:
        raise ValidationError({"status": "Đăng ký này không chờ duyệt."})
    if not accept and not note.strip():
        raise ValidationError({"note": "Hãy ghi lý do không chấp nhận."})
    registration.status = RegistrationStatus.ACCEPTED_LATE if accept else RegistrationStatus.REFUSED_LATE
    registration.decided_by, registration.decision_note = actor, note.strip()
    registration.save(update_fields=["status", "decided_by", "decision_note"])
    audit_record(
        event_type=AuditEventType.REGISTRATION_DECIDED,
        actor=actor,
        target=registration.movement,
        organization=registration.organization,
        after={"status": registration.status, "note": note},
    )
    return registration


@transaction.atomic
def covenant_sign(*, actor, movement: Movement, organization, signer_name: str, signer_title: str) -> CovenantSignature:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_issued(movement)
    require_participant(actor, movement, organization)
    if not signer_name.strip() or not signer_title.strip():
        raise ValidationError({"signer_name": "Ghi rõ họ tên và chức vụ người ký."})
    if CovenantSignature.objects.filter(movement=movement, organization=organization).exists():
        raise ValidationError({"organization": f"{organization} đã ký giao ước."})
    signature = CovenantSignature.objects.create(
        movement=movement,
        organization=organization,
        signed_by=actor,
        signer_name=" ".join(signer_name.split()),
        signer_title=signer_title.strip(),
        signed_at=timezone.now(),
    )
    audit_record(
        event_type=AuditEventType.COVENANT_SIGNED,
        actor=actor,
        target=movement,
        organization=organization,
        after={"signer_name": signature.signer_name, "signer_title": signature.signer_title},
    )
    return signature


@transaction.atomic
def report_submit(*, actor, milestone, organization, upload, figures: dict | None = None) -> ReportSubmission:
    """Submit (or resubmit after a return) a milestone's report: the file is checked by content and
    size first, and a submission after the deadline is marked late."""
    movement = milestone.movement
    require_issued(movement)
    require_participant(actor, movement, organization)
    kind = check_document(upload)
    existing = (
        ReportSubmission.objects.select_for_update().filter(milestone=milestone, organization=organization).first()
    )
    if existing is not None and existing.status != SubmissionStatus.RETURNED:
        raise ValidationError({"file": "Báo cáo đã nộp; chỉ nộp lại khi bị trả lại."})
    late = is_late(milestone.report_deadline, timezone.localdate())
    submission = existing or ReportSubmission(milestone=milestone, organization=organization)
    if existing is not None and existing.file:
        existing.file.delete(save=False)
    submission.file.save(f"{milestone.pk}-{organization.pk}{kind.extension}", upload, save=False)
    submission.original_name = (upload.name or "")[:255]
    submission.content_type = kind.content_type
    submission.size = upload.size
    submission.figures = figures or {}
    submission.submitted_by, submission.submitted_at = actor, timezone.now()
    submission.was_late = late
    submission.status = SubmissionStatus.LATE if late else SubmissionStatus.SUBMITTED
    submission.return_reason = ""
    submission.save()
    audit_record(
        event_type=AuditEventType.REPORT_SUBMITTED,
        actor=actor,
        target=milestone,
        organization=organization,
        after={"status": submission.status, "file": submission.original_name, "figures": submission.figures},
    )
    return submission


@transaction.atomic
def report_review(*, actor, submission: ReportSubmission, accept: bool, reason: str = "") -> ReportSubmission:
    """The head receives a report (đã tiếp nhận) or returns it with a reason (bị trả lại)."""
    submission = (
        ReportSubmission.objects.select_for_update().select_related("milestone__movement").get(pk=submission.pk)
    )
    require_manage(actor, submission.milestone.movement)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.LATE):
        raise ValidationError({"status": "Báo cáo này không chờ tiếp nhận."})
    if not accept and not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do trả lại."})
    before = submission.status
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
    submission.return_reason = "" if accept else reason.strip()
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    audit_record(
        event_type=AuditEventType.REPORT_ACCEPTED if accept else AuditEventType.REPORT_RETURNED,
        actor=actor,
        target=submission.milestone,
        organization=submission.organization,
        before={"status": before},
        after={"status": submission.status, "reason": submission.return_reason},
    )
    return submission
