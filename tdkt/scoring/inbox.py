"""What scoring work waits in a user's inbox (registered with the notifications app): sheets to
submit or correct (members), sheets to review (head, deputies, assigned reviewers), rounds to
publish (managers). A fixed number of aggregate queries each, scoped like scoring/access.py but by
the user's own grants (an administrator is not every member's clerk)."""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.domain.roles import Role, roles_for
from tdkt.notifications.inbox import Item, grant_scope, register
from tdkt.organizations.models import BlockMembership, BlockRole

from .access import in_conflict
from .models import Review, ReviewerAssignment, ReviewStatus, RoundStatus, ScoreSheet, ScoringRound, SheetStatus

GROUP = "scoring"


def _roles(permission: str) -> tuple[str, ...]:
    return tuple(r.value for r in roles_for(permission) if r != Role.ADMIN)


def _round_url(count: int, round_id: int | None) -> str:
    return reverse("scoring:round", args=[round_id]) if count == 1 and round_id else reverse("scoring:rounds")


def _sheet_url(count: int, sheet_id: int | None) -> str:
    return reverse("scoring:sheet", args=[sheet_id]) if count == 1 and sheet_id else reverse("scoring:rounds")


@register
def member_sheets(user, today: datetime.date) -> list[Item]:
    scope = grant_scope(user, *_roles("scoring.self"))
    if scope.is_empty:
        return []
    items = []
    handed = ScoreSheet.objects.filter(
        round__block_id=OuterRef("block_id"),
        organization_id=OuterRef("organization_id"),
        # Before the leader, it is the leader's work (sheets_to_sign_off), no longer the officer's.
        status__in=(SheetStatus.SUBMITTED, SheetStatus.RETURNED, SheetStatus.AWAITING_SIGNOFF),
    )
    owed = (
        BlockMembership.objects.filter(scope.q("organization__path"), block__scoring__status=RoundStatus.OPEN)
        .exclude(Exists(handed))
        .aggregate(n=Count("pk"), due=Min("block__scoring__self_deadline"), pk=Max("block__scoring__id"),
                   rounds=Count("block_id", distinct=True))
    )
    if owed["n"]:
        items.append(Item("sheet_to_submit", _("Score sheets to fill and submit"), owed["n"],
                          _round_url(owed["rounds"], owed["pk"]), GROUP, due=owed["due"]))
    returned = ScoreSheet.objects.filter(
        scope.q("organization__path"), status=SheetStatus.RETURNED, round__status=RoundStatus.OPEN
    ).aggregate(n=Count("pk"), since=Min("returned_at"), pk=Max("pk"))
    if returned["n"]:
        items.append(Item("sheet_returned", _("Score sheets returned: correct and submit again"), returned["n"],
                          _sheet_url(returned["n"], returned["pk"]), GROUP, since=returned["since"]))
    return items


@register
def sheets_to_sign_off(user, today: datetime.date) -> list[Item]:
    """The unit leader's sign-off: sheets the officers put before them."""
    scope = grant_scope(user, "unit_leader")
    if scope.is_empty:
        return []
    row = ScoreSheet.objects.filter(
        scope.q("organization__path"), status=SheetStatus.AWAITING_SIGNOFF, round__status=RoundStatus.OPEN
    ).aggregate(n=Count("pk"), due=Min("round__self_deadline"), since=Min("updated_at"), pk=Max("pk"))
    if not row["n"]:
        return []
    return [Item("sheet_to_sign_off", _("Score sheets to sign off and submit"), row["n"],
                 _sheet_url(row["n"], row["pk"]), GROUP,
                 due=row["due"], since=row["since"])]


@register
def sheets_to_review(user, today: datetime.date) -> list[Item]:
    """Submitted sheets that one of the user's reviewing organisations (head, deputy or assigned)
    has neither completed nor recused, its own organisation's sheet aside. Four queries; the rows
    read are those of the rounds the user reviews in, never the province's."""
    scope = grant_scope(user, *_roles("scoring.review"))
    if scope.is_empty:
        return []
    reviewers: dict[int, list[tuple[int, str]]] = {}  # round → the user's reviewing organisations
    led = BlockMembership.objects.filter(
        scope.q("organization__path"), role__in=(BlockRole.HEAD, BlockRole.DEPUTY),
        block__scoring__status=RoundStatus.OPEN,
    ).values_list("block__scoring__id", "organization_id", "organization__path")
    assigned = ReviewerAssignment.objects.filter(scope.q("reviewer__path"), round__status=RoundStatus.OPEN).values_list(
        "round_id", "reviewer_id", "reviewer__path")
    for round_id, org_id, path in [*led, *assigned]:
        if (org_id, path) not in reviewers.setdefault(round_id, []):
            reviewers[round_id].append((org_id, path))
    if not reviewers:
        return []
    sheets = list(ScoreSheet.objects.filter(round_id__in=reviewers, status=SheetStatus.SUBMITTED).values_list(
        "pk", "round_id", "organization__path", "submitted_at"))
    done = set(Review.objects.filter(
        sheet_id__in=[s[0] for s in sheets], status__in=(ReviewStatus.COMPLETED, ReviewStatus.RECUSED)
    ).values_list("sheet_id", "reviewer_id"))
    waiting = [
        (pk, round_id, submitted_at)
        for pk, round_id, member_path, submitted_at in sheets
        if any((pk, org_id) not in done and not in_conflict(_Path(path), _Path(member_path))
               for org_id, path in reviewers[round_id])
    ]
    if not waiting:
        return []
    rounds = {round_id for _pk, round_id, _at in waiting}
    due = ScoringRound.objects.filter(pk__in=rounds).aggregate(due=Min("review_deadline"))["due"]
    since = min((at for _pk, _r, at in waiting if at), default=None)
    url = _sheet_url(1, waiting[0][0]) if len(waiting) == 1 else _round_url(len(rounds), min(rounds))
    return [Item("sheet_to_review", _("Score sheets to review"), len(waiting), url, GROUP, due=due, since=since)]


class _Path:
    """Just enough of an organisation for `in_conflict` (which reads paths)."""

    def __init__(self, path: str):
        self.path = path


@register
def rounds_to_publish(user, today: datetime.date) -> list[Item]:
    """Rounds the user runs (the block's organiser or head unit) whose self-scoring is over: review,
    return what needs correcting, and publish the ranking."""
    scope = grant_scope(user, *_roles("scoring.manage"))
    if scope.is_empty:
        return []
    heads = BlockMembership.objects.filter(scope.q("organization__path"), role=BlockRole.HEAD).values("block_id")
    rows = ScoringRound.objects.filter(
        scope.q("block__organizer__path") | Q(block_id__in=heads),
        status__in=(RoundStatus.OPEN, RoundStatus.CORRECTING),
        self_deadline__lt=today,
    ).aggregate(n=Count("pk"), due=Min("review_deadline"), pk=Max("pk"))
    if not rows["n"]:
        return []
    return [Item("round_to_publish", _("Scoring rounds to finish and publish"), rows["n"],
                 _round_url(rows["n"], rows["pk"]), GROUP, due=rows["due"])]
