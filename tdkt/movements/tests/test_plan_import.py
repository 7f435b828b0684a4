"""Importing a plan file: a clean file creates the plan through the plan services (audited), a
wrong one writes nothing and says where; scope; the page, the API and the export's round trip."""

import copy
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from tdkt.accounts.models import RoleGrant, User
from tdkt.accounts.services import api_token_issue
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.movements.domain.plan_file import MAX_BYTES
from tdkt.movements.models import ContentItem, Movement, MovementStatus, TaskStatus
from tdkt.movements.plan_export import plan_export
from tdkt.movements.services.plan_import import plan_import_file
from tdkt.movements.tests.test_plan_file import CLEAN

D = datetime.date


def data_of(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def with_change(**top):
    document = copy.deepcopy(CLEAN)
    document.update(top)
    return document


def test_a_clean_file_creates_the_plan_through_the_services(world):
    admin = world.users["admin"]
    movement = plan_import_file(actor=admin, data=data_of(CLEAN), file_name="ke-hoach.json")
    assert movement.organization == world.orgs["P"]
    assert movement.status == MovementStatus.ISSUED
    assert (movement.document_number, movement.document_date) == ("05/KH-UBND", D(2022, 1, 28))
    assert movement.registration_deadline == D(2022, 3, 15)
    assert movement.for_individuals is False
    assert movement.award_codes == ["CO_TINH", "BK_TINH"]
    assert sorted(movement.participants.values_list("organization__code", flat=True)) == ["FIN", "HOME"]
    phases = list(movement.phases.all())
    assert [(p.name, p.position, p.start_date) for p in phases] == [
        ("Đợt 1", 1, D(2022, 1, 1)),
        ("Đợt 2", 2, D(2022, 7, 1)),
    ]
    mid, end = movement.milestones.all()
    assert (mid.kind, mid.phase, mid.data_from, mid.data_to) == ("mid_year", phases[0], D(2021, 12, 1), D(2022, 5, 31))
    assert (end.kind, end.phase, end.report_deadline) == ("year_end", phases[1], D(2022, 12, 20))
    assert [(t.award_code, t.min_rating, t.value) for t in movement.targets.all()] == [
        ("TTLDXS", "", Decimal(20)),
        ("", "HTTNV", Decimal("2.5")),
    ]
    first, last = movement.tasks.all()
    assert (first.lead_organization, first.status, first.due_date) == (
        world.orgs["FIN"],
        TaskStatus.DONE,
        D(2022, 3, 15),
    )
    assert (last.quarter, last.lead_organization, last.status) == (4, None, TaskStatus.PLANNED)
    plan = movement.content_items.filter(part=ContentItem.PLAN)
    assert list(plan.values_list("text", "position")) == [("Nội dung thứ nhất", 1), ("Nội dung thứ hai", 2)]
    assert list(movement.content_items.filter(part=ContentItem.COVENANT).values_list("text", flat=True)) == [
        "Giao ước thứ nhất"
    ]
    # Audited as manual work (created, each part, issued) and the import itself.
    events = AuditEvent.objects.filter(target_id=str(movement.pk))
    assert events.filter(event_type=AuditEventType.MOVEMENT_CREATED).count() == 1
    assert events.filter(event_type=AuditEventType.MOVEMENT_ISSUED).count() == 1
    # The first task's status is set after it is added: one event about that task (its own id, not the plan's).
    tasks = [str(pk) for pk in movement.tasks.values_list("pk", flat=True)]
    assert AuditEvent.objects.filter(event_type=AuditEventType.TASK_CHANGED, target_id__in=tasks).count() == 1
    imported = events.get(extra__imported_from_file="ke-hoach.json")
    assert len(imported.extra["sha256"]) == 64
    # 2 phases, 2 milestones, 2 targets, 2 tasks, 3 contents, the participants.
    assert events.filter(event_type=AuditEventType.MOVEMENT_CHANGED).count() == 12 + 1


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        ({"organization": "NOWHERE"}, "organization", "không tìm thấy đơn vị mã “NOWHERE”"),
        ({"participants": ["FIN", "GHOST"]}, "participants[1]", "không tìm thấy đơn vị mã “GHOST”"),
        ({"participants": ["FIN", "Q-CA"]}, "participants", "Không thuộc phạm vi của kế hoạch"),  # another province
        ({"participants": ["FIN", "P"]}, "participants", "Không thuộc phạm vi của kế hoạch"),  # the issuer itself
        ({"block": {"name": "Khối không có", "year": 2022}}, "block", "không tìm thấy khối thi đua"),
        ({"milestones": [{"kind": "final", "name": "x", "report_deadline": "31/02/2022"}]},
         "milestones[0].report_deadline", "không có thật"),
        ({"tasks": [{"quarter": 1, "content": "x", "lead": "y", "lead_organization": "Q"}]},
         "tasks[0].lead_organization", "đơn vị ban hành hoặc đơn vị tham gia"),
        ({"tasks": [{"quarter": 1, "content": "x", "lead": "y", "lead_organization": "FIN-NS"}]},
         "tasks[0].lead_organization", "đơn vị ban hành hoặc đơn vị tham gia"),
        ({"participants": [], "tasks": [], "status": "issued"}, "status", "chưa có đơn vị tham gia"),
    ],
)  # fmt: skip
def test_a_wrong_file_writes_nothing_and_says_where(world, change, where, says):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        plan_import_file(actor=world.users["admin"], data=data_of(with_change(**change)))
    errors = caught.value.message_dict
    assert where in errors, errors
    assert any(says in message for message in errors[where]), errors
    assert not Movement.objects.exists()
    assert AuditEvent.objects.count() == events


