"""Deadlines and reminders (pure Python): when a reminder is due and what state a submission is in."""

import datetime
from dataclasses import dataclass

REMINDER_OFFSETS = {"d7": 7, "d3": 3, "d0": 0}  # days before the deadline


def reminder_kind_due(deadline: datetime.date, today: datetime.date) -> str | None:
    """The reminder that belongs to `today` for `deadline`: 7 and 3 days before, on the day, or overdue.

    Only the exact day sends the before-reminders (a missed day is not caught up: the next one
    covers it); "late" is due every day after the deadline, and the unique key sends it once."""
    days = (deadline - today).days
    for kind, offset in REMINDER_OFFSETS.items():
        if days == offset:
            return kind
    if days < 0:
        return "late"
    return None


def is_late(deadline: datetime.date, submitted_on: datetime.date) -> bool:
    """Submitted after the day of the deadline (the deadline day itself is on time)."""
    return submitted_on > deadline


@dataclass(frozen=True)
class Deadline:
    key: str  # stable identity, e.g. "milestone:12:org:5"
    title: str
    due: datetime.date
    url: str
    organization_id: int | None = None
