"""Template context for every page: the number of unread notifications (the bell in the navbar)."""

from .models import Notification


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
