"""Numbers as Vietnamese type and read them: "2,5", "1.234.000", "1.234,5" (pure Python).

The comma is the decimal separator; the dot (or a space) groups thousands in groups of exactly
three. Anything that another habit would read differently is refused rather than guessed, because
a wrong guess is silent: "27,5" once became 275 through a browser's number box.

- "2.5", "1.23", "1.2345", "27.50": a dot that cannot be grouping is an English decimal point →
  refused, the message shows the comma form ("2,5").
- "2.500", "12.345": one group of three after a single dot reads 2500 the Vietnamese way and
  2,5 the English way. In a whole-number field it is grouping (2500: nobody types a count as a
  decimal); where decimals are allowed it is refused as ambiguous.
- "1.234.567", "1.234,5", "1 234 567": unambiguous grouping → accepted.
- "1,234,567", "1,234.5": an English habit → refused, with the Vietnamese form.
- "1,234", "2,500": the decimal 1,234 → accepted where 3 decimals are allowed; otherwise "too
  many decimals" (never rounded silently; three digits after the comma are refused even when they
  end in zeros, since "2,500" is 2500 to an English habit); in a whole-number field "must be
  whole". Fewer trailing zeros lose nothing: "2,50" is 2,5 in a one-decimal box, "2,0" is 2.

``parse_number`` raises ``NumberError`` with a ``code`` and ``params`` (the form layer turns
them into translated messages naming the field) and a Vietnamese ``reason`` for pure callers.
``format_number`` writes a value back so that parsing what it wrote gives the value again.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_LENGTH = 40  # characters of a typed number; more is not a number anybody means
# Spaces people (and spreadsheets) put between groups of thousands.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # "−" from Word, "–" from an autocorrect
_DIGITS = re.compile(r"[0-9]+")
# Integer part: digits, or groups of three after a first group of 1–3 digits (no leading zero).
_GROUPED_DOTS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_GROUPED_SPACES = re.compile(r"[1-9][0-9]{0,2}(?: [0-9]{3})+")
_ENGLISH_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_ENGLISH_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")

REASONS = {
    "invalid": "“{value}” không phải là số",
    "dot_decimal": "“{value}”: số thập phân viết bằng dấu phẩy, hãy gõ “{suggestion}”",
    "ambiguous": "“{value}” không rõ: gõ “{decimal}” nếu là số thập phân, “{whole}” nếu là số nguyên",
    "english": "“{value}”: dấu chấm để nhóm hàng nghìn, dấu phẩy trước phần thập phân, hãy gõ “{suggestion}”",
    "grouping": "“{value}”: nhóm hàng nghìn phải đủ ba chữ số (ví dụ 1.234.567)",
    "whole": "“{value}” phải là số nguyên",
    "decimals": "“{value}”: chỉ được tối đa {places} chữ số sau dấu phẩy",
    "negative": "“{value}” không được là số âm",
    "too_long": "quá dài để là một số",
}


class NumberError(ValueError):
    """Why a text is not a number of the field: ``code`` (a key of REASONS) and its ``params``."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        return REASONS[self.code].format(**self.params)


