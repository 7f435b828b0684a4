"""The candidates page and API on the bases beyond regular, movement and sudden (issue 13.2): the
adapter feeds sex and service start, a sector's Kỷ niệm chương is judged by years in the sector,
cống hiến names the missing posts, and đối ngoại shows the reason once.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Trần Thị Hoa and Phạm Thu Hà are women.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Api
from tdkt.organizations.models import Person
from tdkt.rules.models import StoredVerdict
from tdkt.rules.views import CandidateFilterForm

YEAR = timezone.localdate().year - 1  # considered today (evaluation.default_on_date)


@pytest.fixture
def served(world):
    """Đức from 2000 (over 20 years); Hoa, Đạt from 1 January sixteen years ago (15 to 17 years:
    enough for a woman, not for a man); Hà's start unknown."""
    sixteen = datetime.date(timezone.localdate().year - 16, 1, 1)
    Person.objects.filter(pk=world.people["fin"].pk).update(service_start=datetime.date(2000, 1, 1))
    Person.objects.filter(pk__in=[world.people["fin-ns"].pk, world.people["home"].pk]).update(service_start=sixteen)
    return world


def _page(client, world, **params):
    client.force_login(world.users["standing_office"])
    query = {"org": world.orgs["P"].pk, "year": YEAR, **params}
    return client.get(reverse("rules:candidates"), query)


def _rows(response) -> dict:
    return {str(r.subject): r for r in response.context["page_obj"].object_list}


def test_the_filter_offers_the_new_bases_in_order():
    choices = [value for value, _label in CandidateFilterForm.base_fields["basis"].choices]
    assert choices == ["regular", "movement", "sudden", "cong_hien", "nien_han", "doi_ngoai", "khang_chien"]


def test_knc_by_years_in_the_sector_with_the_womens_years(client, served):
    response = _page(client, served, award="KNC", basis="nien_han")
    assert response.status_code == 200
    rows = _rows(response)
    verdicts = {name: str(row.result.verdict) for name, row in rows.items()}
    assert verdicts == {
        "Nguyễn Văn Đức": "eligible",
        "Trần Thị Hoa": "eligible",
        "Lê Minh Đạt": "ineligible",
        "Phạm Thu Hà": "ineligible",
    }
    [service] = [c for c in rows["Trần Thị Hoa"].result.conditions if c.code == "SERVICE_YEARS"]
    assert service.message.endswith("ngưỡng do tỉnh cấu hình: từ 15 năm (nữ)")
    assert [c.code for c in rows["Lê Minh Đạt"].failed] == ["SERVICE_YEARS"]
    assert "từ 20 năm (nam)" in rows["Lê Minh Đạt"].failed[0].message
    [missing] = rows["Phạm Thu Hà"].failed
    assert missing.message.startswith("Thiếu dữ liệu để xét: thiếu ngày bắt đầu công tác trong ngành")
    assert StoredVerdict.objects.filter(award="KNC", basis="nien_han").count() == 4
    assert 'id="unsupported-reason"' not in response.text


def test_cong_hien_without_recorded_posts_names_the_missing_fact(client, served):
    rows = _rows(_page(client, served, award="HCLD3", basis="cong_hien"))
    assert len(rows) == 4
    for row in rows.values():
        [missing] = row.failed
        assert missing.message.startswith("Thiếu dữ liệu để xét: thiếu các chức vụ lãnh đạo, quản lý đã giữ")


@pytest.mark.parametrize(("award", "basis", "start"), [
    ("HCHN", "doi_ngoai", "Khen thưởng đối ngoại (Huân chương Hữu nghị)"),
    ("HCDL3", "khang_chien", "Khen thưởng thành tích kháng chiến (Huân chương Độc lập hạng Ba)"),
])
def test_doi_ngoai_and_khang_chien_show_the_reason_once(client, served, award, basis, start):
    response = _page(client, served, award=award, basis=basis)
    assert response.status_code == 200
    assert {str(r.result.verdict) for r in _rows(response).values()} == {"unsupported"}
    assert response.context["unsupported_reason"].startswith(start)
    assert response.text.count('id="unsupported-reason"') == 1
    assert StoredVerdict.objects.filter(award=award, basis=basis).count() == 4  # "khang_chien" fits the column


def test_api_candidates_on_the_new_bases(client, served):
    office = Api(client, served.users["standing_office"])
    query = {"organization_id": served.orgs["FIN"].pk, "year": YEAR}
    knc = office.get("/eligibility/candidates", award="KNC", basis="nien_han", **query).json()
    assert (knc["basis"], knc["unsupported_reason"]) == ("nien_han", None)
    assert {i["name"]: i["verdict"] for i in knc["items"]} == {"Nguyễn Văn Đức": "eligible", "Trần Thị Hoa": "eligible"}
    foreign = office.get("/eligibility/candidates", award="BK_TTG", basis="doi_ngoai", **query).json()
    assert foreign["unsupported_reason"].startswith("Khen thưởng đối ngoại (Bằng khen của Thủ tướng Chính phủ)")
    assert {i["verdict"] for i in foreign["items"]} == {"unsupported"}
    regular = office.get("/eligibility/candidates", award="CSTDCS", **query).json()
    assert regular["unsupported_reason"] is None
    bad = office.get("/eligibility/candidates", award="KNC", basis="khen_le", **query)
    assert bad.status_code == 422
