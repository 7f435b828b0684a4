"""The demo's commendation: catalogue, council, seed 004's round and one decided dossier."""

import datetime

import pytest

from tdkt.awards.models import AwardForm, CommendationRound, Council, Decision
from tdkt.core.demo.cached import load_demo
from tdkt.records.models import HonourRecord


@pytest.fixture
def demo(db):
    assert load_demo() is True


def test_demo_catalogue_council_and_campaign_round(demo):
    assert AwardForm.objects.get(code="CSTDCS").ballot_threshold == 80
    assert AwardForm.objects.get(code="CSTD_TINH").ballot_threshold == 90
    assert AwardForm.objects.get(code="BK_TTG").issuer is None  # decided centrally: forwarded
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
