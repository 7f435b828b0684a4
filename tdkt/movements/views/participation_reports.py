"""Pages of report submissions (báo cáo sơ kết, tổng kết): the head's matrix of milestones ×
participants, submitting and resubmitting, reviewing, downloading. Files are only ever sent as
attachments (never inline), to the submitting organisation's users and the movement's managers."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.signoff import unit_roles
from tdkt.core.confirm import asks_late_confirmation, is_confirmed
from tdkt.core.days import late_for_leader
from tdkt.core.domain.signoff import LABELS, Act, sending_act
from tdkt.core.downloads import stored_file_response
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param

from ..domain.consolidation import consolidate
from ..forms_participation import ReportForm, ReviewForm
from ..models import Milestone, MovementStatus, ReportSubmission, SubmissionStatus
from ..selectors import can_manage, movement_get, participant_organizations
from ..services.participation import report_review, report_submit
from ..services.signoff_steps import report_signoff
from .participation import acting_for, detail_filter, ordered_participants, remind, require
from .signoff import late_confirmation, signoff_buttons

MISSING, OVERDUE = "missing", "overdue"
STATE_BADGES = {
    MISSING: "text-bg-light border",
    SubmissionStatus.AWAITING_SIGNOFF: "text-bg-info",
    OVERDUE: "text-bg-secondary",
    SubmissionStatus.SUBMITTED: "text-bg-primary",
    SubmissionStatus.LATE: "text-bg-warning",
    SubmissionStatus.RETURNED: "text-bg-danger",
    SubmissionStatus.ACCEPTED: "text-bg-success",
}
DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.LATE, SubmissionStatus.ACCEPTED)
AWAITING_REVIEW = (SubmissionStatus.SUBMITTED, SubmissionStatus.LATE)


@dataclass
class Cell:
    milestone: Milestone
    submission: ReportSubmission | None
    state: str
    can_submit: bool

    @property
    def label(self) -> str:
        if self.state == MISSING:
            return _("Not submitted")
        if self.state == OVERDUE:
            return _("Not submitted, overdue")
        if self.submission is not None and self.submission.sent_back_reason:
            return _("Sent back by the leader")
        return SubmissionStatus(self.state).label

    @property
    def badge(self) -> str:
        if self.submission is not None and self.submission.sent_back_reason:
            return "text-bg-warning"
        return STATE_BADGES[self.state]

    @property
    def awaiting_review(self) -> bool:
        return self.state in AWAITING_REVIEW


def _submission_get(user, movement, submission_pk) -> ReportSubmission:
    submission = get_object_or_404(
        ReportSubmission.objects.select_related("milestone", "organization", "submitted_by", "reviewed_by"),
        pk=submission_pk,
        milestone__movement=movement,
    )
    if not detail_filter(user, movement)(submission.organization):
        raise Http404(_("Report not found."))
    return submission


def _stats(milestone, participants, submissions) -> dict:
    rows = [submissions.get((milestone.pk, o.pk)) for o in participants]
    done = [s for s in rows if s is not None and s.status in DONE]
    counts = {
        "done": len(done),
        "total": len(participants),
        "late": sum(s.was_late for s in done),
        "returned": sum(1 for s in rows if s is not None and s.status == SubmissionStatus.RETURNED),
        "accepted": sum(1 for s in done if s.status == SubmissionStatus.ACCEPTED),
        "waiting": sum(1 for s in done if s.status in AWAITING_REVIEW),
    }
    counts["text"] = _("%(done)d/%(total)d submitted, %(late)d late") % counts
    counts["detail"] = _("%(returned)d returned, %(accepted)d accepted, %(waiting)d awaiting review") % counts
    return counts


def reports_view(request, pk):
    movement = movement_get(request.user, pk)
    manager = can_manage(request.user, movement)
    visible = detail_filter(request.user, movement)
    participants = [o for o in ordered_participants(movement) if visible(o)]
    milestones = list(movement.milestones.all())
    submissions = {
        (s.milestone_id, s.organization_id): s
        for s in ReportSubmission.objects.filter(milestone__movement=movement, organization__in=participants)
    }
    issued = movement.status == MovementStatus.ISSUED
    acting = set(acting_for(request.user, movement).values_list("pk", flat=True)) if issued else set()
    today = timezone.localdate()
    rows = []
    for organization in participants:
        cells = []
        for milestone in milestones:
            submission = submissions.get((milestone.pk, organization.pk))
            if submission is None:
                state = OVERDUE if today > milestone.report_deadline else MISSING
            else:
                state = submission.status
            can_submit = organization.pk in acting and state in (MISSING, OVERDUE, SubmissionStatus.RETURNED)
            cells.append(Cell(milestone, submission, state, can_submit))
        rows.append((organization, cells))
    columns = [(m, _stats(m, participants, submissions)) for m in milestones]
    return render(
        request,
        "movements/reports.html",
        {"movement": movement, "columns": columns, "rows": rows, "manager": manager, "is_issued": issued},
    )


def report_submit_view(request, pk, milestone_pk):
    movement = movement_get(request.user, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, movement=movement)
    require(participant_organizations(request.user, movement).exists())
    existing = {s.organization_id: s for s in milestone.submissions.select_related("organization")}
    done = [org_id for org_id, s in existing.items() if s.status != SubmissionStatus.RETURNED]
    organizations = acting_for(request.user, movement, exclude_ids=done)
    if movement.status != MovementStatus.ISSUED or not organizations.exists():
        messages.info(request, _("There is no report for you to submit for this milestone."))
        return redirect("movements:reports", movement.pk)
    org_id = request.GET.get("org", "")
    initial = {"organization": int_param(org_id)} if int_param(org_id) else {}
    form = ReportForm(request.POST or None, request.FILES or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = report_submit(
                actor=request.user,
                milestone=milestone,
                organization=data["organization"],
                upload=data["file"],
                figures=data["figures"],
                reason=request.POST.get("reason", ""),
                confirmed=is_confirmed(request.POST),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if submission.status == SubmissionStatus.AWAITING_SIGNOFF:
                messages.success(request, _("The report was put before the unit leader for sign-off."))
            elif submission.status == SubmissionStatus.LATE:
                messages.warning(request, _("Report submitted after the deadline: it is marked late."))
            else:
                messages.success(request, _("Report submitted."))
            return redirect("movements:reports", movement.pk)
    allowed = set(organizations.values_list("pk", flat=True))
    returned = [s for s in existing.values() if s.status == SubmissionStatus.RETURNED and s.organization_id in allowed]
    return render(
        request,
        "movements/report_submit.html",
        {
            "movement": movement,
            "milestone": milestone,
            "form": form,
            "returned": returned,
            "late": timezone.localdate() > milestone.report_deadline,
            "late_reason": request.POST.get("reason", ""),
            **_to_leader(request.user, organizations, milestone),
        },
    )


def _to_leader(user, organizations, milestone) -> dict:
    """When every organisation the officer may report for uses the leader's sign-off, the report only
    goes before the leader: no late confirmation for the officer, a warning that the leader will give it."""
    # organisations are loaded with their leader_signoff: no query per organisation
    if any(sending_act(roles=unit_roles(user, org), signoff_required=org.leader_signoff) is not Act.REQUEST_SIGNOFF
           for org in organizations):
        return {"to_leader": False, "late_warning": ""}
    return {"to_leader": True, "send_label": LABELS[Act.REQUEST_SIGNOFF],
            "late_warning": late_for_leader(milestone.report_deadline)}


def report_review_view(request, pk, submission_pk):
    """A submitted report: its figures and file for whoever may see it; accept or return for the head."""
    movement = movement_get(request.user, pk)
    submission = _submission_get(request.user, movement, submission_pk)
    manager = can_manage(request.user, movement)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        require(manager)
        if form.is_valid():
            accept = form.cleaned_data["action"] == "accept"
            try:
                report_review(
                    actor=request.user, submission=submission, accept=accept, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if accept:
                    text = _("Report of %(org)s accepted.")
                else:
                    text = _("Report of %(org)s returned; the unit is notified.")
                messages.success(request, text % {"org": submission.organization})
                return redirect("movements:reports", movement.pk)
    return render(
        request,
        "movements/report_submit.html",
        {
            "movement": movement,
            "milestone": submission.milestone,
            "submission": submission,
            "badge": "text-bg-warning" if submission.sent_back_reason else STATE_BADGES[submission.status],
            "status_label": _("Sent back by the leader") if submission.sent_back_reason
            else submission.get_status_display(),
            "review_form": form if manager and submission.status in AWAITING_REVIEW else None,
            "signoff_actions": signoff_buttons(request.user, submission),
        },
    )


def report_file_view(request, pk, submission_pk):
    movement = movement_get(request.user, pk)
    submission = _submission_get(request.user, movement, submission_pk)
    return stored_file_response(submission.file, filename=submission.original_name,
                                content_type=submission.content_type, missing=_("The report file is missing."))


@require_POST
def remind_reports_view(request, pk, milestone_pk):
    movement = movement_get(request.user, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, movement=movement)
    require(can_manage(request.user, movement))
    remind(request, movement, "report", milestone)
    return redirect("movements:reports", movement.pk)


@require_POST
def report_signoff_view(request, pk, submission_pk, action):
    movement = movement_get(request.user, pk)
    submission = _submission_get(request.user, movement, submission_pk)
    back = reverse("movements:report_review", args=[movement.pk, submission.pk])
    try:
        report_signoff(actor=request.user, submission=submission, action=action,
                       reason=request.POST.get("reason", ""), confirmed=is_confirmed(request.POST))
    except ValidationError as exc:
        if asks_late_confirmation(exc):
            return late_confirmation(
                request, submission.milestone, cancel_url=back,
                action_url=reverse("movements:report_signoff", args=[movement.pk, submission.pk, action]),
                subject=f"{submission.milestone} — {submission.organization}")
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("Done: %(action)s.") % {"action": LABELS.get(action, action)})
    return redirect("movements:reports", movement.pk)


def milestone_summary(user, movement, milestone):
    """The milestone's consolidated figures over the participants the user may see, and the rows."""
    visible = detail_filter(user, movement)
    participants = [o for o in ordered_participants(movement) if visible(o)]
    submissions = {s.organization_id: s for s in milestone.submissions.filter(organization__in=participants)}
    reports = {o: (s.status, s.was_late, s.figures) for o in participants if (s := submissions.get(o.pk))}
    return consolidate(participants, reports), participants, submissions


def milestone_summary_view(request, pk, milestone_pk):
    movement = movement_get(request.user, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, movement=movement)
    summary, participants, submissions = milestone_summary(request.user, movement, milestone)
    labels = [f.label for f in summary.figures]
    if request.GET.get("format") == "xlsx":
        rows = [(o.name, _state_label(submissions.get(o.pk)), *[
            (submissions[o.pk].figures or {}).get(label, "") if o.pk in submissions else "" for label in labels])
            for o in participants]
        rows.append((_("Total"), "", *[f.total for f in summary.figures]))
        return xlsx_response(filename=f"tong-hop-{milestone.pk}.xlsx", title=milestone.name,
                             headers=[_("Organisation"), _("Report"), *labels], rows=rows)
    return render(request, "movements/milestone_summary.html", {
        "movement": movement, "milestone": milestone, "summary": summary,
        "units": [(o, submissions.get(o.pk), _state_label(submissions.get(o.pk))) for o in participants],
        "manager": can_manage(request.user, movement),  # the summary report draft is the head's
    })


def _state_label(submission) -> str:
    return SubmissionStatus(submission.status).label if submission is not None else _("Not submitted")
