"""Issue 14.3: a milestone's consolidated figures — the totals of what the units sent with their
reports, the reports counted on time and late, and who has not reported; on the demo's 2022 block plan
(seed 000) through the page, with its Excel read back."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.accounts.models import User
from tdkt.core.demo.cached import load_demo
from tdkt.movements.domain.consolidation import consolidate
from tdkt.movements.models import Milestone, Movement, ReportSubmission

PLAN = "Kế hoạch tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022"


def test_consolidate_adds_up_counted_reports_only():
    reports = {
        "A": ("accepted", False, {"Phong trào": 3, "Sáng kiến": 1}),
        "B": ("late", True, {"Phong trào": 2}),
        "C": ("returned", False, {"Phong trào": 100}),  # sent back: not counted, still owing
        "D": ("awaiting_signoff", False, {"Phong trào": 50}),
    }
    out = consolidate(["A", "B", "C", "D", "E"], reports)
    assert [(f.label, f.total, f.units) for f in out.figures] == [("Phong trào", 5, 2), ("Sáng kiến", 1, 1)]
    assert (out.counted, out.on_time, out.late) == (2, 1, 1)
    assert out.owing == ["C", "D", "E"]


@pytest.mark.django_db
def test_the_block_heads_summary_of_the_mid_year_reports(client):
    assert load_demo() is True
    movement = Movement.objects.get(title=PLAN)
    milestone = Milestone.objects.filter(movement=movement).order_by("report_deadline").first()
    counted = list(ReportSubmission.objects.filter(milestone=milestone, status__in=["submitted", "late", "accepted"]))
    expected = sum(s.figures.get("Cá nhân được khen thưởng", 0) for s in counted)
    assert expected > 0
    client.force_login(User.objects.get(username="truongkhoi"))
    reports = client.get(reverse("movements:reports", args=[movement.pk])).content.decode()
    url = reverse("movements:milestone_summary", args=[movement.pk, milestone.pk])
    assert url in reports  # reached from the matrix
    page = client.get(url)
    assert page.status_code == 200
    summary = page.context["summary"]
    totals = {f.label: f.total for f in summary.figures}
    assert totals["Cá nhân được khen thưởng"] == expected
    assert summary.counted == len(counted)
    assert len(summary.owing) == movement.participants.count() - len(counted)
    book = load_workbook(BytesIO(b"".join(client.get(url, {"format": "xlsx"}).streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    column = rows[0].index("Cá nhân được khen thưởng")
    assert rows[-1][0] == "Tổng cộng"
    assert rows[-1][column] == expected


@pytest.mark.django_db
def test_another_provinces_officer_does_not_see_it(client):
    assert load_demo() is True
    movement = Movement.objects.get(title=PLAN)
    milestone = movement.milestones.first()
    client.force_login(User.objects.get(username="canbo_tq"))
    assert client.get(reverse("movements:milestone_summary", args=[movement.pk, milestone.pk])).status_code == 404
