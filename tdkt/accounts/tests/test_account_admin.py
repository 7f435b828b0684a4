import pytest
from django.urls import reverse

from tdkt.accounts.models import RoleGrant, User
from tdkt.audit.models import AuditEvent, AuditEventType


@pytest.mark.parametrize("role", ["standing_office", "unit_officer", "viewer"])
def test_only_the_administrator_manages_accounts(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("accounts:users")).status_code == 403
    response = client.post(reverse("accounts:user", args=[world.users["viewer"].pk]), {"role": "admin"})
    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=world.users["viewer"], role="admin").exists()


def test_create_account_grant_and_revoke_are_audited(client, world):
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("accounts:users"),
        {
            "username": "moi",
            "full_name": "Ngô  Thị Mới",
            "organization": world.orgs["FIN"].pk,
            "password": "Mat-khau-rat-dai-2026",
        },
    )
    user = User.objects.get(username="moi")
    assert response["Location"] == reverse("accounts:user", args=[user.pk])
    assert user.full_name == "Ngô Thị Mới"
    client.post(
        reverse("accounts:user", args=[user.pk]), {"role": "unit_officer", "organization": world.orgs["FIN"].pk}
    )
    grant = RoleGrant.objects.get(user=user)
    client.post(reverse("accounts:revoke", args=[user.pk, grant.pk]))
    assert not RoleGrant.objects.filter(user=user).exists()
    events = set(AuditEvent.objects.filter(target_id=str(user.pk)).values_list("event_type", flat=True))
    assert {AuditEventType.USER_CREATED, AuditEventType.ROLE_GRANTED, AuditEventType.ROLE_REVOKED} <= events


def test_weak_password_is_refused_in_vietnamese(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("accounts:users"), {"username": "yeu", "full_name": "Yếu", "password": "1234567890"})
    assert response.status_code == 200
    assert not User.objects.filter(username="yeu").exists()
    assert "mật khẩu" in response.text.lower()


def test_a_role_needs_an_organisation(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("accounts:user", args=[world.users["nobody"].pk]), {"role": "viewer"})
    assert response.status_code == 200
    assert "phải gắn với một đơn vị" in response.text
    assert not RoleGrant.objects.filter(user=world.users["nobody"]).exists()


def test_locking_an_account_stops_login(client, world):
    client.force_login(world.users["admin"])
    client.post(reverse("accounts:active", args=[world.users["viewer"].pk]), {"active": "0"})
    client.logout()
    response = client.post(reverse("login"), {"username": "xem", "password": "pw-xem"})
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302
