"""The demo walked as a new user would, on a 390 px phone: every demo account logs in, follows each
item of 'Việc cần làm' from the home page, opens its notices, the notice settings, the sessions page
and an unknown address. Each page answers (the unknown one with the Vietnamese 404), fits the
phone, shows no Python value ('None', 'True') or internal state code; whoever a waiting dossier
reached finds the notice of it; the dossier page of a ballot or a decision leads to the work."""

import re

import pytest

from tdkt.core.demo.cached import load_demo

from .auth import login_demo
from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ACCOUNTS = ["thuongtruc", "canbo", "lanhdao", "hoidong", "pheduyet", "truongkhoi", "admin", "xem"]
TOLD = {"thuongtruc": "chờ tiếp nhận", "hoidong": "mời đồng chí bỏ phiếu", "pheduyet": "chờ ban hành quyết định",
        "lanhdao": "chờ lãnh đạo ký duyệt"}
RAW = re.compile(r"\b(None|True|False|awaiting_signoff|awaiting_decision|standing_office|unit_leader)\b")


def _check(page, url, width):
    text = page.locator("main").inner_text()
    assert not RAW.search(text), (url, RAW.search(text).group(0))
    assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    return text


def test_every_demo_account_walks_its_day_on_a_phone(live_server, browser, screenshot):
    load_demo()
    base = live_server.url
    for username in ACCOUNTS:
        context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
        page = context.new_page()
        login_demo(page, base, username)  # pheduyet: the password, then the demo TOTP code
        _check(page, "/", 390)
        links = page.eval_on_selector_all("#inbox li[data-kind] a[href]", "els => els.map(e => e.getAttribute('href'))")
        for url in dict.fromkeys(links):
            response = page.goto(base + url)
            assert response.status == 200, (username, url)
            _check(page, url, 390)
        response = page.goto(f"{base}/notifications/")
        assert response.status == 200
        notices = _check(page, "/notifications/", 390)
        if username in TOLD:
            assert TOLD[username] in notices, username
            assert "Bạn không có thông báo nào" not in notices
        for url in ("/notifications/settings/", "/accounts/sessions/"):
            assert page.goto(base + url).status == 200, (username, url)
            _check(page, url, 390)
        response = page.goto(f"{base}/khong-co-trang-nay/")
        assert response.status == 404
        assert "Không tìm thấy trang" in _check(page, "404", 390)
        assert page.get_by_role("link", name="Về trang chủ").count() == 1
        if username == "thuongtruc":
            screenshot(page, "e2e-walkthrough-404-phone")
        context.close()


def test_ballot_and_decision_reached_from_the_dossier_page(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    from tdkt.awards.models import Dossier

    voting = Dossier.objects.get(state="voting")
    deciding = Dossier.objects.get(state="awaiting_decision")
    _login(page, base, "thuongtruc")
    page.goto(f"{base}/awards/{voting.pk}/")
    page.locator("#ballot-link a").click()
    page.wait_for_url(f"{base}/awards/{voting.pk}/votes/")
    screenshot(page, "e2e-walkthrough-office-ballot")

    page.context.clear_cookies()
    login_demo(page, base, "pheduyet")
    page.goto(f"{base}/awards/{deciding.pk}/")
    page.locator("#decision-link a").click()
    assert page.url.endswith("#dossier-decisions")
    page.locator("#dossier-decisions a.btn-danger").first.click()
    assert "/awards/decisions/issue/" in page.url
    page.locator("#id_signer_name").fill("Nguyễn Văn An")
    page.locator("main form button[type=submit]").first.click()
    text = page.locator("main").inner_text()
    assert "Sau khi xác nhận" in text  # the confirmation page, not a decision issued in one click
    assert "1.420.000 đồng" in text
    screenshot(page, "e2e-walkthrough-decision-confirmation")
