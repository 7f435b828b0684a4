"""Reads of commendation, always scoped (out of scope = 404).

A dossier is visible to the proposing unit's users (their grant covers the unit) and to the
receiving organisation's standing office, council members and approver (their grant covers the
round's authority) — never to another unit. Drafts stay with the unit until submitted.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tdkt.accounts.scope import role_paths
from tdkt.core.domain.text import decision_number, search_terms
from tdkt.movements.models import Participant

from .access import AUTHORITY_ROLES, UNIT_ROLES
from .domain.workflow import State
from .models import Awardee, CommendationRound, Decision, Dossier, RoundKind


def role_scope(user, roles) -> tuple[bool, list[str]]:
    everything = getattr(user, "is_superuser", False)
    paths = []
    for role, path in role_paths(user):
        if role == "admin":
            everything = True
        elif path and role in roles:
            paths.append(path)
    return everything, paths


def _prefix_q(field: str, paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def dossier_list(user, *, state: str = "", round_id: int | None = None, query: str = "") -> QuerySet:
    qs = Dossier.objects.select_related("round__authority", "organization")
    everything, unit_paths = role_scope(user, UNIT_ROLES)
    _, authority_paths = role_scope(user, AUTHORITY_ROLES)
    if not everything:
        own = _prefix_q("organization__path", unit_paths)
        # The receiving side sees a dossier once it has been sent (drafts, and those waiting for the
        # unit leader's sign-off, stay with the unit).
        received = _prefix_q("round__authority__path", authority_paths) & ~Q(
            state__in=(State.DRAFT, State.AWAITING_SIGNOFF))
        qs = qs.filter(own | received)
    if state:
        qs = qs.filter(state=state)
    if round_id:
        qs = qs.filter(round_id=round_id)
    for term in query.split():
        qs = qs.filter(Q(title__icontains=term) | Q(organization__name__icontains=term))
    return qs.order_by("-updated_at", "-pk")


def dossier_get(user, pk) -> Dossier:
    dossier = dossier_list(user).filter(pk=pk).first()
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ đề nghị khen thưởng.")
    return dossier


def _rounds(user, *, offered: bool) -> QuerySet:
    everything, unit_paths = role_scope(user, UNIT_ROLES)
    _, authority_paths = role_scope(user, AUTHORITY_ROLES)
    qs = CommendationRound.objects.select_related("authority", "movement")
    if not everything:
        ancestors = {int(p) for path in unit_paths for p in path.strip("/").split("/") if p}
        of_units = Q(authority_id__in=ancestors)
        if offered:
            # A movement's round is offered only to units that may file into it (services.dossiers.takes_part):
            # a participant in the user's scope, or a participant the user's unit belongs to.
            participant = Participant.objects.filter(movement_id=OuterRef("movement_id")).filter(
                Q(organization_id__in=ancestors) | _prefix_q("organization__path", unit_paths))
            of_units &= ~Q(kind=RoundKind.MOVEMENT) | Q(movement__isnull=True) | Exists(participant)
        qs = qs.filter(of_units | _prefix_q("authority__path", authority_paths))
    return qs


def round_list(user, *, year: int | None = None) -> QuerySet:
    """The rounds offered to the user: those of the organisations above or at the user's units that
    the units may file into, and those the user's office receives."""
    qs = _rounds(user, offered=True)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "title")


def round_get(user, pk) -> CommendationRound:
    """A round the user can see: also a movement's round the user's units do not take part in, so a
    link to it explains why they cannot file there instead of answering "not found"."""
    found = _rounds(user, offered=False).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đợt khen thưởng.")
    return found


def rounds_above(dossier: Dossier) -> QuerySet:
    """Open rounds of the authorities above the dossier's own: where its office may forward it (the
    office may not otherwise see the higher level's rounds; the caller checks the office's role)."""
    authority = dossier.round.authority
    above = [int(p) for p in authority.path.strip("/").split("/") if p and int(p) != authority.pk]
    return CommendationRound.objects.select_related("authority").filter(authority_id__in=above, is_open=True)


def decision_list(user) -> QuerySet:
    return Decision.objects.filter(dossier__in=dossier_list(user)).select_related("issuer", "dossier")


def decision_get(user, pk) -> Decision:
    decision = decision_list(user).filter(pk=pk).first()
    if decision is None:
        raise Http404("Không tìm thấy quyết định.")
    return decision


# The public side (no login): only what was published.


def decisions_matching(qs: QuerySet, query: str) -> QuerySet:
    """``qs`` narrowed to the decisions every word of ``query`` matches, without tone marks: an awardee's
    name or organisation, the subject, the issuer, a form given ("giay khen") or the number ("312",
    "312/QĐ-SNV")."""
    for raw, term in zip(query.split(), search_terms(query), strict=False):
        awardees = Awardee.objects.filter(search_text__contains=term).values("decision_id")
        match = Q(pk__in=awardees) | Q(search_text__contains=term)
        if parts := decision_number(raw):
            number, symbol = parts
            match |= Q(number=number, symbol__iexact=symbol) if symbol else Q(number=number)
        qs = qs.filter(match)
    return qs


def public_decisions(*, query: str = "") -> QuerySet:
    """Published decisions, narrowed by ``query`` as decisions_matching does."""
    qs = Decision.objects.filter(published=True).select_related("issuer").order_by("-date", "-number")
    return decisions_matching(qs, query)


def public_awardee(token) -> Awardee:
    awardee = Awardee.objects.filter(token=token, decision__published=True).select_related(
        "decision__issuer", "award").first()
    if awardee is None:
        raise Http404("Không tìm thấy bằng khen, giấy khen.")
    return awardee


def public_notices() -> QuerySet:
    return Dossier.objects.filter(state=State.NOTICE).select_related("round__authority", "organization")
