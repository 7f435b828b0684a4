"""Login throttling (issue 12, 1d): per name and address with a growing delay, an address cap that
only refuses that address, X-Forwarded-For only through trusted proxies, the administrator's
unlock, lock-outs in the audit log. The login page and POST /api/v1/auth/token share the rules."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from tdkt.accounts.domain.throttle import client_address, pair_delay_seconds, parse_networks, wait_text
from tdkt.accounts.models import LoginFailure
from tdkt.audit.models import AuditEvent, AuditEventType

TOKEN_URL = "/api/v1/auth/token"
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def api_login(client, username, password, address=ATTACKER, **extra):
    body = json.dumps({"username": username, "password": password})
    return client.post(TOKEN_URL, body, content_type="application/json", REMOTE_ADDR=address, **extra)


def page_login(client, username, password, address=ATTACKER, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


# The rules themselves.


def test_the_delay_grows_and_is_capped():
    delays = [pair_delay_seconds(n, free=3, base=1, cap=60) for n in range(12)]
    assert delays == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert pair_delay_seconds(10_000, free=3, base=1, cap=900) == 900


def test_wait_is_said_in_vietnamese_rounded_up():
    assert wait_text(1) == "1 giây"
    assert wait_text(59) == "59 giây"
    assert wait_text(61) == "2 phút"


def test_forwarded_for_is_believed_only_through_trusted_proxies():
    trusted = parse_networks(["10.0.0.0/8", "192.0.2.1"])
    # No trusted proxy configured, or the peer is not one: the header is the client's own words.
    assert client_address("203.0.113.7", "1.2.3.4", []) == "203.0.113.7"
    assert client_address("203.0.113.7", "1.2.3.4", trusted) == "203.0.113.7"
    # Through a trusted proxy: the rightmost address that is not a trusted proxy.
    assert client_address("10.0.0.5", "1.2.3.4", trusted) == "1.2.3.4"
    assert client_address("10.0.0.5", "6.6.6.6, 1.2.3.4, 192.0.2.1", trusted) == "1.2.3.4"
    # A forged or garbled hop stops the walk at the last address a trusted proxy vouched for.
    assert client_address("10.0.0.5", "1.2.3.4, không-phải-ip", trusted) == "10.0.0.5"
    # Only proxies in the chain: the leftmost of them.
    assert client_address("10.0.0.5", "10.0.0.9", trusted) == "10.0.0.9"


# Per name and address.


@pytest.mark.parametrize("login", [api_login, page_login])
def test_someone_elses_failures_never_refuse_the_right_password_from_another_address(client, world, clock, login):
    for _ in range(30):
        login(client, "canbo", "sai", address=ATTACKER)
    assert api_login(client, "canbo", "sai", address=ATTACKER).status_code == 429
    # The officer at the office logs in at once, by page and by API.
    assert page_login(client, "canbo", "pw-canbo", address=OFFICE).status_code == 302
    assert api_login(client, "canbo", "pw-canbo", address=OFFICE).status_code == 200


def test_a_names_failures_at_one_address_delay_it_there_growing(client, world, clock, settings):
    settings.LOGIN_FREE_FAILURES = 3
    settings.LOGIN_DELAY_BASE_SECONDS = 1
    settings.LOGIN_DELAY_MAX_SECONDS = 8
    for _ in range(3):
        assert api_login(client, "canbo", "sai").status_code == 401
    for wait in [1, 2, 4, 8, 8, 8]:
        assert api_login(client, "canbo", "sai").status_code == 401  # a failure that starts a wait
        clock.shift(wait - 1)
        assert api_login(client, "canbo", "sai").status_code == 429  # refused, not counted
        clock.shift(1)
    # A refused attempt checks no password and is not a failure.
    assert LoginFailure.objects.filter(username="canbo", ip_address=ATTACKER).count() == 3 + 6


@pytest.mark.parametrize(("login", "ok"), [(api_login, 200), (page_login, 302)])
def test_the_right_password_works_once_the_delay_has_passed(client, world, clock, settings, login, ok):
    settings.LOGIN_DELAY_BASE_SECONDS = 30
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        login(client, "canbo", "sai")
    refused = login(client, "canbo", "pw-canbo")
    if login is api_login:
        assert refused.status_code == 429
        assert "thử lại sau 30 giây" in refused.json()["detail"]
        assert refused["Retry-After"] == "30"
    else:
        assert refused.status_code == 200
        assert "thử lại sau 30 giây" in refused.text
    clock.shift(29)
    assert login(client, "canbo", "pw-canbo").status_code != ok
    clock.shift(1)
    assert login(client, "canbo", "pw-canbo").status_code == ok
    # Success forgets this pair's failures.
    assert not LoginFailure.objects.filter(username="canbo", ip_address=ATTACKER).exists()


# The address cap.


def test_the_address_cap_refuses_that_address_only(client, world, clock, settings):
    settings.LOGIN_ADDRESS_LIMIT = 10
    for i in range(10):
        assert api_login(client, f"doan-{i}", "sai").status_code == 401
    # Every new attempt from there is refused, even a real user's with the right password...
    assert api_login(client, "lanhdao", "pw-lanhdao").status_code == 429
    assert "quá nhiều lần" in page_login(client, "lanhdao", "pw-lanhdao").text
    # ...while users at other addresses log in.
    assert api_login(client, "lanhdao", "pw-lanhdao", address=OFFICE).status_code == 200
    assert page_login(client, "canbo", "pw-canbo", address=OFFICE).status_code == 302
    # The window passes and the address may try again.
    clock.shift(settings.LOGIN_FAILURE_WINDOW_SECONDS + 1)
    assert api_login(client, "lanhdao", "pw-lanhdao").status_code == 200


def test_the_address_cap_lifts_as_failures_leave_the_window(client, world, clock, settings):
    settings.LOGIN_ADDRESS_LIMIT = 3
    for i in range(3):
        api_login(client, f"doan-{i}", "sai")
        clock.shift(60)
    response = api_login(client, "lanhdao", "pw-lanhdao")
    assert response.status_code == 429
    # The first failure leaves the 15-minute window 15 minutes after it was made.
    clock.shift(settings.LOGIN_FAILURE_WINDOW_SECONDS - 3 * 60 + 1)
    assert api_login(client, "lanhdao", "pw-lanhdao").status_code == 200


# Behind a proxy.


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(client, world, clock, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 60
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        api_login(client, "canbo", "sai", address=ATTACKER, HTTP_X_FORWARDED_FOR=OFFICE)
    # Not trusted: the failures are the connecting address's, whatever the header says.
    assert LoginFailure.objects.filter(ip_address=ATTACKER).count() == settings.LOGIN_FREE_FAILURES + 1
    assert api_login(client, "canbo", "pw-canbo", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 429
    assert api_login(client, "canbo", "pw-canbo", address=OFFICE).status_code == 200


def test_behind_a_trusted_proxy_each_client_is_throttled_on_its_own(client, world, clock, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 60
    settings.TDKT_TRUSTED_PROXIES = ["10.0.0.0/24"]
    proxy = "10.0.0.2"
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        # The client tries to pass itself off as the office: the proxy appends the real address.
        api_login(client, "canbo", "sai", address=proxy, HTTP_X_FORWARDED_FOR=f"{OFFICE}, {ATTACKER}")
    assert set(LoginFailure.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert api_login(client, "canbo", "pw-canbo", address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Another client behind the same proxy logs in.
    assert api_login(client, "canbo", "pw-canbo", address=proxy, HTTP_X_FORWARDED_FOR=OFFICE).status_code == 200
    token_event = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN).latest("pk")
    assert token_event.ip_address == OFFICE


# The administrator's unlock and the audit log.


def test_lock_outs_are_audited(client, world, clock, settings):
    settings.LOGIN_ADDRESS_LIMIT = settings.LOGIN_FREE_FAILURES + 1
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        api_login(client, "canbo", "sai")
    events = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED).order_by("pk")
    assert events.count() == settings.LOGIN_FREE_FAILURES + 1
    assert all(e.extra == {} for e in events[: settings.LOGIN_FREE_FAILURES])
    lock = events.last()
    assert lock.extra == {"locked_pair_seconds": 1, "locked_address_seconds": settings.LOGIN_FAILURE_WINDOW_SECONDS}
    assert lock.ip_address == ATTACKER
    assert lock.target_id == str(world.users["unit_officer"].pk)
    assert "tạm khóa đăng nhập từ 203.0.113.7" in lock.target_label


def test_the_administrator_unlocks_a_name(client, world, clock, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 600
    officer = world.users["unit_officer"]
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        api_login(client, "canbo", "sai")
    assert api_login(client, "canbo", "pw-canbo").status_code == 429
    admin = client
    admin.force_login(world.users["admin"])
    page = admin.get(reverse("accounts:user", args=[officer.pk]))
    assert ATTACKER in page.text
    unlock = reverse("accounts:login_unlock", args=[officer.pk])
    assert unlock in page.text
    response = admin.post(unlock)
    assert response.status_code == 302
    admin.logout()
    assert api_login(client, "canbo", "pw-canbo").status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED, target_id=str(officer.pk))
    assert event.actor == world.users["admin"]
    assert event.after == {"login_unlocked": True}
    assert event.before == {"login_failures": settings.LOGIN_FREE_FAILURES + 1, "addresses": [ATTACKER]}


@pytest.mark.parametrize("role", ["standing_office", "unit_officer", "viewer"])
def test_only_the_administrator_unlocks(client, world, clock, role):
    for _ in range(3):
        api_login(client, "lanhdao", "sai")
    client.force_login(world.users[role])
    target = world.users["viewer"]
    assert client.post(reverse("accounts:login_unlock", args=[target.pk])).status_code == 403
    assert client.get(reverse("accounts:user", args=[target.pk])).status_code == 403
    assert LoginFailure.objects.count() == 3
