"""Decimal helpers: JSON numbers in, 2-decimal half-up figures out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0")


def to_decimal(value: object) -> Decimal | None:
    """A JSON number as a finite Decimal (floats through ``str``), else None. Booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def round2(value: Decimal) -> Decimal:
    """Rounded to 2 decimals, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def has_at_most_2_decimals(value: Decimal) -> bool:
    return value == value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def mean(values: list[Decimal]) -> Decimal:
    return round2(sum(values, ZERO) / len(values))


def as_json_number(value: Decimal) -> float:
    """A 2-decimal figure as a JSON number (54 -> 54.0, 28.5 -> 28.5)."""
    return float(round2(value))


def show(value: object) -> str:
    """A scorer's value as it appears in a message."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def show_vi(value: Decimal) -> str:
    """A figure as Vietnamese write it: decimal comma, no trailing zeros (2,5; 45)."""
    return show(round2(value)).replace(".", ",")


def show_comma(value: Decimal) -> str:
    """A figure with a decimal comma and as many decimals as it has (2,555 stays 2,555: a message
    about too many decimals shows them all)."""
    return show(value).replace(".", ",")
