"""The decisions panel of a dossier page (``{% decisions_panel dossier user %}``): the dossier's
decisions; for the approver, a link per issuer that still has nominees to decide; for the standing
office, "Chuyển cấp trên" when an accepted nominee's form is beyond this level's power. Also the
``vnd`` filter (1234000 → "1.234.000")."""

from django import template

from tdkt.organizations.models import Organization

from ..access import acting_roles
from ..documents import money
from ..domain.workflow import Action, State, available
from ..models import Appraisal, Dossier
from ..services.decisions import decidable_nominees
from ..services.workflow import decides_here, dossier_facts

register = template.Library()


def issuers_to_decide(dossier: Dossier) -> list[tuple[Organization, list]]:
    """(issuer, decidable nominees) for every issuer of the accepted nominees decided at this level."""
    authority = dossier.round.authority
    ids = []
    for nominee in dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED)).select_related(
        "award__issuer", "final_award__issuer"
    ):
        form = nominee.awarded_form
        if form.issuer_id and decides_here(form, authority) and form.issuer_id not in ids:
            ids.append(form.issuer_id)
    issuers = Organization.objects.in_bulk(ids)
    out = []
    for pk in ids:
        nominees = decidable_nominees(dossier, issuers[pk])
        if nominees:
            out.append((issuers[pk], nominees))
    return out


@register.filter
def vnd(value) -> str:
    try:
        return money(int(value))
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("awards/_dossier_decisions.html")
def decisions_panel(dossier: Dossier, user) -> dict:
    roles = acting_roles(user, dossier)
    issue = []
    if dossier.state == State.AWAITING_DECISION and roles & {"admin", "approver"}:
        issue = [(org, len(nominees)) for org, nominees in issuers_to_decide(dossier)]
    can_forward = False
    if roles & {"admin", "standing_office"} and dossier.state not in (State.DECIDED, State.FORWARDED):
        can_forward = Action.FORWARD in available(dossier.state, roles=roles, facts=dossier_facts(dossier))
    return {
        "dossier": dossier,
        "decisions": list(dossier.decisions.select_related("issuer").order_by("date", "number")),
        "issue": issue,
        "can_forward": can_forward,
        "forwarded": list(dossier.forwarded_dossiers.select_related("round__authority")),
    }
