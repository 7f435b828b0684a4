"""Who may do what in a block's scoring round. Roles come from ``accounts.scope``; the block's own
roles (head, deputies, assigned reviewers) come from its memberships.

- managers: ``scoring.manage`` covering the block's head unit or the organiser (the province's
  standing office) — they open the round, return sheets, assign reviewers and publish;
- members: ``scoring.self`` covering a member — they fill and submit that member's sheet;
- reviewers: ``scoring.review`` covering the head, a deputy or an assigned reviewer — they review
  every sheet but never the sheet of their own organisation (nor one above or below it).
"""

from django.db.models import QuerySet

from tdkt.accounts.scope import scope_for
from tdkt.organizations.models import BlockRole, Organization

from .models import ScoringRound


def head_organization(scoring_round: ScoringRound) -> Organization | None:
    membership = scoring_round.block.memberships.filter(role=BlockRole.HEAD).select_related("organization").first()
    return membership.organization if membership else None


def member_organizations(scoring_round: ScoringRound) -> QuerySet:
    return Organization.objects.filter(block_memberships__block=scoring_round.block).order_by(
        "block_memberships__position", "pk"
    )


def reviewer_organizations(scoring_round: ScoringRound) -> QuerySet:
    """The head, the deputies and the organisations the head assigned."""
    block_reviewers = scoring_round.block.memberships.filter(role__in=(BlockRole.HEAD, BlockRole.DEPUTY)).values(
        "organization_id"
    )
    assigned = scoring_round.assignments.values("reviewer_id")
    return Organization.objects.filter(pk__in=block_reviewers) | Organization.objects.filter(pk__in=assigned)


def can_manage(user, scoring_round: ScoringRound) -> bool:
    scope = scope_for(user, "scoring.manage")
    head = head_organization(scoring_round)
    return scope.covers(scoring_round.block.organizer) or (head is not None and scope.covers(head))


def acting_members(user, scoring_round: ScoringRound) -> list[Organization]:
    """The members whose sheet the user may fill."""
    scope = scope_for(user, "scoring.self")
    if scope.is_empty:
        return []
    return list(member_organizations(scoring_round).filter(scope.q()))


def acting_reviewers(user, scoring_round: ScoringRound) -> list[Organization]:
    """The reviewing organisations the user may review for."""
    scope = scope_for(user, "scoring.review")
    if scope.is_empty:
        return []
    return list(reviewer_organizations(scoring_round).filter(scope.q()).order_by("path"))


def in_conflict(reviewer: Organization, member: Organization) -> bool:
    """A reviewer never scores its own organisation, nor one above or below it."""
    return reviewer.path.startswith(member.path) or member.path.startswith(reviewer.path)
