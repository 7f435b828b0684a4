"""What participants do (register, sign, report) and how the head answers. One transaction and
one audit event each; the head and the unit are notified where the other has to act."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.core.domain.signoff import Act
from tdkt.core.uploads import check_document
from tdkt.notifications.services import notify, users_of
from tdkt.records.domain.codes import HONOURS

from ..domain.deadlines import is_late
from ..models import (
    ContentItem,
    CovenantMethod,
    CovenantSignature,
    Milestone,
    Movement,
    Registration,
    RegistrationItem,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)
from . import signoff
from .common import ValidationError, audit_record, require_issued, require_manage, require_participant

MAX_FIGURES = 5
HEAD_ROLES = ("block_head", "unit_leader")  # told when a late registration waits for them
MANAGER_ROLES = ("block_head", "standing_office", "unit_leader")  # told when a report waits to be received
REMINDER_KINDS = ("registration", "covenant", "report")
# Prepared by the unit but not sent (waiting for its leader, or sent back to the officer).
UNSENT_REGISTRATIONS = (RegistrationStatus.AWAITING_SIGNOFF, RegistrationStatus.SENT_BACK)


def _url(name: str, *args) -> str:
    return reverse(f"movements:{name}", args=args)


def _check_length(value: str, limit: int, field: str, label: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValidationError({field: f"{label} dài quá {limit} ký tự."})
    return value


@transaction.atomic
def registration_submit(
    *, actor, movement: Movement, organization, items: list[tuple[str, str]], note: str = ""
) -> Registration:
    """Register the titles (and targets) a participant aims for. After the deadline it waits for the
    head's approval (Kế hoạch: "đăng ký … trước ngày 15/3"), and the head is told."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_issued(movement)
    require_participant(actor, movement, organization)
    if not items:
        raise ValidationError({"items": "Hãy đăng ký ít nhất một danh hiệu hoặc hình thức khen thưởng."})
    codes = [code for code, _ in items]
    unknown = [c for c in codes if c not in HONOURS]
    if unknown or len(set(codes)) != len(codes):
        raise ValidationError({"items": "Danh hiệu không hợp lệ hoặc bị lặp."})
    items = [(code, _check_length(text, 300, "items", "Chỉ tiêu đăng ký")) for code, text in items]
    existing = Registration.objects.filter(movement=movement, organization=organization).first()
    if existing is not None and existing.status != RegistrationStatus.SENT_BACK:
        raise ValidationError({"items": f"{organization} đã đăng ký thi đua cho phong trào này."})
    if existing is not None:  # sent back by the unit's leader: prepared again from scratch
        existing.delete()
    # With the unit leader's sign-off on, an officer's registration waits for the leader first.
    act = signoff.sending(actor, organization)
    now = timezone.now()
    late = movement.registration_deadline is not None and is_late(movement.registration_deadline, timezone.localdate())
    status = RegistrationStatus.LATE_PENDING if late else RegistrationStatus.REGISTERED
    if act is Act.REQUEST_SIGNOFF:
        status, late = RegistrationStatus.AWAITING_SIGNOFF, False
    registration = Registration.objects.create(
        movement=movement,
        organization=organization,
        registered_at=now,
        registered_by=actor,
        note=note.strip(),
        status=status,
    )
    RegistrationItem.objects.bulk_create(
        RegistrationItem(registration=registration, award_code=code, target_text=text) for code, text in items
    )
    if late:
        notify(
            users_of(movement.organization, roles=HEAD_ROLES),
            text=f"{organization} đăng ký thi đua muộn cho “{movement}”, chờ duyệt.",
            url=_url("registrations", movement.pk),
        )
    if act is Act.REQUEST_SIGNOFF:
        signoff.tell_leader(organization, f"Đăng ký thi đua “{movement}” của {organization}",
                            _url("registrations", movement.pk))
    audit_record(
        event_type=AuditEventType.REGISTRATION_SUBMITTED,
        actor=actor,
        target=movement,
        organization=organization,
        after={"items": codes, "late": late, "note": note.strip(), "status": status, "action": act.value},
    )
    return registration


