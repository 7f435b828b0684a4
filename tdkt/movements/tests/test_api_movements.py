"""The movements API, role by role and state by state: out of scope is 404 (never the data), in
scope without the permission is 403, what the services refuse is 400, always in Vietnamese.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Q ⊃ Q-CA apart; the block is
organised by P with HOME (head) and FIN. Movements:
- "block": the block's plan, issued by HOME, participants HOME and FIN (issued);
- "fin": Sở Tài chính's own plan for FIN-NS (issued);
- "q": the other province's plan for Q-CA (issued);
- "draft": the province's draft for FIN and HOME.
"""

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import ROLES
from tdkt.accounts.services import api_token_issue
from tdkt.movements.demo import report_pdf
from tdkt.movements.models import (
    CovenantSignature,
    Movement,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)
from tdkt.movements.services import participation, plans
from tdkt.signing.testing import pki  # noqa: F401

MOVEMENTS = ["block", "fin", "q", "draft"]
PROVINCE = {"standing_office", "council_member", "approver"}
SEES = {
    "block": {"admin", *PROVINCE, "block_head", "unit_officer", "unit_leader", "viewer"},
    "fin": {"admin", *PROVINCE, "unit_officer", "unit_leader"},
    "q": {"admin"},
    "draft": {"admin", "standing_office"},
}
MANAGES = {
    "block": {"admin", "standing_office", "block_head"},
    "fin": {"admin", "standing_office", "unit_officer", "unit_leader"},
    "q": {"admin"},
    "draft": {"admin", "standing_office"},
}
# Who sees an organisation (organization.view), and who may act for it (movement.participate).
SEES_ORG = {
    "FIN": {"admin", *PROVINCE, "unit_officer", "unit_leader"},
    "HOME": {"admin", *PROVINCE, "block_head", "viewer"},
}
ACTS_FOR = {"FIN": {"admin", "unit_officer", "unit_leader"}, "HOME": {"admin"}}
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
TODAY = timezone.localdate()
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def expected(role, key, allowed) -> int:
    """200 for the allowed, 403 for those who see the movement, 404 for the others."""
    if role in allowed:
        return 200
    return 403 if role in SEES[key] else 404


def auth(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=user)}"}


def call(client, method, url, user, data=None):
    headers = auth(user)
    if method == "get":
        return client.get(url, headers=headers)
    body = json.dumps(data if data is not None else {})
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)


def assert_status(response, status, *secrets):
    """The status; a refusal says why in Vietnamese and carries none of the object's data."""
    assert response.status_code == status, response.content.decode()
    if status >= 400:
        assert VIETNAMESE.search(response.json()["detail"]), response.json()
        for secret in secrets:
            assert secret not in response.content.decode()


def upload(name="bao-cao.pdf", content=None):
    return SimpleUploadedFile(name, report_pdf("Bao cao so ket") if content is None else content)


@pytest.fixture
def mv(world) -> dict:
    admin, org = world.users["admin"], world.orgs
    year = TODAY.year
    span = {"start_date": datetime.date(year, 1, 1), "end_date": datetime.date(year, 12, 31)}
    block = plans.movement_create(
        actor=admin,
        organization=org["HOME"],
        block=world.block,
        title="Kế hoạch thi đua của Khối các cơ quan tham mưu, tổng hợp",
        registration_deadline=TODAY + datetime.timedelta(days=30),
        **span,
    )
    plans.content_add(actor=admin, movement=block, text="Thực hiện tốt nhiệm vụ chính trị", part="covenant")
    fin = plans.movement_create(
        actor=admin, organization=org["FIN"], title="Phong trào thi đua của Sở Tài chính", **span
    )
    plans.participants_set(actor=admin, movement=fin, organizations=[org["FIN-NS"]])
    q = plans.movement_create(actor=admin, organization=org["Q"], title="Phong trào thi đua tỉnh Tuyên Quang", **span)
    plans.participants_set(actor=admin, movement=q, organizations=[org["Q-CA"]])
    draft = plans.movement_create(actor=admin, organization=org["P"], title="Dự thảo kế hoạch của tỉnh", **span)
    plans.participants_set(actor=admin, movement=draft, organizations=[org["FIN"], org["HOME"]])
    for movement in (block, fin, q):
        plans.movement_set_status(actor=admin, movement=movement, status="issued")
    milestones = {
        key: plans.milestone_add(
            actor=admin,
            movement=m,
            kind="mid_year",
            name="Sơ kết 6 tháng",
            report_deadline=TODAY + datetime.timedelta(days=10),
        )
        for key, m in (("block", block), ("q", q))
    }
    return {"block": block, "fin": fin, "q": q, "draft": draft, "milestones": milestones}


