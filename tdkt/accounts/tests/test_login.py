import pytest
from django.test import override_settings
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType


def test_login_page_speaks_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.text
    assert 'lang="vi"' in response.text


def test_login_and_logout(client, world):
    response = client.post(reverse("login"), {"username": "canbo", "password": "pw-canbo"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN, actor_label="canbo").exists()
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_is_refused_in_vietnamese_and_recorded(client, world):
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.text
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED, target_label="canbo").count() == 1


@override_settings(LOGIN_FREE_FAILURES=3, LOGIN_DELAY_BASE_SECONDS=60)
def test_failed_logins_delay_the_name_at_that_address_even_with_the_right_password(client, world):
    for _ in range(4):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": "pw-canbo"})
    assert response.status_code == 200
    assert "quá nhiều lần" in response.text
    assert client.get(reverse("home")).status_code == 302
    # The same name from another address is not held back by these failures.
    other = client.post(reverse("login"), {"username": "canbo", "password": "pw-canbo"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@override_settings(LOGIN_FREE_FAILURES=3, LOGIN_DELAY_BASE_SECONDS=60)
def test_throttle_ignores_username_case(client, world):
    for name in ["CANBO", "Canbo", "canbo", "canBO"]:
        client.post(reverse("login"), {"username": name, "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": "pw-canbo"})
    assert "quá nhiều lần" in response.text


def test_password_change_requires_old_password(client, world):
    client.force_login(world.users["unit_officer"])
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 200
    response = client.post(
        reverse("password_change"),
        {"old_password": "pw-canbo", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_PASSWORD_CHANGED).exists()


@pytest.mark.parametrize("path", ["/", "/people/", "/organizations/", "/blocks/", "/audit/"])
def test_every_page_needs_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_csrf_is_enforced_on_login(db, world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "canbo", "password": "pw-canbo"})
    assert response.status_code == 403
