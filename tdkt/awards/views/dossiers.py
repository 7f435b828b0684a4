"""The unit's side of a commendation dossier: the list, creating one in a round, its page (header,
the workflow buttons the user may press now, nominees with the eligibility verdict, the attachment
checklist, the history) and the workflow actions. Thin: reads through the selectors (out of scope
= 404), writes through the services (which check role and state: 403 / a message). Nominee and
attachment views live in dossier_items.py and are re-exported here for the url module."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.confirm import asks_late_confirmation, is_confirmed
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param, paginate, wants_xlsx
from tdkt.organizations.errors import require

from .. import selectors
from ..domain.workflow import ACTION_LABELS, State
from ..forms_dossiers import DossierNewForm
from ..sent_back import sent_back, with_last_step
from ..services.dossiers import dossier_create
from ..services.workflow import dossier_act
from .dossier_items import (
    attachment_add_view,
    attachment_delete_view,
    attachment_download_view,
    nominee_add_view,
    nominee_delete_view,
)
from .dossier_labels import STATE_LABELS, shown_state, state_badge, state_label
from .dossier_page import dossier_page
from .notice_confirm import notice_close_confirmation
from .rounds import not_preparable_reason, preparable_units
from .signoff import late_confirmation

__all__ = [
    "STATE_LABELS",
    "attachment_add_view",
    "attachment_delete_view",
    "attachment_download_view",
    "dossier_action_view",
    "dossier_detail_view",
    "dossier_list_view",
    "dossier_new_view",
    "nominee_add_view",
    "nominee_delete_view",
    "state_badge",
    "state_label",
]

def _int(value) -> int | None:
    return int_param(value)


def dossier_list_view(request):
    state = request.GET.get("state", "")
    state = state if state in {s.value for s in State} else ""
    round_id = _int(request.GET.get("round"))
    query = request.GET.get("q", "").strip()[:100]
    dossiers = selectors.dossier_list(request.user, state=state, round_id=round_id, query=query)
    if wants_xlsx(request):
        rows = (
            (d.title, d.organization.name, d.round.title, d.round.year, state_label(d.state),
             d.submitted_at.date() if d.submitted_at else None)
            for d in dossiers[:10000]
        )
        return xlsx_response(
            filename="ho-so-de-nghi-khen-thuong.xlsx", title=_("Commendation dossiers"),
            headers=[_("Title"), _("Proposing unit"), _("Commendation round"), _("Year"), _("Status"),
                     _("Sent on")],
            rows=rows,
        )
    context = paginate(request, with_last_step(dossiers))
    context["rows"] = [(d, *shown_state(d), sent_back(d)[0]) for d in context["page_obj"]]
    context.update({
        "state": state,
        "round_id": round_id,
        "q": query,
        "states": [(s.value, state_label(s)) for s in State],
        "rounds": selectors.round_list(request.user)[:200],
    })
    return render(request, "awards/dossier_list.html", context)


def dossier_new_view(request):
    commendation_round = selectors.round_get(request.user, _int(request.GET.get("round")) or 0)
    units = preparable_units(request.user, commendation_round)
    # A unit outside a movement is told so, naming the round and the movement.
    require(units.exists(), not_preparable_reason(request.user, commendation_round))
    initial = {"title": _("Proposal for commendation, %(round)s") % {"round": commendation_round.title}}
    if units.count() == 1:
        initial["organization"] = units.first().pk
    form = DossierNewForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = dossier_create(actor=request.user, round=commendation_round,
                                     organization=form.cleaned_data["organization"],
                                     title=form.cleaned_data["title"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The dossier was created. Add the nominees and the attachments."))
            return redirect("awards:dossier", dossier.pk)
    return render(request, "awards/dossier_form.html", {"form": form, "round": commendation_round})


def dossier_detail_view(request, pk):
    dossier = selectors.dossier_get(request.user, pk)
    return dossier_page(request, dossier)


def _has_code(exc: ValidationError, field: str, code: str) -> bool:
    return any(e.code == code for e in getattr(exc, "error_dict", {}).get(field, []))


@require_POST
def dossier_action_view(request, pk, action):
    dossier = selectors.dossier_get(request.user, pk)
    try:
        dossier = dossier_act(actor=request.user, dossier=dossier, action=action,
                              reason=request.POST.get("reason", ""), confirmed=is_confirmed(request.POST))
    except ValidationError as exc:
        if asks_late_confirmation(exc):  # sending after the deadline: a page that says so and asks why
            return late_confirmation(request, dossier, action)
        if _has_code(exc, "action", "confirm_close_notice"):  # ending the notice: what it does, then confirm
            return notice_close_confirmation(request, dossier)
        messages.error(request, " ".join(exc.messages))
    else:
        label = ACTION_LABELS.get(action, action)
        messages.success(request, _("Done: %(action)s. The dossier is now: %(state)s.")
                         % {"action": label, "state": state_label(dossier.state)})
        if not selectors.dossier_list(request.user).filter(pk=dossier.pk).exists():
            return redirect("awards:dossiers")  # e.g. recalled to a draft the office no longer sees
    return redirect(reverse("awards:dossier", args=[pk]) + "#actions")