@transaction.atomic
def registration_decide(*, actor, registration: Registration, accept: bool, note: str = "") -> Registration:
    """The head accepts or refuses a late registration (a reason is required to refuse); the unit is told."""
    registration = Registration.objects.select_for_update().select_related("movement").get(pk=registration.pk)
    require_manage(actor, registration.movement)
    if registration.status != RegistrationStatus.LATE_PENDING:
        raise ValidationError({"status": "Đăng ký này không chờ duyệt."})
    note = _check_length(note, 500, "note", "Ghi chú")
    if not accept and not note:
        raise ValidationError({"note": "Hãy ghi lý do không chấp nhận."})
    registration.status = RegistrationStatus.ACCEPTED_LATE if accept else RegistrationStatus.REFUSED_LATE
    registration.decided_by, registration.decision_note = actor, note
    registration.save(update_fields=["status", "decided_by", "decision_note"])
    movement = registration.movement
    verdict = "được chấp nhận" if accept else f"không được chấp nhận. Lý do: {note}"
    notify(
        users_of(registration.organization),
        text=f"Đăng ký thi đua muộn của {registration.organization} cho “{movement}” {verdict}",
        url=_url("registrations", movement.pk),
    )
    audit_record(
        event_type=AuditEventType.REGISTRATION_DECIDED,
        actor=actor,
        target=movement,
        organization=registration.organization,
        after={"status": registration.status, "note": note},
    )
    return registration


def has_covenant(movement: Movement) -> bool:
    """Whether the plan has a covenant (giao ước thi đua): one it states, as contents of its own.
    Seed 000's block signs one; plan 3741/KH-UBND (seed 001) and the others state none, so nothing
    is signed, reminded or generated for them — never the plan's contents passed off as a covenant."""
    return movement.content_items.filter(part=ContentItem.COVENANT).exists()


def no_covenant(movement: Movement) -> str:
    return f"Kế hoạch “{movement}” không có giao ước thi đua."


