import datetime

from django.db.models import Q, QuerySet

from tdkt.accounts.scope import scope_for

from .models import AuditEvent


def audit_event_list(
    user,
    *,
    event_type: int | None = None,
    actor: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    target: str = "",
) -> QuerySet:
    """Events about organisations the user may audit; events with no organisation (logins) only for admins."""
    scope = scope_for(user, "audit.view")
    qs = AuditEvent.objects.select_related("organization", "actor__organization")
    if not scope.is_global:
        qs = qs.filter(scope.q("organization__path")) if not scope.is_empty else qs.none()
    if event_type:
        qs = qs.filter(event_type=event_type)
    if actor:
        # The page names the actor ("Phạm Thị Lan (Sở Tài chính)"): the name finds them as the login does.
        qs = qs.filter(Q(actor_label__icontains=actor) | Q(actor__full_name__icontains=actor))
    if target:
        qs = qs.filter(Q(target_label__icontains=target) | Q(target_id=target))
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs
