"""Day counts are written one way everywhere: grouped as Vietnamese write numbers ("1.457"), from
the same computation (calendar days from today's local date)."""

import datetime

import pytest
from django.utils import translation

from tdkt.core.days import days_phrase, days_until, deadline_phrase

TODAY = datetime.date(2026, 12, 6)


def test_days_until_counts_calendar_days_from_today():
    assert days_until(datetime.date(2022, 12, 10), today=TODAY) == -1457
    assert days_until(datetime.date(2022, 12, 20), today=TODAY) == -1447
    assert days_until(TODAY, today=TODAY) == 0


@pytest.mark.parametrize(("days", "shown"), [(-1457, "1.457"), (-1447, "1.447"), (1234, "1.234"), (-3, "3")])
def test_the_count_is_grouped_with_dots(days, shown):
    with translation.override("vi"):
        phrase = days_phrase(days)
    assert shown in phrase
    assert str(abs(days)) not in phrase or abs(days) < 1000


def test_past_present_and_future_are_told_apart():
    with translation.override("en"):
        assert days_phrase(-1457) == "overdue by 1,457 days"
        assert days_phrase(0) == "due today"
        assert days_phrase(1) == "1 day left"
    assert deadline_phrase(None) == ""
