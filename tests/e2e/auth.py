"""Signing in from a browser journey: the password, then (for an account with a second factor) a
TOTP code computed from the account's secret, as an authenticator app would show it."""

import base64
import time

from django_otp.oath import TOTP

from tdkt.accounts.demo import DEMO_TOTP_SECRET, DEMO_TOTP_USER

DEMO_PASSWORD = "demo"  # noqa: S105 - the demo accounts' password


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The 6-digit code for a base32 secret at a moment (now by default)."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "").upper()))
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def _password_step(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def login_with_totp(page, base, username, secret, *, password=DEMO_PASSWORD):
    """Password, then the code page; ends on the home page. A code is accepted once (django-otp keeps
    the last time step used), so when the same account signed in a moment ago the helper waits for
    the app's next code, as a person would."""
    _password_step(page, base, username, password)
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    for attempt in range(2):
        page.locator("#id_code").fill(totp_code(secret))
        page.locator("#two-factor-form button[type=submit]").click()
        page.wait_for_load_state()
        if "/accounts/two-factor/verify/" not in page.url:
            break
        if attempt == 0:
            time.sleep(30 - time.time() % 30 + 0.5)
    page.wait_for_url(f"{base}/")


def login_demo(page, base, username):
    """A demo account: the password, and pheduyet's code from the demo secret."""
    if username == DEMO_TOTP_USER:
        login_with_totp(page, base, username, DEMO_TOTP_SECRET)
        return
    _password_step(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
