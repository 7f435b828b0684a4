"""Pages name the person who acted by full name and organisation ("Phạm Thị Lan (Sở Tài chính)"),
not by the login ("canbo"): the dossier history, the audit log, status lines."""

from django.template import Context, Template
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations import services


def _named(world):
    officer = world.users["unit_officer"]
    officer.full_name = "Phạm Thị Lan"
    officer.organization = world.orgs["FIN"]
    officer.save()
    return officer


def _render(text, **context):
    return Template("{% load people %}" + text).render(Context(context))


def test_display_name_and_filter(world):
    officer = _named(world)
    assert officer.get_full_name() == "Phạm Thị Lan"
    assert officer.display_name == "Phạm Thị Lan (Sở Tài chính)"
    assert _render("{{ u|person }}", u=officer) == "Phạm Thị Lan (Sở Tài chính)"
    assert _render("{{ u|person }}", u=None) == "—"
    nameless = world.users["nobody"]  # no name, no organisation: the login is all there is
    assert nameless.get_full_name() == "khongquyen"
    assert _render("{{ u|person }}", u=nameless) == "khongquyen"


def test_audit_event_names_the_actor_and_keeps_the_login_of_a_deleted_account(world):
    officer = _named(world)
    services.person_update(actor=officer, person=world.people["fin"], position="Trưởng phòng")
    event = AuditEvent.objects.get(event_type=AuditEventType.PERSON_CHANGED)
    assert event.actor_label == "canbo"  # the record keeps the login
    assert _render("{{ e|actor }}", e=event) == "Phạm Thị Lan (Sở Tài chính)"
    event.actor = None  # as after the account's deletion (SET_NULL)
    assert _render("{{ e|actor }}", e=event) == "canbo"


def test_audit_page_shows_and_finds_people_by_name(client, world):
    officer = _named(world)
    services.person_update(actor=officer, person=world.people["fin"], position="Trưởng phòng")
    client.force_login(world.users["standing_office"])
    page = client.get(reverse("audit:list")).text
    assert "Phạm Thị Lan (Sở Tài chính)" in page
    assert ">canbo<" not in page
    found = client.get(reverse("audit:list"), {"actor": "Thị Lan"}).text
    assert "Nguyễn Văn Đức" in found
    by_login = client.get(reverse("audit:list"), {"actor": "canbo"}).text
    assert "Nguyễn Văn Đức" in by_login
