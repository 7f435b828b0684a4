"""The organisation's switch for the unit leader's sign-off: changed by the unit's own leader (or an
administrator) on a page, audited with before and after; officers, viewers and other units' leaders
cannot change it."""

from django.urls import reverse

from conftest import make_user
from tdkt.audit.models import AuditEvent, AuditEventType


def _url(org):
    return reverse("organizations:signoff", args=[org.pk])


def test_the_leader_switches_it_off_and_on(client, world):
    fin = world.orgs["FIN"]
    assert fin.leader_signoff is True  # on by default
    client.force_login(world.users["unit_leader"])
    detail = client.get(reverse("organizations:detail", args=[fin.pk])).content.decode()
    assert 'id="signoff-setting"' in detail
    assert client.get(_url(fin)).status_code == 200
    response = client.post(_url(fin), {"reason": "Đơn vị nhỏ, cán bộ gửi trực tiếp"})  # unchecked: off
    assert response.status_code == 302
    fin.refresh_from_db()
    assert fin.leader_signoff is False
    event = AuditEvent.objects.filter(event_type=AuditEventType.ORGANIZATION_CHANGED,
                                      target_id=str(fin.pk)).latest("pk")
    assert event.before == {"leader_signoff": True}
    assert event.after == {"leader_signoff": False, "reason": "Đơn vị nhỏ, cán bộ gửi trực tiếp"}
    assert event.extra["changed"] == {"leader_signoff": [True, False]}  # the audit page's before → after
    assert event.actor == world.users["unit_leader"]
    client.post(_url(fin), {"leader_signoff": "on"})
    fin.refresh_from_db()
    assert fin.leader_signoff is True


def test_others_cannot_change_it(client, world):
    fin = world.orgs["FIN"]
    for user in (world.users["unit_officer"], world.users["viewer"], world.users["standing_office"],
                 make_user("lanhdao_noivu", "unit_leader", world.orgs["HOME"])):
        client.force_login(user)
        assert client.post(_url(fin), {}).status_code in (403, 404), user  # 404: FIN is outside what they see
        page = client.get(reverse("organizations:detail", args=[fin.pk]))
        assert 'id="signoff-setting"' not in page.content.decode()  # no button (or no page at all)
    fin.refresh_from_db()
    assert fin.leader_signoff is True
    client.force_login(world.users["admin"])
    assert client.post(_url(fin), {}).status_code == 302