@transaction.atomic
def covenant_record(*, actor, movement: Movement, organization, signer_name: str, signer_title: str
                    ) -> CovenantSignature:
    """Record a covenant signature made outside the system (on paper, before issue 15): NOT a digital
    signature, marked so everywhere (``CovenantMethod.PAPER``). The demo's 2022 history and test
    fixtures use it; the pages and the API sign only through ``services.covenant`` (an uploaded
    signed PDF, or the signing service)."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_issued(movement)
    require_participant(actor, movement, organization)
    if not has_covenant(movement):
        raise ValidationError({"movement": no_covenant(movement)})
    if not signer_name.strip() or not signer_title.strip():
        raise ValidationError({"signer_name": "Ghi rõ họ tên và chức vụ người ký."})
    signer_name = _check_length(" ".join(signer_name.split()), 150, "signer_name", "Họ tên người ký")
    signer_title = _check_length(signer_title, 200, "signer_title", "Chức vụ người ký")
    if CovenantSignature.objects.filter(movement=movement, organization=organization).exists():
        raise ValidationError({"organization": f"{organization} đã ký giao ước."})
    signature = CovenantSignature.objects.create(
        movement=movement,
        organization=organization,
        signed_by=actor,
        signer_name=signer_name,
        signer_title=signer_title,
        signed_at=timezone.now(),
        method=CovenantMethod.PAPER,
    )
    audit_record(
        event_type=AuditEventType.COVENANT_SIGNED,
        actor=actor,
        target=movement,
        organization=organization,
        after={"method": "paper", "signer_name": signature.signer_name, "signer_title": signature.signer_title},
    )
    return signature


# Callers that record past (paper) signatures under the former name (the documents' test fixtures).
covenant_sign = covenant_record


def clean_figures(figures: dict | None) -> dict:
    """Summary figures: at most five named whole numbers ≥ 0 ("Số tập thể được khen": 12)."""
    figures = figures or {}
    if not isinstance(figures, dict) or len(figures) > MAX_FIGURES:
        raise ValidationError({"figures": f"Tối đa {MAX_FIGURES} số liệu tóm tắt."})
    cleaned = {}
    for label, value in figures.items():
        label = " ".join(str(label).split())
        if not label or len(label) > 100:
            raise ValidationError({"figures": "Tên số liệu không được để trống và dài tối đa 100 ký tự."})
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError({"figures": f"“{label}” phải là số nguyên không âm."})
        cleaned[label] = value
    return cleaned


@transaction.atomic
def report_submit(*, actor, milestone, organization, upload, figures: dict | None = None, reason: str = "",
                  confirmed: bool = False) -> ReportSubmission:
    """Submit (or resubmit after a return) a milestone's report: the file is checked by content and
    size before anything is stored, and a submission after the deadline is marked late — only once
    the unit confirmed it with a reason (code ``confirm_late`` otherwise). With the unit leader's
    sign-off on, an officer's report waits for the leader (services/signoff.py sends it)."""
    milestone = Milestone.objects.select_for_update().select_related("movement").get(pk=milestone.pk)
    movement = milestone.movement
    require_issued(movement)
    require_participant(actor, movement, organization)
    kind = check_document(upload)
    figures = clean_figures(figures)
    existing = (
        ReportSubmission.objects.select_for_update().filter(milestone=milestone, organization=organization).first()
    )
    if existing is not None and existing.status != SubmissionStatus.RETURNED:
        raise ValidationError({"file": "Báo cáo đã nộp; chỉ nộp lại khi bị trả lại."})
    act = signoff.sending(actor, organization)
    late = is_late(milestone.report_deadline, timezone.localdate()) and act is not Act.REQUEST_SIGNOFF
    reason = _check_length(reason, 500, "reason", "Lý do nộp muộn")
    if late:
        signoff.require_late_confirmation(milestone, confirmed=confirmed, reason=reason)
    submission = existing or ReportSubmission(milestone=milestone, organization=organization)
    old_file = existing.file.name if existing is not None and existing.file else ""
    submission.file.save(f"{milestone.pk}-{organization.pk}{kind.extension}", upload, save=False)
    new_file = submission.file.name
    storage = submission.file.storage
    # The stored file follows the transaction: the new one goes if it rolls back, the old one once it commits.
    transaction.on_commit(lambda: old_file and old_file != new_file and storage.delete(old_file))
    try:
        submission.original_name = (upload.name or "")[:255]
        submission.content_type = kind.content_type
        submission.size = upload.size
        submission.figures = figures
        submission.submitted_by, submission.submitted_at = actor, timezone.now()
        submission.was_late = late
        submission.status = SubmissionStatus.LATE if late else SubmissionStatus.SUBMITTED
        if act is Act.REQUEST_SIGNOFF:
            submission.status = SubmissionStatus.AWAITING_SIGNOFF
        submission.return_reason = ""
        submission.reviewed_by, submission.reviewed_at = None, None
        submission.save()
        if act is Act.REQUEST_SIGNOFF:
            signoff.tell_leader(organization, f"Báo cáo “{milestone}” ({movement}) của {organization}",
                                _url("report_submit", movement.pk, milestone.pk))
        else:
            report_sent_notify(submission)
        audit_record(
            event_type=AuditEventType.REPORT_SUBMITTED,
            actor=actor,
            target=milestone,
            organization=organization,
            after={"status": submission.status, "file": submission.original_name, "figures": figures,
                   "action": act.value, "reason": reason, "late": late},
        )
    except Exception:
        storage.delete(new_file)
        raise
    return submission


def report_sent_notify(submission: ReportSubmission) -> None:
    milestone, organization = submission.milestone, submission.organization
    movement = milestone.movement
    notify(  # the issuing organisation's head receives or returns it
        users_of(movement.organization, roles=MANAGER_ROLES),
        text=f"{organization} đã nộp báo cáo “{milestone}” ({movement})"
        + (" sau hạn" if submission.was_late else "") + ": chờ tiếp nhận.",
        url=_url("reports", movement.pk),
    )


