"""Who is told when a dossier changes hands: every workflow step that puts work in someone's
inbox notifies them (in the application, and by e-mail as each chose). Called for every recorded
transition (services.workflow._record), so the decision and forwarding services are covered too.

The unit's own notices on receive, return and close, and the leader's sign-off notices, are sent
by dossier_act itself; this table covers the other hand-overs."""

from django.urls import reverse

from tdkt.notifications.services import notify, users_of

from .domain.workflow import Action
from .models import Dossier

SENDING = (Action.SUBMIT, Action.SIGN_OFF)  # the leader's sign-off sends the dossier as submit does
TO_APPROVER = (Action.SEND_FOR_DECISION, Action.CLOSE_NOTICE)


def _council_users(dossier: Dossier):
    from .services.workflow import council_of  # the services import this module

    council = council_of(dossier)
    if council is None:
        return []
    return [m.user for m in council.members.filter(active=True, user__isnull=False, user__is_active=True)
            .select_related("user")]


def handover_notify(dossier: Dossier, action, *, reason: str = "") -> int:
    """Notify whoever must act next after `action` on `dossier`; returns how many were told."""
    action = str(action)
    authority = dossier.round.authority
    name = f"Hồ sơ “{dossier}” của {dossier.organization}"
    if action in SENDING:
        late = " (gửi sau hạn)" if dossier.sent_late else ""
        users, text = users_of(authority, roles=("standing_office",)), f"{name} đã gửi đến{late}, chờ tiếp nhận."
    elif action == Action.OPEN_VOTE:
        users, text = _council_users(dossier), f"Hội đồng bỏ phiếu {name}: mời đồng chí bỏ phiếu."
    elif action in TO_APPROVER:
        users, text = users_of(authority, roles=("approver",)), f"{name} chờ ban hành quyết định khen thưởng."
    elif action == Action.PUBLISH_NOTICE:
        until = f" đến ngày {dossier.notice_until:%d/%m/%Y}" if dossier.notice_until else ""
        users, text = users_of(dossier.organization), f"Hồ sơ “{dossier}”: danh sách được công khai{until}."
    elif action == Action.DECIDE:
        users, text = users_of(dossier.organization), f"Hồ sơ “{dossier}”: đã ban hành {reason or 'quyết định'}."
    elif action == Action.FORWARD:
        users, text = users_of(dossier.organization), f"Hồ sơ “{dossier}” đã được chuyển lên cấp trên xét."
    else:
        return 0
    return notify(users, text=text, url=reverse("awards:dossier", args=[dossier.pk]))
