"""The commendation world on top of `world`: a catalogue, the province's council, a regular round.

Catalogue (in force from 2024-01-01):
- GK_STC  Giấy khen của Giám đốc Sở Tài chính — issuer FIN, individual & collective, no ballot, coef 0.3/0.6
- CSTDCS  Chiến sĩ thi đua cơ sở — issuer FIN, individual, ballot ≥ 80% of all members, coef 1.0
- BK_CT   Bằng khen của Chủ tịch UBND tỉnh — issuer P, public notice 10 working days, coef 1.5/3.0
- BK_TTG  Bằng khen của Thủ tướng Chính phủ — decided centrally (no issuer here): forwarded
Each needs a tờ trình, a biên bản and a báo cáo thành tích. Council of P: 5 members, the first is the
`council_member` user. Round: "Khen thưởng thường xuyên năm 2025", authority P, deadline in 30 days.
Units send their dossiers directly (the leader's sign-off off); test_signoff.py covers the sign-off.
"""

import base64
import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from tdkt.awards.models import AwardForm, CommendationRound, Council, CouncilMember
from tdkt.organizations.models import Organization

COMPONENTS = [
    {"code": "to_trinh", "label": "Tờ trình đề nghị khen thưởng", "required": True},
    {"code": "bien_ban", "label": "Biên bản họp xét khen thưởng", "required": True},
    {"code": "bao_cao", "label": "Báo cáo thành tích", "required": True},
]
PDF = base64.b64decode(
    "JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tp"
    "ZHNbMyAwIFJdL0NvdW50IDE+PmVuZG9iagozIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNTk1"
    "IDg0Ml0+PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg=="
)


@dataclass
class AwardsWorld:
    world: object
    forms: dict
    council: Council
    members: list
    round: CommendationRound


def _form(code, name, record_code, issuer, level, decider, **extra):
    return AwardForm.objects.create(
        code=code, name=name, certificate_title=extra.pop("certificate_title", "GIẤY KHEN"), record_code=record_code,
        issuer=issuer, level=level, decider_title=decider, components=COMPONENTS,
        effective_from=datetime.date(2024, 1, 1), **extra,
    )


@pytest.fixture
def awards(world) -> AwardsWorld:
    p, fin = world.orgs["P"], world.orgs["FIN"]
    forms = {
        "GK_STC": _form("GK_STC", "Giấy khen của Giám đốc Sở Tài chính", "GK", fin, "department",
                        "GIÁM ĐỐC SỞ TÀI CHÍNH", coefficient_individual=Decimal("0.3"),
                        coefficient_collective=Decimal("0.6"), copies=2),
        "CSTDCS": _form("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTDCS", fin, "department", "GIÁM ĐỐC SỞ TÀI CHÍNH",
                        for_collective=False, needs_ballot=True, ballot_threshold=Decimal(80),
                        coefficient_individual=Decimal("1.0"), certificate_title="GIẤY CHỨNG NHẬN"),
        "BK_CT": _form("BK_CT", "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", p, "province",
                       "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", needs_notice=True, notice_working_days=10,
                       coefficient_individual=Decimal("1.5"), coefficient_collective=Decimal("3.0"), copies=3,
                       certificate_title="BẰNG KHEN"),
        "BK_TTG": _form("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "BK_TTG", None, "central",
                        "THỦ TƯỚNG CHÍNH PHỦ", coefficient_individual=Decimal("3.5"), copies=4,
                        certificate_title="BẰNG KHEN"),
    }
    council = Council.objects.create(authority=p, name="Hội đồng Thi đua - Khen thưởng tỉnh")
    members = [CouncilMember.objects.create(council=council, user=world.users["council_member"],
                                            full_name="Trần Quang Vinh", position="Phó Chủ tịch Hội đồng")]
    members += [CouncilMember.objects.create(council=council, full_name=f"Thành viên {i}") for i in range(2, 6)]
    # The deadline lies ahead (sending after it asks for a confirmation: tests of that move it back).
    commendation_round = CommendationRound.objects.create(
        authority=p, kind="regular", title="Khen thưởng thường xuyên năm 2025", year=2025,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    # These tests follow the dossier from the unit's sending onwards, so the units send directly (the
    # leader's sign-off switched off); test_signoff.py turns it back on and covers that step.
    Organization.objects.update(leader_signoff=False)
    return AwardsWorld(world=world, forms=forms, council=council, members=members, round=commendation_round)
