"""The unit leader's sign-off on the movement pages: the buttons a registration or a report waiting
for the leader offers this user, the report's sign-off step, and the confirmation page of a report
sent after its deadline (core/confirm_step.html)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import scope_for
from tdkt.accounts.signoff import unit_roles
from tdkt.core.confirm import ConfirmForm, is_confirmed
from tdkt.core.days import format_days
from tdkt.core.domain.signoff import LABELS, Act, Stage, available

from ..services.signoff_steps import registration_stage, report_stage


def signoff_buttons(user, item) -> list[dict]:
    """The sign-off steps ``user`` may take on a registration or report waiting for the leader."""
    if hasattr(item, "milestone_id"):
        stage = report_stage(item)
    else:
        stage = registration_stage(item)
    if stage is not Stage.AWAITING or not scope_for(user, "movement.participate").covers(item.organization):
        return []
    acts = available(stage, roles=unit_roles(user, item.organization),
                     signoff_required=item.organization.leader_signoff)
    return [{"action": a.value, "label": LABELS[a], "reason": a is Act.SEND_BACK,
             "danger": a in (Act.SEND_BACK, Act.RECALL)} for a in acts]


def late_confirmation(request, milestone, *, action_url: str, cancel_url: str, subject: str):
    confirmed = is_confirmed(request.POST)
    form = ConfirmForm(request.POST if confirmed else None, reason_required=True,
                       reason_label=_("Why the report is sent after the deadline"))
    if confirmed:
        form.is_valid()  # the reason was left empty: say so on the field
    deadline = milestone.report_deadline
    days = (timezone.localdate() - deadline).days
    context = {
        "title": _("Send the report after the deadline"),
        "intro": subject,
        "problems": [
            _("The deadline for this report was %(deadline)s; it passed %(days)s day(s) ago.")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "days": format_days(days)},
        ],
        "consequences": [
            _("The report is sent to the organisation that issued the plan and marked as submitted late."),
            _("Your reason is kept in the audit log."),
        ],
        "action_url": action_url,
        "form": form,
        "confirm_label": _("Send after the deadline"),
        "cancel_url": cancel_url,
        "danger": True,
    }
    return render(request, "core/confirm_step.html", context, status=400 if confirmed else 200)
