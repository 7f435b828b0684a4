"""The unit leader's sign-off of a score sheet and a submission after the self-scoring deadline:
the officer puts the sheet before the leader, who sees the total and the section scores and signs it
off (submitted) or sends it back with a reason; the officer cannot sign off, another unit's leader
and a viewer cannot either; with the step off the officer submits. By service, page and API. After
the deadline, a confirmation page (or `confirmed` with a reason in the API) and the sheet is late."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import Api, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.domain.signoff import Act, Refused, Stage, available, step
from tdkt.notifications.models import Notification
from tdkt.organizations.models import Organization
from tdkt.scoring.models import ScoringRound, SheetStatus
from tdkt.scoring.services.sheets import sheet_act, sheet_save, sheet_start, sheet_submit

from .conftest import entries

# --- the shared table (pure) ---------------------------------------------------------------------

def test_shared_table():
    assert step(Stage.PREPARING, Act.REQUEST_SIGNOFF, roles={"unit_officer"}, signoff_required=True).target \
        is Stage.AWAITING
    assert step(Stage.AWAITING, Act.SIGN_OFF, roles={"unit_leader"}, signoff_required=True).target is Stage.SENT
    assert step(Stage.PREPARING, Act.SUBMIT, roles={"unit_officer"}, signoff_required=False).target is Stage.SENT
    with pytest.raises(Refused) as refused:
        step(Stage.AWAITING, Act.SIGN_OFF, roles={"unit_officer"}, signoff_required=True)
    assert refused.value.forbidden
    with pytest.raises(Refused):
        step(Stage.PREPARING, Act.SUBMIT, roles={"unit_officer"}, signoff_required=True)
    with pytest.raises(Refused):
        step(Stage.AWAITING, Act.SEND_BACK, roles={"unit_leader"}, signoff_required=True, reason="")
    with pytest.raises(Refused) as refused:
        step(Stage.AWAITING, Act.SIGN_OFF, roles={"viewer"}, signoff_required=True)
    assert refused.value.forbidden
    assert available(Stage.AWAITING, roles={"unit_leader"}, signoff_required=True) == [
        Act.SIGN_OFF, Act.SEND_BACK, Act.RECALL]
    assert available(Stage.PREPARING, roles={"unit_officer"}, signoff_required=False) == [Act.SUBMIT]


# --- service ------------------------------------------------------------------------------------

@pytest.fixture
def signoff(scoring):
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    sheet = sheet_start(actor=scoring.users["unit_officer"], scoring_round=scoring.round,
                        organization=scoring.orgs["FIN"])
    sheet_save(actor=scoring.users["unit_officer"], sheet=sheet, entries=entries(I_2=12, II_1=25))
    scoring.sheet = sheet
    return scoring


def test_officer_puts_it_before_the_leader_who_sends_back_then_signs_off(signoff):
    s = signoff
    officer, leader = s.users["unit_officer"], s.users["unit_leader"]
    sheet = sheet_submit(actor=officer, sheet=s.sheet)  # "send" for an officer: put before the leader
    assert sheet.status == SheetStatus.AWAITING_SIGNOFF
    assert sheet.submitted_at is None
    assert Notification.objects.filter(user=leader, text__contains="chờ lãnh đạo ký duyệt").exists()
    with pytest.raises(PermissionDenied):
        sheet_act(actor=officer, sheet=sheet, action="sign_off")
    with pytest.raises(ValidationError):
        sheet_save(actor=officer, sheet=sheet, entries=entries(I_2=15))  # not editable while it waits
    with pytest.raises(ValidationError):
        sheet_act(actor=leader, sheet=sheet, action="send_back", reason=" ")
    sheet = sheet_act(actor=leader, sheet=sheet, action="send_back", reason="Xem lại mục II.1")
    assert sheet.status == SheetStatus.DRAFT
    assert "Xem lại mục II.1" in sheet.return_reason
    assert Notification.objects.filter(user=officer, text__contains="Xem lại mục II.1").exists()
    sheet = sheet_act(actor=officer, sheet=sheet, action="request_signoff")
    sheet = sheet_act(actor=leader, sheet=sheet, action="sign_off")
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.submitted_by == leader
    events = AuditEvent.objects.filter(target_type="scoring.scoresheet", target_id=str(sheet.pk),
                                       event_type__in=(AuditEventType.SHEET_SUBMITTED, AuditEventType.SHEET_RETURNED))
    assert [(e.before["status"], e.after["status"], e.after["action"], e.actor.username)
            for e in events.order_by("pk")] == [
        ("draft", "awaiting_signoff", "request_signoff", "canbo"),
        ("awaiting_signoff", "draft", "send_back", "lanhdao"),
        ("draft", "awaiting_signoff", "request_signoff", "canbo"),
        ("awaiting_signoff", "submitted", "sign_off", "lanhdao"),
    ]


def test_leader_of_another_unit_and_a_viewer_cannot(signoff):
    s = signoff
    sheet = sheet_act(actor=s.users["unit_officer"], sheet=s.sheet, action="request_signoff")
    for user in (make_user("lanhdao_sxd", "unit_leader", s.orgs["MEM"]), s.users["viewer"]):
        with pytest.raises(PermissionDenied):
            sheet_act(actor=user, sheet=sheet, action="sign_off")
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.AWAITING_SIGNOFF


def test_with_the_step_off_the_officer_submits(signoff):
    s = signoff
    Organization.objects.filter(code="FIN").update(leader_signoff=False)
    s.sheet.organization.refresh_from_db()
    sheet = sheet_submit(actor=s.users["unit_officer"], sheet=s.sheet)
    assert sheet.status == SheetStatus.SUBMITTED


def test_late_submission_needs_confirmation_and_a_reason(signoff):
    s = signoff
    Organization.objects.filter(code="FIN").update(leader_signoff=False)
    ScoringRound.objects.filter(pk=s.round.pk).update(self_deadline=timezone.localdate() - datetime.timedelta(days=2))
    sheet = s.sheet.__class__.objects.get(pk=s.sheet.pk)
    with pytest.raises(ValidationError) as refused:
        sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    assert refused.value.error_dict["reason"][0].code == "confirm_late"
    with pytest.raises(ValidationError):
        sheet_submit(actor=s.users["unit_officer"], sheet=sheet, confirmed=True)
    sheet = sheet_submit(actor=s.users["unit_officer"], sheet=sheet, confirmed=True, reason="Chờ số liệu quý IV")
    assert sheet.status == SheetStatus.SUBMITTED
    assert sheet.was_late
    event = AuditEvent.objects.filter(event_type=AuditEventType.SHEET_SUBMITTED).latest("pk")
    assert event.after["late"] is True
    assert event.after["reason"] == "Chờ số liệu quý IV"


# --- pages ---------------------------------------------------------------------------------------

def test_pages(client, signoff):
    s = signoff
    sheet_url = reverse("scoring:sheet", args=[s.sheet.pk])
    client.force_login(s.users["unit_officer"])
    page = client.get(sheet_url).content.decode()
    assert "Trình lãnh đạo" in page
    client.post(reverse("scoring:sheet_submit", args=[s.sheet.pk]))
    assert client.post(reverse("scoring:sheet_signoff", args=[s.sheet.pk, "sign_off"])).status_code == 403
    client.force_login(s.users["unit_leader"])
    page = client.get(sheet_url).content.decode()
    assert 'id="signoff-summary"' in page  # the total and the section scores
    assert 'id="signoff-total"' in page
    assert 'id="sheet-action-sign_off"' in page
    assert 'id="sheet-action-send_back"' in page
    client.post(reverse("scoring:sheet_signoff", args=[s.sheet.pk, "sign_off"]))
    s.sheet.refresh_from_db()
    assert s.sheet.status == SheetStatus.SUBMITTED
    history = client.get(sheet_url).content.decode().split('id="sheet-history"', 1)[1]
    assert "Trình lãnh đạo" in history
    assert "Ký duyệt và gửi" in history


def test_page_late_confirmation(client, signoff):
    s = signoff
    ScoringRound.objects.filter(pk=s.round.pk).update(self_deadline=timezone.localdate() - datetime.timedelta(days=2))
    sheet_act(actor=s.users["unit_officer"], sheet=s.sheet, action="request_signoff")
    client.force_login(s.users["unit_leader"])
    target = reverse("scoring:sheet_signoff", args=[s.sheet.pk, "sign_off"])
    page = client.post(target)
    assert page.status_code == 200
    assert 'id="confirm-step"' in page.content.decode()
    assert client.post(target, {"confirmed": "1"}).status_code == 400
    client.post(target, {"confirmed": "1", "reason": "Họp lãnh đạo muộn"})
    s.sheet.refresh_from_db()
    assert s.sheet.status == SheetStatus.SUBMITTED
    assert s.sheet.was_late


# --- API -----------------------------------------------------------------------------------------

def test_api(client, signoff):
    s = signoff
    officer, leader = Api(client, s.users["unit_officer"]), Api(client, s.users["unit_leader"])
    base = f"/scoring/sheets/{s.sheet.pk}"
    body = officer.post(base + "/submit").json()
    assert body["status"] == "awaiting_signoff"
    assert body["actions"] == ["recall"]
    assert officer.post(base + "/signoff/sign_off", {}).status_code == 403
    other = Api(client, make_user("lanhdao_sxd", "unit_leader", s.orgs["MEM"]))
    assert other.post(base + "/signoff/sign_off", {}).status_code in (403, 404)
    assert leader.get(base).json()["actions"] == ["sign_off", "send_back", "recall"]
    assert leader.post(base + "/signoff/send_back", {"reason": ""}).status_code == 400
    assert leader.post(base + "/signoff/send_back", {"reason": "Thiếu minh chứng"}).json()["status"] == "draft"
    officer.post(base + "/signoff/request_signoff", {})
    assert leader.post(base + "/signoff/sign_off", {}).json()["status"] == "submitted"
