"""The columns of each kind of result, for the page, the Excel export and the API alike."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.records.domain.codes import honour_label

HEADERS = {
    "people": (_("Name"), _("Date of birth"), _("Position"), _("Organisation"), _("Staff code")),
    "collectives": (_("Name"), _("Code"), _("Part of")),
    "honours": (_("Title or award"), _("Year"), _("Awarded to"), _("Organisation"), _("Decision"), _("Issued by")),
    "decisions": (_("Decision"), _("Date"), _("Issued by"), _("About"), _("Revoked on")),
    "past_decisions": (_("Decision"), _("Date"), _("Issued by"), _("About")),
    "dossiers": (_("Dossier"), _("Proposing unit"), _("Round"), _("Status")),
}
TITLES = {
    "people": _("People"), "collectives": _("Collectives"), "honours": _("Titles and awards received"),
    "decisions": _("Commendation decisions"), "past_decisions": _("Decisions before the system"),
    "dossiers": _("Commendation dossiers"),
}
SELECT = {
    "people": ("organization",), "collectives": ("parent",),
    "honours": ("person__organization", "organization__parent"),
    "decisions": ("issuer",), "past_decisions": (), "dossiers": ("organization", "round"),
}


def values(kind: str, obj) -> tuple:
    if kind == "people":
        return (obj.full_name, obj.date_of_birth, obj.position, obj.organization.name, obj.code)
    if kind == "collectives":
        return (obj.name, obj.code, obj.parent.name if obj.parent_id else "")
    if kind == "honours":
        subject = obj.person or obj.organization
        where = obj.person.organization.name if obj.person_id else (obj.organization.parent.name
                                                                     if obj.organization.parent_id else "")
        name = subject.full_name if obj.person_id else subject.name
        return (honour_label(obj.code), obj.year, name, where, obj.decision_number, obj.issuer)
    if kind == "decisions":
        return (obj.reference, obj.date, obj.issuer.name, obj.subject, obj.revoked_on)
    if kind == "past_decisions":
        return (obj.number, obj.decided_on, obj.issuer, obj.summary)
    return (obj.title, obj.organization.name, obj.round.title, obj.get_state_display())


def link(kind: str, obj) -> str:
    if kind == "people":
        return reverse("records:subject", args=["person", obj.pk])
    if kind == "collectives":
        return reverse("records:subject", args=["organization", obj.pk])
    if kind == "honours":
        return reverse("records:subject", args=["person", obj.person_id] if obj.person_id
                       else ["organization", obj.organization_id])
    if kind == "decisions":
        return reverse("awards:decision", args=[obj.pk])
    if kind == "dossiers":
        return reverse("awards:dossier", args=[obj.pk])
    return ""


def fetched(kind: str, qs):
    """``qs`` with what its rows show joined in."""
    return qs.select_related(*SELECT[kind]) if SELECT[kind] else qs
