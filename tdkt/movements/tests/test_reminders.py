"""Reminder digests under time travel: 7 and 3 days before, on the day and overdue, each exactly
once whatever the number of runs, all of a user's items in one digest."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.movements import reminders
from tdkt.movements.models import ReminderSent
from tdkt.movements.reminders import Reminder, send_reminders
from tdkt.movements.services.participation import registration_submit, report_submit
from tdkt.movements.services.plans import movement_update
from tdkt.movements.tasks import send_reminders_task
from tdkt.notifications.models import Notification

from .test_deadlines import D, at, make_plan, pdf

SUBJECT = "[TĐKT] Nhắc hạn"


@pytest.fixture
def plan(world):
    for role in ("unit_officer", "unit_leader", "standing_office"):
        user = world.users[role]
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    return make_plan(world)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One reminder run by the background task on `day` (emails sent once the transaction commits)."""

    def run(day: datetime.date, *, task: bool = True) -> dict:
        with at(day), django_capture_on_commit_callbacks(execute=True):
            if task:
                return send_reminders_task.enqueue().return_value
            return send_reminders(today=day)

    return run


def digests(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, text__startswith="Nhắc hạn").order_by("pk"))


def emails_to(user) -> list:
    return [m for m in mail.outbox if m.subject.startswith(SUBJECT) and user.email in m.to]


def sent(user) -> list[tuple[str, str, datetime.date]]:
    return list(
        ReminderSent.objects.filter(user=user).order_by("sent_on", "pk").values_list("deadline_key", "kind", "sent_on")
    )


def test_registration_reminders_on_the_right_days_each_once(world, plan, run):
    """15/03 is the deadline: reminders on 08/03, 12/03, 15/03 and 16/03; each day runs twice."""
    officer = world.users["unit_officer"]
    key = f"registration:{plan.movement.pk}:{world.orgs['FIN'].pk}@2022-03-15"
    day = D(2022, 3, 6)
    while day <= D(2022, 3, 20):
        run(day)
        run(day)
        day += datetime.timedelta(days=1)
    assert [(k, kind, on) for k, kind, on in sent(officer) if k == key] == [
        (key, "d7", D(2022, 3, 8)),
        (key, "d3", D(2022, 3, 12)),
        (key, "d0", D(2022, 3, 15)),
        (key, "late", D(2022, 3, 16)),
    ]
    # The task (due 31/03) has its 7-day reminder on 24/03, outside the window: nothing yet.
    assert {k for k, _, _ in sent(officer)} == {key}
    notes = digests(officer)
    assert len(notes) == 4
    assert len(emails_to(officer)) == 4
    assert "Còn 7 ngày (1):" in notes[0].text
    assert "Còn 3 ngày (1):" in notes[1].text
    assert "Hôm nay (1):" in notes[2].text
    assert "Quá hạn (1):" in notes[3].text
    assert "Hạn 15/03/2022: Đăng ký thi đua: Phong trào thi đua năm 2022 (Sở Tài chính)" in notes[3].text
    assert all(n.url == reverse("movements:calendar") for n in notes)


def test_overdue_goes_once_not_daily(world, plan, run):
    officer = world.users["unit_officer"]
    for day in (D(2022, 7, 1), D(2022, 7, 2), D(2022, 7, 3), D(2022, 8, 1)):
        run(day)
    late = [(k, on) for k, kind, on in sent(officer) if kind == "late"]
    # Registration (15/03), the report (15/06) and the task (31/03): all overdue on 01/07, once each.
    assert len(late) == 3
    assert {on for _, on in late} == {D(2022, 7, 1)}
    assert len(digests(officer)) == 1
    text = digests(officer)[0].text
    assert "Quá hạn (3):" in text
    assert "Còn" not in text
    assert "Hôm nay" not in text


def test_one_digest_holds_every_item_of_the_day(world, run, django_capture_on_commit_callbacks):
    world.users["unit_officer"].email = "canbo@example.vn"
    world.users["unit_officer"].save()
    # On 15/03: registration and task due today, the report due in 7 days, an older plan's report overdue.
    make_plan(world, registration_deadline=D(2022, 3, 15), task_due=D(2022, 3, 15), report_deadline=D(2022, 3, 22))
    make_plan(
        world,
        title="Phong trào Dân vận khéo",
        registration_deadline=None,
        task_due=None,
        report_deadline=D(2022, 3, 10),
        milestone_name="Báo cáo quý I",
    )
    officer = world.users["unit_officer"]
    mail.outbox.clear()
    run(D(2022, 3, 15))
    notes = digests(officer)
    assert len(notes) == 1
    text = notes[0].text
    assert text.startswith("Nhắc hạn công tác thi đua, khen thưởng ngày 15/03/2022: 4 việc cần làm.")
    # Grouped, most urgent first.
    assert text.index("Quá hạn (1):") < text.index("Hôm nay (2):") < text.index("Còn 7 ngày (1):")
    assert "Hạn 10/03/2022: Nộp báo cáo Báo cáo quý I: Phong trào Dân vận khéo (Sở Tài chính)" in text
    assert "Hạn 22/03/2022: Nộp báo cáo Sơ kết 6 tháng" in text
    assert "Hạn 15/03/2022: Công việc quý 1: Tổ chức hội nghị phát động thi đua" in text
    [email] = emails_to(officer)
    assert email.to == ["canbo@example.vn"]
    assert email.subject == "[TĐKT] Nhắc hạn ngày 15/03/2022: 4 việc cần làm"
    assert "Kính gửi canbo," in email.body
    assert "Quá hạn (1):" in email.body
    assert "/calendar/" in email.body
    # Run again the same day: nothing new.
    run(D(2022, 3, 15))
    assert len(digests(officer)) == 1
    assert len(emails_to(officer)) == 1