def test_the_same_plan_twice_is_refused(world):
    plan_import_file(actor=world.users["admin"], data=data_of(CLEAN))
    with pytest.raises(ValidationError) as caught:
        plan_import_file(actor=world.users["admin"], data=data_of(CLEAN))
    assert "đã có trong hệ thống" in caught.value.message_dict["title"][0]
    assert Movement.objects.count() == 1


def test_a_block_plan_takes_the_blocks_members(world):
    document = with_change(organization="HOME", block={"name": world.block.name, "year": 2022}, participants=[])
    document["tasks"][0]["lead_organization"] = "HOME"
    movement = plan_import_file(actor=world.users["block_head"], data=data_of(document))
    assert movement.block == world.block
    assert sorted(movement.participants.values_list("organization__code", flat=True)) == ["FIN", "HOME"]


def test_a_unit_officer_cannot_create_a_plan_for_another_organisation(world):
    officer = world.users["unit_officer"]  # of FIN
    with pytest.raises(ValidationError) as caught:
        plan_import_file(actor=officer, data=data_of(with_change(organization="HOME", participants=[])))
    assert "không tìm thấy đơn vị mã “HOME”" in caught.value.message_dict["organization"][0]
    # Seeing the province is not issuing its plans.
    RoleGrant.objects.create(user=officer, role="viewer", organization=world.orgs["P"])
    officer = User.objects.get(pk=officer.pk)  # its roles are read once per user object
    with pytest.raises(PermissionDenied):
        plan_import_file(actor=officer, data=data_of(CLEAN))
    assert not Movement.objects.exists()
    # Its own organisation's plan it may import.
    own = with_change(organization="FIN", participants=["FIN-NS"], tasks=[], status="draft")
    assert plan_import_file(actor=officer, data=data_of(own)).organization == world.orgs["FIN"]


def comparable(document: dict) -> dict:
    """A plan file with what a clerk may leave out written out, to compare two files."""
    out = copy.deepcopy(document)
    for m in out["milestones"]:
        for key in ("data_from", "data_to", "phase"):
            m.setdefault(key, None)
        m.setdefault("meeting", "")
    for t in out["targets"]:
        t.setdefault("award_code", None)
        t.setdefault("min_rating", None)
        t["value"] = Decimal(str(t["value"]).replace(",", "."))
    for t in out["tasks"]:
        t.setdefault("lead_organization", None)
        t.setdefault("executing", "")
        t.setdefault("due_date", None)
        t.setdefault("status", "planned")
    return out


def test_export_then_import_gives_an_equal_plan(world):
    admin = world.users["admin"]
    original = plan_import_file(actor=admin, data=data_of(CLEAN))
    exported = plan_export(original)
    assert comparable(exported) == comparable(CLEAN)
    original.delete()
    again = plan_import_file(actor=admin, data=data_of(exported))
    assert plan_export(again) == exported


# The page ----------------------------------------------------------------------------------------


