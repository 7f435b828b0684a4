"""The unit leader's sign-off of a dossier and the confirmation of a late sending.

The summary page puts before the leader what will be sent in the unit's name — the nominees with
the engine's verdicts, the attachment checklist, the totals by form and the reward money they would
cost — with the two answers: sign off and send, or send back to the officer with a reason. Sending
after the round's deadline goes through a confirmation page (core/confirm_step.html) that says what
is late and what will happen, and asks for the reason the history and the audit keep."""

from collections import Counter

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.confirm import ConfirmForm
from tdkt.core.days import days_until, format_days

from .. import selectors
from ..access import acting_roles
from ..domain.money import nominee_reward
from ..domain.workflow import ACTION_LABELS, Action, State, available
from ..services.workflow import dossier_facts
from .dossier_labels import state_badge, state_label
from .dossier_page import _checklist, _history, _nominee_rows


def _totals(nominees) -> tuple[list[dict], int]:
    """Nominees counted by the form proposed (individuals, collectives) and the reward money those
    forms carry at today's base salary: what the leader commits the unit to asking for."""
    today = timezone.localdate()
    counts: Counter = Counter()
    forms = {}
    money = 0
    for nominee in nominees:
        form = nominee.awarded_form
        forms[form.pk] = form
        collective = nominee.collective_id is not None
        counts[(form.pk, collective)] += 1
        money += nominee_reward(form, collective, today)
    rows = []
    for form_id, form in forms.items():
        individuals, collectives = counts[(form_id, False)], counts[(form_id, True)]
        rows.append({"form": form, "individuals": individuals, "collectives": collectives,
                     "total": individuals + collectives})
    rows.sort(key=lambda r: r["form"].name)
    return rows, money


def dossier_signoff_view(request, pk):
    """The summary the leader signs off (any user who sees the dossier may read it; only the leader
    gets the buttons, and the service checks again)."""
    dossier = selectors.dossier_get(request.user, pk)
    roles = acting_roles(request.user, dossier)
    facts = dossier_facts(dossier)
    nominees = list(dossier.nominees.select_related("person__organization", "collective", "award", "final_award"))
    checklist, other_files = _checklist(dossier, nominees)
    totals, money = _totals(nominees)
    actions = available(dossier.state, roles=roles, facts=facts)
    deadline = dossier.round.deadline
    context = {
        "dossier": dossier,
        "round": dossier.round,
        "state_label": state_label(dossier.state),
        "state_badge": state_badge(dossier.state),
        "nominee_rows": _nominee_rows(nominees),
        "checklist": checklist,
        "other_files": other_files,
        "missing_count": sum(1 for row in checklist if row["missing"]),
        "totals": totals,
        "nominee_count": len(nominees),
        "money": money,
        "late": deadline is not None and timezone.localdate() > deadline,
        "can_sign": Action.SIGN_OFF in actions,
        "can_send_back": Action.SEND_BACK in actions,
        "sign_label": ACTION_LABELS[Action.SIGN_OFF],
        "send_back_label": ACTION_LABELS[Action.SEND_BACK],
        "awaiting": dossier.state == State.AWAITING_SIGNOFF,
        "history": _history(dossier),
    }
    return render(request, "awards/dossier_signoff.html", context)


def late_confirmation(request, dossier, action: str):
    """The page shown instead of sending after the deadline: what is late, what will happen, and a
    required reason. Posting it again (confirmed, with the reason) sends the dossier."""
    confirmed = request.POST.get("confirmed") == "1"
    form = ConfirmForm(request.POST if confirmed else None, reason_required=True,
                       reason_label=_("Why the dossier is sent after the deadline"))
    if confirmed:
        form.is_valid()  # shows "required" on the reason field: it was left empty
    deadline = dossier.round.deadline
    context = {
        "title": _("Send the dossier after the deadline"),
        "intro": _("%(dossier)s — %(round)s") % {"dossier": dossier.title, "round": dossier.round.title},
        "problems": [
            _("The deadline for dossiers of this round was %(deadline)s; it passed %(days)s day(s) ago.")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "days": format_days(-days_until(deadline))},
        ],
        "consequences": [
            _("The dossier is sent to %(authority)s and marked “after the deadline” wherever it is listed.")
            % {"authority": dossier.round.authority.name},
            _("The standing office decides whether a dossier sent late is considered."),
            _("Your reason is kept in the dossier's history and in the audit log."),
        ],
        "action_url": reverse("awards:dossier_action", args=[dossier.pk, action]),
        "form": form,
        "confirm_label": _("Send after the deadline"),
        "cancel_url": reverse("awards:dossier", args=[dossier.pk]),
        "danger": True,
    }
    return render(request, "core/confirm_step.html", context, status=400 if confirmed else 200)