def test_a_unit_that_submitted_gets_nothing(world, plan, run):
    officer = world.users["unit_officer"]
    with at(D(2022, 6, 1)):
        report_submit(actor=officer, milestone=plan.milestone, organization=world.orgs["FIN"], upload=pdf())
    for day in (D(2022, 6, 8), D(2022, 6, 12), D(2022, 6, 15), D(2022, 6, 16)):
        run(day)
    assert not [k for k, _, _ in sent(officer) if k.startswith("report:")]
    # HOME has not submitted: its officer is reminded each time.
    home_reports = [kind for k, kind, _ in sent(plan.home_officer) if k.startswith("report:")]
    assert home_reports == ["d7", "d3", "d0", "late"]


def test_registering_stops_the_reminders(world, plan, run):
    officer = world.users["unit_officer"]
    run(D(2022, 3, 8))
    with at(D(2022, 3, 9)):
        registration_submit(
            actor=officer, movement=plan.movement, organization=world.orgs["FIN"], items=[("TTLDXS", "")]
        )
    for day in (D(2022, 3, 12), D(2022, 3, 15), D(2022, 3, 16)):
        run(day)
    assert [kind for k, kind, _ in sent(officer) if k.startswith("registration:")] == ["d7"]


def test_manager_digest_aggregates(world, plan, run):
    office = world.users["standing_office"]
    with at(D(2022, 3, 10)):
        registration_submit(
            actor=world.users["unit_officer"],
            movement=plan.movement,
            organization=world.orgs["FIN"],
            items=[("TTLDXS", "")],
        )
    mail.outbox.clear()
    run(D(2022, 3, 15))
    [note] = digests(office)
    assert "Hạn 15/03/2022: Đăng ký thi đua: 1/2 đơn vị chưa đăng ký — Phong trào thi đua năm 2022" in note.text
    assert "(Sở Nội vụ)" not in note.text
    assert "(Sở Tài chính)" not in note.text
    [email] = emails_to(office)
    assert "1/2 đơn vị chưa đăng ký" in email.body
    assert [k for k, _, _ in sent(office)] == [f"registration:{plan.movement.pk}:all@2022-03-15"]


def test_moving_a_deadline_sends_its_reminders_again(world, plan, run):
    officer = world.users["unit_officer"]
    run(D(2022, 3, 8))
    movement_update(actor=world.users["standing_office"], movement=plan.movement, registration_deadline=D(2022, 3, 25))
    run(D(2022, 3, 12))  # 3 days before the old date: nothing
    run(D(2022, 3, 18))  # 7 days before the new date
    kinds = [(kind, on) for k, kind, on in sent(officer) if k.startswith("registration:")]
    assert kinds == [("d7", D(2022, 3, 8)), ("d7", D(2022, 3, 18))]


def test_inactive_users_and_users_without_email(world, plan, run):
    leader = world.users["unit_leader"]
    leader.is_active = False
    leader.save()
    officer = world.users["unit_officer"]
    officer.email = ""
    officer.save()
    mail.outbox.clear()
    run(D(2022, 3, 8))
    assert digests(leader) == []
    assert len(digests(officer)) == 1  # in the application only
    assert not [m for m in mail.outbox if m.subject.startswith(SUBJECT) and "" in m.to]


def test_one_audit_event_per_run_with_counts(world, plan, run):
    run(D(2022, 3, 8))
    run(D(2022, 3, 8))
    events = list(AuditEvent.objects.filter(event_type=AuditEventType.REMINDERS_SENT).order_by("pk"))
    assert len(events) == 2
    first, second = events
    # FIN's officer and leader (FIN's registration), HOME's officer (HOME's), the standing office and
    # the administrator (the count over the units).
    assert first.after["date"] == "2022-03-08"
    assert first.after["users"] == 5
    assert first.after["reminders"] == 5
    assert first.after["by_kind"] == {"late": 0, "d0": 0, "d3": 0, "d7": 5}
    assert second.after["users"] == 0
    assert second.after["reminders"] == 0
    assert first.actor is None


