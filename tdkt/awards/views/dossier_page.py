"""The dossier page's context: header, the workflow buttons the user may press now, nominees with
their eligibility verdict, the attachment checklist and the history. Shared by the page view and
by the nominee / attachment views that render it again with a form's errors."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from tdkt.core.days import late_for_leader

from ..access import acting_roles
from ..domain.workflow import ACTION_LABELS, Action, available, step_for
from ..forms_dossiers import AttachmentForm, NomineeForm
from ..sent_back import sent_back
from ..services.dossiers import EDITABLE, required_components, signed_components
from ..services.rounds import current_forms
from ..services.workflow import dossier_facts
from .dossier_labels import shown_state, state_label, verdict_label
from .rounds import days_left

UNIT_ROLES = {"admin", "unit_officer", "unit_leader"}
AUTHORITY_ROLES = {"admin", "standing_office", "council_member", "approver"}
# Decide and forward create a decision or an upstream dossier: the decisions part offers them.
OWN_PAGE = (Action.DECIDE, Action.FORWARD)


def may_edit(roles: set[str], dossier) -> bool:
    return dossier.state in EDITABLE and bool(roles & UNIT_ROLES)


def award_choices(dossier):
    forms = dossier.round.forms.all()
    return forms if forms.exists() else current_forms()


def known_components(nominees) -> dict[str, str]:
    """Every component the catalogue names for the forms proposed (required or not)."""
    out: dict[str, str] = {}
    for nominee in nominees:
        for component in nominee.award.components:
            out.setdefault(component["code"], component["label"])
    return out


def _actions(dossier, roles, facts) -> list[dict]:
    out = []
    for action in available(dossier.state, roles=roles, facts=facts):
        if action in OWN_PAGE:
            continue
        step = step_for(dossier.state, action)
        out.append({
            "action": action.value,
            "label": ACTION_LABELS[action],
            "reason_required": bool(step and step.reason_required),
            "danger": action in (Action.RETURN, Action.CLOSE, Action.RECALL, Action.SEND_BACK),
        })
    return out


def _nominee_rows(nominees) -> list[dict]:
    rows = []
    for nominee in nominees:
        record = nominee.eligibility or {}
        label, badge = verdict_label(record.get("verdict", ""), record.get("conditions", ()))
        person = nominee.person
        rows.append({
            "nominee": nominee,
            "name": person.full_name if person else nominee.collective.name,
            "position": person.position if person else "",
            "unit": person.organization.name if person else "",
            "collective": person is None,
            "changed": nominee.final_award_id is not None and nominee.final_award_id != nominee.award_id,
            "verdict_label": label,
            "verdict_badge": badge,
            "conditions": record.get("conditions", []),
        })
    return rows


def _checklist(dossier, nominees) -> tuple[list[dict], list]:
    required = required_components(dossier)
    must_sign = signed_components(dossier)
    by_component: dict[str, list] = {}
    for attachment in dossier.attachments.select_related("nominee__person", "nominee__collective"):
        by_component.setdefault(attachment.component, []).append(attachment)
    rows = []
    for code, label in required.items():
        copies = max(
            (n.award.copies for n in nominees
             if any(c["code"] == code and c.get("required", True) for c in n.award.components)),
            default=1,
        )
        files = by_component.pop(code, [])
        signed = code in must_sign
        unsigned = signed and bool(files) and not any((v := a.signature_verdict) and v.all_valid for a in files)
        rows.append({"code": code, "label": label, "copies": copies, "files": files, "missing": not files,
                     "signed": signed, "unsigned": unsigned})
    others = [a for files in by_component.values() for a in files]
    return rows, others


def _history(dossier) -> list[dict]:
    return [
        {
            "at": step.at,
            "actor": step.actor,  # named with the organisation by the template (people|person)
            "action": ACTION_LABELS.get(step.action, step.action),
            "from": state_label(step.from_state),
            "to": state_label(step.to_state),
            "reason": step.reason,
        }
        for step in dossier.transitions.select_related("actor__organization")
    ]


def _sent_back(dossier) -> str:
    """The leader's reason when the dossier came back to the officer (shown until it goes up again)."""
    return sent_back(dossier)[0]


def _blocked_reason(facts, checklist) -> str:
    """Why the dossier cannot be sent yet, naming what is missing so the clerk knows what to add."""
    if not facts.has_nominees:
        return _("The dossier can be sent once it has at least one nominee.")
    missing = [row["label"] for row in checklist if row["missing"]]
    if missing:
        return _("The dossier can be sent once every required component is attached. Missing: %(missing)s.") % {
            "missing": "; ".join(missing)}
    unsigned = [row["label"] for row in checklist if row.get("unsigned")]
    if unsigned:
        return _("The dossier can be sent once these components are PDF files with valid digital signatures: "
                 "%(list)s.") % {"list": "; ".join(unsigned)}
    return ""


def dossier_page(request, dossier, *, nominee_form=None, attachment_form=None, status=200):
    roles = acting_roles(request.user, dossier)
    facts = dossier_facts(dossier)
    nominees = list(dossier.nominees.select_related("person__organization", "collective", "award", "final_award"))
    editable = may_edit(roles, dossier)
    checklist, other_files = _checklist(dossier, nominees)
    query = request.GET.get("q", "").strip()[:100]
    if editable and nominee_form is None:
        nominee_form = NomineeForm(dossier=dossier, award_forms=award_choices(dossier), query=query)
    if editable and attachment_form is None and nominees:
        attachment_form = AttachmentForm(dossier=dossier, components=known_components(nominees))
    shown = shown_state(dossier)
    actions = _actions(dossier, roles, facts)
    context = {
        "dossier": dossier,
        "round": dossier.round,
        "state_label": shown[0],
        "state_badge": shown[1],
        "days_left": days_left(dossier.round.deadline) if dossier.state in EDITABLE else "",
        "roles": sorted(roles),
        "facts": facts,
        "actions": actions,
        # The officer only puts it before the leader, but is told the leader will confirm it late.
        "late_warning": late_for_leader(dossier.round.deadline)
        if any(a["action"] == Action.REQUEST_SIGNOFF for a in actions) else "",
        "editable": editable,
        "show_office": bool(roles & AUTHORITY_ROLES),
        "nominees": nominees,
        "nominee_rows": _nominee_rows(nominees),
        "nominee_form": nominee_form if editable else None,
        "attachment_form": attachment_form if editable else None,
        "people_query": query,
        "checklist": checklist,
        "other_files": other_files,
        "missing_count": sum(1 for row in checklist if row["missing"]),
        "history": _history(dossier),
        "blocked_reason": _blocked_reason(facts, checklist),
        "signoff_required": facts.signoff_required,
        "sent_back_reason": _sent_back(dossier),
    }
    return render(request, "awards/dossier_detail.html", context, status=status)
