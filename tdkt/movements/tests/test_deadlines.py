"""The calendar of deadlines: what concerns whom (participant, manager), keys, and the page.

The plan used here is issued by the province (P) for the block, whose members HOME and FIN take
part: FIN's officer and leader act for FIN, a HOME officer is added for HOME, the standing office
at P runs the plan."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from tdkt.movements.deadlines import deadline_kind, deadlines_for, is_aggregate
from tdkt.movements.models import MovementStatus, TaskStatus
from tdkt.movements.services.participation import registration_submit, report_review, report_submit
from tdkt.movements.services.plans import milestone_add, movement_create, movement_set_status, task_add

VN = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date
MARCH_1 = D(2022, 3, 1)
REGISTRATION_DUE, REPORT_DUE, TASK_DUE = D(2022, 3, 15), D(2022, 6, 15), D(2022, 3, 31)


def at(day: datetime.date, hour: int = 9):
    """Travel to `day` in Vietnam's time."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=VN), tick=False)


@dataclass
class Plan:
    movement: object
    milestone: object
    task_fin: object
    task_home: object
    home_officer: object


def make_plan(
    world,
    *,
    title="Phong trào thi đua năm 2022",
    registration_deadline=REGISTRATION_DUE,
    report_deadline=REPORT_DUE,
    task_due=TASK_DUE,
    milestone_name="Sơ kết 6 tháng",
    issue=True,
) -> Plan:
    office = world.users["standing_office"]
    movement = movement_create(
        actor=office,
        organization=world.orgs["P"],
        block=world.block,
        title=title,
        start_date=D(2022, 1, 1),
        end_date=D(2022, 12, 31),
        registration_deadline=registration_deadline,
    )
    milestone = milestone_add(
        actor=office, movement=movement, kind="mid_year", name=milestone_name, report_deadline=report_deadline
    )
    task_fin = task_add(
        actor=office,
        movement=movement,
        quarter=1,
        content="Tổ chức hội nghị phát động thi đua",
        lead="Sở Tài chính",
        due_date=task_due,
        lead_organization=world.orgs["FIN"],
    )
    task_home = task_add(
        actor=office,
        movement=movement,
        quarter=1,
        content="Tổng hợp đăng ký thi đua của khối",
        lead="Sở Nội vụ",
        due_date=task_due,
        lead_organization=world.orgs["HOME"],
    )
    if issue:
        movement_set_status(actor=office, movement=movement, status=MovementStatus.ISSUED)
    home_officer = world.users.get("home_officer") or make_user(
        "canbo_noivu", "unit_officer", world.orgs["HOME"], email="canbo.noivu@example.vn"
    )
    world.users["home_officer"] = home_officer
    return Plan(movement, milestone, task_fin, task_home, home_officer)


