"""Notices by e-mail as each user chose (at once, in the daily digest, or not at all), the nearest
organisation's users, and the preference page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.movements.reminders import send_reminders
from tdkt.notifications.models import Notification
from tdkt.notifications.services import email_preference_set, notify, users_of


@pytest.fixture
def people(world):
    for role in ("unit_officer", "unit_leader", "standing_office"):
        user = world.users[role]
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    return world.users


def test_the_model_keeps_the_movements_table():
    assert Notification._meta.db_table == "movements_notification"
    assert Notification._meta.app_label == "notifications"


def test_each_user_gets_email_as_chosen(people, django_capture_on_commit_callbacks):
    officer, leader, office = people["unit_officer"], people["unit_leader"], people["standing_office"]
    leader.notification_email = "digest"
    office.notification_email = "none"
    for user in (leader, office):
        user.save(update_fields=["notification_email"])
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([officer, leader, office, officer], text="Hồ sơ chờ tiếp nhận", url="/awards/1/") == 3
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]]
    notes = {n.user_id: n for n in Notification.objects.all()}
    assert set(notes) == {officer.pk, leader.pk, office.pk}  # everyone has it in the bell
    assert [n.user_id for n in notes.values() if n.email_pending] == [leader.pk]


def test_no_email_at_all_when_the_caller_says_so(people, django_capture_on_commit_callbacks):
    people["unit_leader"].notification_email = "digest"
    people["unit_leader"].save(update_fields=["notification_email"])
    with django_capture_on_commit_callbacks(execute=True):
        notify([people["unit_officer"], people["unit_leader"]], text="Kết quả đã công bố", email=False)
    assert mail.outbox == []
    assert not Notification.objects.filter(email_pending=True).exists()


def test_the_daily_digest_carries_the_waiting_notices_once(people, django_capture_on_commit_callbacks):
    council = people["council_member"]  # no deadlines of its own: the digest still reaches it
    council.email, council.notification_email = "hoidong@example.vn", "digest"
    council.save(update_fields=["email", "notification_email"])
    notify([council], text="Hội đồng bỏ phiếu hồ sơ A: mời đồng chí bỏ phiếu.", url="/awards/7/")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=datetime.date(2022, 3, 1))
    [email] = [m for m in mail.outbox if "hoidong@example.vn" in m.to]
    assert "1 thông báo mới" in email.subject
    assert "mời đồng chí bỏ phiếu" in email.body
    assert "/awards/7/" in email.body
    assert not Notification.objects.filter(email_pending=True).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=datetime.date(2022, 3, 2))
    assert not [m for m in mail.outbox if "hoidong@example.vn" in m.to]  # sent once


def test_users_of_the_nearest_organisation_with_such_users(world):
    assert set(users_of(world.orgs["FIN-NS"])) == {world.users["unit_officer"], world.users["unit_leader"]}
    assert set(users_of(world.orgs["P"], roles=("standing_office",))) == {world.users["standing_office"]}
    assert set(users_of(world.orgs["HOME-TDKT"], roles=("standing_office",))) == {world.users["standing_office"]}
    assert list(users_of(world.orgs["Q-CA"])) == []  # never another province's


def test_preference_page_from_the_user_menu(client, world):
    user = world.users["viewer"]
    client.force_login(user)
    home = client.get(reverse("home"))
    assert reverse("notifications:settings") in home.text
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200
    response = client.post(reverse("notifications:settings"), {"notification_email": "digest"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.notification_email == "digest"
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED, actor=user)
    assert event.after == {"notification_email": "digest"}
    assert client.post(reverse("notifications:settings"), {"notification_email": "pigeon"}).status_code == 200
    user.refresh_from_db()
    assert user.notification_email == "digest"


def test_only_the_user_sets_their_own_preference(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        email_preference_set(actor=world.users["admin"], user=world.users["viewer"], preference="none")


def test_leaving_the_digest_drops_what_waited_for_it(world):
    user = world.users["viewer"]
    user.email, user.notification_email = "xem@example.vn", "digest"
    user.save(update_fields=["email", "notification_email"])
    notify([user], text="Tin")
    email_preference_set(actor=user, user=user, preference="immediate")
    assert not Notification.objects.filter(email_pending=True).exists()
