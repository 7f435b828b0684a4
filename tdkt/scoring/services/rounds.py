"""A block's scoring round: open it, change its deadlines, assign reviewers, publish the result
(a frozen, versioned record that proposes the leader for the Cờ thi đua), reopen for a correction."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType
from tdkt.notifications.services import notify
from tdkt.organizations.models import BlockRole

from ..access import head_organization, member_organizations
from ..models import ResultRow, ReviewerAssignment, RoundStatus, ScoringResult, ScoringRound
from ..publish_gaps import publish_gaps
from ..standings import round_standings, standings_data
from .common import PermissionDenied, ValidationError, audit_record, require_manage

FLAG_AWARD = "CO_TINH"  # Cờ thi đua cấp tỉnh: proposed for the unit leading its block


def _check_round_fields(self_deadline, review_deadline, flag_share) -> None:
    errors = {}
    if not isinstance(self_deadline, datetime.date):
        errors["self_deadline"] = "Hãy nhập hạn tự chấm điểm (dd/mm/yyyy)."
    elif review_deadline is not None and review_deadline < self_deadline:
        errors["review_deadline"] = "Hạn thẩm định không được trước hạn tự chấm."
    if flag_share is None or not (Decimal(0) < Decimal(flag_share) <= Decimal(1)):
        errors["flag_share"] = "Ngưỡng chênh lệch phải lớn hơn 0 và không quá 1 (ví dụ 0,20 = 20% điểm chuẩn)."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_open(
    *, actor, block, template, self_deadline, review_deadline=None, flag_share=Decimal("0.20")
) -> ScoringRound:
    probe = ScoringRound(block=block, template=template)
    require_manage(actor, probe)
    if head_organization(probe) is None:
        raise ValidationError({"block": f"{block} chưa có đơn vị trưởng khối."})
    if ScoringRound.objects.filter(block=block).exists():
        raise ValidationError({"block": f"{block} đã có đợt chấm điểm."})
    _check_round_fields(self_deadline, review_deadline, flag_share)
    scoring_round = ScoringRound.objects.create(
        block=block,
        template=template,
        self_deadline=self_deadline,
        review_deadline=review_deadline,
        flag_share=flag_share,
        created_by=actor,
    )
    audit_record(
        event_type=AuditEventType.ROUND_OPENED,
        actor=actor,
        target=scoring_round,
        organization=block.organizer,
        after={"template": str(template), "self_deadline": self_deadline.isoformat()},
    )
    return scoring_round


@transaction.atomic
def round_change(
    *, actor, scoring_round: ScoringRound, template, self_deadline, review_deadline=None, flag_share=Decimal("0.20")
) -> ScoringRound:
    scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    require_manage(actor, scoring_round)
    _check_round_fields(self_deadline, review_deadline, flag_share)
    if template.pk != scoring_round.template_id and scoring_round.sheets.exists():
        raise ValidationError({"template": "Đã có đơn vị chấm điểm theo mẫu này; không đổi mẫu tiêu chí được nữa."})
    before = {
        "template": str(scoring_round.template),
        "self_deadline": scoring_round.self_deadline.isoformat(),
        "flag_share": str(scoring_round.flag_share),
    }
    scoring_round.template = template
    scoring_round.self_deadline = self_deadline
    scoring_round.review_deadline = review_deadline
    scoring_round.flag_share = flag_share
    scoring_round.save()
    audit_record(
        event_type=AuditEventType.ROUND_CHANGED,
        actor=actor,
        target=scoring_round,
        organization=scoring_round.block.organizer,
        before=before,
        after={"template": str(template), "self_deadline": self_deadline.isoformat(), "flag_share": str(flag_share)},
    )
    return scoring_round


@transaction.atomic
def reviewer_assign(*, actor, scoring_round: ScoringRound, reviewer) -> ReviewerAssignment:
    """Add a reviewing organisation: another member of the block (chấm chéo). Not the organiser: it
    stands above every member, so each of its reviews would be a conflict of interest."""
    require_manage(actor, scoring_round)
    block = scoring_round.block
    if not block.memberships.filter(organization=reviewer).exists():
        raise ValidationError({"reviewer": f"{reviewer} không phải thành viên của {block}."})
    if block.memberships.filter(organization=reviewer, role__in=(BlockRole.HEAD, BlockRole.DEPUTY)).exists():
        raise ValidationError({"reviewer": f"{reviewer} là trưởng hoặc phó khối, đã chấm thẩm định."})
    assignment, created = ReviewerAssignment.objects.get_or_create(
        round=scoring_round, reviewer=reviewer, defaults={"assigned_by": actor}
    )
    if not created:
        raise ValidationError({"reviewer": f"{reviewer} đã được phân công chấm thẩm định."})
    audit_record(
        event_type=AuditEventType.REVIEWER_ASSIGNED,
        actor=actor,
        target=scoring_round,
        organization=block.organizer,
        after={"reviewer": str(reviewer)},
    )
    return assignment


def _propose_flag(*, actor, scoring_round: ScoringRound, leaders, head) -> list:
    """Mark the leading unit(s) as proposed for the Cờ thi đua of the year (the dossiers pick it up)."""
    from tdkt.organizations.models import Organization
    from tdkt.rules import facts
    from tdkt.rules.domain import Verdict
    from tdkt.rules.evaluation import default_on_date, evaluate_safely
    from tdkt.rules.models import ProposalMark

    year = scoring_round.block.year
    on_date = default_on_date(year)
    marks = []
    for organization in leaders:
        if ProposalMark.objects.filter(year=year, award=FLAG_AWARD, collective=organization).exists():
            continue
        subject = facts.organization_facts(Organization.objects.filter(pk=organization.pk), year=year, on_date=on_date)[
            organization.pk
        ]
        [result] = evaluate_safely([(organization.pk, subject)], FLAG_AWARD, year=year, on_date=on_date)
        verdict = result.verdict == Verdict.ELIGIBLE
        marks.append(
            ProposalMark.objects.create(
                year=year,
                award=FLAG_AWARD,
                collective=organization,
                organization=head,
                eligible=verdict,
                justification="" if verdict else f"Dẫn đầu {scoring_round.block} theo kết quả chấm điểm đã công bố.",
                marked_by=actor,
            )
        )
    return marks


@transaction.atomic
def result_publish(*, actor, scoring_round: ScoringRound, reason: str = "") -> ScoringResult:
    """Freeze the standings as a new version. A reason is required for a correction and whenever a
    member's sheet or a review is missing (publish_gaps); the gaps go into the audit event."""
    scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    require_manage(actor, scoring_round)
    reason = reason.strip()
    if scoring_round.status == RoundStatus.PUBLISHED:
        raise ValidationError({"round": "Kết quả đã công bố; muốn sửa hãy mở lại để điều chỉnh (có lý do)."})
    previous = scoring_round.results.filter(is_current=True).first()
    if previous is not None and not reason:
        raise ValidationError({"reason": "Hãy ghi lý do điều chỉnh kết quả đã công bố."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    standings = round_standings(scoring_round)
    if not standings.lines:
        raise ValidationError({"round": "Chưa có đơn vị nào nộp phiếu chấm điểm."})
    # Publishing locks every sheet and review: with some missing, the head must say why (audited).
    gaps = publish_gaps(scoring_round)
    if gaps and not reason:
        raise ValidationError(
            {"reason": "Chưa đủ để công bố: " + "; ".join(gaps.problems()) + ". Hãy ghi lý do công bố khi chưa đủ."}
        )
    version = (scoring_round.results.aggregate(v=Max("version"))["v"] or 0) + 1
    if previous is not None:
        ScoringResult.objects.filter(pk=previous.pk).update(is_current=False)
    result = ScoringResult.objects.create(
        round=scoring_round,
        version=version,
        template=scoring_round.template,
        reason=reason,
        data=standings_data(standings, scoring_round),
        published_by=actor,
        published_at=timezone.now(),
    )
    ResultRow.objects.bulk_create(
        ResultRow(
            result=result,
            organization=line.organization,
            self_total=line.self_total,
            final_total=line.final_total,
            band=line.band or "",
            rank=line.rank,
            position=position,
        )
        for position, line in enumerate(standings.lines)
    )
    scoring_round.status = RoundStatus.PUBLISHED
    scoring_round.save(update_fields=["status"])
    head = head_organization(scoring_round)
    leaders = [line.organization for line in standings.lines if line.rank == 1]
    _propose_flag(actor=actor, scoring_round=scoring_round, leaders=leaders, head=head)
    url = reverse("scoring:round", args=[scoring_round.pk])
    # One notice per member's officers and leaders (one query, not one per member: blocks reach hundreds).
    member_users = User.objects.filter(
        is_active=True,
        role_grants__role__in=("unit_officer", "unit_leader"),
        role_grants__organization__in=member_organizations(scoring_round),
    ).distinct()
    notify(
        member_users,
        text=f"Đã công bố kết quả chấm điểm thi đua {scoring_round.block} (phiên bản {version}).",
        url=url,
        email=False,
    )
    audit_record(
        event_type=AuditEventType.RESULT_PUBLISHED,
        actor=actor,
        target=scoring_round,
        organization=scoring_round.block.organizer,
        after={"version": version, "leaders": [str(o) for o in leaders], "reason": reason, **gaps.as_audit()},
    )
    return result


@transaction.atomic
def round_reopen(*, actor, scoring_round: ScoringRound, reason: str) -> ScoringRound:
    """Reopen a published round for a correction; the published version stays until the next one."""
    scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    require_manage(actor, scoring_round)
    reason = reason.strip()
    if scoring_round.status != RoundStatus.PUBLISHED:
        raise ValidationError({"round": "Chỉ mở lại được khi kết quả đã công bố."})
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do mở lại để điều chỉnh."})
    scoring_round.status = RoundStatus.CORRECTING
    scoring_round.save(update_fields=["status"])
    audit_record(
        event_type=AuditEventType.ROUND_REOPENED,
        actor=actor,
        target=scoring_round,
        organization=scoring_round.block.organizer,
        after={"reason": reason[:500]},
    )
    return scoring_round


def can_open_round(actor, block) -> bool:
    probe = ScoringRound(block=block)
    head = head_organization(probe)
    scope = scope_for(actor, "scoring.manage")
    return scope.covers(block.organizer) or (head is not None and scope.covers(head))


__all__ = [
    "PermissionDenied",
    "can_open_round",
    "reviewer_assign",
    "result_publish",
    "round_change",
    "round_open",
    "round_reopen",
]