def pdf(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% bao cao\n", content_type="application/pdf")


def keys(user, today=MARCH_1, **kw) -> set[str]:
    return {d.key for d in deadlines_for(user, today=today, **kw)}


def test_participant_sees_its_own_registration_report_and_task(world):
    plan = make_plan(world)
    fin = world.orgs["FIN"].pk
    expected = {
        f"registration:{plan.movement.pk}:{fin}",
        f"report:{plan.milestone.pk}:{fin}",
        f"task:{plan.task_fin.pk}",
    }
    assert keys(world.users["unit_officer"]) == expected
    assert keys(world.users["unit_leader"]) == expected
    home = world.orgs["HOME"].pk
    assert keys(plan.home_officer) >= {
        f"registration:{plan.movement.pk}:{home}",
        f"report:{plan.milestone.pk}:{home}",
        f"task:{plan.task_home.pk}",
    }
    items = {deadline_kind(d): d for d in deadlines_for(world.users["unit_officer"], today=D(2022, 3, 1))}
    assert items["registration"].due == D(2022, 3, 15)
    assert items["registration"].organization_id == fin
    assert "Sở Tài chính" in items["registration"].title
    assert items["report"].title.startswith("Nộp báo cáo Sơ kết 6 tháng")
    assert items["task"].due == D(2022, 3, 31)


def test_deadlines_are_sorted_by_date(world):
    make_plan(world)
    dues = [d.due for d in deadlines_for(world.users["unit_officer"], today=D(2022, 3, 1))]
    assert dues == sorted(dues)


@pytest.mark.parametrize("role", ["viewer", "nobody", "council_member", "approver"])
def test_roles_without_participation_or_management_have_no_deadline(world, role):
    make_plan(world)
    assert deadlines_for(world.users[role], today=D(2022, 3, 1)) == []


def test_draft_and_closed_movements_have_no_deadline(world):
    plan = make_plan(world, issue=False)
    assert keys(world.users["unit_officer"]) == set()
    assert keys(world.users["standing_office"]) == set()
    office = world.users["standing_office"]
    movement_set_status(actor=office, movement=plan.movement, status=MovementStatus.ISSUED)
    assert keys(world.users["unit_officer"])
    movement_set_status(actor=office, movement=plan.movement, status=MovementStatus.CLOSED)
    assert keys(world.users["unit_officer"]) == set()
    assert keys(world.users["standing_office"]) == set()


def test_done_things_leave_the_calendar(world):
    plan = make_plan(world)
    officer, fin = world.users["unit_officer"], world.orgs["FIN"]
    with at(D(2022, 3, 1)):
        registration_submit(actor=officer, movement=plan.movement, organization=fin, items=[("TTLDXS", "")])
        report_submit(actor=officer, milestone=plan.milestone, organization=fin, upload=pdf())
    from tdkt.movements.services.plans import task_set_status

    task_set_status(actor=world.users["standing_office"], task=plan.task_fin, status=TaskStatus.DONE)
    assert keys(officer) == set()
    # HOME's deadlines are untouched.
    assert f"report:{plan.milestone.pk}:{world.orgs['HOME'].pk}" in keys(plan.home_officer)


def test_a_returned_report_is_due_again(world):
    plan = make_plan(world)
    officer, fin = world.users["unit_officer"], world.orgs["FIN"]
    with at(D(2022, 6, 1)):
        submission = report_submit(actor=officer, milestone=plan.milestone, organization=fin, upload=pdf())
    key = f"report:{plan.milestone.pk}:{fin.pk}"
    assert key not in keys(officer)
    report_review(actor=world.users["standing_office"], submission=submission, accept=False, reason="Thiếu số liệu")
    returned = {d.key: d for d in deadlines_for(officer, today=D(2022, 6, 2))}[key]
    assert returned.title.startswith("Nộp lại báo cáo (bị trả lại)")


def test_tasks_only_for_the_lead_organisation(world):
    plan = make_plan(world)
    assert f"task:{plan.task_home.pk}" not in keys(world.users["unit_officer"])
    assert f"task:{plan.task_fin.pk}" not in keys(plan.home_officer)


def test_manager_sees_counts_over_the_participants(world):
    plan = make_plan(world)
    office = world.users["standing_office"]
    items = {d.key: d for d in deadlines_for(office, today=D(2022, 3, 1))}
    reg = items[f"registration:{plan.movement.pk}:all"]
    rep = items[f"report:{plan.milestone.pk}:all"]
    assert is_aggregate(reg)
    assert reg.organization_id is None
    assert reg.title.startswith("Đăng ký thi đua: 2/2 đơn vị chưa đăng ký")
    assert rep.title.startswith("Sơ kết 6 tháng: 2/2 đơn vị chưa nộp báo cáo")
    # The manager also follows the plan's tasks, but not each unit's own registration.
    assert {f"task:{plan.task_fin.pk}", f"task:{plan.task_home.pk}"} <= set(items)
    assert all(k.endswith(":all") for k in items if not k.startswith("task:"))

    with at(D(2022, 3, 2)):
        registration_submit(
            actor=world.users["unit_officer"],
            movement=plan.movement,
            organization=world.orgs["FIN"],
            items=[("TTLDXS", "")],
        )
    items = {d.key: d for d in deadlines_for(office, today=D(2022, 3, 2))}
    assert items[f"registration:{plan.movement.pk}:all"].title.startswith("Đăng ký thi đua: 1/2 đơn vị chưa đăng ký")
    with at(D(2022, 3, 3)):
        registration_submit(
            actor=plan.home_officer, movement=plan.movement, organization=world.orgs["HOME"], items=[("TTLDXS", "")]
        )
    assert f"registration:{plan.movement.pk}:all" not in keys(office, today=D(2022, 3, 3))


def test_manager_scope_is_the_issuing_organisation(world):
    make_plan(world)
    # The block head (HOME) takes part through HOME but does not run the province's plan.
    assert not any(k.endswith(":all") for k in keys(world.users["block_head"]))
    # The administrator sees the counts, never every unit's own deadlines.
    admin_keys = keys(world.users["admin"])
    assert admin_keys
    assert all(k.endswith(":all") or k.startswith("task:") for k in admin_keys)


def test_horizon_leaves_out_later_deadlines(world):
    plan = make_plan(world)
    officer = world.users["unit_officer"]
    near = keys(officer, today=D(2022, 3, 10), horizon_days=7)
    assert near == {f"registration:{plan.movement.pk}:{world.orgs['FIN'].pk}"}
    # Overdue deadlines stay within any horizon.
    assert f"registration:{plan.movement.pk}:{world.orgs['FIN'].pk}" in keys(
        officer, today=D(2022, 5, 1), horizon_days=7
    )


def test_reads_are_set_based(world, django_assert_max_num_queries):
    make_plan(world)
    officer, office = world.users["unit_officer"], world.users["standing_office"]
    for user in (officer, office):
        deadlines_for(user, today=D(2022, 3, 1))  # the role grants are read once and kept
    with django_assert_max_num_queries(12) as few:
        deadlines_for(officer, today=D(2022, 3, 1))
        deadlines_for(office, today=D(2022, 3, 1))
    for i in range(6):
        make_plan(world, title=f"Phong trào {i}", milestone_name=f"Sơ kết {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(deadlines_for(officer, today=D(2022, 3, 1))) == 7 * 3
        assert len(deadlines_for(office, today=D(2022, 3, 1))) == 7 * 4


# --- the page ---------------------------------------------------------------------------------


def test_calendar_page_lists_only_the_users_deadlines(client, world):
    plan = make_plan(world, title="Phong trào Dân vận khéo")
    client.force_login(world.users["unit_officer"])
    with at(D(2022, 3, 1)):
        response = client.get(reverse("movements:calendar"))
    assert response.status_code == 200
    text = response.text
    assert "Đăng ký thi đua: Phong trào Dân vận khéo (Sở Tài chính)" in text
    assert "Tổ chức hội nghị phát động thi đua" in text
    assert "(Sở Nội vụ)" not in text
    assert "Tổng hợp đăng ký thi đua của khối" not in text
    assert "15/03/2022" in text
    assert "table-danger" not in text
    assert reverse("movements:ical_token", args=["x"]).rsplit("/", 1)[0] in text  # the feed address

    client.force_login(plan.home_officer)
    with at(D(2022, 3, 1)):
        text = client.get(reverse("movements:calendar")).text
    assert "(Sở Nội vụ)" in text
    assert "(Sở Tài chính)" not in text


def test_calendar_page_shows_overdue_in_red(client, world):
    make_plan(world)
    client.force_login(world.users["unit_officer"])
    with at(D(2022, 3, 20)):
        text = client.get(reverse("movements:calendar")).text
    assert "table-danger" in text
    assert "text-danger" in text


def test_calendar_page_for_someone_without_deadlines(client, world):
    make_plan(world)
    client.force_login(world.users["nobody"])
    with at(D(2022, 3, 1)):
        response = client.get(reverse("movements:calendar"))
    assert response.status_code == 200
    assert "Phong trào thi đua năm 2022" not in response.text


def test_calendar_page_needs_login(client, world):
    response = client.get(reverse("movements:calendar"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_links_lead_to_the_movement_pages(world):
    plan = make_plan(world)
    items = {deadline_kind(d): d for d in deadlines_for(world.users["unit_officer"], today=MARCH_1)}
    assert items["registration"].url == reverse("movements:registrations", args=[plan.movement.pk])
    assert items["report"].url == reverse("movements:reports", args=[plan.movement.pk])
    assert items["task"].url == reverse("movements:detail", args=[plan.movement.pk])


def test_links_fall_back_to_the_calendar_while_pages_are_missing(world, monkeypatch):
    from django.urls import NoReverseMatch

    from tdkt.movements import deadlines

    real = deadlines.reverse

    def reverse_without_movement_pages(name, *args, **kwargs):
        if name != "movements:calendar":
            raise NoReverseMatch(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(deadlines, "reverse", reverse_without_movement_pages)
    make_plan(world)
    urls = {d.url for d in deadlines_for(world.users["unit_officer"], today=MARCH_1)}
    assert urls == {reverse("movements:calendar")}
