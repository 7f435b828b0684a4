"""Every deadline that concerns a user: the one calendar behind /calendar/, the iCalendar feed and
the reminder digests.

A deadline concerns a user in two ways:
- as a participant (scope "movement.participate"): the registration of an issued movement in which
  an organisation the user acts for takes part and has not registered; the report of a milestone
  it has not submitted (or that was returned); a work-program task it leads that is not done;
- as a manager (scope "movement.manage" covering the issuing organisation): the same deadlines of the
  movements the user runs, counted over the participants ("Sơ kết 6 tháng: 3/15 đơn vị chưa nộp báo
  cáo"), and the tasks of those movements that are not done.

A global participate scope (system administrators) does not make anyone act for every unit of the
province: administrators get the managers' counts only.

The reads are set-based: a fixed number of queries whatever the number of movements, milestones
and participants. Keys are stable ("registration:<movement>:<org>", "report:<milestone>:<org>",
"registration:<movement>:all", "report:<milestone>:all", "task:<task>") so a reminder about one
deadline goes out once and a calendar application keeps one event per deadline.

The end of the module writes the iCalendar feed (RFC 5545 by hand: no dependency) and derives the
secret address of each user's feed.
"""

import base64
import datetime
import hashlib
import hmac
from collections import Counter

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.db.models import Count, Exists, OuterRef
from django.urls import NoReverseMatch, reverse

from tdkt.accounts.scope import Scope, scope_for

from .domain.deadlines import Deadline
from .models import (
    Milestone,
    Movement,
    MovementStatus,
    Participant,
    Registration,
    ReportSubmission,
    SubmissionStatus,
    TaskStatus,
    WorkTask,
)

KIND_REGISTRATION, KIND_REPORT, KIND_TASK = "registration", "report", "task"
AGGREGATE = "all"


def deadline_kind(deadline: Deadline) -> str:
    """ "registration", "report" or "task", read from the key."""
    return deadline.key.split(":", 1)[0]


def is_aggregate(deadline: Deadline) -> bool:
    """A manager's count over the participants rather than one organisation's own deadline."""
    return deadline.key.endswith(":" + AGGREGATE)


def deadlines_for(user, *, today: datetime.date, horizon_days: int | None = None) -> list[Deadline]:
    """The deadlines that concern `user` and are not met yet, by date then key.

    Past deadlines that are still open stay in the list (they are overdue). With `horizon_days`,
    deadlines later than `today + horizon_days` are left out (the reminders look 7 days ahead)."""
    until = today + datetime.timedelta(days=horizon_days) if horizon_days is not None else None
    links = _Links()
    found: dict[str, Deadline] = {}
    participate = scope_for(user, "movement.participate")
    manage = scope_for(user, "movement.manage")
    if not participate.is_empty and not participate.is_global:
        for d in _participant_deadlines(participate, until, links):
            found[d.key] = d
    if not manage.is_empty:
        for d in _manager_deadlines(manage, until, links):
            found.setdefault(d.key, d)
    return sorted(found.values(), key=lambda d: (d.due, d.key))


class _Links:
    """Where a deadline leads: the movement's registrations or reports page, else its page, else the
    calendar (while those pages do not exist). Each name is resolved once per call."""

    def __init__(self):
        self._exists: dict[str, bool] = {}

    def movement(self, movement_id: int, page: str = "detail") -> str:
        for name in (page, "detail"):
            if self._exists.get(name) is not False:
                try:
                    url = reverse(f"movements:{name}", args=[movement_id])
                except NoReverseMatch:
                    self._exists[name] = False
                else:
                    self._exists[name] = True
                    return url
        return reverse("movements:calendar")


def _before(field: str, until: datetime.date | None) -> dict:
    return {f"{field}__lte": until} if until is not None else {}


