"""Issue 13.3 in the browser: a unit of 40 people holds its year-end vote on titles — the officer
takes the list from the records and records the council's tally, the head decides — the records
change, and the CSTĐ tỉnh candidates list for that year changes with them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_org, make_person, make_user
from tdkt.records.models import AnnualRating, HonourRecord, Initiative

from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _unit():
    year = timezone.localdate().year - 1
    province = make_org("QT", "UBND tỉnh Quảng Trị", "province", "province")
    unit = make_org("QT-SKHCN", "Sở Khoa học và Công nghệ", parent=province)
    people = [make_person(unit, f"Cán bộ số {n:02d}") for n in range(1, 40)]
    star = make_person(unit, "Trương Phương Nhung", sex="nu")
    people.append(star)
    for person in people:
        AnnualRating.objects.create(person=person, year=year, rating="HTXSNV" if person is star else "HTTNV")
    AnnualRating.objects.create(organization=unit, year=year, rating="HTTNV")
    # Two years of CSTĐCS and an initiative of the province's reach: this year's CSTĐCS makes her a
    # candidate for Chiến sĩ thi đua cấp tỉnh.
    for earlier in (year - 2, year - 1):
        AnnualRating.objects.create(person=star, year=earlier, rating="HTXSNV")
        HonourRecord.objects.create(person=star, code="CSTDCS", year=earlier, decision_number=f"{earlier}/QĐ")
        HonourRecord.objects.create(person=star, code="LDTT", year=earlier, decision_number=f"{earlier}/QĐ")
    Initiative.objects.create(person=star, title="Số hóa hồ sơ thi đua", scope="tinh", year=year - 1)
    for username, role in (("canbo-khcn", "unit_officer"), ("giamdoc-khcn", "unit_leader")):
        user = make_user(username, role, unit)
        user.set_password("demo")
        user.save()
    return year, unit, star


def _cstd_tinh(page, base, unit, year) -> str:
    page.goto(f"{base}{reverse('rules:candidates')}?org={unit.pk}&year={year}&award=CSTD_TINH")
    row = page.locator("#candidates tr", has_text="Trương Phương Nhung")
    return row.locator("td").nth(3).inner_text()


def test_a_unit_of_forty_holds_its_year_end_vote(live_server, page, screenshot):
    year, unit, star = _unit()
    base = live_server.url
    _login(page, base, "canbo-khcn")
    assert _cstd_tinh(page, base, unit, year) == "Chưa đủ điều kiện"  # no CSTĐCS this year yet

    page.goto(f"{base}/")
    page.locator("#nav-commendation > a").click()
    page.get_by_role("link", name="Bình xét danh hiệu cuối năm").click()
    page.get_by_label("Đơn vị").select_option(str(unit.pk))
    page.get_by_label("Năm", exact=True).fill(str(year))
    page.get_by_role("button", name="Lập danh sách từ hồ sơ").click()
    assert "Đã lập danh sách bình xét từ hồ sơ." in page.locator(".alert").first.inner_text()
    assert page.locator("#candidates-LDTT tbody tr").count() == 40
    assert page.locator("#candidates-CSTDCS tbody tr").count() == 1

    meeting = timezone.localdate() - datetime.timedelta(days=3)
    page.get_by_label("Ngày họp Hội đồng").fill(meeting.strftime("%d/%m/%Y"))
    page.get_by_label("Số thành viên Hội đồng").fill("9")
    page.get_by_label("Số thành viên có mặt").fill("8")
    page.get_by_label("Số phiếu đồng ý cho mọi dòng để trống").fill("9")
    page.locator("#tally-save").click()
    assert "Đã ghi kết quả bỏ phiếu của Hội đồng." in page.locator(".alert").first.inner_text()
    assert page.locator("#candidates-LDTT .badge", has_text="Đạt").count() == 40
    screenshot(page, "e2e-yearend-tally")

    page.context.clear_cookies()  # the head signs in on the same machine
    _login(page, base, "giamdoc-khcn")
    page.goto(f"{base}{reverse('titles:votes')}")
    page.locator("#votes a").first.click()
    page.get_by_label("Số quyết định").fill("25/QĐ-SKHCN")
    page.get_by_label("Ngày quyết định").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Thành")
    page.get_by_label("Chức vụ người ký").fill("GIÁM ĐỐC")
    page.locator("#decide-save").click()
    assert "Đã ban hành quyết định" in page.locator(".alert").first.inner_text()
    assert page.locator("#vote-docx").is_visible()
    screenshot(page, "e2e-yearend-decided")

    assert HonourRecord.objects.filter(year=year, code="LDTT", decision_number="25/QĐ-SKHCN").count() == 40
    assert HonourRecord.objects.filter(year=year, code="CSTDCS", person=star).exists()
    assert HonourRecord.objects.filter(year=year, code="TTLDTT", organization=unit).exists()
    verdict = _cstd_tinh(page, base, unit, year)
    assert verdict in ("Đủ điều kiện", "Cần xem xét"), verdict  # tiêu biểu xuất sắc is the council's to judge
    screenshot(page, "e2e-yearend-cstd-tinh")
