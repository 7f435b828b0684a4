"""``{% load vn_numbers %}{{ value|vn_number }}``: a number as Vietnamese read it ("2,5", "1.234.000").

Unlike ``floatformat`` it never shows "2,50" for a score of 2,5 and never groups with a comma
whatever the active language; ``{{ value|vn_number:1 }}`` rounds (half up) to one decimal for
display. Anything that is not a number is shown as it is, blank for None.
"""

from django import template

from ..domain.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    if value is None or value == "":
        return ""
    try:
        return format_number(value, decimals=None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError):
        return value
