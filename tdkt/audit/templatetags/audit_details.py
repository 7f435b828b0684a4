"""An audit event's recorded values as lines a clerk can read ('late: có', '01/07/2024'), instead of
the Python dict ({'late': True, 'start_date': '2024-07-01'}) the page printed."""

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tdkt.core.domain.numbers import format_number

register = template.Library()

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # how snapshot() records a datetime
LONGEST = 200  # a recorded text (a plan's purposes) is cut: the object's own page shows it whole


def _shown(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    text = str(value)
    if ISO_DATE.match(text):
        try:
            return datetime.date.fromisoformat(text).strftime("%d/%m/%Y")
        except ValueError:
            return text
    if ISO_DATETIME.match(text):  # "2024-07-01T03:00:00+00:00" → "10:00 01/07/2024", local time
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "SHORT_DATETIME_FORMAT")
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


@register.filter
def audit_value(value) -> str:
    """One recorded value as shown (a changed field's before and after)."""
    return _shown(value)


@register.filter
def audit_lines(values) -> list[tuple[str, str]]:
    """(field, value as shown) for each recorded value of an event."""
    if not isinstance(values, dict):
        return [("", _shown(values))] if values not in (None, "") else []
    return [(str(key), _shown(value)) for key, value in values.items()]
