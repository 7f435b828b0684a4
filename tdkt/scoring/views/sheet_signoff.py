"""The unit leader's part of a score sheet: the summary put before the leader (the total and each
section's score against its maximum), the buttons of the sign-off table, and the confirmation page
of a submission after the self-scoring deadline (core/confirm_step.html)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.signoff import unit_roles
from tdkt.core.confirm import ConfirmForm
from tdkt.core.domain.signoff import LABELS, Act, sending_act


def send_label(user, sheet) -> str:
    """The label of the sheet's send button for this user: submit, put before the leader, or sign off."""
    act = sending_act(roles=unit_roles(user, sheet.organization), signoff_required=sheet.organization.leader_signoff)
    return {Act.SUBMIT: _("Submit now"), Act.REQUEST_SIGNOFF: LABELS[Act.REQUEST_SIGNOFF]}.get(act, LABELS[act])


def signoff_context(user, sheet, template, scores, actions) -> dict:
    sections = [{"code": item.code, "title": item.title, "score": scores.items.get(item.code), "max": item.max}
                for item in template.items]
    return {
        "send_label": send_label(user, sheet),
        "leader_signoff": sheet.organization.leader_signoff,
        "signoff_sections": sections,
        "signoff_actions": [{"action": a.value, "label": LABELS[a], "reason": a is Act.SEND_BACK,
                             "danger": a in (Act.SEND_BACK, Act.RECALL)}
                            for a in actions if a in (Act.SIGN_OFF, Act.SEND_BACK, Act.RECALL)],
    }


def late_confirmation(request, sheet, action_url: str):
    confirmed = request.POST.get("confirmed") == "1"
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
            % {"deadline": deadline.strftime("%d/%m/%Y"), "days": f"{days:,}".replace(",", ".")},
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