def upload(document, name="ke-hoach.json"):
    content = document if isinstance(document, bytes) else data_of(document)
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_the_page_imports_a_plan_and_lists_the_mistakes(client, world):
    client.force_login(world.users["standing_office"])
    listing = client.get(reverse("movements:list"))
    assert reverse("movements:import") in listing.text
    page = client.get(reverse("movements:import"))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    wrong = copy.deepcopy(CLEAN)
    wrong["milestones"][1]["report_deadline"] = "2022-12-20"
    response = client.post(reverse("movements:import"), {"file": upload(wrong)})
    assert response.status_code == 200
    assert "milestones[1].report_deadline: ngày phải dạng dd/mm/yyyy" in response.text
    assert not Movement.objects.exists()
    response = client.post(reverse("movements:import"), {"file": upload(CLEAN)})
    movement = Movement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("movements:detail", args=[movement.pk])


def test_the_page_refuses_too_big_a_file_and_those_who_issue_no_plans(client, world):
    client.force_login(world.users["standing_office"])
    response = client.post(reverse("movements:import"), {"file": upload(b" " * (MAX_BYTES + 1))})
    assert response.status_code == 200
    assert "2 MB" in response.text
    client.force_login(world.users["viewer"])
    assert reverse("movements:import") not in client.get(reverse("movements:list")).text
    assert client.get(reverse("movements:import")).status_code == 403
    assert client.post(reverse("movements:import"), {"file": upload(CLEAN)}).status_code == 403
    assert not Movement.objects.exists()


def test_the_page_tells_an_officer_its_scope(client, world):
    client.force_login(world.users["unit_officer"])
    response = client.post(reverse("movements:import"), {"file": upload(with_change(organization="HOME"))})
    assert "organization: không tìm thấy đơn vị mã “HOME”" in response.text
    assert not Movement.objects.exists()


def test_the_plan_page_downloads_its_file(client, world):
    movement = plan_import_file(actor=world.users["admin"], data=data_of(CLEAN))
    client.force_login(world.users["viewer"])  # of HOME, a participant
    detail = client.get(reverse("movements:detail", args=[movement.pk]))
    assert reverse("movements:export", args=[movement.pk]) in detail.text
    response = client.get(reverse("movements:export", args=[movement.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-05-KH-UBND.json"'
    assert json.loads(response.content) == plan_export(movement)
    assert "Kế hoạch phát động" in response.content.decode()  # readable, not \u-escaped
    client.force_login(make_user("canbo_q", "unit_officer", world.orgs["Q-CA"]))
    assert client.get(reverse("movements:export", args=[movement.pk])).status_code == 404


# The API -----------------------------------------------------------------------------------------


def auth(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=user)}"}


def test_api_imports_a_json_body_or_a_file_and_exports(client, world):
    user = world.users["standing_office"]
    response = client.post(
        "/api/v1/movements/import", data_of(CLEAN), content_type="application/json", headers=auth(user)
    )
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["title"] == CLEAN["title"]
    assert body["status"] == "issued"
    exported = client.get(f"/api/v1/movements/{body['id']}/export", headers=auth(user))
    assert exported.status_code == 200
    assert exported.json() == plan_export(Movement.objects.get(pk=body["id"]))
    document = exported.json() | {"title": "Kế hoạch khác"}
    response = client.post("/api/v1/movements/import", {"file": upload(document)}, headers=auth(user))
    assert response.status_code == 201, response.content.decode()
    assert Movement.objects.count() == 2


def test_api_refusals(client, world):
    user = world.users["standing_office"]
    wrong = copy.deepcopy(CLEAN)
    wrong["targets"][0]["value"] = 120
    response = client.post(
        "/api/v1/movements/import", data_of(wrong), content_type="application/json", headers=auth(user)
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"targets[0].value": ["tỷ lệ phải từ 0 đến 100 (%)."]}
    assert "targets[0].value: tỷ lệ phải từ 0 đến 100 (%)" in response.json()["detail"]
    big = {"file": SimpleUploadedFile("lon.json", b" " * (MAX_BYTES + 1))}
    response = client.post("/api/v1/movements/import", big, headers=auth(user))
    assert response.status_code == 400
    assert "2 MB" in response.json()["detail"]
    response = client.post("/api/v1/movements/import", {"other": io.BytesIO(b"x")}, headers=auth(user))
    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    viewer = world.users["viewer"]
    response = client.post(
        "/api/v1/movements/import", data_of(CLEAN), content_type="application/json", headers=auth(viewer)
    )
    assert response.status_code == 403
    assert client.get("/api/v1/movements/999999/export", headers=auth(user)).status_code == 404
    assert not Movement.objects.exists()
