"""Participation pages: registration, covenant and report submissions, role by role.

The plan is the block's (seed 000): issued by HOME, the head unit, for the members HOME, FIN and
IND (Sở Công Thương, added here). FIN's officer and leader act for FIN; an officer is added for
HOME and one for IND. The head (block_head at HOME), HOME's own officer, the province's standing
office and the administrator manage the plan; IND's officer only takes part."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import ROLES, make_org, make_user
from tdkt.movements.models import (
    ContentItem,
    CovenantSignature,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)
from tdkt.movements.services.participation import registration_submit, report_submit
from tdkt.movements.services.plans import content_add, milestone_add, movement_create, movement_set_status
from tdkt.notifications.models import Notification
from tdkt.organizations.models import BlockMembership

VN = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date
ON_TIME_REGISTRATION, ON_TIME_REPORT = D(2022, 3, 1), D(2022, 6, 10)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PARTICIPATES_FOR_FIN = {"admin", "unit_officer", "unit_leader"}
MANAGES = {"admin", "standing_office", "block_head"}


def at(day: datetime.date, hour: int = 9, minute: int = 0):
    """Travel to `day` in Vietnam's time."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN), tick=False)


def pdf(name="bao-cao.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Plan:
    movement: object
    milestone: object
    home_officer: object
    ind_officer: object


def make_plan(world) -> Plan:
    head = world.users["block_head"]
    ind = make_org("IND", "Sở Công Thương", parent=world.orgs["P"])
    BlockMembership.objects.create(block=world.block, organization=ind, role="member", position=3)
    movement = movement_create(
        actor=head,
        organization=world.orgs["HOME"],
        block=world.block,
        title="Phong trào thi đua Khối các cơ quan tham mưu, tổng hợp năm 2022",
        start_date=D(2022, 1, 1),
        end_date=D(2022, 12, 31),
        registration_deadline=D(2022, 3, 15),
        award_codes=["CO_TINH", "CO_CP"],
    )
    content_add(actor=head, movement=movement, text="Chỉ đạo thực hiện Chỉ thị số 34-CT/TW", part=ContentItem.COVENANT)
    milestone = milestone_add(
        actor=head,
        movement=movement,
        kind="mid_year",
        name="Sơ kết 6 tháng",
        report_deadline=D(2022, 6, 15),
        data_from=D(2021, 12, 1),
        data_to=D(2022, 5, 31),
    )
    movement_set_status(actor=head, movement=movement, status="issued")
    home_officer = make_user("canbo_noivu", "unit_officer", world.orgs["HOME"])
    return Plan(movement, milestone, home_officer, make_user("canbo_congthuong", "unit_officer", ind))


@pytest.fixture
def plan(world) -> Plan:
    return make_plan(world)


def url(name, plan, *extra):
    return reverse(f"movements:{name}", args=[plan.movement.pk, *extra])


def fin_registers(world, plan, day=ON_TIME_REGISTRATION):
    with at(day):
        return registration_submit(
            actor=world.users["unit_officer"],
            movement=plan.movement,
            organization=world.orgs["FIN"],
            items=[("CO_TINH", "Dẫn đầu Khối")],
        )


def fin_submits(world, plan, day=ON_TIME_REPORT, **late):
    with at(day):
        return report_submit(
            actor=world.users["unit_officer"],
            milestone=plan.milestone,
            organization=world.orgs["FIN"],
            upload=pdf(),
            figures={"Số tập thể được khen": 3},
            **late,
        )


def expected_status(role, allowed):
    return 302 if role in allowed else (404 if role == "nobody" else 403)


# --- who may do what ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["registrations", "covenant", "reports"])
def test_pages_need_the_movement_in_scope(client, world, plan, role, page):
    client.force_login(world.users[role])
    response = client.get(url(page, plan))
    assert response.status_code == (404 if role == "nobody" else 200)


@pytest.mark.parametrize("page", ["registrations", "covenant", "reports", "register", "sign"])
def test_another_province_does_not_find_the_movement(client, world, plan, page):
    client.force_login(make_user("canbo_q", "unit_officer", world.orgs["Q-CA"]))
    assert client.get(url(page, plan)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_register_only_for_the_participants_officer_or_leader(client, world, plan, role):
    client.force_login(world.users[role])
    data = {"organization": world.orgs["FIN"].pk, "award_CO_TINH": "on", "target_CO_TINH": "Dẫn đầu Khối"}
    with at(D(2022, 3, 1)):
        response = client.post(url("register", plan), data)
    assert response.status_code == expected_status(role, PARTICIPATES_FOR_FIN)
    registered = Registration.objects.filter(movement=plan.movement, organization=world.orgs["FIN"])
    assert registered.exists() == (role in PARTICIPATES_FOR_FIN)


@pytest.fixture
def fin_signed_covenant(tmp_path, db):
    """The covenant as a PDF signed with a certificate of Sở Tài chính (FIN), from the test root."""
    from tdkt.signing.pki import make_ca

    root = make_ca("TDKT Test Root CA")
    (tmp_path / "root.pem").write_bytes(root.pem)
    return tmp_path / "root.pem", fin_signature_pdf(root)


def fin_signature_pdf(root) -> bytes:
    from tdkt.signing.services import sign_pdf
    from tdkt.signing.testing import TestPki, page_pdf

    configured = TestPki(root=root, directory=None).signer("Sở Tài chính", common_name="Nguyễn Văn Đức")
    return sign_pdf(actor=None, pdf=page_pdf(name="Nguyễn Văn Đức"), organization=None, signer_name="Nguyễn Văn Đức",
                    signer_title="Giám đốc Sở", configured=configured)


@pytest.mark.parametrize("role", ROLES)
def test_sign_only_for_the_participants_officer_or_leader(client, world, plan, role, settings, fin_signed_covenant):
    root, signed = fin_signed_covenant
    settings.TDKT_TRUST_ROOTS = [str(root)]
    client.force_login(world.users[role])
    data = {"how": "upload", "organization": world.orgs["FIN"].pk, "file": pdf("giao-uoc.pdf", signed)}
    response = client.post(url("sign", plan), data)
    assert response.status_code == expected_status(role, PARTICIPATES_FOR_FIN)
    assert CovenantSignature.objects.filter(organization=world.orgs["FIN"]).exists() == (role in PARTICIPATES_FOR_FIN)


@pytest.mark.parametrize("role", ROLES)
def test_submit_only_for_the_participants_officer_or_leader(client, world, plan, role):
    client.force_login(world.users[role])
    with at(D(2022, 6, 10)):
        response = client.post(
            url("report_submit", plan, plan.milestone.pk), {"organization": world.orgs["FIN"].pk, "file": pdf()}
        )
    assert response.status_code == expected_status(role, PARTICIPATES_FOR_FIN)
    assert ReportSubmission.objects.filter(organization=world.orgs["FIN"]).exists() == (role in PARTICIPATES_FOR_FIN)


@pytest.mark.parametrize("role", ROLES)
def test_decide_a_late_registration_only_for_the_manager(client, world, plan, role):
    registration = fin_registers(world, plan, day=D(2022, 3, 20))
    client.force_login(world.users[role])
    response = client.post(url("registration_decide", plan, registration.pk), {"decision": "accept"})
    assert response.status_code == expected_status(role, MANAGES)
    registration.refresh_from_db()
    accepted = registration.status == RegistrationStatus.ACCEPTED_LATE
    assert accepted == (role in MANAGES)


@pytest.mark.parametrize("role", ROLES)
def test_review_a_report_only_for_the_manager(client, world, plan, role):
    submission = fin_submits(world, plan)
    client.force_login(world.users[role])
    response = client.post(url("report_review", plan, submission.pk), {"action": "accept"})
    submission.refresh_from_db()
    if role in MANAGES:
        assert response.status_code == 302
        assert submission.status == SubmissionStatus.ACCEPTED
    else:
        # FIN's own users see the report (403 for the action); anyone else does not find it.
        sees_fin = role in {"unit_officer", "unit_leader", "council_member", "approver"}
        assert response.status_code == (403 if sees_fin else 404)
        assert submission.status == SubmissionStatus.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["remind_registration", "remind_covenant"])
def test_reminders_only_for_the_manager(client, world, plan, role, name):
    client.force_login(world.users[role])
    response = client.post(url(name, plan))
    assert response.status_code == expected_status(role, MANAGES)
    assert Notification.objects.exists() == (role in MANAGES)


# --- registration ---------------------------------------------------------------------------


def test_on_time_registration_is_in_the_consolidated_table(client, world, plan):
    client.force_login(world.users["unit_officer"])
    with at(D(2022, 3, 1)):
        page = client.get(url("register", plan)).text
        assert "Cờ thi đua của Chính phủ" in page
        client.post(url("register", plan), {"organization": world.orgs["FIN"].pk, "award_CO_CP": "on"})
    registration = Registration.objects.get(organization=world.orgs["FIN"])
    assert registration.status == RegistrationStatus.REGISTERED
    assert [i.award_code for i in registration.items.all()] == ["CO_CP"]
    client.force_login(world.users["block_head"])
    response = client.get(url("registrations", plan))
    rows = dict(response.context["rows"])
    assert rows[world.orgs["FIN"]] == registration
    assert rows[world.orgs["HOME"]] is None
    assert [o.code for o in response.context["missing"]] == ["HOME", "IND"]
    assert "01/03/2022" in response.text


def test_late_registration_waits_for_the_heads_approval(client, world, plan):
    client.force_login(world.users["unit_officer"])
    with at(D(2022, 3, 20)):
        client.post(url("register", plan), {"organization": world.orgs["FIN"].pk, "award_CO_TINH": "on"})
    registration = Registration.objects.get(organization=world.orgs["FIN"])
    assert registration.status == RegistrationStatus.LATE_PENDING
    # The head is told, and refusing needs a reason.
    assert Notification.objects.filter(user=world.users["block_head"]).count() == 1
    client.force_login(world.users["block_head"])
    assert url("registration_decide", plan, registration.pk) in client.get(url("registrations", plan)).text
    client.post(url("registration_decide", plan, registration.pk), {"decision": "refuse", "note": ""})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.LATE_PENDING
    client.post(url("registration_decide", plan, registration.pk), {"decision": "refuse", "note": "Quá hạn 5 ngày"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REFUSED_LATE
    assert registration.decision_note == "Quá hạn 5 ngày"
    told = Notification.objects.filter(user=world.users["unit_officer"]).get()
    assert "Quá hạn 5 ngày" in told.text


def test_a_participant_sees_only_its_own_registration(client, world, plan):
    fin_registers(world, plan)
    with at(D(2022, 3, 2)):
        registration_submit(
            actor=plan.home_officer,
            movement=plan.movement,
            organization=world.orgs["HOME"],
            items=[("CO_CP", "Đề nghị Cờ Chính phủ")],
        )
    client.force_login(world.users["unit_officer"])
    text = client.get(url("registrations", plan)).text
    assert "Dẫn đầu Khối" in text
    assert "Đề nghị Cờ Chính phủ" not in text


def test_registration_reminder_reaches_exactly_the_missing_participants_users(client, world, plan):
    fin_registers(world, plan)
    client.force_login(world.users["block_head"])
    client.post(url("remind_registration", plan))
    notes = {n.user: n for n in Notification.objects.all()}
    assert set(notes) == {plan.home_officer, plan.ind_officer}
    assert "Sở Nội vụ" in notes[plan.home_officer].text
    assert "Sở Công Thương" in notes[plan.ind_officer].text
    assert "15/03/2022" in notes[plan.ind_officer].text
    assert notes[plan.ind_officer].url == url("register", plan)


# --- covenant -------------------------------------------------------------------------------


def test_covenant_shows_who_signed_and_who_has_not(client, world, plan, settings, fin_signed_covenant):
    root, signed = fin_signed_covenant
    settings.TDKT_TRUST_ROOTS = [str(root)]
    client.force_login(world.users["unit_leader"])
    client.post(url("sign", plan), {"how": "upload", "organization": world.orgs["FIN"].pk,
                                    "file": pdf("giao-uoc.pdf", signed)})
    signature = CovenantSignature.objects.get()
    assert (signature.organization, signature.signer_name) == (world.orgs["FIN"], "Nguyễn Văn Đức")
    assert signature.method == "upload"
    client.force_login(world.users["block_head"])
    response = client.get(url("covenant", plan))
    assert "Chỉ đạo thực hiện Chỉ thị số 34-CT/TW" in response.text
    assert "Chữ ký hợp lệ" in response.text
    assert timezone.localtime(signature.signed_at).strftime("%d/%m/%Y %H:%M") in response.text
    assert [o.code for o in response.context["unsigned"]] == ["HOME", "IND"]
    # A second signature for the same organisation is not possible: nothing left to sign for FIN.
    client.force_login(world.users["unit_officer"])
    assert client.get(url("sign", plan)).status_code == 302
    client.force_login(world.users["block_head"])
    client.post(url("remind_covenant", plan))
    assert set(Notification.objects.values_list("user_id", flat=True)) == {plan.home_officer.pk, plan.ind_officer.pk}


# --- report submissions ---------------------------------------------------------------------


def stats(client, plan):
    return client.get(url("reports", plan)).context["columns"][0][1]


def test_report_states_submit_return_resubmit_accept(client, world, plan):
    officer, head = world.users["unit_officer"], world.users["block_head"]
    client.force_login(officer)
    with at(D(2022, 6, 10)):
        client.post(
            url("report_submit", plan, plan.milestone.pk),
            {
                "organization": world.orgs["FIN"].pk,
                "file": pdf(),
                "label_1": "Số tập thể được khen",
                "value_1": "4",
                "label_2": "Số cá nhân được khen",
                "value_2": "12",
                "label_3": "Chưa điền",
            },
        )
    submission = ReportSubmission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.figures == {"Số tập thể được khen": 4, "Số cá nhân được khen": 12}
    # No second submission while the first waits.
    with at(D(2022, 6, 11)):
        assert client.get(url("report_submit", plan, plan.milestone.pk)).status_code == 302
    client.force_login(head)
    assert (stats(client, plan)["done"], stats(client, plan)["total"], stats(client, plan)["late"]) == (1, 3, 0)
    # Returned with a reason: the unit is told.
    client.post(url("report_review", plan, submission.pk), {"action": "return", "reason": ""})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    client.post(url("report_review", plan, submission.pk), {"action": "return", "reason": "Thiếu số liệu khen thưởng"})
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == (SubmissionStatus.RETURNED, "Thiếu số liệu khen thưởng")
    told = Notification.objects.filter(user__in=[officer, world.users["unit_leader"]])
    assert told.count() == 2
    assert all("Thiếu số liệu khen thưởng" in n.text for n in told)
    # Resubmitted after the deadline: late.
    client.force_login(officer)
    page = client.get(url("reports", plan)).text
    assert "Thiếu số liệu khen thưởng" in page
    with at(D(2022, 6, 20)):
        page = client.post(
            url("report_submit", plan, plan.milestone.pk),
            {"organization": world.orgs["FIN"].pk, "file": pdf("bao-cao-bo-sung.pdf")},
        )
        assert page.status_code == 200  # after the deadline: a reason is asked for first
        assert 'id="late-reason"' in page.text
        client.post(
            url("report_submit", plan, plan.milestone.pk),
            {"organization": world.orgs["FIN"].pk, "file": pdf("bao-cao-bo-sung.pdf"), "confirmed": "1",
             "reason": "Bổ sung số liệu khen thưởng"},
        )
    submission.refresh_from_db()
    assert (submission.status, submission.was_late, submission.return_reason) == (SubmissionStatus.LATE, True, "")
    assert submission.original_name == "bao-cao-bo-sung.pdf"
    client.force_login(head)
    assert (stats(client, plan)["done"], stats(client, plan)["late"]) == (1, 1)
    client.post(url("report_review", plan, submission.pk), {"action": "accept"})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert stats(client, plan)["accepted"] == 1


def test_late_submission_is_marked_late(client, world, plan):
    with pytest.raises(ValidationError):  # after the deadline only confirmed, with a reason
        fin_submits(world, plan, day=D(2022, 6, 16))
    fin_submits(world, plan, day=D(2022, 6, 16), confirmed=True, reason="Chờ số liệu")
    submission = ReportSubmission.objects.get()
    assert (submission.status, submission.was_late) == (SubmissionStatus.LATE, True)


def test_report_reminder_reaches_missing_and_returned_participants(client, world, plan):
    submission = fin_submits(world, plan)
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {world.users["block_head"].pk}  # the head is told a report waits to be received
    Notification.objects.all().delete()
    client.force_login(world.users["block_head"])
    client.post(url("remind_reports", plan, plan.milestone.pk))
    missing = {plan.home_officer.pk, plan.ind_officer.pk}
    assert set(Notification.objects.values_list("user_id", flat=True)) == missing
    client.post(url("report_review", plan, submission.pk), {"action": "return", "reason": "Sai mẫu"})
    Notification.objects.all().delete()
    client.post(url("remind_reports", plan, plan.milestone.pk))
    expected = missing | {world.users["unit_officer"].pk, world.users["unit_leader"].pk}
    assert set(Notification.objects.values_list("user_id", flat=True)) == expected


def test_matrix_shows_participants_in_scope_only(client, world, plan):
    fin_submits(world, plan)
    for user, codes in [
        (plan.ind_officer, ["IND"]),
        (world.users["viewer"], ["HOME"]),
        (world.users["unit_officer"], ["FIN"]),
        (world.users["block_head"], ["HOME", "FIN", "IND"]),
    ]:
        client.force_login(user)
        rows = client.get(url("reports", plan)).context["rows"]
        assert [organization.code for organization, _ in rows] == codes, user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("unit_officer", 200),
        ("unit_leader", 200),
        ("block_head", 200),
        ("standing_office", 200),
        ("admin", 200),
        ("home_officer", 200),  # HOME issued the plan: its officer manages it
        ("viewer", 404),
        ("ind_officer", 404),
        ("nobody", 404),
        ("q_officer", 404),
    ],
)
def test_report_file_is_an_attachment_for_its_organisation_and_managers(client, world, plan, who, status):
    submission = fin_submits(world, plan)
    users = {**world.users, "home_officer": plan.home_officer, "ind_officer": plan.ind_officer}
    users["q_officer"] = make_user("canbo_q", "unit_officer", world.orgs["Q-CA"])
    client.force_login(users[who])
    response = client.get(url("report_file", plan, submission.pk))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="bao-cao.pdf"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert b"".join(response.streaming_content) == PDF


def test_review_page_shows_figures_but_no_actions_to_the_unit(client, world, plan):
    submission = fin_submits(world, plan)
    client.force_login(world.users["unit_officer"])
    response = client.get(url("report_review", plan, submission.pk))
    assert "Số tập thể được khen" in response.text
    assert response.context["review_form"] is None
    client.force_login(world.users["block_head"])
    assert client.get(url("report_review", plan, submission.pk)).context["review_form"] is not None