def _participant_deadlines(scope: Scope, until, links: _Links) -> list[Deadline]:
    participants = list(
        Participant.objects.filter(scope.q("organization__path"), movement__status=MovementStatus.ISSUED)
        .select_related("movement", "organization")
        .order_by("movement_id", "organization_id")
    )
    out: list[Deadline] = []
    if participants:
        movement_ids = {p.movement_id for p in participants}
        org_ids = {p.organization_id for p in participants}
        registered = set(
            Registration.objects.filter(movement_id__in=movement_ids, organization_id__in=org_ids).values_list(
                "movement_id", "organization_id"
            )
        )
        for p in participants:
            m = p.movement
            if m.registration_deadline is None or (until is not None and m.registration_deadline > until):
                continue
            if (m.pk, p.organization_id) in registered:
                continue
            out.append(
                Deadline(
                    key=f"{KIND_REGISTRATION}:{m.pk}:{p.organization_id}",
                    title=f"Đăng ký thi đua: {m.title} ({p.organization.name})",
                    due=m.registration_deadline,
                    url=links.movement(m.pk, "registrations"),
                    organization_id=p.organization_id,
                )
            )
        milestones = list(
            Milestone.objects.filter(movement_id__in=movement_ids, **_before("report_deadline", until)).order_by(
                "report_deadline", "pk"
            )
        )
        if milestones:
            submissions = dict(
                ((milestone_id, org_id), status)
                for milestone_id, org_id, status in ReportSubmission.objects.filter(
                    milestone__in=milestones, organization_id__in=org_ids
                ).values_list("milestone_id", "organization_id", "status")
            )
            by_movement: dict[int, list[Participant]] = {}
            for p in participants:
                by_movement.setdefault(p.movement_id, []).append(p)
            for ms in milestones:
                for p in by_movement.get(ms.movement_id, []):
                    status = submissions.get((ms.pk, p.organization_id))
                    if status is not None and status != SubmissionStatus.RETURNED:
                        continue
                    verb = "Nộp lại báo cáo (bị trả lại)" if status == SubmissionStatus.RETURNED else "Nộp báo cáo"
                    out.append(
                        Deadline(
                            key=f"{KIND_REPORT}:{ms.pk}:{p.organization_id}",
                            title=f"{verb} {ms.name}: {p.movement.title} ({p.organization.name})",
                            due=ms.report_deadline,
                            url=links.movement(ms.movement_id, "reports"),
                            organization_id=p.organization_id,
                        )
                    )
    tasks = WorkTask.objects.filter(
        scope.q("lead_organization__path"),
        movement__status=MovementStatus.ISSUED,
        due_date__isnull=False,
        **_before("due_date", until),
    ).exclude(status=TaskStatus.DONE)
    out.extend(_task_deadline(t, links) for t in tasks.select_related("movement", "lead_organization"))
    return out


def _task_deadline(task: WorkTask, links: _Links) -> Deadline:
    content = " ".join(task.content.split())
    if len(content) > 150:
        content = content[:149] + "…"
    lead = task.lead_organization.name if task.lead_organization_id else task.lead
    return Deadline(
        key=f"{KIND_TASK}:{task.pk}",
        title=f"Công việc quý {task.quarter}: {content} ({lead}) — {task.movement.title}",
        due=task.due_date,
        url=links.movement(task.movement_id),
        organization_id=task.lead_organization_id,
    )


