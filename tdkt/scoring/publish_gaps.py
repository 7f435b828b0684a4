"""What is still missing before a round's result is published: members whose sheet is not submitted
(none yet, a draft, or returned) and reviews not finished on the submitted sheets (begun and not
completed, or not begun by a reviewer who is expected to review). Publishing with gaps is allowed —
the head decides — but only with a reason, kept in the audit (issue 11, guarded steps). The page,
the API and the service read the same list, so they say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .access import in_conflict, member_organizations, reviewer_organizations
from .models import Review, ReviewStatus, ScoringRound, SheetStatus

NAMES_SHOWN = 10  # a block can have hundreds of members: name the first ones, count the rest


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return f"{shown} và {rest} đơn vị khác" if rest > 0 else shown


@dataclass
class PublishGaps:
    missing_sheets: list = field(default_factory=list)  # organisations, in block order
    unfinished_reviews: list = field(default_factory=list)  # (member, reviewer, begun) in block order

    def __bool__(self) -> bool:
        return bool(self.missing_sheets or self.unfinished_reviews)

    def problems(self) -> list[str]:
        """One Vietnamese sentence per kind of gap, naming the units."""
        out = []
        if self.missing_sheets:
            out.append(
                f"{len(self.missing_sheets)} đơn vị chưa nộp phiếu chấm điểm: "
                f"{_names([org.name for org in self.missing_sheets])}"
            )
        if self.unfinished_reviews:
            pairs = [
                f"{reviewer.name} thẩm định {member.name}{'' if begun else ' (chưa bắt đầu)'}"
                for member, reviewer, begun in self.unfinished_reviews
            ]
            out.append(f"{len(pairs)} phiếu thẩm định chưa hoàn thành: {_names(pairs)}")
        return out

    def as_audit(self) -> dict:
        return {
            "missing_sheets": [org.name for org in self.missing_sheets],
            "unfinished_reviews": [f"{r.name} → {m.name}" for m, r, _ in self.unfinished_reviews],
        }


def publish_gaps(scoring_round: ScoringRound) -> PublishGaps:
    """Three queries whatever the block's size (members, sheets, reviews) plus the reviewers."""
    members = list(member_organizations(scoring_round))
    statuses = dict(scoring_round.sheets.values_list("organization_id", "status"))
    sheet_of = dict(scoring_round.sheets.filter(status=SheetStatus.SUBMITTED).values_list("organization_id", "pk"))
    reviewers = list(reviewer_organizations(scoring_round).order_by("path"))
    reviews = {
        (sheet_id, reviewer_id): status
        for sheet_id, reviewer_id, status in Review.objects.filter(sheet_id__in=sheet_of.values()).values_list(
            "sheet_id", "reviewer_id", "status"
        )
    }
    gaps = PublishGaps()
    for member in members:
        if statuses.get(member.pk) != SheetStatus.SUBMITTED:
            gaps.missing_sheets.append(member)
            continue
        sheet_id = sheet_of[member.pk]
        for reviewer in reviewers:
            if in_conflict(reviewer, member):
                continue  # never reviews its own organisation (nor one above or below it)
            status = reviews.get((sheet_id, reviewer.pk))
            if status not in (ReviewStatus.COMPLETED, ReviewStatus.RECUSED):
                gaps.unfinished_reviews.append((member, reviewer, status is not None))
    return gaps
