"""Two-factor sign-in (issue 15.4): the code after the password, forced enrolment for the roles the
production policy names, recovery codes, throttling, the administrator's reset, API tokens."""

import base64
import json
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.accounts import two_factor
from tdkt.accounts.models import SecondFactorFailure
from tdkt.audit.models import AuditEvent, AuditEventType

PROD_POLICY = ("admin", "approver", "standing_office")
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_790_000_000  # a fixed moment (2026-09-21), so codes are computed for known time steps


def code_at(secret: str, moment: float, digits: int = 6) -> str:
    totp = TOTP(base64.b32decode(secret))
    totp.time = moment
    return f"{totp.token():0{digits}d}"


def enrol_device(user, secret=SECRET) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True, key=base64.b32decode(secret).hex())


def login(client, username):
    response = client.post(reverse("login"), {"username": username, "password": f"pw-{username}"})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.fixture
def approver(world):
    return world.users["approver"]


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# The code after the password ---------------------------------------------------------------------


def test_enrolled_user_must_give_the_code_before_any_page(client, approver, clock):
    enrol_device(approver)
    login(client, "pheduyet")
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home.url.startswith(reverse("two_factor_verify"))
    assert client.get(reverse("account_sessions")).status_code == 302
    # Sign-out and the public pages stay reachable.
    assert client.get(reverse("healthz")).status_code == 200
    page = client.get(reverse("two_factor_verify"))
    assert page.status_code == 200
    assert 'id="two-factor-verify"' in page.text

    answer = client.post(reverse("two_factor_verify") + "?next=/accounts/sessions/", {"code": code_at(SECRET, NOW)})
    assert answer.status_code == 302
    assert answer.url == "/accounts/sessions/"
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN, actor=approver).latest("pk")
    assert event.extra == {"second_factor": "totp"}


def test_the_code_of_the_previous_step_is_accepted_and_never_twice(client, approver, clock):
    enrol_device(approver)
    login(client, "pheduyet")
    earlier = code_at(SECRET, NOW - 30)  # the app's clock a little behind: one step of tolerance
    assert client.post(reverse("two_factor_verify"), {"code": earlier}).status_code == 302
    other = Client()
    login(other, "pheduyet")
    refused = other.post(reverse("two_factor_verify"), {"code": earlier})
    assert refused.status_code == 200  # the same code cannot open a second session
    assert 'id="code-error"' in refused.text


def test_wrong_code_is_refused_audited_and_throttled(client, approver, clock):
    enrol_device(approver)
    login(client, "pheduyet")
    right = code_at(SECRET, NOW)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(3):  # LOGIN_FREE_FAILURES typing mistakes
        page = client.post(reverse("two_factor_verify"), {"code": wrong})
        assert page.status_code == 200
        assert 'id="code-error"' in page.text
    assert client.post(reverse("two_factor_verify"), {"code": wrong}).status_code == 200
    assert two_factor.wait_seconds(approver) == 1
    # While waiting even the right code is refused unchecked, with the time to wait.
    page = client.post(reverse("two_factor_verify"), {"code": right})
    assert page.status_code == 200
    assert "giây" in page.text
    assert client.get(reverse("home")).status_code == 302
    failures = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED, target_id=str(approver.pk))
    assert failures.count() == 4
    assert failures.latest("pk").extra == {"second_factor": "totp", "locked_seconds": 1}
    # The delay grows: 1 s, then 2 s.
    clock.shift(2)
    assert client.post(reverse("two_factor_verify"), {"code": wrong}).status_code == 200
    assert two_factor.wait_seconds(approver) == 2
    clock.shift(3)
    assert client.post(reverse("two_factor_verify"), {"code": code_at(SECRET, NOW + 5)}).status_code == 302
    assert not SecondFactorFailure.objects.filter(user=approver).exists()


