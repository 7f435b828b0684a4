"""Who is told when a score sheet changes hands: a submitted sheet goes to the block's reviewers
(the head unit, the deputies and the organisations the head assigned) — their officers and leaders,
or the block head's users for the head unit. One `users_of` per reviewing organisation (a block
has a handful), never one per member."""

from django.urls import reverse

from tdkt.notifications.services import notify, users_of

from .access import in_conflict, reviewer_organizations
from .models import ScoreSheet

REVIEWER_ROLES = ("block_head", "unit_leader", "unit_officer")


def sheet_submitted_notify(sheet: ScoreSheet) -> int:
    users = {}
    for reviewer in reviewer_organizations(sheet.round):
        if in_conflict(reviewer, sheet.organization):
            continue  # a reviewer never scores its own organisation
        for user in users_of(reviewer, roles=REVIEWER_ROLES):
            users[user.pk] = user
    return notify(
        users.values(),
        text=f"{sheet.organization} đã nộp phiếu tự chấm điểm thi đua {sheet.round.block}: chờ thẩm định.",
        url=reverse("scoring:sheet", args=[sheet.pk]),
    )
