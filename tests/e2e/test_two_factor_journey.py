"""Browser journey (issue 15.4): the demo's approver signs in with the password and a TOTP code from
the demo secret; a standing-office officer under the production policy must set up an app first."""

import pytest

from tdkt.accounts.demo import DEMO_TOTP_SECRET
from tdkt.core.demo.cached import load_demo

from .auth import DEMO_PASSWORD, login_with_totp, totp_code
from .test_accessibility import _axe, _axe_report

pytestmark = pytest.mark.e2e


def test_pheduyet_signs_in_with_a_totp_code(live_server, page, screenshot):
    load_demo()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("pheduyet")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    # The password alone does not open the application.
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    page.goto(f"{base}/awards/")
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    page.locator("#id_code").fill("000000" if totp_code(DEMO_TOTP_SECRET) != "000000" else "111111")
    page.locator("#two-factor-form button[type=submit]").click()
    assert page.locator("#code-error").is_visible()
    screenshot(page, "e2e-two-factor-verify")
    page.context.clear_cookies()

    login_with_totp(page, base, "pheduyet", DEMO_TOTP_SECRET)
    assert page.url == f"{base}/"
    assert "Hoàng Nam Tiến" in page.locator("body").inner_text()
    page.goto(f"{base}/accounts/sessions/")
    assert page.locator("#current-session").is_visible()


def test_required_role_sets_up_the_app_before_anything_else(live_server, page, screenshot, settings):
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = ("admin", "approver", "standing_office")
    load_demo()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("thuongtruc")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/accounts/two-factor/enrol/**")
    assert page.locator("#two-factor-required").is_visible()
    assert page.locator("#two-factor-qr svg").is_visible()
    screenshot(page, "e2e-two-factor-enrol")
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("#two-factor-form button[type=submit]").click()
    codes = page.locator("#recovery-codes li")
    codes.first.wait_for()
    assert codes.count() == 10
    screenshot(page, "e2e-two-factor-recovery-codes")
    page.locator("#two-factor-codes a.btn").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/accounts/two-factor/")
    assert page.locator("#two-factor-status .badge.text-bg-success").is_visible()


def test_two_factor_and_session_pages_pass_axe(live_server, browser):
    """axe-core, as the accessibility test runs it, on the code page, the two-factor settings, the
    enrolment page (a new phone) and the sessions list: no serious or critical finding."""
    load_demo()
    base = live_server.url
    # axe is injected as a script, so this browser bypasses the pages' CSP (the other journeys keep it).
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("pheduyet")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    found["verify"] = _axe(page)
    page.locator("#id_code").fill(totp_code(DEMO_TOTP_SECRET))
    page.locator("#two-factor-form button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    for name, path in (("settings", "/accounts/two-factor/"), ("enrol", "/accounts/two-factor/enrol/"),
                       ("sessions", "/accounts/sessions/")):
        assert page.goto(base + path).status == 200
        found[name] = _axe(page)
    context.close()
    severe = _axe_report(found, "two-factor pages")
    assert not severe, "\n".join(severe)
