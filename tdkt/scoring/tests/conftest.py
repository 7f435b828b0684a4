"""The scoring world: the shared `world` (block 2022: HOME head, FIN member) plus a deputy (DEP) and
another member (MEM), a small criteria template owned by the province and an open round.

Small template (100 points): I (60) = I.1 per_count 9 each, cap 45 + I.2 points 15;
II (40) = II.1 points 30 + II.2 deduction 2 per fault from 10. Bands 90/75/60/0; tie-break II, I.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from tdkt.organizations.models import BlockMembership, Organization
from tdkt.scoring.services.rounds import round_open
from tdkt.scoring.services.templates import template_create

SMALL = {
    "items": [
        {
            "code": "I",
            "title": "Kết quả thực hiện nhiệm vụ được giao",
            "max": 60,
            "children": [
                {
                    "code": "I.1",
                    "title": "Tham mưu xây dựng chương trình, kế hoạch",
                    "max": 45,
                    "rule": {"type": "per_count", "points_each": 9},
                },
                {"code": "I.2", "title": "Tổ chức thực hiện văn bản pháp luật", "max": 15},
            ],
        },
        {
            "code": "II",
            "title": "Công tác thi đua, khen thưởng",
            "max": 40,
            "children": [
                {"code": "II.1", "title": "Xây dựng kế hoạch thi đua", "max": 30},
                {
                    "code": "II.2",
                    "title": "Báo cáo chậm (trừ 2 điểm mỗi lần)",
                    "max": 10,
                    "rule": {"type": "deduction", "points_each": 2},
                },
            ],
        },
    ],
    "bands": [
        {"label": "Xuất sắc", "min": 90},
        {"label": "Tốt", "min": 75},
        {"label": "Khá", "min": 60},
        {"label": "Trung bình", "min": 0},
    ],
    "tie_break": ["II", "I"],
}


@dataclass
class ScoringWorld:
    world: object
    template: object
    round: object
    orgs: dict
    users: dict


@pytest.fixture
def scoring(world) -> ScoringWorld:
    p = world.orgs["P"]
    dep = make_org("DEP", "Ban Quản lý Khu Kinh tế tỉnh", "agency", parent=p)
    mem = make_org("MEM", "Sở Xây dựng", parent=p)
    BlockMembership.objects.create(block=world.block, organization=dep, role="deputy", position=3)
    BlockMembership.objects.create(block=world.block, organization=mem, role="member", position=4)
    users = dict(world.users)
    users["deputy"] = make_user("phokhoi", "unit_leader", dep)  # reviews for the deputy unit
    users["member_officer"] = make_user("canbo_sxd", "unit_officer", mem)
    template = template_create(
        actor=world.users["standing_office"],
        owner=p,
        code="KTMTH-2022",
        name="Tiêu chí chấm điểm Khối các cơ quan tham mưu, tổng hợp",
        definition=SMALL,
    )
    scoring_round = round_open(
        actor=world.users["block_head"],
        block=world.block,
        template=template,
        self_deadline=timezone.localdate() + datetime.timedelta(days=10),
        flag_share=Decimal("0.20"),
    )
    # These tests follow a sheet from its submission onwards, so members submit directly (the
    # leader's sign-off off); test_sheet_signoff.py turns it back on and covers that step.
    Organization.objects.update(leader_signoff=False)
    return ScoringWorld(
        world=world, template=template, round=scoring_round, orgs={**world.orgs, "DEP": dep, "MEM": mem}, users=users
    )


def entries(**values):
    """entries(I_1=4, I_2="12.5") -> {"I.1": (Decimal("4"), ""), "I.2": (Decimal("12.5"), "")}"""
    return {code.replace("_", "."): (None if v is None else Decimal(str(v)), "") for code, v in values.items()}