def url(mv, key, rest=""):
    return f"/api/v1/movements/{mv[key].pk}{rest}"


# Reading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", MOVEMENTS)
def test_movement_visible_only_in_scope(client, world, mv, role, key):
    response = call(client, "get", url(mv, key), world.users[role])
    if role in SEES[key]:
        assert_status(response, 200)
        body = response.json()
        assert body["title"] == mv[key].title
        assert body["can_manage"] is (role in MANAGES[key])
        assert {"phases", "milestones", "targets", "tasks", "participants", "content_items"} <= set(body)
    else:
        assert_status(response, 404, mv[key].title)


@pytest.mark.parametrize("role", ROLES)
def test_movement_list_holds_only_what_the_caller_sees(client, world, mv, role):
    response = call(client, "get", "/api/v1/movements?limit=500", world.users[role])
    assert_status(response, 200)
    expected_ids = {mv[k].pk for k in MOVEMENTS if role in SEES[k]}
    assert {m["id"] for m in response.json()["items"]} == expected_ids
    assert response.json()["count"] == len(expected_ids)


def test_movement_list_filters(client, world, mv):
    admin = world.users["admin"]
    year = TODAY.year

    def ids(query):
        response = call(client, "get", f"/api/v1/movements?{query}", admin)
        assert_status(response, 200)
        return {m["id"] for m in response.json()["items"]}

    assert ids(f"year={year}") == {mv[k].pk for k in MOVEMENTS}
    assert ids(f"year={year + 5}") == set()
    assert ids("status=draft") == {mv["draft"].pk}
    assert ids("q=Tài chính") == {mv["fin"].pk}
    assert ids("limit=2&offset=0").__len__() == 2
    response = call(client, "get", "/api/v1/movements?kind=khac", admin)
    assert_status(response, 422)


def test_detail_lists_what_the_plan_contains(client, world, mv):
    admin, block = world.users["admin"], mv["block"]
    phase = plans.phase_add(
        actor=admin, movement=block, name="Đợt 1", start_date=block.start_date, end_date=block.start_date
    )
    plans.target_add(
        actor=admin,
        movement=block,
        label="20% TTLĐXS",
        kind="award_share",
        subject="collective",
        award_code="TTLDXS",
        value=20,
        year=block.start_date.year,
    )
    plans.task_add(actor=admin, movement=block, quarter=1, content="Ký giao ước", lead="Trưởng Khối")
    body = call(client, "get", url(mv, "block"), admin).json()
    assert [p["id"] for p in body["phases"]] == [phase.pk]
    assert body["milestones"][0]["report_deadline"] == str(TODAY + datetime.timedelta(days=10))
    assert body["targets"][0]["award_code"] == "TTLDXS"
    assert body["tasks"][0]["quarter"] == 1
    assert {p["organization"]["name"] for p in body["participants"]} == {"Sở Tài chính", "Sở Nội vụ"}
    assert body["content_items"][0]["part"] == "covenant"
    assert body["block"]["name"] == world.block.name
    assert body["participant_count"] == 2


# Managing a plan ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", MOVEMENTS)
def test_patch_needs_the_manage_permission_in_scope(client, world, mv, role, key):
    response = call(client, "patch", url(mv, key), world.users[role], {"theme": "Đoàn kết, sáng tạo"})
    status = expected(role, key, MANAGES[key])
    assert_status(response, status, mv[key].title if status == 404 else "\x00")
    mv[key].refresh_from_db()
    assert (mv[key].theme == "Đoàn kết, sáng tạo") is (status == 200)


