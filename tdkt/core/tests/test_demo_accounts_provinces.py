"""Seeds 002, 003 and 004 worked end to end by their own actors (issue 13, point 7c–d): the demo's
accounts in Hà Tĩnh, Tuyên Quang and the Văn phòng Sở Nội vụ Quảng Trị, and the Tuyên Quang block
scored with its own criteria sheet."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import Api
from tdkt.accounts.models import User
from tdkt.core.demo.cached import load_demo
from tdkt.movements.models import Movement
from tdkt.movements.services.common import require_manage, require_participant
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.services.sheets import sheet_save, sheet_start

# username → (role, granted on, works at)
ACCOUNTS = {
    "vanphong_snv": ("standing_office", "QT-SNV", "QT-SNV-VP"),
    "vanphong_ht": ("standing_office", "HT-SNV", "HT-SNV-VP"),
    "canbo_ht": ("unit_officer", "HT-SNV-CCVC", "HT-SNV-CCVC"),
    "lanhdao_ht": ("unit_leader", "HT-SNV-CCVC", "HT-SNV-CCVC"),
    "truongkhoi_tq": ("block_head", "TQ-BCHQS", "TQ-BCHQS"),
    "canbo_tq": ("unit_officer", "TQ-STP", "TQ-STP"),
    "lanhdao_tq": ("unit_leader", "TQ-STP", "TQ-STP"),
}


@pytest.fixture
def demo(db):
    assert load_demo() is True


def _inbox(client, username) -> dict[str, dict]:
    response = Api(client, User.objects.get(username=username)).get("/inbox")
    assert response.status_code == 200, response.content.decode()
    return {item["kind"]: item for item in response.json()["items"]}


def test_each_province_account_has_its_role_where_the_seed_puts_it(client, demo):
    for username, (role, granted_on, works_at) in ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.check_password("demo"), username
        assert user.organization.code == works_at, username
        assert list(user.role_grants.values_list("role", "organization__code")) == [(role, granted_on)], username
        assert client.login(username=username, password="demo"), username
        assert client.get(reverse("home")).status_code == 200


def test_ha_tinh_plan_is_worked_by_its_own_office_and_phong(client, demo):
    plan = Movement.objects.get(document_number="05/KH-SNV")
    require_manage(User.objects.get(username="vanphong_ht"), plan)  # the Văn phòng Sở follows the plan
    for username in ("canbo_ht", "lanhdao_ht"):
        user = User.objects.get(username=username)
        require_participant(user, plan, user.organization)  # the phòng reports on it
        assert _inbox(client, username)["report_to_submit"]["count"] == 2  # the two milestones of 2022


def test_tuyen_quang_block_head_and_member(client, demo):
    plan = Movement.objects.get(document_number="11/KH-KTĐNC")
    head = User.objects.get(username="truongkhoi_tq")
    require_manage(head, plan)  # Bộ CHQS tỉnh runs the block's plan
    officer = User.objects.get(username="canbo_tq")
    require_participant(officer, plan, officer.organization)
    assert plan.block.memberships.get(organization=officer.organization).role == "member"


def test_tuyen_quang_block_is_scored_with_its_own_sheet(client, demo):
    scoring_round = ScoringRound.objects.select_related("template").get(block__name="Khối thi đua Nội chính")
    template = scoring_round.template
    assert template.owner.code == "TQ"
    assert template.max_total == Decimal(100)
    assert [item["code"] for item in template.definition["items"]] == ["I", "II", "III", "IV"]
    assert "Tuyên Quang chung sức xây dựng nông thôn mới" in str(template.definition)  # the plan's own contents
    assert scoring_round.self_deadline.isoformat() == "2022-12-15"  # the plan's date for the Bảng chấm điểm
    assert not scoring_round.sheets.exists()  # open, nobody has scored yet

    # The member's officer finds the sheet to fill on the home page, opens the round and fills it.
    item = _inbox(client, "canbo_tq")["sheet_to_submit"]
    assert item["url"] == reverse("scoring:round", args=[scoring_round.pk])
    assert client.login(username="canbo_tq", password="demo")
    page = client.get(item["url"])
    assert page.status_code == 200
    assert "Khối thi đua Nội chính" in page.text
    officer = User.objects.get(username="canbo_tq")
    sheet = sheet_start(actor=officer, scoring_round=scoring_round, organization=officer.organization)
    sheet = sheet_save(actor=officer, sheet=sheet, entries={"I.2": (Decimal(15), ""), "IV.3": (Decimal(3), "")})
    assert {e.item_code: e.value for e in sheet.entries.all()} == {"I.2": Decimal(15), "IV.3": Decimal(3)}
    # The head reviews and publishes it: the round is the head's to run.
    assert "round_to_publish" in _inbox(client, "truongkhoi_tq")
