"""Days before a deadline, or past it, said the same way on every page: counted in calendar days
from today's local date (``timezone.localdate``), the count written as Vietnamese write numbers
("quá hạn 1.457 ngày", never "1457 ngày" on one page and "1.447 ngày" on another for the same kind
of count). The calendar and the plan's milestones count the same way in their templates, where
``{% blocktranslate count %}`` groups the number with the active format."""

import datetime

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def format_days(days: int) -> str:
    """1457 → "1.457": grouped with the active language's separator, as the templates show it."""
    return number_format(days, force_grouping=True)


def days_until(due: datetime.date, *, today: datetime.date | None = None) -> int:
    """Calendar days from today to ``due``: negative once it has passed."""
    return (due - (today or timezone.localdate())).days


def days_phrase(days: int) -> str:
    """ "còn 3 ngày", "hết hạn hôm nay", "quá hạn 1.457 ngày" (for a day count from ``days_until``)."""
    if days > 0:
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": format_days(days)}
    if days == 0:
        return _("due today")
    return ngettext("overdue by %(days)s day", "overdue by %(days)s days", -days) % {"days": format_days(-days)}


def deadline_phrase(due: datetime.date | None, *, today: datetime.date | None = None) -> str:
    """The phrase for a deadline, blank when there is none."""
    return "" if due is None else days_phrase(days_until(due, today=today))


def late_for_leader(due: datetime.date | None, *, today: datetime.date | None = None) -> str:
    """What the officer reads beside "Trình lãnh đạo" once ``due`` has passed: the officer only puts
    the work before the leader (no extra step), but the leader will have to confirm why it goes late."""
    days = 0 if due is None else -days_until(due, today=today)
    if days <= 0:
        return ""
    return ngettext(
        "Overdue by %(days)s day: the leader will have to confirm the reason for sending it late.",
        "Overdue by %(days)s days: the leader will have to confirm the reason for sending it late.",
        days,
    ) % {"days": format_days(days)}
