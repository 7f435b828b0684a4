"""The unit leader's part of a score sheet: the summary put before the leader (the total and each
section's score against its maximum), the buttons of the sign-off table, the sheet's history (who
sent it where, when and why, from the audit), and the confirmation page of a submission after the
self-scoring deadline (core/confirm_step.html)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.signoff import unit_roles
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.confirm import ConfirmForm, is_confirmed
from tdkt.core.days import format_days, late_for_leader
from tdkt.core.domain.signoff import LABELS, Act, sending_act

from ..models import SheetStatus
from ..services.sheets import sends_late


def send_label(user, sheet) -> str:
    """The label of the sheet's send button for this user: submit, put before the leader, or sign off."""
    act = sending_act(roles=unit_roles(user, sheet.organization), signoff_required=sheet.organization.leader_signoff)
    return {Act.SUBMIT: _("Submit now"), Act.REQUEST_SIGNOFF: LABELS[Act.REQUEST_SIGNOFF]}.get(act, LABELS[act])


def _history(sheet) -> list[dict]:
    """Who sent the sheet where, when and why: the sheet's submit and return events of the audit."""
    events = AuditEvent.objects.filter(
        target_type="scoring.scoresheet", target_id=str(sheet.pk),
        event_type__in=(AuditEventType.SHEET_SUBMITTED, AuditEventType.SHEET_RETURNED),
    ).select_related("actor").order_by("created_at", "pk")
    labels = dict(SheetStatus.choices)
    rows = []
    for event in events:
        before, after = event.before or {}, event.after or {}
        submitted = event.event_type == AuditEventType.SHEET_SUBMITTED
        action = after.get("action", "")
        if action:
            label = LABELS.get(action, action)
        else:  # the head's return, or a submission recorded before the sign-off existed
            label = LABELS[Act.SUBMIT] if submitted else _("Returned by the block head")
        rows.append({
            "at": event.created_at,
            "actor": event.actor,
            "action": label,
            "from": labels.get(before.get("status"), ""),
            "to": labels.get(after.get("status") or (SheetStatus.SUBMITTED if submitted else SheetStatus.RETURNED), ""),
            "reason": after.get("reason", ""),
        })
    return rows


def signoff_context(user, sheet, template, scores, actions) -> dict:
    act = sending_act(roles=unit_roles(user, sheet.organization), signoff_required=sheet.organization.leader_signoff)
    sections = [{"code": item.code, "title": item.title, "score": scores.items.get(item.code), "max": item.max}
                for item in template.items]
    return {
        "send_label": send_label(user, sheet),
        "send_act": act.value,
        # The officer only puts it before the leader, but is told the leader will confirm it late.
        "late_warning": late_for_leader(sheet.round.self_deadline)
        if act is Act.REQUEST_SIGNOFF and sends_late(sheet) else "",
        "sent_back_reason": sheet.sent_back_reason,
        "leader_signoff": sheet.organization.leader_signoff,
        "signoff_sections": sections,
        "signoff_actions": [{"action": a.value, "label": LABELS[a], "reason": a is Act.SEND_BACK,
                             "danger": a in (Act.SEND_BACK, Act.RECALL)}
                            for a in actions if a in (Act.SIGN_OFF, Act.SEND_BACK, Act.RECALL)],
        "sheet_history": _history(sheet),
    }


def late_confirmation(request, sheet, action_url: str):
    confirmed = is_confirmed(request.POST)
    form = ConfirmForm(request.POST if confirmed else None, reason_required=True,
                       reason_label=_("Why the sheet is submitted after the deadline"))
    if confirmed:
        form.is_valid()  # the reason was left empty: say so on the field
    deadline = sheet.round.self_deadline
    days = (timezone.localdate() - deadline).days
    context = {
        "title": _("Submit the score sheet after the deadline"),
        "intro": _("%(unit)s — %(block)s") % {"unit": sheet.organization.name, "block": sheet.round.block},
        "problems": [
            _("The self-scoring deadline was %(deadline)s; it passed %(days)s day(s) ago.")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "days": format_days(days)},
        ],
        "consequences": [
            _("The sheet is submitted to the block's reviewers and recorded as submitted late."),
            _("It cannot be changed unless the block head returns it."),
            _("Your reason is kept in the audit log."),
        ],
        "action_url": action_url,
        "form": form,
        "confirm_label": _("Submit after the deadline"),
        "cancel_url": reverse("scoring:sheet", args=[sheet.pk]),
        "danger": True,
    }
    return render(request, "core/confirm_step.html", context, status=400 if confirmed else 200)
