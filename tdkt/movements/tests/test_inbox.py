"""Movements in the inbox: registrations to make and approve, covenants to sign, reports to submit,
receive or submit again, the week's deadlines — each user only its own organisations' work."""

from tdkt.movements.models import ContentItem
from tdkt.movements.services.participation import registration_submit, report_review, report_submit
from tdkt.movements.services.plans import content_add
from tdkt.notifications.inbox import inbox_for, total
from tdkt.notifications.models import Notification

from .test_deadlines import D, at, make_plan, pdf


def kinds(user, today) -> dict[str, int]:
    return {i.kind: i.count for i in inbox_for(user, today=today)}


def test_participant_and_head_work(world):
    plan = make_plan(world)
    officer, office, home = world.users["unit_officer"], world.users["standing_office"], plan.home_officer
    content_add(actor=office, movement=plan.movement, text="Thực hiện tốt nhiệm vụ", part=ContentItem.COVENANT)
    march_10 = D(2022, 3, 10)
    mine = kinds(officer, march_10)
    assert mine["registration_to_make"] == 1
    assert mine["covenant_to_sign"] == 1
    assert mine["deadline_week"] == 1  # the registration, due 15/3
    assert "report_to_submit" not in mine  # due 15/6: not yet today's work
    items = inbox_for(officer, today=march_10)
    assert total(items) == 2  # the week's deadlines are not counted twice
    assert items[0].due == D(2022, 3, 15)

    with at(D(2022, 3, 20)):
        registration_submit(actor=officer, movement=plan.movement, organization=world.orgs["FIN"],
                            items=[("CSTDCS", "")])
    assert kinds(office, D(2022, 3, 20))["registration_to_approve"] == 1
    assert "registration_to_approve" not in kinds(officer, D(2022, 3, 20))

    with at(D(2022, 6, 10)):
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"],
                                   upload=pdf())
    assert Notification.objects.filter(user=office, text__contains="chờ tiếp nhận").exists()
    assert kinds(office, D(2022, 6, 10))["report_to_review"] == 1
    assert "report_to_submit" not in kinds(officer, D(2022, 6, 10))
    report_review(actor=office, submission=submission, accept=False, reason="Thiếu số liệu")
    after = kinds(officer, D(2022, 6, 11))
    assert after["report_returned"] == 1
    assert "report_to_submit" not in after
    assert "report_returned" not in kinds(home, D(2022, 6, 11))  # Sở Nội vụ owes its own report only
    assert kinds(home, D(2022, 6, 11))["report_to_submit"] == 1
    assert "report_to_review" not in kinds(office, D(2022, 6, 11))


def test_viewer_and_other_roles_have_no_movement_work(world):
    make_plan(world)
    for role in ("viewer", "council_member", "approver", "nobody"):
        assert kinds(world.users[role], D(2022, 3, 10)) == {}, role


def test_a_bounded_number_of_queries_whatever_the_number_of_movements(world, django_assert_max_num_queries):
    make_plan(world)
    users = [world.users[r] for r in ("unit_officer", "standing_office", "block_head", "viewer")]
    for user in users:
        inbox_for(user, today=D(2022, 3, 10))  # the role grants are read once and kept on the user

    def fresh():
        for user in users:
            user.__dict__.pop("_tdkt_inbox_deadlines", None)
            inbox_for(user, today=D(2022, 3, 10))

    with django_assert_max_num_queries(60) as few:
        fresh()
    for i in range(6):
        make_plan(world, title=f"Phong trào {i}", milestone_name=f"Sơ kết {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        fresh()
    assert kinds(world.users["unit_officer"], D(2022, 3, 10))["registration_to_make"] == 7


def test_the_leader_signs_off_registrations_and_reports(world):
    from tdkt.movements.services.signoff_steps import registration_signoff

    plan = make_plan(world)
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    fin = world.orgs["FIN"]
    fin.leader_signoff = True
    fin.save(update_fields=["leader_signoff"])
    with at(D(2022, 3, 10)):
        registration = registration_submit(actor=officer, movement=plan.movement, organization=fin,
                                           items=[("CSTDCS", "")])
    assert kinds(leader, D(2022, 3, 10))["registration_to_sign_off"] == 1
    assert "registration_to_make" not in kinds(officer, D(2022, 3, 10))
    with at(D(2022, 3, 11)):
        registration_signoff(actor=leader, registration=registration, action="send_back", reason="Thiếu chỉ tiêu")
    assert kinds(officer, D(2022, 3, 11))["registration_sent_back"] == 1
    assert "registration_to_sign_off" not in kinds(leader, D(2022, 3, 11))
    with at(D(2022, 6, 10)):
        report_submit(actor=officer, milestone=plan.milestone, organization=fin, upload=pdf())
    assert kinds(leader, D(2022, 6, 10))["report_to_sign_off"] == 1
    assert "report_to_review" not in kinds(world.users["standing_office"], D(2022, 6, 10))
