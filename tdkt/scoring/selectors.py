"""Reads of templates, rounds, sheets and results, always scoped (out of scope = 404).

A round is visible to users who see the block's organiser or one of its members; a sheet to the
round's managers, the member's own users and the round's reviewers; live (unpublished) standings
only to managers and reviewers, a published result to everyone who sees the round.
"""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from tdkt.accounts.scope import scope_for
from tdkt.organizations.models import BlockMembership

from .access import acting_members, acting_reviewers, can_manage
from .models import CriteriaTemplate, Evidence, ScoreSheet, ScoringResult, ScoringRound


def _ancestor_ids(paths) -> set[int]:
    return {int(part) for path in paths for part in path.strip("/").split("/") if part}


def template_list(user, *, query: str = "") -> QuerySet:
    """Templates owned within the user's organisations or by an organisation above them (a
    province's template is used by its blocks)."""
    scope = scope_for(user, "scoring.view")
    qs = CriteriaTemplate.objects.select_related("owner")
    if not scope.is_global:
        qs = qs.filter(scope.q("owner__path") | Q(owner_id__in=_ancestor_ids(scope.paths)))
    for term in query.split():
        qs = qs.filter(Q(name__icontains=term) | Q(code__icontains=term))
    return qs.order_by("code", "-version")


def template_choices(user) -> QuerySet:
    """The latest version of each template the user sees (what a new round should use)."""
    latest = CriteriaTemplate.objects.filter(owner_id=OuterRef("owner_id"), code=OuterRef("code")).order_by("-version")
    return template_list(user).filter(pk=Subquery(latest.values("pk")[:1]))


def template_get(user, pk) -> CriteriaTemplate:
    template = template_list(user).filter(pk=pk).first()
    if template is None:
        raise Http404("Không tìm thấy mẫu tiêu chí.")
    return template


def can_manage_template(user, template: CriteriaTemplate) -> bool:
    return scope_for(user, "template.manage").covers(template.owner)


def round_list(user, *, year: int | None = None) -> QuerySet:
    scope = scope_for(user, "scoring.view")
    qs = ScoringRound.objects.select_related("block__organizer", "template")
    if not scope.is_global:
        members = BlockMembership.objects.filter(scope.q("organization__path")).values("block_id")
        qs = qs.filter(scope.q("block__organizer__path") | Q(block_id__in=members))
    if year:
        qs = qs.filter(block__year=year)
    return qs.order_by("-block__year", "block__name")


def round_get(user, pk) -> ScoringRound:
    scoring_round = round_list(user).filter(pk=pk).first()
    if scoring_round is None:
        raise Http404("Không tìm thấy đợt chấm điểm.")
    return scoring_round


def round_for_block(user, block) -> ScoringRound | None:
    return round_list(user).filter(block=block).first()


def may_see_standings(user, scoring_round: ScoringRound) -> bool:
    """Unpublished figures are for the managers and the reviewers only."""
    return can_manage(user, scoring_round) or bool(acting_reviewers(user, scoring_round))


def visible_sheets(user, scoring_round: ScoringRound) -> QuerySet:
    qs = scoring_round.sheets.select_related("organization")
    if may_see_standings(user, scoring_round):
        return qs
    own = [org.pk for org in acting_members(user, scoring_round)]
    scope = scope_for(user, "scoring.view")
    return qs.filter(Q(organization_id__in=own) | scope.q("organization__path"))


def sheet_get(user, pk) -> ScoreSheet:
    sheet = (
        ScoreSheet.objects.select_related("round__block__organizer", "round__template", "organization")
        .filter(pk=pk)
        .first()
    )
    if sheet is None or not round_list(user).filter(pk=sheet.round_id).exists():
        raise Http404("Không tìm thấy phiếu chấm điểm.")
    if not visible_sheets(user, sheet.round).filter(pk=sheet.pk).exists():
        raise Http404("Không tìm thấy phiếu chấm điểm.")
    return sheet


def evidence_get(user, pk) -> Evidence:
    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404("Không tìm thấy tệp minh chứng.")
    sheet_get(user, evidence.sheet_id)
    return evidence


def current_result(scoring_round: ScoringRound) -> ScoringResult | None:
    return scoring_round.results.filter(is_current=True).first()
