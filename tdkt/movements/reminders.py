"""Reminder digests: once a day the background worker tells every user what falls due.

For each active user, the deadlines of `deadlines_for` that are due a reminder today (7 and 3 days
before, on the day, overdue: `reminder_kind_due`) and were not reminded yet go out in ONE digest:
one notification in the application and one email. The `ReminderSent` rows are written in the
same transaction as the notification, one savepoint each, so the unique key (user, deadline,
kind) decides: a second run the same day, or a run at the same time in another process, finds
the row (or hits the constraint) and skips that reminder. An overdue reminder therefore goes out
once per deadline, not every day.

The reminder key is the deadline key with its due date ("report:12:5@2022-06-15"): when a plan
moves a deadline, the reminders of the new date go out again.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from tdkt.accounts.domain.roles import roles_for
from tdkt.accounts.models import RoleGrant, User
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.notifications.models import Notification
from tdkt.notifications.services import digest_pending, digest_section, digest_sent

from .deadlines import deadlines_for
from .domain.deadlines import Deadline, reminder_kind_due
from .models import ReminderKind, ReminderSent

logger = logging.getLogger(__name__)

HORIZON_DAYS = 7  # the earliest reminder
# The digest lists the most urgent first.
GROUPS = [
    (ReminderKind.OVERDUE, "Quá hạn"),
    (ReminderKind.DUE_TODAY, "Hôm nay"),
    (ReminderKind.DAYS_3, "Còn 3 ngày"),
    (ReminderKind.DAYS_7, "Còn 7 ngày"),
]


@dataclass(frozen=True)
class Reminder:
    kind: str  # a ReminderKind value
    deadline: Deadline

    @property
    def sent_key(self) -> str:
        return reminder_key(self.deadline)


@dataclass
class RunResult:
    date: datetime.date
    users: int = 0  # users who received a digest
    reminders: int = 0
    by_kind: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "users": self.users,
            "reminders": self.reminders,
            "by_kind": {kind: self.by_kind.get(kind, 0) for kind, _ in GROUPS},
        }


def reminder_key(deadline: Deadline) -> str:
    return f"{deadline.key}@{deadline.due.isoformat()}"


def site_url() -> str:
    """The address the emails link to (TDKT_SITE_URL, e.g. "https://tdkt.quangtri.gov.vn")."""
    return (getattr(settings, "TDKT_SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def send_reminders(*, today: datetime.date) -> dict:
    """Send today's digests to every active user; one audit event with the counts. Safe to run
    again (and at the same time): nothing already sent goes out twice."""
    result = RunResult(date=today)
    for user in recipients():
        try:
            sent = send_digest(user, today=today)
        except Exception:  # one user's failure must not stop everyone else's reminders
            logger.exception("Reminders for user %s failed", user.pk)
            continue
        if sent:
            result.users += 1
            result.reminders += len(sent)
            result.by_kind.update(r.kind for r in sent)
    audit_record(
        event_type=AuditEventType.REMINDERS_SENT,
        after=result.as_dict(),
        target_label=f"Nhắc hạn ngày {today:%d/%m/%Y}",
    )
    return result.as_dict()


def recipients() -> list[User]:
    """Active users who may hold a deadline (participants, managers, administrators) or whose
    notices wait for the daily digest, with their
    role grants loaded in one query so that `scope_for` asks the database nothing more."""
    roles = roles_for("movement.participate") | roles_for("movement.manage")
    users = list(
        User.objects.filter(
            Q(role_grants__role__in=roles) | Q(is_superuser=True) | Q(notifications__email_pending=True),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    grants: dict[int, list] = {u.pk: [] for u in users}
    for user_id, role, path in RoleGrant.objects.filter(user_id__in=grants).values_list(
        "user_id", "role", "organization__path"
    ):
        grants[user_id].append((role, path))
    for user in users:
        user._tdkt_grants = grants[user.pk]
    return users


def due_reminders(user, *, today: datetime.date) -> list[Reminder]:
    """The reminders `user` should get today and has not got yet."""
    due = [
        Reminder(kind, d)
        for d in deadlines_for(user, today=today, horizon_days=HORIZON_DAYS)
        if (kind := reminder_kind_due(d.due, today)) is not None
    ]
    if not due:
        return []
    already = set(
        ReminderSent.objects.filter(user=user, deadline_key__in=[r.sent_key for r in due]).values_list(
            "deadline_key", "kind"
        )
    )
    return [r for r in due if (r.sent_key, r.kind) not in already]


@transaction.atomic
def send_digest(user, *, today: datetime.date) -> list[Reminder]:
    """Record and send `user`'s digest for `today`; returns the reminders it holds (none: nothing sent)."""
    sent: list[Reminder] = []
    for reminder in due_reminders(user, today=today):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    user=user, deadline_key=reminder.sent_key, kind=reminder.kind, sent_on=today
                )
        except IntegrityError:  # another run sent it meanwhile
            continue
        sent.append(reminder)
    # The notices the user takes by e-mail once a day ride in the same e-mail (not in the bell again).
    pending = digest_pending(user)
    if not sent and not pending:
        return []
    if sent:
        Notification.objects.create(user=user, text=digest_text(sent, today=today), url=reverse("movements:calendar"))
    if user.email:
        subject = (f"[TĐKT] Nhắc hạn ngày {today:%d/%m/%Y}: {len(sent)} việc cần làm" if sent
                   else f"[TĐKT] Thông báo ngày {today:%d/%m/%Y}: {len(pending)} thông báo mới")
        base = site_url()
        body = digest_text(sent, today=today, base_url=base, greeting=str(user)) if sent else f"Kính gửi {user},"
        body = "\n".join([body, *digest_section(pending, base_url=base)])
        transaction.on_commit(lambda: _email(subject, body, user.email))
    digest_sent(pending)
    return sent


def digest_text(reminders: list[Reminder], *, today: datetime.date, base_url: str | None = None, greeting="") -> str:
    """The digest in Vietnamese, grouped 'Quá hạn' / 'Hôm nay' / 'Còn 3 ngày' / 'Còn 7 ngày'. With
    `base_url` (the email), each item carries its link and the text ends with the calendar's."""
    lines = []
    if greeting:
        lines += [f"Kính gửi {greeting},", ""]
    lines.append(f"Nhắc hạn công tác thi đua, khen thưởng ngày {today:%d/%m/%Y}: {len(reminders)} việc cần làm.")
    for kind, label in GROUPS:
        group = sorted((r.deadline for r in reminders if r.kind == kind), key=lambda d: (d.due, d.key))
        if not group:
            continue
        lines += ["", f"{label} ({len(group)}):"]
        for d in group:
            lines.append(f"- Hạn {d.due:%d/%m/%Y}: {d.title}")
            if base_url is not None and d.url:
                lines.append(f"  {base_url}{d.url}")
    if base_url is not None:
        lines += [
            "",
            f"Xem lịch hạn của bạn: {base_url}{reverse('movements:calendar')}",
            "",
            "Thư này do hệ thống TĐKT gửi tự động, vui lòng không trả lời.",
        ]
    return "\n".join(lines)


def _email(subject: str, body: str, address: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the reminder stays recorded and visible in the application
        logger.exception("Reminder email to %s failed", address)
