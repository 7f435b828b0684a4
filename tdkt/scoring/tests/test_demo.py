"""The demo's 2022 scoring: seed 000's 450-point sheet, 13 of 15 members submitted and reviewed."""

from decimal import Decimal

import pytest
from django.test import override_settings

from tdkt.core.demo.cached import load_demo
from tdkt.scoring.models import RoundStatus, ScoringRound
from tdkt.scoring.standings import round_standings


@pytest.fixture
def demo(db):
    with override_settings(TDKT_DEMO=True):
        load_demo()


def test_demo_round_ranks_thirteen_members_on_the_450_point_sheet(demo):
    scoring_round = ScoringRound.objects.get(block__year=2022, block__name="Khối các cơ quan tham mưu, tổng hợp")
    assert scoring_round.template.max_total == Decimal(450)
    assert scoring_round.template.is_frozen
    assert scoring_round.status == RoundStatus.OPEN
    standings = round_standings(scoring_round)
    assert len(standings.lines) == 13
    assert sorted(org.code for org in standings.waiting) == ["QT-SNV", "QT-STC"]
    ranks = [line.rank for line in standings.lines]
    assert ranks == sorted(ranks)
    assert ranks[0] == 1
    # The head and the deputy never review themselves: one review each, the others two.
    reviews = {line.organization.code: line.reviews for line in standings.lines}
    assert reviews["QT-VPUBND"] == 1
    assert reviews["QT-BQLKKT"] == 1
    assert reviews["QT-SXD"] == 2
    for line in standings.lines:
        assert Decimal(300) <= line.final_total <= line.self_total <= Decimal(450)
        assert line.band in {"Xuất sắc", "Tốt", "Khá"}
