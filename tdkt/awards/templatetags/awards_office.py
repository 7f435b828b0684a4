"""The office panel of a dossier page: what the receiving side needs to know and do next (facts in
plain words, appraisal of each nominee, the ballot link, the public notice and its objections).

``{% load awards_office %}{% office_panel dossier %}`` renders awards/_office_panel.html."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import acting_roles
from ..domain.workflow import State
from ..forms_office import AppraiseForm, ObjectionForm, ObjectionResolveForm
from ..models import Appraisal
from ..services.dossiers import missing_components
from ..services.forward import beyond_power_nominees
from ..services.workflow import dossier_facts, objection_resolutions, vote_outcomes

register = template.Library()

OFFICE = {"admin", "standing_office"}
BALLOT_ROLES = {"admin", "standing_office", "council_member", "approver"}
BALLOT_STATES = (State.VOTING, State.VOTED, State.NOTICE, State.AWAITING_DECISION, State.DECIDED, State.FORWARDED)
APPRAISAL_BADGES = {
    Appraisal.PENDING: "text-bg-secondary",
    Appraisal.ACCEPTED: "text-bg-success",
    Appraisal.REJECTED: "text-bg-danger",
    Appraisal.CHANGED: "text-bg-warning",
}
APPRAISAL_LABELS = {
    Appraisal.PENDING: gettext_lazy("Not appraised yet"),
    Appraisal.ACCEPTED: gettext_lazy("Accepted by the appraisal"),
    Appraisal.REJECTED: gettext_lazy("Not accepted"),
    Appraisal.CHANGED: gettext_lazy("Changed to another form"),
}


def working_days(start, end) -> int:
    """Working days (Monday–Friday) after ``start`` up to and including ``end``."""
    import datetime

    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += day.weekday() < 5
    return days


def next_steps(dossier, facts, missing, beyond) -> list[str]:
    """The facts the workflow's guards read, in plain words, so the office knows the next step."""
    notes = []
    if missing:
        notes.append(_("Missing dossier components: %(list)s.") % {"list": ", ".join(missing.values())})
    else:
        notes.append(_("Every required dossier component is attached."))
    state = dossier.state
    if state == State.RECEIVED:
        if facts.all_appraised:
            notes.append(_("Every nominee has been appraised: finish the appraisal."))
        else:
            notes.append(_("Some nominees have not been appraised yet."))
    if state in (State.RECEIVED, State.APPRAISED, State.VOTING, State.VOTED):
        if facts.all_appraised and not facts.any_accepted:
            notes.append(_("No nominee was accepted: the dossier can be closed without an award."))
        if state == State.VOTING:
            if facts.votes_complete:
                notes.append(_("Every council member's vote is recorded: the ballot can be closed."))
            else:
                notes.append(_("The council is voting; some members' votes are not recorded yet."))
        elif facts.needs_vote and state != State.VOTED:
            notes.append(_("Some accepted forms need a council ballot (≥ the threshold of all members)."))
        if facts.needs_notice:
            notes.append(_("Some accepted forms need a public notice before the decision."))
        if state in (State.APPRAISED, State.VOTED) and facts.any_accepted and not facts.needs_notice and (
                facts.votes_complete or not facts.needs_vote):
            notes.append(_("Nothing is left before the decision: send it to the approver."))
    if state == State.AWAITING_DECISION:
        notes.append(_("Awaiting the decision of the competent person."))
    if state == State.NOTICE:
        if facts.objections_open:
            notes.append(_("Some objections are not resolved yet: resolve each one before closing the notice."))
        if not facts.any_accepted:  # every nominee was rejected on an objection
            notes.append(_("No nominee was accepted: the dossier can be closed without an award."))
        elif not facts.notice_over:
            notes.append(_("The list is published; record any objection received."))
        elif not facts.objections_open:
            notes.append(_("The notice period is over: close the notice."))
    if beyond:
        names = ", ".join(f"{n.subject} ({n.awarded_form})" for n in beyond)
        notes.append(_("Beyond this level's power, to forward to the higher authority: %(list)s.") % {"list": names})
    return notes


@register.inclusion_tag("awards/_office_panel.html", takes_context=True)
def office_panel(context, dossier):
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    roles = acting_roles(user, dossier) if user is not None else set()
    office = bool(roles & OFFICE)
    nominees = list(dossier.nominees.select_related("person", "collective", "award", "final_award"))
    appraising = office and dossier.state == State.RECEIVED
    facts = dossier_facts(dossier)
    missing = missing_components(dossier)
    beyond = beyond_power_nominees(dossier)
    rows = [
        {
            "nominee": n,
            "badge": APPRAISAL_BADGES[n.appraisal],
            "label": APPRAISAL_LABELS[n.appraisal],
            "form": AppraiseForm(nominee=n) if appraising else None,
        }
        for n in nominees
    ]
    notice = dossier.state == State.NOTICE
    return {
        "dossier": dossier,
        "request": request,
        "office": office,
        "appraising": appraising,
        "eligible_pending": sum(1 for n in nominees if n.appraisal == Appraisal.PENDING and n.eligible is True)
        if appraising else 0,
        "rows": rows,
        "steps": next_steps(dossier, facts, missing, beyond),
        "ballot_link": bool(roles & BALLOT_ROLES) and dossier.state in BALLOT_STATES and bool(vote_outcomes(dossier)),
        "ballot_open": dossier.state == State.VOTING,
        "notice": notice,
        "notice_days": working_days(dossier.notice_from, dossier.notice_until)
        if dossier.notice_from and dossier.notice_until else None,
        "objections": objection_rows(dossier, resolving=notice and office),
        "objection_form": ObjectionForm(dossier=dossier) if notice and office else None,
    }


def objection_rows(dossier, *, resolving: bool) -> list[dict]:
    """Each objection with who resolved it and when (from the audit), or the form to resolve it."""
    objections = list(dossier.objections.select_related("nominee__person", "nominee__collective")
                      .order_by("recorded_at", "pk"))
    resolved = objection_resolutions(objections)
    return [
        {
            "objection": o,
            "event": resolved.get(o.pk),
            "form": ObjectionResolveForm(objection=o) if resolving and not o.resolution else None,
        }
        for o in objections
    ]