def test_recovery_code_works_once(client, approver, clock):
    device = enrol_device(approver)
    static = StaticDevice.objects.create(user=approver, name="codes")
    StaticToken.objects.create(device=static, token=two_factor.recovery_digest("abcdefgh"))
    StaticToken.objects.create(device=static, token=two_factor.recovery_digest("ijklmnop"))
    login(client, "pheduyet")
    answer = client.post(reverse("two_factor_verify"), {"code": "ABCD-EFGH"})  # as shown, dash and all
    assert answer.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN, actor=approver).latest("pk")
    assert event.extra == {"second_factor": "recovery_code", "recovery_codes_left": 1}
    other = Client()
    login(other, "pheduyet")
    assert other.post(reverse("two_factor_verify"), {"code": "abcdefgh"}).status_code == 200
    assert device.pk  # the app still works
    assert other.post(reverse("two_factor_verify"), {"code": "ijklmnop"}).status_code == 302


def test_optional_user_without_a_device_goes_straight_in(client, world):
    login(client, "canbo")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("two_factor")).status_code == 200


# Forced enrolment under the production policy -----------------------------------------------------


def _secret_on(page) -> str:
    return re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")


def test_required_role_is_sent_to_enrolment_and_shown_recovery_codes(client, approver, settings, clock):
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = PROD_POLICY
    login(client, "pheduyet")
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home.url.startswith(reverse("two_factor_enrol"))
    page = client.get(reverse("two_factor_enrol"))
    assert 'id="two-factor-required"' in page.text
    assert "<svg" in page.text  # the QR code, inline
    secret = _secret_on(page)
    # The same pending device on every visit (and every web node) until it is confirmed.
    assert _secret_on(client.get(reverse("two_factor_enrol"))) == secret
    assert client.post(reverse("two_factor_enrol"), {"code": "12345"}).status_code == 200
    done = client.post(reverse("two_factor_enrol"), {"code": code_at(secret, NOW)})
    assert done.status_code == 200
    codes = re.findall(r"<li class=\"col\">([a-z2-7]{4}-[a-z2-7]{4})</li>", done.text)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(reverse("home")).status_code == 200  # verified by the enrolment itself
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert not stored & {c.replace("-", "") for c in codes}  # only their keyed hashes are kept
    assert stored == {two_factor.recovery_digest(c) for c in codes}
    assert TOTPDevice.objects.get(user=approver).confirmed
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED, target_id=str(approver.pk)).latest("pk")
    assert event.after == {"second_factor": "enrolled", "replaced_devices": 0, "recovery_codes": 10}
    # Next sign-in: the code is asked for.
    other = Client()
    login(other, "pheduyet")
    assert other.get(reverse("home")).url.startswith(reverse("two_factor_verify"))


def test_other_roles_stay_optional_under_the_production_policy(client, world, settings):
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = PROD_POLICY
    login(client, "canbo")
    assert client.get(reverse("home")).status_code == 200
    office = Client()
    login(office, "thuongtruc")
    assert office.get(reverse("home")).status_code == 302


def test_password_alone_cannot_replace_an_enrolled_app(client, approver, clock):
    enrol_device(approver)
    login(client, "pheduyet")
    answer = client.get(reverse("two_factor_enrol"))
    assert answer.status_code == 302
    assert answer.url == reverse("two_factor_verify")
    assert TOTPDevice.objects.filter(user=approver).count() == 1


def test_single_sign_on_style_login_is_also_forced(client, approver, settings):
    """Whatever signs the session in (tdkt/sso calls django's login(), as force_login does), the
    second factor is asked for on the next page."""
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = PROD_POLICY
    client.force_login(approver)
    assert client.get(reverse("home")).url.startswith(reverse("two_factor_enrol"))
    enrol_device(approver)
    assert client.get(reverse("home")).url.startswith(reverse("two_factor_verify"))
    # The API refuses the page session too until the second factor.
    assert client.get("/api/v1/people").status_code == 401


