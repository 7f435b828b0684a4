"""The demo's commendation: catalogue, council, seed 004's round and one decided dossier."""

import datetime

import pytest

from tdkt.awards.models import CommendationRound, Council, Decision
from tdkt.awards.services.dossiers import form_on
from tdkt.core.demo.cached import load_demo
from tdkt.records.models import HonourRecord


@pytest.fixture
def demo(db):
    assert load_demo() is True


def test_demo_catalogue_council_and_campaign_round(demo):
    for on in (datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)):  # both regimes' versions
        assert form_on("CSTDCS", on).ballot_threshold == 80
        assert form_on("CSTD_TINH", on).ballot_threshold == 90
        assert form_on("BK_TTG", on).issuer is None  # decided centrally: forwarded
    # The whole law's catalogue (issue 13.1), with who decides before and after the reform of 01/07/2025.
    assert form_on("CO_CP", datetime.date(2025, 6, 30)).decider_title == "CHÍNH PHỦ"
    assert form_on("CO_CP", datetime.date(2025, 7, 1)).decider_title == "THỦ TƯỚNG CHÍNH PHỦ"
    assert form_on("THON_VH", datetime.date(2025, 7, 1)).decider_title == "CHỦ TỊCH ỦY BAN NHÂN DÂN CẤP XÃ"
    for code in ("LDTT", "TTLDTT", "TTLDXS", "CO_TINH", "HCSV", "HCDL1", "HCLD3", "HUYC_CSVV1", "KNC", "GDVH"):
        assert form_on(code, datetime.date(2026, 1, 1)) is not None, code
    for province in ("HT", "TQ"):  # each province of the demo has its own provincial rows
        assert form_on(f"CO_TINH_{province}", datetime.date(2026, 1, 1)).issuer.code == province
    assert "98/2023" in form_on("GK_GD_SNV", datetime.date(2024, 12, 27)).legal_ref
    assert "152/2025" in form_on("GK_GD_SNV", datetime.date(2025, 7, 1)).legal_ref
    council = Council.objects.get(authority__code="QT")
    assert council.members.count() == 9
    assert council.members.filter(user__username="hoidong").exists()
    campaign = CommendationRound.objects.get(kind="movement")
    assert campaign.deadline == datetime.date(2025, 8, 4)
    assert campaign.movement is not None
    assert "80 năm" in campaign.movement.title
    assert set(campaign.forms.values_list("code", flat=True)) == {"GK_GD_SNV", "BK_CT_UBND", "BK_BT_BNV", "BK_TTG"}


def test_demo_decision_is_in_the_records(demo):
    decision = Decision.objects.get()
    assert decision.reference == "312/QĐ-SNV"
    assert decision.awardees.count() == 3
    assert [a.amount for a in decision.awardees.all()] == [710_000] * 3
    assert HonourRecord.objects.filter(code="GK", year=2024, decision_number="312/QĐ-SNV").count() == 3