def _manager_deadlines(scope: Scope, until, links: _Links) -> list[Deadline]:
    movements = {
        m.pk: m
        for m in Movement.objects.filter(scope.q("organization__path"), status=MovementStatus.ISSUED).only(
            "pk", "title", "registration_deadline"
        )
    }
    if not movements:
        return []
    out: list[Deadline] = []
    ids = list(movements)
    totals = Counter(_count(Participant.objects.filter(movement_id__in=ids), "movement_id"))
    is_participant = Exists(
        Participant.objects.filter(movement_id=OuterRef("movement_id"), organization_id=OuterRef("organization_id"))
    )
    with_registration_deadline = [
        pk
        for pk, m in movements.items()
        if m.registration_deadline is not None and (until is None or m.registration_deadline <= until)
    ]
    if with_registration_deadline:
        registered = _count(
            Registration.objects.filter(is_participant, movement_id__in=with_registration_deadline), "movement_id"
        )
        for pk in with_registration_deadline:
            m, total = movements[pk], totals[pk]
            missing = total - registered.get(pk, 0)
            if missing > 0:
                out.append(
                    Deadline(
                        key=f"{KIND_REGISTRATION}:{pk}:{AGGREGATE}",
                        title=f"Đăng ký thi đua: {missing}/{total} đơn vị chưa đăng ký — {m.title}",
                        due=m.registration_deadline,
                        url=links.movement(pk, "registrations"),
                    )
                )
    milestones = list(
        Milestone.objects.filter(movement_id__in=ids, **_before("report_deadline", until)).order_by(
            "report_deadline", "pk"
        )
    )
    if milestones:
        submitted = _count(
            ReportSubmission.objects.filter(
                Exists(
                    Participant.objects.filter(
                        movement_id=OuterRef("milestone__movement_id"), organization_id=OuterRef("organization_id")
                    )
                ),
                milestone__in=milestones,
            ).exclude(status=SubmissionStatus.RETURNED),
            "milestone_id",
        )
        for ms in milestones:
            total = totals[ms.movement_id]
            missing = total - submitted.get(ms.pk, 0)
            if missing > 0:
                out.append(
                    Deadline(
                        key=f"{KIND_REPORT}:{ms.pk}:{AGGREGATE}",
                        title=f"{ms.name}: {missing}/{total} đơn vị chưa nộp báo cáo — "
                        f"{movements[ms.movement_id].title}",
                        due=ms.report_deadline,
                        url=links.movement(ms.movement_id, "reports"),
                    )
                )
    tasks = WorkTask.objects.filter(movement_id__in=ids, due_date__isnull=False, **_before("due_date", until)).exclude(
        status=TaskStatus.DONE
    )
    out.extend(_task_deadline(t, links) for t in tasks.select_related("movement", "lead_organization"))
    return out


def _count(queryset, field: str) -> dict[int, int]:
    """How many rows of `queryset` per value of `field`, in one GROUP BY."""
    return dict(queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))


# The iCalendar feed ---------------------------------------------------------------------------
# Calendar applications cannot log in, so each user has a secret feed address. Until a table of
# feed tokens exists, the token is derived: the user's id and an HMAC of it with the salt of the
# user's password hash, so that changing the password (a new salt) revokes the old address.

_FEED_ID_BYTES, _FEED_MAC_BYTES = 8, 32


def _password_salt(user) -> str:
    encoded = user.password or ""
    try:
        return identify_hasher(encoded).decode(encoded).get("salt") or encoded
    except (ValueError, TypeError, KeyError, NotImplementedError):
        return encoded


def _feed_mac(user, secret: str) -> bytes:
    message = f"ical:{user.pk}:{_password_salt(user)}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def feed_token(user) -> str:
    """The secret of `user`'s feed address: base64url(id, HMAC-SHA256(SECRET_KEY, "ical:id:salt"))."""
    raw = user.pk.to_bytes(_FEED_ID_BYTES, "big") + _feed_mac(user, settings.SECRET_KEY)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def feed_user(token: str):
    """The active user whose feed `token` opens, or None (unknown, altered, or revoked)."""
    from tdkt.accounts.models import User

    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    if len(raw) != _FEED_ID_BYTES + _FEED_MAC_BYTES:
        return None
    user_id = int.from_bytes(raw[:_FEED_ID_BYTES], "big")
    user = User.objects.filter(pk=user_id, is_active=True).first() if 0 < user_id < 2**63 else None
    if user is None:
        return None
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    mac = raw[_FEED_ID_BYTES:]
    return user if any(hmac.compare_digest(mac, _feed_mac(user, s)) for s in keys) else None


def ical_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ical_fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character: each
    continuation starts with one space."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current)
            current, limit = b"", 74  # the leading space takes one octet
        current += encoded
    parts.append(current)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def ical_feed(deadlines: list[Deadline], *, host: str, base_url: str, now: datetime.datetime, name: str) -> str:
    """The deadlines as a VCALENDAR of all-day events with a reminder the day before."""
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//TĐKT//Lịch hạn thi đua khen thưởng//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(f'TĐKT — Lịch hạn của {name}')}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    for d in deadlines:
        url = f"{base_url}{d.url}" if d.url else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{d.key}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d.due + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ical_escape(d.title)}",
            f"DESCRIPTION:{ical_escape(f'Hạn {d.due:%d/%m/%Y}: {d.title}')}",
            *([f"URL:{url}"] if url else []),
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{ical_escape(f'Ngày mai ({d.due:%d/%m/%Y}) đến hạn: {d.title}')}",
            "TRIGGER:-P1D",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)
