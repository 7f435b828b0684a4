"""An eligible verdict that leaves conditions to people's judgment is shown as an amber "Cần xem
xét" listing them, not a green "Đủ điều kiện"; the engine's verdict (and the API) stay "eligible"."""

import pytest
from django.urls import reverse

from tdkt.records import services as records
from tdkt.rules.domain import Condition
from tdkt.rules.verdicts import NEEDS_REVIEW, judgment_conditions, shown_label, shown_verdict

Y = 2025
RATING = Condition("RATING", True, "Năm 2025 xếp loại HTTNV", "Điều 24")
JUDGMENT = Condition("JUDGMENT", None, "Tinh thần …: Hội đồng xem xét", "Điều 24")
FAILED = Condition("RATING", False, "Năm 2025 chưa xếp loại", "Điều 24")


def test_shown_verdict():
    assert shown_verdict("eligible", [RATING]) == "eligible"
    assert shown_verdict("eligible", [RATING, JUDGMENT]) == NEEDS_REVIEW
    assert shown_verdict("eligible", [{"code": "JUDGMENT", "passed": None}]) == NEEDS_REVIEW  # stored JSON
    assert shown_verdict("ineligible", [FAILED, JUDGMENT]) == "ineligible"
    assert shown_verdict("", []) == "unsupported"
    assert judgment_conditions([RATING, JUDGMENT]) == [JUDGMENT]
    assert shown_label("eligible", [RATING, JUDGMENT]) != shown_label("eligible", [RATING])


@pytest.fixture
def rated(world):
    records.rating_set(actor=world.users["admin"], person=world.people["fin"], year=Y, rating="HTXSNV")
    return world


def _row(client, world, award):
    client.force_login(world.users["unit_officer"])
    response = client.get(reverse("rules:candidates"), {"year": Y, "award": award, "org": world.orgs["FIN"].pk})
    assert response.status_code == 200
    rows = {str(r.subject): r for r in response.context["page_obj"].object_list}
    return response, rows["Nguyễn Văn Đức"]


def test_candidates_page_shows_judgment_left_as_needs_consideration(client, rated):
    response, row = _row(client, rated, "LDTT")  # rated well; the council judges the spirit
    assert row.result.verdict == "eligible"  # the engine's contract is unchanged
    assert row.shown_verdict == NEEDS_REVIEW
    page = response.content.decode()
    line = page.split(">Nguyễn Văn Đức</a>", 1)[1].split("</tr>", 1)[0]
    assert "text-bg-warning" in line
    assert "text-bg-success" not in line
    assert str(row.verdict_label) in line
    assert 'id="needs-review-count"' in page


def test_a_fully_checked_title_stays_green(client, rated):
    response, row = _row(client, rated, "CSTDCS")
    assert row.shown_verdict == "eligible"
    line = response.content.decode().split(">Nguyễn Văn Đức</a>", 1)[1].split("</tr>", 1)[0]
    assert "text-bg-success" in line


def test_person_page_shows_needs_consideration(client, rated):
    client.force_login(rated.users["unit_officer"])
    url = reverse("records:subject", args=["person", rated.people["fin"].pk])
    page = client.get(url, {"year": Y}).content.decode()
    ldtt = page.split('data-award="LDTT"', 1)[1].split("</summary>", 1)[0]
    assert "text-bg-warning" in ldtt
    cstdcs = page.split('data-award="CSTDCS"', 1)[1].split("</summary>", 1)[0]
    assert "text-bg-success" in cstdcs
