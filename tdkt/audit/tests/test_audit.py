import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.audit.services import audit_record
from tdkt.organizations import services


def test_audit_event_cannot_be_changed_or_deleted(world):
    event = audit_record(
        event_type=AuditEventType.ORGANIZATION_CHANGED,
        actor=world.users["admin"],
        target=world.orgs["FIN"],
        organization=world.orgs["FIN"],
    )
    event.target_label = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(target_label="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).target_label == "Sở Tài chính"


def test_admin_site_offers_no_change_or_delete(client, world):
    world.users["admin"].is_staff = True
    world.users["admin"].is_superuser = True
    world.users["admin"].save()
    event = audit_record(
        event_type=AuditEventType.ORGANIZATION_CHANGED, actor=world.users["admin"], target=world.orgs["FIN"]
    )
    client.force_login(world.users["admin"])
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_service_write_records_before_and_after(world):
    services.person_update(actor=world.users["unit_officer"], person=world.people["fin"], position="Trưởng phòng")
    event = AuditEvent.objects.get(event_type=AuditEventType.PERSON_CHANGED)
    assert event.actor_label == "canbo"
    assert event.before["position"] == ""
    assert event.after["position"] == "Trưởng phòng"
    assert event.extra["changed"] == {"position": ["", "Trưởng phòng"]}
    assert event.organization == world.orgs["FIN"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("standing_office", 200), ("unit_officer", 403), ("viewer", 403), ("nobody", 403)],
)
def test_audit_page_only_for_auditors(client, world, role, status):
    client.force_login(world.users[role])
    assert client.get(reverse("audit:list")).status_code == status


def test_audit_page_is_scoped_and_filters(client, world):
    services.person_update(actor=world.users["admin"], person=world.people["fin"], position="Chuyên viên chính")
    services.person_update(actor=world.users["admin"], person=world.people["q"], position="Điều tra viên")
    client.force_login(world.users["standing_office"])
    page = client.get(reverse("audit:list"))
    assert "Nguyễn Văn Đức" in page.text
    assert "Hoàng Văn Sơn" not in page.text  # province Q is outside the standing office's scope
    filtered = client.get(reverse("audit:list"), {"event_type": AuditEventType.PERSON_MOVED})
    assert "Nguyễn Văn Đức" not in filtered.text
    exported = client.get(reverse("audit:list"), {"format": "xlsx"})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