def parse_number(text: object, *, decimals: int = 2, negative: bool = False) -> Decimal | None:
    """The number a person typed, or None for a blank box.

    ``decimals`` is the most digits allowed after the comma (0: a whole number, where "2.500" is
    2500); ``negative`` whether a leading minus is allowed. Raises NumberError otherwise.
    """
    if text is None:
        return None
    raw = str(text).translate(_SPACES).translate(_MINUS).strip()
    if not raw:
        return None
    shown = raw if len(raw) <= MAX_LENGTH else raw[:MAX_LENGTH] + "…"
    if len(raw) > MAX_LENGTH:
        raise NumberError("too_long", value=shown)
    sign, body = "", raw
    if body[0] in "+-":
        sign, body = body[0], body[1:].lstrip()
    if "," in body:
        whole, _comma, fraction = body.partition(",")
    else:
        whole, fraction = body, None
    if fraction is not None and not _DIGITS.fullmatch(fraction):
        if _ENGLISH_GROUPED.fullmatch(body):  # "1,234,567" or "1,234.5"
            raise NumberError("english", value=shown, suggestion=_english_to_vi(sign, body))
        raise NumberError("invalid", value=shown)
    integer = _integer_digits(whole, shown, decimals=decimals, has_fraction=fraction is not None, sign=sign)
    number = Decimal(f"{sign}{integer}.{fraction or '0'}")
    # Zeros after the last digit lose nothing ("2,50" in a 1-decimal box), but three digits after the
    # comma are refused beyond the field's decimals even as zeros: "2,500" is 2500 to an English habit.
    if fraction is not None and (
        len(fraction.rstrip("0")) > decimals or (len(fraction) > decimals and len(fraction) >= 3)
    ):
        if decimals == 0:
            raise NumberError("whole", value=shown)
        raise NumberError("decimals", value=shown, places=decimals)
    if number < 0 and not negative:
        raise NumberError("negative", value=shown)
    if decimals == 0:
        return Decimal(int(number))
    places = len(fraction.rstrip("0")) if fraction else 0
    return number.quantize(Decimal(1).scaleb(-places)) if places else Decimal(int(number))


def _integer_digits(whole: str, shown: str, *, decimals: int, has_fraction: bool, sign: str) -> str:
    """The digits of the part before the comma, its grouping checked."""
    if _DIGITS.fullmatch(whole):
        return whole
    if _GROUPED_SPACES.fullmatch(whole):
        return whole.replace(" ", "")
    if _GROUPED_DOTS.fullmatch(whole):
        if has_fraction or whole.count(".") > 1 or decimals == 0:
            return whole.replace(".", "")
        head, tail = whole.split(".")
        decimal = f"{sign}{head},{tail.rstrip('0')}".rstrip(",")
        raise NumberError("ambiguous", value=shown, decimal=decimal, whole=f"{sign}{head}{tail}")
    if not has_fraction and _ENGLISH_DECIMAL.fullmatch(whole):  # "2.5", "27.50", "1.2345"
        head, tail = whole.split(".")
        raise NumberError("dot_decimal", value=shown, suggestion=f"{sign}{head},{tail}")
    if "." in whole and all(_DIGITS.fullmatch(part) for part in whole.split(".")):
        raise NumberError("grouping", value=shown)  # "1.23.456", "12.34,5"
    raise NumberError("invalid", value=shown)


def _english_to_vi(sign: str, body: str) -> str:
    whole, _point, fraction = body.partition(".")
    return sign + whole.replace(",", ".") + (f",{fraction}" if fraction else "")


def format_number(value: object, *, decimals: int | None = None, group: bool = True, places: int | None = None) -> str:
    """A number as Vietnamese write it: "2,5", "1.234.000", "-3".

    ``decimals``: round (half up) to at most that many places — for display only; a form shows
    what it stores. Trailing zeros are dropped unless ``places`` fixes the count of decimals.
    ``group`` puts dots between thousands; where the result could be read back two ways by a field
    that allows decimals ("2.500"), the caller passes ``group=False`` or uses ``format_for_input``.
    """
    if value is None or value == "":
        return ""
    number = _as_decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _point, fraction = text.partition(".")
    if places is None:
        fraction = fraction.rstrip("0")
    if group:
        whole = _group(whole)
    if sign and not (whole.strip("0.") or fraction.strip("0")):
        sign = ""  # "-0" and "-0,00" are zero
    return sign + whole + (f",{fraction}" if fraction else "")


def format_for_input(value: object, *, decimals: int = 2) -> str:
    """A stored value as a form box shows it, so that ``parse_number(..., decimals=decimals)`` reads
    the same value back: grouped ("1.234.000", "1.234,5") unless that would be the ambiguous
    "2.500" of a field with decimals, then plain ("2500")."""
    if value is None or value == "":
        return ""
    grouped = format_number(value)
    if decimals > 0 and grouped.count(".") == 1 and "," not in grouped:
        return format_number(value, group=False)
    return grouped


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise TypeError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise TypeError(f"{value!r} is not a finite number")
    return number
