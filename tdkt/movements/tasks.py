"""Background tasks of the movements app, run by `manage.py db_worker`."""

import datetime

from django.tasks import task
from django.utils import timezone

from .reminders import send_reminders


@task()
def send_reminders_task(date: str | None = None) -> dict:
    """Send the day's reminder digests (`date` in ISO form, today in Vietnam's time when omitted).
    Returns the counts the audit event records."""
    today = datetime.date.fromisoformat(date) if date else timezone.localdate()
    return send_reminders(today=today)
