"""Login → the 2022 block → a member unit → its people, in headless Chromium."""

import re

import pytest

from tdkt.core.demo.cached import load_demo
from tdkt.core.domain.text import fold_vi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    assert page.locator("h1").inner_text() == "Hệ thống quản lý thi đua, khen thưởng"
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_block_to_member_to_people(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    _login(page, base, "thuongtruc")
    page.get_by_role("link", name="Khối, cụm thi đua").first.click()
    page.get_by_role("link", name="Khối các cơ quan tham mưu, tổng hợp").click()
    assert page.locator("h1").inner_text().startswith("Khối các cơ quan tham mưu, tổng hợp — năm 2022")
    assert page.locator("#members tbody tr").count() == 15
    assert "Trưởng khối" in page.locator("#members tbody tr", has_text="Văn phòng UBND tỉnh").inner_text()
    screenshot(page, "e2e-block-2022")

    page.locator("#members").get_by_role("link", name="Sở Tài chính").click()
    assert page.locator("h1").inner_text() == "Sở Tài chính"
    page.get_by_role("link", name=re.compile(r"^Cán bộ \(\d+\)$")).click()
    assert page.locator("h1").inner_text() == "Cán bộ — Sở Tài chính"
    rows = page.locator("#results tbody tr")
    assert rows.count() > 5

    # Accent-free search narrows the list in place (htmx), đ included.
    given_name = rows.first.locator("td").first.inner_text().split()[-1]
    page.locator("#q").fill(fold_vi(given_name))
    page.wait_for_function("n => document.querySelectorAll('#results tbody tr').length < n", arg=rows.count())
    assert rows.count() >= 1
    assert all(fold_vi(given_name) in fold_vi(rows.nth(i).inner_text()) for i in range(rows.count()))
    screenshot(page, "e2e-people-of-member")


def test_block_head_sees_members_but_not_their_people(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    _login(page, base, "truongkhoi")
    page.get_by_role("link", name=re.compile("Khối các cơ quan tham mưu, tổng hợp — 2022")).first.click()
    # The click only starts the navigation: wait for the block's page before counting its rows.
    page.wait_for_url(re.compile(r"/blocks/\d+/$"))
    page.locator("#members").wait_for()
    assert page.locator("#members tbody tr").count() == 15
    # Other members are listed by name, without a link into their data.
    assert page.locator("#members").get_by_role("link", name="Sở Tài chính").count() == 0
    screenshot(page, "e2e-block-head")