def test_a_concurrent_run_that_sent_first_wins(world, plan, monkeypatch, django_capture_on_commit_callbacks):
    """Another process recorded one reminder between our read and our write: the unique key makes
    us skip it, and the digest holds only the rest."""
    officer = world.users["unit_officer"]
    day = D(2022, 7, 1)
    real = reminders.due_reminders

    def racing(user, *, today):
        due = real(user, today=today)
        if user.pk == officer.pk:
            first = due[0]
            ReminderSent.objects.create(user=user, deadline_key=first.sent_key, kind=first.kind, sent_on=today)
        return due

    monkeypatch.setattr(reminders, "due_reminders", racing)
    with at(day), django_capture_on_commit_callbacks(execute=True):
        sent_now = reminders.send_digest(officer, today=day)
    assert len(sent_now) == 2  # three overdue, one already sent by the other run
    assert ReminderSent.objects.filter(user=officer).count() == 3
    assert "Quá hạn (2):" in digests(officer)[0].text


def test_the_unique_key_refuses_a_second_row(world, plan):
    officer = world.users["unit_officer"]
    ReminderSent.objects.create(user=officer, deadline_key="k", kind="d7", sent_on=D(2022, 3, 8))
    with pytest.raises(IntegrityError):
        ReminderSent.objects.create(user=officer, deadline_key="k", kind="d7", sent_on=D(2022, 3, 9))


def test_digest_text_groups_in_order():
    from tdkt.movements.domain.deadlines import Deadline

    items = [
        Reminder("d7", Deadline("a", "Việc A", D(2022, 3, 22), "/a/")),
        Reminder("late", Deadline("b", "Việc B", D(2022, 3, 1), "/b/")),
        Reminder("d0", Deadline("c", "Việc C", D(2022, 3, 15), "/c/")),
        Reminder("d3", Deadline("d", "Việc D", D(2022, 3, 18), "/d/")),
    ]
    text = reminders.digest_text(items, today=D(2022, 3, 15), base_url="https://tdkt.example.vn")
    order = [text.index(label) for label in ("Quá hạn (1):", "Hôm nay (1):", "Còn 3 ngày (1):", "Còn 7 ngày (1):")]
    assert order == sorted(order)
    assert "- Hạn 01/03/2022: Việc B\n  https://tdkt.example.vn/b/" in text


def test_management_command(world, plan, django_capture_on_commit_callbacks, capsys):
    officer = world.users["unit_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "08/03/2022")  # enqueued; the test backend runs it at once
    assert [kind for _, kind, _ in sent(officer)] == ["d7"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "12/03/2022", "--now")
    assert "12/03/2022" in capsys.readouterr().out
    assert [kind for _, kind, _ in sent(officer)] == ["d7", "d3"]
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "2022-03-15")


# --- the notifications page and the bell ------------------------------------------------------


def test_notifications_page_and_bell(client, world, plan, run):
    from tdkt.notifications.context_processors import notifications

    officer = world.users["unit_officer"]
    run(D(2022, 3, 8))
    Notification.objects.create(user=world.users["unit_leader"], text="Không phải của bạn")
    client.force_login(officer)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert "Nhắc hạn công tác thi đua" in response.text
    assert "Không phải của bạn" not in response.text

    request = response.wsgi_request
    assert notifications(request)["unread_notifications"] == 1
    [note] = digests(officer)
    response = client.post(reverse("notifications:read", args=[note.pk]), {"go": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("movements:calendar")
    note.refresh_from_db()
    assert note.read_at is not None
    assert notifications(request)["unread_notifications"] == 0


def test_mark_all_read_and_others_notifications_are_404(client, world, plan):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    Notification.objects.bulk_create(Notification(user=officer, text=f"Tin {i}") for i in range(3))
    theirs = Notification.objects.create(user=leader, text="Của người khác")
    client.force_login(officer)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:read", args=[theirs.pk])).status_code == 405
    assert client.post(reverse("notifications:list")).status_code == 302
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=leader, read_at__isnull=True).count() == 1


def test_notification_link_stays_on_this_site(client, world, plan):
    officer = world.users["unit_officer"]
    note = Notification.objects.create(user=officer, text="Lừa", url="https://evil.example.com/")
    client.force_login(officer)
    response = client.post(reverse("notifications:read", args=[note.pk]), {"go": "1"})
    assert response["Location"] == reverse("notifications:list")


def test_bell_is_empty_for_anonymous_visitors(rf):
    from django.contrib.auth.models import AnonymousUser

    from tdkt.notifications.context_processors import notifications

    request = rf.get("/")
    request.user = AnonymousUser()
    assert notifications(request) == {}
