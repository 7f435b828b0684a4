"""Signed-in sessions: who is signed in where, idle expiry, ending one or all of them.

Django keeps each session as a database row shared by every web node (SESSION_ENGINE's default);
`UserSession` names it so that its owner can see it. The session's data holds:

- SESSION_ID_KEY: the UserSession row's id. Ending a session deletes Django's row and this one; a
  session whose UserSession row is gone ends at its next activity write (with another session
  engine, within a minute);
- LAST_ACTIVE_KEY: the Unix time of its last request, written at most once a minute
  (ACTIVITY_RESOLUTION) so a busy page does not write on every request;
- TRACKED_KEY_KEY: the session key the row was last told, so a key cycled by a login step, a second
  factor or "sign out everywhere" is written to the row at the end of that request.

A session idle for more than TDKT_SESSION_IDLE_MINUTES ends at its next request, which is sent to the
login page with `?expired=idle`. Every other session of the user also ends when the session epoch
changes (tdkt/accounts/models.py User.session_epoch): "sign out everywhere" does both.
"""

import datetime
import time
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from .domain.useragent import describe
from .models import User, UserSession

SESSION_ID_KEY = "tdkt_session_id"
LAST_ACTIVE_KEY = "tdkt_last_active"
TRACKED_KEY_KEY = "tdkt_session_key"
ACTIVITY_RESOLUTION = 60  # seconds


def idle_seconds() -> int:
    return max(1, int(settings.TDKT_SESSION_IDLE_MINUTES)) * 60


def _client_ip(request):
    from .services import client_ip

    return client_ip(request)


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _current_key(session) -> str | None:
    if not session.session_key:
        session.save()
    return session.session_key


def session_started(*, request, user) -> UserSession | None:
    """After a sign-in (any way: password, single sign-on, a test's force_login): a row for this
    session, and the user's rows idle past the limit are forgotten."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    now = timezone.now()
    UserSession.objects.filter(user=user, last_active_at__lt=now - datetime.timedelta(seconds=idle_seconds())).delete()
    meta = getattr(request, "META", {})
    key = _current_key(session)
    row = UserSession.objects.create(
        user=user,
        session_key=key,
        user_agent=(meta.get("HTTP_USER_AGENT") or "")[:300],
        ip_address=_client_ip(request),
        created_at=now,
        last_active_at=now,
    )
    session[SESSION_ID_KEY] = row.pk
    session[LAST_ACTIVE_KEY] = int(time.time())
    session[TRACKED_KEY_KEY] = key
    return row


def session_ended(*, request) -> None:
    """On sign-out: this session's row goes."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_ID_KEY):
        UserSession.objects.filter(pk=session[SESSION_ID_KEY]).delete()


class Activity:
    """What the middleware must do with a request of a signed-in session."""

    GO_ON = "go_on"
    IDLE = "idle"  # idle too long: sign out, then to the login page with the message
    ENDED = "ended"  # ended from another device: sign out


def session_activity(*, request) -> str:
    """Check the idle limit and record activity (at most once a minute)."""
    session = request.session
    now = int(time.time())
    last = session.get(LAST_ACTIVE_KEY)
    if isinstance(last, int) and now - last > idle_seconds():
        return Activity.IDLE
    if isinstance(last, int) and now - last < ACTIVITY_RESOLUTION:
        return Activity.GO_ON
    session[LAST_ACTIVE_KEY] = now
    row_id = session.get(SESSION_ID_KEY)
    key = _current_key(session)
    stamp = timezone.now()
    if row_id is None:
        # A session signed in before this bookkeeping existed: named from now on.
        session_started(request=request, user=request.user)
        return Activity.GO_ON
    updated = UserSession.objects.filter(pk=row_id, user=request.user).update(
        last_active_at=stamp, session_key=key
    )
    if not updated:
        return Activity.ENDED
    session[TRACKED_KEY_KEY] = key
    return Activity.GO_ON


def session_key_follow(*, request) -> None:
    """At the end of a request: if the session's key was cycled, its row follows (no query otherwise)."""
    session = getattr(request, "session", None)
    if session is None or not session.get(SESSION_ID_KEY):
        return
    key = session.session_key
    if key and session.get(TRACKED_KEY_KEY) != key:
        UserSession.objects.filter(pk=session[SESSION_ID_KEY]).update(session_key=key)
        session[TRACKED_KEY_KEY] = key


def sessions_of(user, *, current_id=None) -> list[dict]:
    """The user's sessions still in force, the most recently active first, each described."""
    since = timezone.now() - datetime.timedelta(seconds=idle_seconds())
    rows = UserSession.objects.filter(user=user, last_active_at__gte=since).order_by("-last_active_at", "-pk")
    return [
        {
            "id": row.pk,
            "device": describe(row.user_agent),
            "user_agent": row.user_agent,
            "ip_address": row.ip_address,
            "created_at": row.created_at,
            "last_active_at": row.last_active_at,
            "current": row.pk == current_id,
        }
        for row in rows
    ]


def _end_rows(rows) -> int:
    store = _session_store()
    count = 0
    for row in list(rows):
        store(session_key=row.session_key).delete()
        row.delete()
        count += 1
    return count


@transaction.atomic
def user_session_end(*, actor: User, session_id: int, ip_address: str | None = None) -> bool:
    """End one of the actor's own sessions (another's, or one already gone: False)."""
    row = UserSession.objects.filter(pk=session_id, user=actor).first()
    if row is None:
        return False
    before = {"session": row.pk, "ip_address": row.ip_address, "device": describe(row.user_agent)}
    _end_rows([row])
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=actor,
        ip_address=ip_address,
        before=before,
        after={"session_ended": before["session"]},
        target_label=f"{actor.username}: kết thúc một phiên đăng nhập ({before['device']})",
    )
    return True


def user_sessions_end_others(*, user: User, keep_id=None) -> int:
    """End every session of the user but `keep_id` (no audit: the caller's service writes it)."""
    return _end_rows(UserSession.objects.filter(user=user).exclude(pk=keep_id))
