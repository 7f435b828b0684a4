"""Open a person, add a rating and an initiative, see CSTĐCS turn eligible with the reason."""

import pytest
from django.utils import timezone

from tdkt.core.demo.cached import load_demo
from tdkt.organizations.models import Person
from tdkt.records.models import AnnualRating

from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_rating_and_initiative_make_cstdcs_eligible(live_server, page, screenshot):
    load_demo()
    year = timezone.localdate().year - 1
    # Someone without a good rating or an initiative for the year yet (the demo's history is random).
    rated_well = AnnualRating.objects.filter(year=year, rating__in=["HTTNV", "HTXSNV"], person__isnull=False)
    person = (
        Person.objects.filter(organization__code__startswith="QT-STC")
        .exclude(pk__in=rated_well.values("person_id"))
        .exclude(initiatives__year=year)
        .order_by("pk")
        .first()
    )
    base = live_server.url
    _login(page, base, "canbo")
    page.goto(f"{base}/people/?org={person.organization_id}")
    page.get_by_role("link", name=person.full_name).first.click()
    page.get_by_role("link", name="Sổ theo dõi thi đua, khen thưởng").click()

    cstdcs = page.locator('#eligibility details[data-award="CSTDCS"]')
    assert "Chưa đủ điều kiện" in cstdcs.locator("summary").inner_text()

    page.locator("#add-rating summary").click()
    page.locator("#id_rating-year").fill(str(year))
    page.locator("#id_rating-rating").select_option("HTTNV")
    page.locator("#add-rating").get_by_role("button", name="Lưu").click()
    assert "Đã lưu." in page.locator(".alert").first.inner_text()

    page.locator("#add-initiative summary").click()
    page.locator("#id_initiative-title").fill("Ứng dụng chữ ký số trong quản lý hồ sơ khen thưởng")
    page.locator("#id_initiative-scope").select_option("co_so")
    page.locator("#id_initiative-year").fill(str(year))
    page.locator("#add-initiative").get_by_role("button", name="Lưu").click()

    cstdcs = page.locator('#eligibility details[data-award="CSTDCS"]')
    assert "Đủ điều kiện" == cstdcs.locator("summary .badge").inner_text()
    reasons = cstdcs.locator("li").all_inner_texts()
    assert any("HTTNV" in r and r.startswith("✓") for r in reasons)
    assert any("sáng kiến" in r.lower() and r.startswith("✓") for r in reasons)
    assert "Ứng dụng chữ ký số" in page.locator("body").inner_text()
    screenshot(page, "e2e-cstdcs-eligible")


def test_a_whole_province_is_worked_out_in_the_background_and_the_page_follows(live_server, page, screenshot, settings):
    """Issue 12, point 2: beyond what a request computes, the province's verdicts go to the task queue;
    the page shows the progress and turns into the list by itself when the run is done."""
    from tdkt.organizations.models import Organization
    from tdkt.rules.models import VerdictRun
    from tdkt.rules.stored import run_verdicts

    load_demo()
    settings.TDKT_CANDIDATES_INLINE_MAX = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued: this test is the worker
    province = Organization.objects.get(kind="province", name__contains="Quảng Trị")
    base = live_server.url
    _login(page, base, "thuongtruc")
    page.goto(f"{base}/candidates/?org={province.pk}")
    progress = page.locator("#candidates-progress")
    assert "tiến trình nền" in progress.inner_text()
    screenshot(page, "e2e-candidates-computing")
    run = VerdictRun.objects.get()
    run_verdicts(run)
    page.locator("#candidates").wait_for(timeout=10_000)  # htmx asks again every 2 s
    assert page.locator("#candidates-progress").count() == 0
    assert page.locator("#candidates tbody tr").count() == 100  # a full first page of the province
    screenshot(page, "e2e-candidates-ready")