def test_user_regenerates_codes_and_removes_the_app_with_a_fresh_code(client, approver, clock):
    enrol_device(approver)
    login(client, "pheduyet")
    client.post(reverse("two_factor_verify"), {"code": code_at(SECRET, NOW)})
    assert client.post(reverse("two_factor_recovery_codes"), {"code": "999999"}).status_code == 302
    clock.shift(30)
    page = client.post(reverse("two_factor_recovery_codes"), {"code": code_at(SECRET, NOW + 30)})
    assert page.status_code == 200
    assert two_factor.recovery_codes_left(approver) == 10
    clock.shift(30)
    assert client.post(reverse("two_factor_remove"), {"code": code_at(SECRET, NOW + 60)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert not StaticDevice.objects.filter(user=approver).exists()
    assert client.get(reverse("home")).status_code == 200  # optional for this user under the base settings


# The administrator's reset ------------------------------------------------------------------------


def test_admin_resets_a_second_factor_with_confirmation_and_audit(client, world, approver):
    enrol_device(approver)
    admin = world.users["admin"]
    client.force_login(admin)
    detail = client.get(reverse("accounts:user", args=[approver.pk]))
    assert reverse("accounts:two_factor_reset", args=[approver.pk]) in detail.text
    confirm = client.get(reverse("accounts:two_factor_reset", args=[approver.pk]))
    assert confirm.status_code == 200
    assert 'id="confirm-step"' in confirm.text
    assert TOTPDevice.objects.filter(user=approver).exists()  # the GET changes nothing
    assert client.post(reverse("accounts:two_factor_reset", args=[approver.pk])).status_code == 302
    assert not TOTPDevice.objects.filter(user=approver).exists()
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED, actor=admin).latest("pk")
    assert event.target_id == str(approver.pk)
    assert event.after == {"second_factor": "reset_by_admin"}


@pytest.mark.parametrize("role", ["standing_office", "unit_leader", "viewer"])
def test_only_the_admin_resets(client, world, approver, role):
    enrol_device(approver)
    actor = world.users[role]
    client.force_login(actor)
    assert client.get(reverse("accounts:two_factor_reset", args=[approver.pk])).status_code == 403
    assert client.post(reverse("accounts:two_factor_reset", args=[approver.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=approver).exists()
    with pytest.raises(two_factor.PermissionDenied):
        two_factor.two_factor_reset(actor=actor, user=approver)


# API tokens ---------------------------------------------------------------------------------------


def _token(client, **body):
    return client.post("/api/v1/auth/token", json.dumps(body), content_type="application/json")


def test_token_needs_the_code_once_enrolled(client, approver, clock):
    enrol_device(approver)
    missing = _token(client, username="pheduyet", password="pw-pheduyet")
    assert missing.status_code == 401
    assert "“otp”" in missing.json()["detail"]
    wrong = _token(client, username="pheduyet", password="pw-pheduyet", otp="000001")
    assert wrong.status_code == 401
    assert "otp" in wrong.json()["detail"]
    good = _token(client, username="pheduyet", password="pw-pheduyet", otp=code_at(SECRET, NOW))
    assert good.status_code == 200
    assert good.json()["token"]
    # Unknown fields are refused, as everywhere in the API.
    assert _token(client, username="pheduyet", password="pw-pheduyet", otp="1", extra=1).status_code == 422


def test_token_for_a_required_role_without_a_device_is_refused(client, approver, settings):
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = PROD_POLICY
    answer = _token(client, username="pheduyet", password="pw-pheduyet")
    assert answer.status_code == 401
    assert "đăng ký" in answer.json()["detail"]
    # Others still get theirs with the password alone.
    assert _token(client, username="canbo", password="pw-canbo").status_code == 200


def test_token_code_attempts_are_throttled(client, approver, clock):
    enrol_device(approver)
    for _ in range(4):
        _token(client, username="pheduyet", password="pw-pheduyet", otp="000001")
    answer = _token(client, username="pheduyet", password="pw-pheduyet", otp=code_at(SECRET, NOW))
    assert answer.status_code == 429
    assert answer["Retry-After"] == "1"


# The demo ---------------------------------------------------------------------------------------------


def test_demo_secret_is_pheduyets_device(db, settings):
    from tdkt.accounts.demo import DEMO_TOTP_SECRET
    from tdkt.core.demo.cached import load_demo

    settings.TDKT_DEMO = True
    load_demo()
    device = TOTPDevice.objects.get(user__username="pheduyet")
    assert device.confirmed
    assert base64.b32encode(device.bin_key).decode() == DEMO_TOTP_SECRET
    others = TOTPDevice.objects.exclude(user__username="pheduyet")
    assert not others.exists()
