import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.core.demo.cached import load_demo
from tdkt.organizations.models import EmulationBlock, Organization


@pytest.fixture
def demo(db):
    assert load_demo() is True
    return EmulationBlock.objects.get(name="Khối các cơ quan tham mưu, tổng hợp", year=2022)


def test_demo_block_head_sees_the_fifteen_members(client, demo):
    assert client.login(username="truongkhoi", password="demo")
    home = client.get(reverse("home"))
    assert "Khối các cơ quan tham mưu, tổng hợp" in home.text
    page = client.get(reverse("organizations:block", args=[demo.pk]))
    assert page.status_code == 200
    members = list(page.context["members"])
    assert len(members) == 15
    roles = {m.organization.name: m.role for m in members}
    assert roles["Văn phòng UBND tỉnh"] == "head"
    assert roles["Ban Quản lý Khu Kinh tế tỉnh"] == "deputy"
    assert members[0].organization.name == "Văn phòng HĐND tỉnh"  # seed 000's order


def test_demo_has_one_account_per_role_with_password_demo(client, demo):
    for username in ["admin", "thuongtruc", "hoidong", "pheduyet", "truongkhoi", "canbo", "lanhdao", "xem"]:
        assert User.objects.get(username=username).check_password("demo"), username
    roles = set(User.objects.values_list("role_grants__role", flat=True))
    assert roles == {
        "admin",
        "standing_office",
        "council_member",
        "approver",
        "block_head",
        "unit_officer",
        "unit_leader",
        "viewer",
    }


def test_demo_has_the_three_provinces_and_the_tuyen_quang_block(demo):
    assert set(Organization.objects.filter(kind="province").values_list("code", flat=True)) == {"QT", "TQ", "HT"}
    tq = EmulationBlock.objects.get(name="Khối thi đua Nội chính", year=2022)
    assert tq.memberships.get(role="head").organization.short_name == "Bộ CHQS tỉnh"
    assert Organization.objects.get(code="HT-SNV").children.count() >= 8
    assert Organization.objects.get(code="QT-SKHDT").successor.code == "QT-STC"


def test_demo_loads_once(demo):
    assert load_demo() is False


@override_settings(TDKT_DEMO=False)
def test_demo_refuses_a_production_database(db):
    with pytest.raises(ImproperlyConfigured):
        load_demo()
    assert not User.objects.filter(username="admin").exists()