PARTS = [
    ("/phases", {"name": "Đợt 1", "start_date": f"{TODAY.year}-01-01", "end_date": f"{TODAY.year}-06-30"}),
    ("/milestones", {"kind": "year_end", "name": "Tổng kết năm", "report_deadline": f"{TODAY.year}-12-20"}),
    (
        "/targets",
        {"label": "100% HTTNV", "kind": "rating_share", "subject": "individual", "min_rating": "HTTNV"}
        | {"value": 100, "year": TODAY.year},
    ),
    ("/tasks", {"quarter": 2, "content": "Báo cáo sơ kết 6 tháng", "lead": "Các Thành viên Khối"}),
    ("/contents", {"part": "plan", "text": "Thi đua hoàn thành xuất sắc nhiệm vụ"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "body"), PARTS, ids=[p for p, _ in PARTS])
def test_adding_to_a_plan_needs_the_manage_permission(client, world, mv, role, path, body):
    response = call(client, "post", url(mv, "block", path), world.users[role], body)
    status = expected(role, "block", MANAGES["block"])
    assert_status(response, 201 if status == 200 else status)


@pytest.mark.parametrize("role", ROLES)
def test_creating_a_plan_needs_the_manage_permission_at_the_issuer(client, world, role):
    fin, fin_ns = world.orgs["FIN"], world.orgs["FIN-NS"]
    body = {
        "organization_id": fin.pk,
        "title": "Phong trào thi đua chuyên đề",
        "kind": "thematic",
        "start_date": f"{TODAY.year}-01-01",
        "end_date": f"{TODAY.year}-12-31",
        "award_codes": ["GK", "BK_TINH"],
        "participant_ids": [fin_ns.pk],
    }
    response = call(client, "post", "/api/v1/movements", world.users[role], body)
    if role in {"admin", "standing_office", "unit_officer", "unit_leader"}:
        assert_status(response, 201)
        created = response.json()
        assert created["status"] == "draft"
        assert [p["organization"]["id"] for p in created["participants"]] == [fin_ns.pk]
        assert created["award_codes"] == ["GK", "BK_TINH"]
    else:
        assert_status(response, 403 if role in SEES_ORG["FIN"] else 404)
        assert not Movement.objects.filter(title="Phong trào thi đua chuyên đề").exists()


def test_referenced_ids_out_of_scope_are_not_found(client, world, mv):
    office, fin = world.users["standing_office"], world.orgs["FIN"]
    base = {"title": "Kế hoạch", "start_date": "2026-01-01", "end_date": "2026-12-31"}
    q_org, q_ca = world.orgs["Q"], world.orgs["Q-CA"]
    assert_status(call(client, "post", "/api/v1/movements", office, {**base, "organization_id": q_org.pk}), 404)
    body = {**base, "organization_id": fin.pk, "participant_ids": [q_ca.pk]}
    assert_status(call(client, "post", "/api/v1/movements", office, body), 404, q_ca.name)
    other_block = world.block.__class__.objects.create(organizer=q_org, name="Khối Tuyên Quang", year=2026)
    body = {**base, "organization_id": fin.pk, "block_id": other_block.pk}
    assert_status(call(client, "post", "/api/v1/movements", office, body), 404, "Khối Tuyên Quang")
    assert_status(call(client, "patch", url(mv, "draft"), office, {"participant_ids": [q_ca.pk]}), 404)
    q_phase = plans.phase_add(
        actor=world.users["admin"],
        movement=mv["q"],
        name="Đợt 1",
        start_date=mv["q"].start_date,
        end_date=mv["q"].end_date,
    )
    body = {"kind": "phase_end", "name": "Kết thúc đợt", "report_deadline": "2026-06-30", "phase_id": q_phase.pk}
    assert_status(call(client, "post", url(mv, "block", "/milestones"), office, body), 404)
    body = {"quarter": 1, "content": "Việc", "lead": "Sở", "lead_organization_id": q_ca.pk}
    assert_status(call(client, "post", url(mv, "block", "/tasks"), office, body), 404, q_ca.name)
    body = {"quarter": 1, "content": "Việc", "lead": "Sở", "lead_organization_id": world.orgs["FIN-NS"].pk}
    assert_status(call(client, "post", url(mv, "block", "/tasks"), office, body), 400)  # not a participant
    body = {"organization_id": q_ca.pk, "items": [{"award_code": "CO_TINH"}]}
    assert_status(call(client, "post", url(mv, "block", "/registrations"), world.users["admin"], body), 400)
    assert_status(call(client, "post", url(mv, "block", "/registrations"), office, body), 404, q_ca.name)


def test_plan_states_issue_close_and_refusals(client, world, mv):
    office = world.users["standing_office"]
    draft = mv["draft"]
    # Dates out of order, a phase outside the plan, an unknown status: refused in Vietnamese.
    assert_status(call(client, "patch", url(mv, "draft"), office, {"end_date": "2000-01-01"}), 400)
    body = {"name": "Đợt 9", "start_date": "2001-01-01", "end_date": "2001-02-01"}
    assert_status(call(client, "post", url(mv, "draft", "/phases"), office, body), 400)
    assert_status(call(client, "post", url(mv, "draft", "/status"), office, {"status": "draft"}), 422)
    assert_status(call(client, "post", url(mv, "draft", "/status"), office, {"status": "closed"}), 400)
    # A draft takes no registration; it is issued, then closed, then read only.
    body = {"organization_id": world.orgs["FIN"].pk, "items": [{"award_code": "CO_TINH"}]}
    assert_status(call(client, "post", url(mv, "draft", "/registrations"), world.users["admin"], body), 400)
    response = call(client, "post", url(mv, "draft", "/status"), office, {"status": "issued"})
    assert_status(response, 200)
    assert response.json()["status"] == "issued"
    assert_status(call(client, "patch", url(mv, "draft"), office, {"participant_ids": [world.orgs["FIN"].pk]}), 400)
    assert_status(call(client, "post", url(mv, "draft", "/status"), office, {"status": "closed"}), 200)
    assert_status(call(client, "patch", url(mv, "draft"), office, {"title": "Đổi tên"}), 400)
    assert_status(call(client, "post", url(mv, "draft", "/contents"), office, {"text": "Nội dung"}), 400)
    draft.refresh_from_db()
    assert draft.status == "closed"
    assert draft.title == "Dự thảo kế hoạch của tỉnh"


def test_issuing_without_participants_is_refused(client, world):
    leader = world.users["unit_leader"]
    body = {"organization_id": world.orgs["FIN"].pk, "title": "Kế hoạch trống"}
    body |= {"start_date": "2026-01-01", "end_date": "2026-12-31"}
    created = call(client, "post", "/api/v1/movements", leader, body)
    assert_status(created, 201)
    response = call(client, "post", f"/api/v1/movements/{created.json()['id']}/status", leader, {"status": "issued"})
    assert_status(response, 400)
    assert "đơn vị tham gia" in response.json()["detail"]


def test_task_status(client, world, mv):
    admin = world.users["admin"]
    task = plans.task_add(actor=admin, movement=mv["block"], quarter=1, content="Ký giao ước", lead="Trưởng Khối")
    path = url(mv, "block", f"/tasks/{task.pk}/status")
    assert_status(call(client, "post", path, world.users["unit_officer"], {"status": "done"}), 403)
    assert_status(call(client, "post", path, world.users["block_head"], {"status": "finished"}), 422)
    response = call(client, "post", path, world.users["block_head"], {"status": "done"})
    assert_status(response, 200)
    assert response.json()["status"] == "done"
    assert_status(call(client, "post", url(mv, "fin", f"/tasks/{task.pk}/status"), admin, {"status": "done"}), 404)


# Registrations ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ["FIN", "HOME"])
def test_registering_needs_to_act_for_the_participant(client, world, mv, role, org_key):
    org = world.orgs[org_key]
    body = {
        "organization_id": org.pk,
        "items": [{"award_code": "CO_TINH", "target_text": "Dẫn đầu Khối"}, {"award_code": "CO_CP"}],
        "note": "Cam kết thực hiện giao ước",
    }
    response = call(client, "post", url(mv, "block", "/registrations"), world.users[role], body)
    if role not in SEES["block"] or role not in SEES_ORG[org_key]:
        assert_status(response, 404, org.name if role not in SEES_ORG[org_key] and role != "nobody" else "\x00")
    elif role in ACTS_FOR[org_key]:
        assert_status(response, 201)
        assert response.json()["status"] == "registered"
        assert [i["award_code"] for i in response.json()["items"]] == ["CO_TINH", "CO_CP"]
    else:
        assert_status(response, 403)
    assert Registration.objects.filter(movement=mv["block"]).exists() is (response.status_code == 201)


def test_registration_list_is_scoped_like_the_page(client, world, mv):
    admin = world.users["admin"]
    participation.registration_submit(
        actor=admin, movement=mv["block"], organization=world.orgs["FIN"], items=[("CO_TINH", "")]
    )
    path = url(mv, "block", "/registrations")
    head = call(client, "get", path, world.users["block_head"]).json()
    assert [r["organization"]["name"] for r in head["items"]] == ["Sở Tài chính"]
    assert [o["name"] for o in head["not_registered"]] == ["Sở Nội vụ"]
    assert (head["participant_count"], head["registered_count"]) == (2, 1)
    assert head["deadline_passed"] is False
    officer = call(client, "get", path, world.users["unit_officer"]).json()
    assert [r["organization"]["name"] for r in officer["items"]] == ["Sở Tài chính"]
    assert officer["not_registered"] == []
    viewer = call(client, "get", path, world.users["viewer"]).json()
    assert viewer["items"] == []
    assert_status(call(client, "get", url(mv, "q", "/registrations"), world.users["standing_office"]), 404)


@pytest.mark.parametrize("role", ROLES)
def test_late_registration_is_decided_by_the_manager_only(client, world, mv, role):
    admin, movement = world.users["admin"], mv["block"]
    Movement.objects.filter(pk=movement.pk).update(registration_deadline=TODAY - datetime.timedelta(days=1))
    registration = participation.registration_submit(
        actor=admin, movement=movement, organization=world.orgs["FIN"], items=[("CO_TINH", "")]
    )
    assert registration.status == RegistrationStatus.LATE_PENDING
    path = f"/api/v1/registrations/{registration.pk}/decision"
    response = call(client, "post", path, world.users[role], {"accept": True})
    # Whose registration details the caller sees: the managers, FIN's own users, the province.
    sees = MANAGES["block"] | {"unit_officer", "unit_leader"} | PROVINCE
    if role in MANAGES["block"]:
        assert_status(response, 200)
        assert response.json()["status"] == "accepted_late"
        assert_status(call(client, "post", path, world.users[role], {"accept": False, "note": "Muộn"}), 400)
    else:
        assert_status(response, 403 if role in sees else 404)


def test_refusing_a_late_registration_needs_a_reason(client, world, mv):
    admin = world.users["admin"]
    Movement.objects.filter(pk=mv["block"].pk).update(registration_deadline=TODAY - datetime.timedelta(days=1))
    registration = participation.registration_submit(
        actor=admin, movement=mv["block"], organization=world.orgs["FIN"], items=[("CO_TINH", "")]
    )
    path = f"/api/v1/registrations/{registration.pk}/decision"
    head = world.users["block_head"]
    response = call(client, "post", path, head, {"accept": False})
    assert_status(response, 400)
    assert "lý do" in response.json()["detail"]
    response = call(client, "post", path, head, {"accept": False, "note": "Quá hạn đăng ký"})
    assert_status(response, 200)
    assert response.json()["status"] == "refused_late"
    assert_status(call(client, "post", "/api/v1/registrations/999999/decision", head, {"accept": True}), 404)


def test_registration_input_is_checked(client, world, mv):
    officer, path = world.users["unit_officer"], url(mv, "block", "/registrations")
    fin = world.orgs["FIN"].pk
    assert_status(call(client, "post", path, officer, {"organization_id": fin, "items": []}), 422)
    bad = {"organization_id": fin, "items": [{"award_code": "CO_XYZ"}]}
    assert_status(call(client, "post", path, officer, bad), 422)
    twice = {"organization_id": fin, "items": [{"award_code": "CO_TINH"}, {"award_code": "CO_TINH"}]}
    assert_status(call(client, "post", path, officer, twice), 400)
    once = {"organization_id": fin, "items": [{"award_code": "CO_TINH"}]}
    assert_status(call(client, "post", path, officer, once), 201)
    response = call(client, "post", path, officer, once)
    assert_status(response, 400)
    assert "đã đăng ký" in response.json()["detail"]


# Covenant ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_signing_the_covenant_needs_to_act_for_the_participant(client, world, mv, role, pki, settings, monkeypatch):  # noqa: F811
    """Through the signing service (FIN's signer configured); the upload is tested in test_covenant_signing."""
    pki.configure(settings, monkeypatch, "FIN", world.orgs["FIN"].name)
    body = {"organization_id": world.orgs["FIN"].pk, "signer_name": "Nguyễn  Văn Đức", "signer_title": "Giám đốc"}
    path = url(mv, "block", "/covenant/signatures/service")
    response = call(client, "post", path, world.users[role], body)
    if role not in SEES["block"] or role not in SEES_ORG["FIN"]:
        assert_status(response, 404)
    elif role in ACTS_FOR["FIN"]:
        assert_status(response, 201)
        assert response.json()["signer_name"] == "Nguyễn Văn Đức"
        assert response.json()["method"] == "service"
        assert_status(call(client, "post", path, world.users[role], body), 400)
    else:
        assert_status(response, 403)
    assert CovenantSignature.objects.exists() is (response.status_code == 201)


def test_covenant_lists_contents_signed_and_unsigned(client, world, mv):
    participation.covenant_record(
        actor=world.users["admin"],
        movement=mv["block"],
        organization=world.orgs["HOME"],
        signer_name="Lê Minh Đạt",
        signer_title="Giám đốc Sở Nội vụ",
    )
    body = call(client, "get", url(mv, "block", "/covenant"), world.users["unit_leader"]).json()
    assert [i["text"] for i in body["items"]] == ["Thực hiện tốt nhiệm vụ chính trị"]
    assert [s["organization"]["name"] for s in body["signatures"]] == ["Sở Nội vụ"]
    assert [o["name"] for o in body["unsigned"]] == ["Sở Tài chính"]
    assert (body["participant_count"], body["signed_count"]) == (2, 1)
    assert_status(call(client, "get", url(mv, "fin", "/covenant"), world.users["viewer"]), 404)


# Report submissions ------------------------------------------------------------------------------


def submit(client, milestone, user, org, file=None, figures=None, **late):
    data = {"organization_id": str(org.pk), "file": file or upload(), **late}
    if figures is not None:
        data["figures"] = figures
    return client.post(f"/api/v1/milestones/{milestone.pk}/submissions", data, headers=auth(user))


@pytest.mark.parametrize("role", ROLES)
def test_submitting_a_report_needs_to_act_for_the_participant(client, world, mv, role):
    response = submit(client, mv["milestones"]["block"], world.users[role], world.orgs["FIN"], figures='{"Số": 2}')
    if role not in SEES["block"] or role not in SEES_ORG["FIN"]:
        assert_status(response, 404)
    elif role in ACTS_FOR["FIN"]:
        assert_status(response, 201)
        assert response.json()["status"] == "submitted"
        assert response.json()["figures"] == {"Số": 2}
    else:
        assert_status(response, 403)
    assert ReportSubmission.objects.exists() is (response.status_code == 201)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", HTML),  # an HTML page renamed .pdf
        ("bao-cao.pdf", b""),
        ("bao-cao.docx", None),  # a PDF named .docx
        ("bao-cao.exe", b"MZ\x90\x00\x03"),
    ],
)
def test_an_upload_that_is_not_what_it_says_is_refused(client, world, mv, name, content):
    response = submit(
        client, mv["milestones"]["block"], world.users["unit_officer"], world.orgs["FIN"], upload(name, content)
    )
    assert_status(response, 400)
    assert response.json()["errors"]["file"]
    assert not ReportSubmission.objects.exists()


