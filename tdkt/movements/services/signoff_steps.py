"""The unit leader's answer to a registration or a report its officer prepared: sign it off (it is
sent as the officer's direct sending would have been), send it back to the officer with a reason,
or — the officer — take it back. One transaction and one audit event each; the other side is told."""

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.signoff import unit_roles
from tdkt.audit.models import AuditEventType
from tdkt.core.domain.signoff import SENT_BACK_PREFIX, Act, Refused, Stage, step

from ..domain.deadlines import is_late
from ..models import Registration, RegistrationStatus, ReportSubmission, SubmissionStatus
from . import signoff
from .common import PermissionDenied, ValidationError, audit_record, require_issued, require_participant
from .participation import HEAD_ROLES, _check_length, _url, notify, report_sent_notify, users_of


def _step(actor, organization, stage: Stage, action: str, reason: str):
    try:
        return step(stage, action, roles=unit_roles(actor, organization),
                    signoff_required=signoff.signoff_required(organization), reason=reason)
    except Refused as refused:
        if refused.forbidden:
            raise PermissionDenied(refused.reason) from None
        raise ValidationError({"status": refused.reason}) from None


def registration_stage(registration: Registration) -> Stage:
    if registration.status == RegistrationStatus.AWAITING_SIGNOFF:
        return Stage.AWAITING
    return Stage.PREPARING if registration.status == RegistrationStatus.SENT_BACK else Stage.SENT


def report_stage(submission: ReportSubmission) -> Stage:
    if submission.status == SubmissionStatus.AWAITING_SIGNOFF:
        return Stage.AWAITING
    return Stage.PREPARING if submission.status == SubmissionStatus.RETURNED else Stage.SENT


@transaction.atomic
def registration_signoff(*, actor, registration: Registration, action: str, reason: str = "") -> Registration:
    registration = Registration.objects.select_for_update().select_related("movement", "organization").get(
        pk=registration.pk)
    movement, organization = registration.movement, registration.organization
    require_issued(movement)
    require_participant(actor, movement, organization)
    reason = _check_length(reason, 500, "reason", "Lý do trả lại")
    done = _step(actor, organization, registration_stage(registration), action, reason)
    before = registration.status
    late = False
    if done.target is Stage.SENT:
        late = movement.registration_deadline is not None and is_late(movement.registration_deadline,
                                                                       timezone.localdate())
        registration.status = RegistrationStatus.LATE_PENDING if late else RegistrationStatus.REGISTERED
        registration.registered_at = timezone.now()  # sent now, in the leader's name
        registration.decision_note = ""
    else:
        registration.status = RegistrationStatus.SENT_BACK
        registration.decision_note = f"{SENT_BACK_PREFIX}{reason}"[:500] if reason else ""
    registration.save(update_fields=["status", "registered_at", "decision_note"])
    url = _url("registrations", movement.pk)
    if late:
        notify(users_of(movement.organization, roles=HEAD_ROLES),
               text=f"{organization} đăng ký thi đua muộn cho “{movement}”, chờ duyệt.", url=url)
    if done.act is Act.SEND_BACK:
        signoff.tell_officers(organization, f"đăng ký thi đua “{movement}”", reason, url)
    audit_record(event_type=AuditEventType.REGISTRATION_SUBMITTED, actor=actor, target=movement,
                 organization=organization, before={"status": before},
                 after={"status": registration.status, "action": done.act.value, "reason": reason, "late": late})
    return registration


@transaction.atomic
def report_signoff(*, actor, submission: ReportSubmission, action: str, reason: str = "",
                   confirmed: bool = False) -> ReportSubmission:
    submission = ReportSubmission.objects.select_for_update().select_related(
        "milestone__movement", "organization").get(pk=submission.pk)
    milestone, organization = submission.milestone, submission.organization
    movement = milestone.movement
    require_issued(movement)
    require_participant(actor, movement, organization)
    reason = _check_length(reason, 500, "reason", "Lý do")
    done = _step(actor, organization, report_stage(submission), action, reason)
    before = submission.status
    late = False
    if done.target is Stage.SENT:
        late = is_late(milestone.report_deadline, timezone.localdate())
        if late:
            signoff.require_late_confirmation(milestone, confirmed=confirmed, reason=reason)
        submission.status = SubmissionStatus.LATE if late else SubmissionStatus.SUBMITTED
        submission.was_late = late
        submission.submitted_at = timezone.now()
        submission.return_reason = ""
    else:
        submission.status = SubmissionStatus.RETURNED  # the officer submits it again
        submission.return_reason = f"{SENT_BACK_PREFIX}{reason}"[:500] if reason else ""
    submission.save(update_fields=["status", "was_late", "submitted_at", "return_reason"])
    if done.target is Stage.SENT:
        report_sent_notify(submission)
    elif done.act is Act.SEND_BACK:
        signoff.tell_officers(organization, f"báo cáo “{milestone}” ({movement})", reason,
                              _url("report_submit", movement.pk, milestone.pk))
    audit_record(event_type=AuditEventType.REPORT_SUBMITTED, actor=actor, target=milestone,
                 organization=organization, before={"status": before},
                 after={"status": submission.status, "action": done.act.value, "reason": reason, "late": late})
    return submission
