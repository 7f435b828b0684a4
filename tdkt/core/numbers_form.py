"""The one number box of every form: typed and shown the Vietnamese way ("2,5", "1.234.000").

A text box, not ``type="number"``: a browser's number box reads the comma by the browser's own
locale, so "2,5" reached the server as "25". ``inputmode`` still brings up a phone's number pad.
The rules of the text are ``tdkt.core.domain.numbers``; here they become messages naming the
field ("Hệ số khen thưởng, cá nhân: …"), so a message read at the top of a long form still says
which box it is about.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from .domain.numbers import NumberError, format_for_input, format_number, parse_number

MESSAGES = {
    "invalid": gettext_lazy("%(field)s: “%(value)s” is not a number."),
    "dot_decimal": gettext_lazy("%(field)s: write decimals with a comma: type “%(suggestion)s”."),
    "ambiguous": gettext_lazy(
        "%(field)s: “%(value)s” can be read two ways: type “%(decimal)s” for a decimal number or "
        "“%(whole)s” for a whole number."
    ),
    "english": gettext_lazy(
        "%(field)s: dots group the thousands and a comma comes before the decimals: type “%(suggestion)s”."
    ),
    "grouping": gettext_lazy("%(field)s: “%(value)s”: group the thousands in threes, e.g. 1.234.567."),
    "whole": gettext_lazy("%(field)s: “%(value)s” must be a whole number."),
    "decimals": gettext_lazy("%(field)s: “%(value)s” has too many digits after the comma (at most %(places)s)."),
    "negative": gettext_lazy("%(field)s: “%(value)s” must not be negative."),
    "too_long": gettext_lazy("%(field)s: “%(value)s” is too long to be a number."),
    "too_large": gettext_lazy("%(field)s: %(value)s is too large."),
    "min_value": gettext_lazy("%(field)s: must be at least %(limit)s."),
    "max_value": gettext_lazy("%(field)s: must be at most %(limit)s."),
    "required": gettext_lazy("%(field)s: enter a number."),
}


class NumberInput(forms.TextInput):
    """A text box for a number; a stored value is shown grouped with a decimal comma, what the user
    typed is shown back as typed (so a refused "2.5" stays in the box beside its message)."""

    input_type = "text"

    def __init__(self, attrs=None, *, decimals: int = 2, negative: bool = False):
        self.decimals = decimals
        pad = "numeric" if decimals == 0 and not negative else "decimal"
        super().__init__({"inputmode": pad, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        try:
            return format_for_input(value, decimals=self.decimals)
        except TypeError:
            return str(value)


class NumberField(forms.Field):
    """A Decimal (``decimals`` > 0) or an int (``decimals=0``) typed the Vietnamese way.

    ``min_value``/``max_value`` bound it (a negative number needs ``min_value`` below 0 or None with
    ``negative=True``); ``max_digits`` as in a DecimalField of the model; ``message_name`` is how the
    messages name the field (its label by default).
    """

    widget = NumberInput

    def __init__(
        self,
        *,
        decimals: int = 2,
        min_value=None,
        max_value=None,
        max_digits: int | None = None,
        negative: bool | None = None,
        message_name=None,
        widget=None,
        **kwargs,
    ):
        self.decimals = decimals
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        self.max_digits = max_digits
        self.negative = negative if negative is not None else (self.min_value is None or self.min_value < 0)
        self.message_name = message_name
        if widget is None or isinstance(widget, type):
            widget = (widget or NumberInput)(decimals=decimals, negative=self.negative)
        super().__init__(widget=widget, **kwargs)

    def _fail(self, code: str, **params):
        field = self.message_name or self.label or ""
        return ValidationError(MESSAGES[code] % {"field": field, **params}, code=code, params=params)

    def to_python(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)  # an initial value (a disabled box), not typed text
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            try:
                number = parse_number(value, decimals=self.decimals, negative=self.negative)
            except NumberError as exc:
                raise self._fail(exc.code, **exc.params) from None
        if number is None:
            return None
        return int(number) if self.decimals == 0 else number

    def validate(self, value):
        if value is None:
            if self.required:
                raise self._fail("required")
            return
        if self.max_digits is not None and abs(value) >= Decimal(10) ** (self.max_digits - self.decimals):
            raise self._fail("too_large", value=format_number(value))
        if self.min_value is not None and value < self.min_value:
            raise self._fail("min_value", limit=format_number(self.min_value))
        if self.max_value is not None and value > self.max_value:
            raise self._fail("max_value", limit=format_number(self.max_value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("maxlength", "40")
        return attrs


def integer_field(**kwargs) -> NumberField:
    """A whole number ("2.500" is 2500 here)."""
    return NumberField(decimals=0, **kwargs)