@pytest.mark.parametrize(
    "figures",
    ["không phải JSON", "[1, 2]", '{"a": -1}', '{"a": 1.5}', '{"a": true}', json.dumps({str(i): i for i in range(6)})],
)
def test_bad_figures_are_refused(client, world, mv, figures):
    response = submit(client, mv["milestones"]["block"], world.users["unit_officer"], world.orgs["FIN"], None, figures)
    assert_status(response, 400)
    assert response.json()["errors"]["figures"]


def test_upload_without_a_file_or_with_a_control_character_is_422(client, world, mv):
    milestone, officer = mv["milestones"]["block"], world.users["unit_officer"]
    response = client.post(
        f"/api/v1/milestones/{milestone.pk}/submissions",
        {"organization_id": str(world.orgs["FIN"].pk)},
        headers=auth(officer),
    )
    assert_status(response, 422)
    response = submit(client, milestone, officer, world.orgs["FIN"], figures='{"a\\u0000": 1}')
    assert_status(response, 400)


def test_report_states_submit_return_resubmit_accept(client, world, mv):
    milestone, officer, head = mv["milestones"]["block"], world.users["unit_officer"], world.users["block_head"]
    submission = submit(client, milestone, officer, world.orgs["FIN"]).json()
    review = f"/api/v1/submissions/{submission['id']}/review"
    assert_status(call(client, "post", review, officer, {"accept": True}), 403)
    assert_status(call(client, "post", review, world.users["nobody"], {"accept": True}), 404)
    assert_status(call(client, "post", review, head, {"accept": False}), 400)
    returned = call(client, "post", review, head, {"accept": False, "reason": "Thiếu số liệu"})
    assert_status(returned, 200)
    assert returned.json()["status"] == "returned"
    listing = call(client, "get", f"/api/v1/milestones/{milestone.pk}/submissions", officer).json()
    assert [o["name"] for o in listing["not_submitted"]] == ["Sở Tài chính"]
    assert listing["items"][0]["return_reason"] == "Thiếu số liệu"
    assert_status(submit(client, milestone, officer, world.orgs["FIN"]), 201)
    assert_status(submit(client, milestone, officer, world.orgs["FIN"]), 400)  # only after a return
    accepted = call(client, "post", review, head, {"accept": True})
    assert_status(accepted, 200)
    assert accepted.json()["status"] == "accepted"
    assert_status(call(client, "post", review, head, {"accept": True}), 400)


