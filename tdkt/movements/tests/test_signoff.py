"""The unit leader's sign-off of a registration and of a report: the officer's work waits for the
leader, who signs it off (sent as a direct sending would be) or sends it back with a reason; the
officer cannot sign off, another unit's leader and a viewer cannot either; with the step off the
officer sends directly. A report signed off after its deadline goes through a confirmation page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import Api, make_org, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.movements.models import RegistrationStatus, ReportSubmission, SubmissionStatus
from tdkt.movements.services.participation import missing_participants, registration_submit, report_submit
from tdkt.movements.services.signoff_steps import registration_signoff, report_signoff
from tdkt.notifications.models import Notification
from tdkt.organizations.models import Organization

from .test_participation_views import ON_TIME_REGISTRATION, ON_TIME_REPORT, D, at, make_plan, pdf, url


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    return plan


def _register(world, plan, user="unit_officer"):
    with at(ON_TIME_REGISTRATION):
        return registration_submit(actor=world.users[user], movement=plan.movement, organization=world.orgs["FIN"],
                                   items=[("CO_TINH", "")])


def test_registration_waits_for_the_leader(world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    registration = _register(world, plan)
    assert registration.status == RegistrationStatus.AWAITING_SIGNOFF
    assert Notification.objects.filter(user=leader, text__contains="chờ lãnh đạo ký duyệt").exists()
    assert world.orgs["FIN"] in [p.organization for p in missing_participants(plan.movement, "registration")]
    with pytest.raises(PermissionDenied):
        registration_signoff(actor=officer, registration=registration, action="sign_off")
    for other in (make_user("lanhdao_noivu", "unit_leader", world.orgs["HOME"]), world.users["viewer"]):
        with pytest.raises(PermissionDenied):
            registration_signoff(actor=other, registration=registration, action="sign_off")
    with pytest.raises(ValidationError):
        registration_signoff(actor=leader, registration=registration, action="send_back", reason="")
    with at(ON_TIME_REGISTRATION):
        registration = registration_signoff(actor=leader, registration=registration, action="send_back",
                                            reason="Thêm chỉ tiêu")
    assert registration.status == RegistrationStatus.SENT_BACK
    assert Notification.objects.filter(user=officer, text__contains="Thêm chỉ tiêu").exists()
    registration = _register(world, plan)  # prepared again
    with at(ON_TIME_REGISTRATION):
        registration = registration_signoff(actor=leader, registration=registration, action="sign_off")
    assert registration.status == RegistrationStatus.REGISTERED
    events = AuditEvent.objects.filter(event_type=AuditEventType.REGISTRATION_SUBMITTED).order_by("pk")
    assert [e.after["action"] for e in events] == ["request_signoff", "send_back", "request_signoff", "sign_off"]


def test_the_leader_registers_at_once(world, plan):
    assert _register(world, plan, "unit_leader").status == RegistrationStatus.REGISTERED


def test_with_the_step_off_the_officer_registers(world, plan):
    Organization.objects.filter(code="FIN").update(leader_signoff=False)
    assert _register(world, plan).status == RegistrationStatus.REGISTERED
    assert make_org("FIN-X", "Phòng X", "division", "unit", world.orgs["FIN"]).leader_signoff is True  # default


def test_report_waits_for_the_leader_then_late_sign_off_is_confirmed(client, world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    with at(ON_TIME_REPORT):
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"],
                                   upload=pdf())
    assert submission.status == SubmissionStatus.AWAITING_SIGNOFF
    assert Notification.objects.filter(user=leader, text__contains="chờ lãnh đạo ký duyệt").exists()
    with pytest.raises(PermissionDenied):
        report_signoff(actor=officer, submission=submission, action="sign_off")
    # The leader signs off after the deadline: a confirmation page with the reason first.
    client.force_login(leader)
    review = url("report_review", plan, submission.pk)
    with at(D(2022, 6, 20)):
        assert 'id="report-action-sign_off"' in client.get(review).text
        target = url("report_signoff", plan, submission.pk, "sign_off")
        page = client.post(target)
        assert page.status_code == 200
        assert 'id="confirm-step"' in page.text
        assert client.post(target, {"confirmed": "1"}).status_code == 400
        client.post(target, {"confirmed": "1", "reason": "Lãnh đạo đi công tác"})
    submission = ReportSubmission.objects.get()
    assert (submission.status, submission.was_late) == (SubmissionStatus.LATE, True)
    event = AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).latest("pk")
    assert event.after == {"status": "late", "action": "sign_off", "reason": "Lãnh đạo đi công tác", "late": True}


def test_report_sent_back_by_the_leader_is_submitted_again(client, world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    with at(ON_TIME_REPORT):
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"],
                                   upload=pdf())
        client.force_login(make_user("lanhdao_noivu", "unit_leader", world.orgs["HOME"]))
        assert client.post(url("report_signoff", plan, submission.pk, "sign_off")).status_code == 403  # sees, may not
        client.force_login(leader)
        client.post(url("report_signoff", plan, submission.pk, "send_back"), {"reason": "Sai mẫu biểu"})
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.RETURNED
        assert "Sai mẫu biểu" in submission.return_reason
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"],
                                   upload=pdf())
        assert submission.status == SubmissionStatus.AWAITING_SIGNOFF
        report_signoff(actor=leader, submission=submission, action="sign_off")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_api(client, world, plan):
    officer, leader = Api(client, world.users["unit_officer"]), Api(client, world.users["unit_leader"])
    registration = _register(world, plan)
    path = f"/registrations/{registration.pk}/signoff/"
    assert officer.post(path + "sign_off", {}).status_code == 403
    assert Api(client, make_user("lanhdao_cong", "unit_leader", world.orgs["Q"])).post(
        path + "sign_off", {}).status_code == 404  # another province's leader does not see it
    assert leader.post(path + "send_back", {"reason": ""}).status_code == 400
    with at(ON_TIME_REGISTRATION):
        assert leader.post(path + "send_back", {"reason": "Thêm chỉ tiêu"}).json()["status"] == "sent_back"
    registration = _register(world, plan)
    with at(ON_TIME_REGISTRATION):
        body = leader.post(f"/registrations/{registration.pk}/signoff/sign_off", {}).json()
    assert body["status"] == "registered"
    with at(ON_TIME_REPORT):
        submission = report_submit(actor=world.users["unit_officer"], milestone=plan.milestone,
                                   organization=world.orgs["FIN"], upload=pdf())
    path = f"/submissions/{submission.pk}/signoff/sign_off"
    with at(D(2022, 6, 20)):
        assert leader.post(path, {}).status_code == 400  # late: confirmation and reason
        body = leader.post(path, {"confirmed": True, "reason": "Chờ số liệu"}).json()
    assert (body["status"], body["was_late"]) == ("late", True)
