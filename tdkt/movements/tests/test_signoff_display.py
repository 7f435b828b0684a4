"""With the unit leader's sign-off on: the officer's report form, past the deadline, puts the report
before the leader (no confirmation for the officer) and warns beside the button that the leader will
confirm the late sending; a report or registration the leader sent back is badged "Lãnh đạo trả lại"
with the reason (pages and API), apart from the reviewing head's return and the officer's recall."""

import pytest
from django.utils.translation import gettext, ngettext, override

from conftest import Api
from tdkt.movements.models import RegistrationStatus, SubmissionStatus
from tdkt.movements.services.participation import registration_submit, report_review, report_submit
from tdkt.movements.services.signoff_steps import registration_signoff, report_signoff
from tdkt.organizations.models import Organization

from .test_participation_views import ON_TIME_REGISTRATION, ON_TIME_REPORT, D, at, make_plan, pdf, url


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    return plan


def _vi(msgid: str) -> str:
    with override("vi"):
        return gettext(msgid)


def test_officer_past_the_deadline_is_warned_and_not_asked_to_confirm(client, world, plan):
    client.force_login(world.users["unit_officer"])
    with at(D(2022, 6, 20)):
        days = (D(2022, 6, 20) - plan.milestone.report_deadline).days
        page = client.get(url("report_submit", plan, plan.milestone.pk)).text
    with override("vi"):
        expected = ngettext(
            "Overdue by %(days)s day: the leader will have to confirm the reason for sending it late.",
            "Overdue by %(days)s days: the leader will have to confirm the reason for sending it late.", days,
        ) % {"days": days}
    warning = page.split('id="late-warning"', 1)[1].split("</span>", 1)[0]
    assert warning.endswith(expected)
    assert page.index('id="report-send"') < page.index('id="late-warning"')
    assert 'name="confirmed"' not in page  # no extra step for the officer
    assert 'id="late-reason"' not in page
    send = page.split('id="report-send"', 1)[1].split("</button>", 1)[0]
    assert "Trình lãnh đạo" in send
    with at(D(2022, 6, 20)):
        client.post(url("report_submit", plan, plan.milestone.pk),
                    {"organization": world.orgs["FIN"].pk, "file": pdf()})
    assert plan.milestone.submissions.get().status == SubmissionStatus.AWAITING_SIGNOFF


def test_officer_on_time_no_warning_and_the_leader_still_confirms(client, world, plan):
    client.force_login(world.users["unit_officer"])
    with at(ON_TIME_REPORT):
        assert 'id="late-warning"' not in client.get(url("report_submit", plan, plan.milestone.pk)).text
    client.force_login(world.users["unit_leader"])
    with at(D(2022, 6, 20)):
        page = client.get(url("report_submit", plan, plan.milestone.pk)).text
    assert 'id="late-warning"' not in page
    assert 'name="confirmed"' in page


def test_report_sent_back_by_the_leader_is_badged(client, world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    with at(ON_TIME_REPORT):
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"],
                                   upload=pdf())
        submission = report_signoff(actor=leader, submission=submission, action="send_back", reason="Sai mẫu biểu")
    client.force_login(officer)
    with at(ON_TIME_REPORT):
        matrix = client.get(url("reports", plan)).text
        review = client.get(url("report_review", plan, submission.pk)).text
    assert f'text-bg-warning">{_vi("Sent back by the leader")}</span>' in matrix
    assert "Sai mẫu biểu" in matrix
    state = review.split('id="submission-state">', 1)[1].split("</span>", 1)[0]
    assert state == _vi("Sent back by the leader")
    body = Api(client, officer).get(f"/milestones/{plan.milestone.pk}/submissions")
    items = body.json()["items"]
    assert items[0]["sent_back_reason"] == "Sai mẫu biểu"


def test_report_returned_by_the_head_keeps_its_badge(client, world, plan):
    Organization.objects.filter(code="FIN").update(leader_signoff=False)
    with at(ON_TIME_REPORT):
        submission = report_submit(actor=world.users["unit_officer"], milestone=plan.milestone,
                                   organization=world.orgs["FIN"], upload=pdf())
        report_review(actor=world.users["admin"],
                      submission=submission, accept=False, reason="Thiếu số liệu")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    assert submission.sent_back_reason == ""


def test_registration_sent_back_by_the_leader_is_badged(client, world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    with at(ON_TIME_REGISTRATION):
        registration = registration_submit(actor=officer, movement=plan.movement, organization=world.orgs["FIN"],
                                           items=[("CO_TINH", "")])
        registration = registration_signoff(actor=leader, registration=registration, action="send_back",
                                            reason="Thêm chỉ tiêu")
    assert registration.status == RegistrationStatus.SENT_BACK
    client.force_login(officer)
    with at(ON_TIME_REGISTRATION):
        page = client.get(url("registrations", plan)).text
    assert f'text-bg-warning">{_vi("Sent back by the leader")}</span>' in page
    assert "Thêm chỉ tiêu" in page
    body = Api(client, officer).get(f"/movements/{plan.movement.pk}/registrations").json()
    assert body["items"][0]["sent_back_reason"] == "Thêm chỉ tiêu"
    # the officer's own recall is not the leader's sending back
    with at(ON_TIME_REGISTRATION):
        registration = registration_submit(actor=officer, movement=plan.movement, organization=world.orgs["FIN"],
                                           items=[("CO_TINH", "")])
        registration = registration_signoff(actor=officer, registration=registration, action="recall")
    assert registration.sent_back_reason == ""
