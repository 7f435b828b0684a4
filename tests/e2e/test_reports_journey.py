"""Issue 14 in the browser, on the demo: the statistics page, a bar of the "by title or form" chart to
its list of records; the search ("Tra cứu") finds "truong phuong nhung" typed without tone marks, and
"312" finds decision 312/QĐ-SNV; form 0603 of Thông tư 02/2023 exported to Excel and read back."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tdkt.core.demo.cached import load_demo

from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_statistics_bar_to_its_list_and_search(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    _login(page, base, "thuongtruc")
    page.locator("#nav-report-menu > a").click()
    page.locator("#nav-stats").click()
    chart = page.locator("#chart-by-form svg")
    assert chart.get_attribute("role") == "group"
    screenshot(page, "e2e-stats")
    bar = chart.locator("a.stats-bar").first
    title = bar.locator("title").first.text_content()  # "Giấy khen: 12" — the bar's form and count
    label, count = title.rsplit(":", 1)
    bar.click()
    page.wait_for_url(re.compile(r"/search/"))
    shown = page.locator("#found-honours .badge").first
    assert int(shown.get_attribute("data-count")) == int(count.strip().replace(".", ""))
    assert label.strip() in page.locator("#found-honours tbody").inner_text()
    screenshot(page, "e2e-stats-bar-list")

    page.locator("#nav-search").click()
    page.get_by_label("Tìm", exact=True).fill("truong phuong nhung")
    page.locator("#search-form").get_by_role("button", name="Tìm").click()
    assert "Trương Phương Nhung" in page.locator("#found-people").inner_text()
    page.get_by_label("Tìm", exact=True).fill("312")
    page.locator("#search-form").get_by_role("button", name="Tìm").click()
    assert "312/QĐ-SNV" in page.locator("#found-decisions").inner_text()
    screenshot(page, "e2e-search-312")


def test_form_0603_to_excel(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    _login(page, base, "thuongtruc")
    page.locator("#nav-report-menu > a").click()
    page.locator("#nav-reports").click()
    page.get_by_role("link", name="Biểu số 0603.N/BNV-TĐKT").click()
    assert "0603.N/BNV-TĐKT" in page.locator("body").inner_text()
    screenshot(page, "e2e-tt02-0603")
    with page.expect_download() as info:
        page.locator("#report-xlsx").click()
    book = load_workbook(BytesIO(open(info.value.path(), "rb").read()))
    text = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
    assert "0603.N/BNV-TĐKT" in text
    assert "Bộ Nội vụ" in text