def test_submission_list_is_scoped_like_the_page(client, world, mv):
    admin, milestone = world.users["admin"], mv["milestones"]["block"]
    participation.report_submit(actor=admin, milestone=milestone, organization=world.orgs["FIN"], upload=upload())
    path = f"/api/v1/milestones/{milestone.pk}/submissions"
    head = call(client, "get", path, world.users["block_head"]).json()
    assert [s["organization"]["name"] for s in head["items"]] == ["Sở Tài chính"]
    assert [o["name"] for o in head["not_submitted"]] == ["Sở Nội vụ"]
    viewer = call(client, "get", path, world.users["viewer"]).json()
    assert viewer["items"] == []
    assert [o["name"] for o in viewer["not_submitted"]] == ["Sở Nội vụ"]
    q_path = f"/api/v1/milestones/{mv['milestones']['q'].pk}/submissions"
    assert_status(call(client, "get", q_path, world.users["standing_office"]), 404)
    assert_status(submit(client, mv["milestones"]["q"], world.users["standing_office"], world.orgs["FIN"]), 404)


def test_a_late_report_is_marked_late(client, world, mv):
    milestone = mv["milestones"]["block"]
    milestone.__class__.objects.filter(pk=milestone.pk).update(report_deadline=TODAY - datetime.timedelta(days=1))
    assert_status(submit(client, milestone, world.users["unit_leader"], world.orgs["FIN"]), 400)
    response = submit(client, milestone, world.users["unit_leader"], world.orgs["FIN"], confirmed="true",
                      reason="Chờ số liệu quý")
    assert_status(response, 201)
    assert response.json()["status"] == SubmissionStatus.LATE
    assert response.json()["was_late"] is True


def test_without_a_token_the_api_answers_401(client, mv):
    for path in ("/api/v1/movements", url(mv, "block"), url(mv, "block", "/registrations")):
        response = client.get(path)
        assert_status(response, 401)


@pytest.mark.parametrize(
    ("value", "stored", "message"),
    [
        (12.5, "12.50", None),  # a JSON number, as the API expects
        ("12,5", "12.50", None),  # a string is read like a form box reads it
        ("99,75", "99.75", None),
        ("12.5", None, "“12,5”"),  # the English decimal point is refused, not read differently than on a page
        ("2.500", None, "“2500”"),
        ("abc", None, "không phải là số"),
    ],
)
def test_a_target_value_sent_as_text_follows_the_form_rules(client, world, mv, value, stored, message):
    body = PARTS[2][1] | {"value": value}
    response = call(client, "post", url(mv, "block", "/targets"), world.users["admin"], body)
    if stored is None:
        assert response.status_code == 422, response.content.decode()
        assert message in response.json()["detail"]
        assert "value" in response.json()["detail"]
    else:
        assert response.status_code == 201, response.content.decode()
        assert str(mv["block"].targets.get().value) == stored