@transaction.atomic
def report_review(*, actor, submission: ReportSubmission, accept: bool, reason: str = "") -> ReportSubmission:
    """The head receives a report (đã tiếp nhận) or returns it with a reason (bị trả lại); the unit is
    told of a return, since it has to submit again."""
    submission = (
        ReportSubmission.objects.select_for_update().select_related("milestone__movement").get(pk=submission.pk)
    )
    require_manage(actor, submission.milestone.movement)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.LATE):
        raise ValidationError({"status": "Báo cáo này không chờ tiếp nhận."})
    reason = _check_length(reason, 500, "reason", "Lý do trả lại")
    if not accept and not reason:
        raise ValidationError({"reason": "Hãy ghi lý do trả lại."})
    before = submission.status
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
    submission.return_reason = "" if accept else reason
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    milestone = submission.milestone
    if not accept:
        notify(
            users_of(submission.organization),
            text=f"Báo cáo “{milestone}” của {submission.organization} bị trả lại. Lý do: {reason}. "
            "Hãy nộp lại báo cáo.",
            url=_url("report_submit", milestone.movement_id, milestone.pk),
        )
    audit_record(
        event_type=AuditEventType.REPORT_ACCEPTED if accept else AuditEventType.REPORT_RETURNED,
        actor=actor,
        target=milestone,
        organization=submission.organization,
        before={"status": before},
        after={"status": submission.status, "reason": submission.return_reason},
    )
    return submission


def missing_participants(movement: Movement, kind: str, milestone: Milestone | None = None):
    """The participants that still owe something: a registration, a signature, or a milestone's
    report (none yet, or returned)."""
    participants = movement.participants.select_related("organization")
    if kind == "registration":
        sent = movement.registrations.exclude(status__in=UNSENT_REGISTRATIONS)
        return participants.exclude(organization_id__in=sent.values("organization_id"))
    if kind == "covenant":
        if not has_covenant(movement):
            return participants.none()  # nothing to sign: nobody owes a signature
        return participants.exclude(organization_id__in=movement.signatures.values("organization_id"))
    if kind == "report" and milestone is not None and milestone.movement_id == movement.pk:
        done = milestone.submissions.exclude(
            status__in=(SubmissionStatus.RETURNED, SubmissionStatus.AWAITING_SIGNOFF)).values("organization_id")
        return participants.exclude(organization_id__in=done)
    raise ValueError(f"Unknown reminder {kind!r}")


@transaction.atomic
def reminders_send(*, actor, movement: Movement, kind: str, milestone: Milestone | None = None) -> tuple[int, int]:
    """The head's "Nhắc nhở": notify the users of every participant that still owes `kind`.
    Returns (organisations reminded, users notified)."""
    require_manage(actor, movement)
    require_issued(movement)
    if kind == "covenant" and not has_covenant(movement):
        raise ValidationError({"kind": no_covenant(movement)})
    missing = [p.organization for p in missing_participants(movement, kind, milestone)]
    if kind == "registration":
        deadline = movement.registration_deadline
        what, url = f"đăng ký thi đua cho “{movement}”", _url("register", movement.pk)
    elif kind == "covenant":
        deadline = None
        what, url = f"ký giao ước thi đua “{movement}”", _url("sign", movement.pk)
    else:
        deadline = milestone.report_deadline
        what, url = f"nộp báo cáo “{milestone}” ({movement})", _url("report_submit", movement.pk, milestone.pk)
    due = f" (hạn {deadline:%d/%m/%Y})" if deadline else ""
    users = 0
    for organization in missing:
        users += notify(users_of(organization), text=f"Nhắc nhở: {organization} chưa {what}{due}.", url=url)
    audit_record(
        event_type=AuditEventType.REMINDERS_SENT,
        actor=actor,
        target=milestone if kind == "report" else movement,
        organization=movement.organization,
        after={"kind": kind, "organizations": [o.pk for o in missing], "users": users},
    )
    return len(missing), users
