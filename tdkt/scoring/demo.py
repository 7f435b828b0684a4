"""Seed 000's scoring in the demo: the 450-point criteria sheet imported from the seed's table, the
2022 round of Khối các cơ quan tham mưu, tổng hợp, and thirteen members' sheets already submitted and
reviewed by the head (Văn phòng UBND tỉnh) and the deputy (Ban Quản lý Khu Kinh tế tỉnh). Sở Tài chính
and Sở Nội vụ have not scored yet: the demo's unit officer (Sở Tài chính) can do it, and the head can
then review and publish.

Written straight to the models with the year's dates (a record of 2022, not a user's actions today).

Seed 003's Khối thi đua Nội chính (Tuyên Quang) gets its own criteria sheet as the block's template
and an open 2022 round nobody has scored yet, so the block's members (the demo's `canbo_tq`, Sở Tư
pháp) fill their sheets and the head (`truongkhoi_tq`, Bộ CHQS tỉnh) reviews. The plan names the sheet
("Bảng chấm điểm thi đua", due with the year's report before 15/12/2022) but does not print it: its
criteria are the plan's contents (seeds/seed003_criteria.md), their points the demo's own."""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from tdkt.organizations.models import BlockRole, EmulationBlock

from .access import in_conflict
from .domain import RuleType, template_from_markdown
from .models import Evidence, Review, ReviewEntry, ReviewStatus, ScoreSheet, ScoringRound, SheetEntry, SheetStatus
from .services.rounds import round_open
from .services.templates import template_create
from .standings import parsed_template

SEED_TABLE = Path(__file__).resolve().parent / "seeds" / "seed000_criteria.md"
CODE = "KTMTH-2022"
NAME = "Tiêu chí tự chấm điểm thi đua Khối các cơ quan tham mưu, tổng hợp năm 2022"
TQ_TABLE = Path(__file__).resolve().parent / "seeds" / "seed003_criteria.md"
TQ_CODE = "KNC-TQ-2022"
TQ_NAME = "Bảng chấm điểm thi đua Khối thi đua Nội chính tỉnh Tuyên Quang năm 2022"
NOT_YET = ("QT-STC", "QT-SNV")  # the demo's own unit and one more: left for the user to score
# A one-page PDF standing for a scanned proof (the demo keeps no real documents).
PROOF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _when(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _self_value(rng: random.Random, leaf) -> Decimal:
    if leaf.rule is RuleType.PER_COUNT:
        most = int(leaf.max / leaf.points_each)
        return Decimal(rng.randint(max(1, most - 2), most))
    if leaf.rule is RuleType.DEDUCTION:
        return Decimal(rng.choice([0, 0, 0, 1]))
    share = Decimal(rng.choice([100, 100, 95, 90, 90, 85, 80])) / 100
    return (leaf.max * share * 2).quantize(Decimal(1)) / 2  # to the half point, as clerks score


def _review_value(rng: random.Random, leaf, own: Decimal) -> Decimal:
    if leaf.rule is RuleType.PER_COUNT:
        return max(own - rng.choice([0, 0, 1]), Decimal(0))
    if leaf.rule is RuleType.DEDUCTION:
        return own
    cut = Decimal(rng.choice([0, 0, 0, 1, 2])) / 2 * (1 if leaf.max <= 15 else 2)
    return max(own - cut, Decimal(0))


def load_scoring(*, actor) -> dict:
    block = EmulationBlock.objects.filter(name="Khối các cơ quan tham mưu, tổng hợp", year=2022).first()
    if block is None or ScoringRound.objects.filter(block=block).exists():
        return {}
    definition = template_from_markdown(SEED_TABLE.read_text(encoding="utf-8"), code=CODE)
    template = template_create(actor=actor, owner=block.organizer, code=CODE, name=NAME, definition=definition)
    template.frozen_at = _when(datetime.date(2022, 11, 20), 8)
    template.save(update_fields=["frozen_at"])
    scoring_round = ScoringRound.objects.create(
        block=block,
        template=template,
        self_deadline=datetime.date(2022, 12, 10),
        review_deadline=datetime.date(2022, 12, 20),
        flag_share=Decimal("0.20"),
        created_by=actor,
    )
    tree = parsed_template(template)
    leaves = list(tree.leaves())
    memberships = list(block.memberships.select_related("organization").order_by("position", "pk"))
    reviewers = [m.organization for m in memberships if m.role in (BlockRole.HEAD, BlockRole.DEPUTY)]
    rng = random.Random(2022)  # noqa: S311 - reproducible demo scores
    sheets = reviews = 0
    for index, membership in enumerate(memberships):
        organization = membership.organization
        if organization.code in NOT_YET:
            continue
        submitted = datetime.date(2022, 12, 1) + datetime.timedelta(days=index % 9)
        sheet = ScoreSheet.objects.create(
            round=scoring_round, organization=organization, status=SheetStatus.SUBMITTED,
            submitted_at=_when(submitted, 9 + index % 7), submitted_by=actor,
        )
        own = {leaf.code: _self_value(rng, leaf) for leaf in leaves}
        SheetEntry.objects.bulk_create(SheetEntry(sheet=sheet, item_code=c, value=v) for c, v in own.items())
        sheets += 1
        for leaf in leaves:
            # Most units prove what they claim in full; a few leave the head something to check.
            if leaf.rule is not RuleType.DEDUCTION and own[leaf.code] * (leaf.points_each or 1) >= leaf.max:
                if rng.random() < 0.85:
                    proof = Evidence(sheet=sheet, item_code=leaf.code, original_name=f"minh-chung-{leaf.code}.pdf",
                                     content_type="application/pdf", size=len(PROOF), uploaded_by=actor)
                    proof.file.save("minh-chung.pdf", ContentFile(PROOF), save=False)
                    proof.save()
        for reviewer in reviewers:
            if in_conflict(reviewer, organization):
                continue
            review = Review.objects.create(
                sheet=sheet, reviewer=reviewer, status=ReviewStatus.COMPLETED,
                completed_at=_when(submitted + datetime.timedelta(days=7), 15), updated_by=actor,
            )
            ReviewEntry.objects.bulk_create(
                ReviewEntry(review=review, item_code=leaf.code, value=_review_value(rng, leaf, own[leaf.code]))
                for leaf in leaves
            )
            reviews += 1
    _tuyen_quang(actor)
    return {"sheets": sheets, "reviews": reviews}


def _tuyen_quang(actor) -> ScoringRound | None:
    """The Nội chính block's own sheet and its open round (self-scoring by 15/12/2022, the plan's date
    for the year-end report and the Bảng chấm điểm; the Hội nghị tổng kết is in 01/2023)."""
    block = EmulationBlock.objects.filter(name="Khối thi đua Nội chính", year=2022).first()
    if block is None or ScoringRound.objects.filter(block=block).exists():
        return None
    definition = template_from_markdown(TQ_TABLE.read_text(encoding="utf-8"), code=TQ_CODE)
    template = template_create(actor=actor, owner=block.organizer, code=TQ_CODE, name=TQ_NAME,
                               definition=definition)
    return round_open(actor=actor, block=block, template=template, self_deadline=datetime.date(2022, 12, 15),
                      review_deadline=datetime.date(2022, 12, 31))
