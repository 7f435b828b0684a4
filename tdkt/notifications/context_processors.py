"""Template context for every page: the unread notifications (the bell) and the inbox's total
(the "Việc cần làm" menu entry). The inbox is computed at most once per request, and only when a
template reads the total."""

from django.utils.functional import SimpleLazyObject

from .inbox import inbox_for_request, total
from .models import Notification


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "inbox_total": SimpleLazyObject(lambda: total(inbox_for_request(request))),
    }
