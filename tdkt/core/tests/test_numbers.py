"""The number parser's table: what a Vietnamese clerk types, what it means, what is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.core.domain.numbers import NumberError, format_for_input, format_number, parse_number

D = Decimal
DEC2 = {}  # the default: up to 2 decimals, no sign
WHOLE = {"decimals": 0}
SIGNED = {"negative": True}

ACCEPTED = [
    # (typed, field rules, value)
    ("2,5", DEC2, D("2.5")),
    ("27,5", DEC2, D("27.5")),
    ("0,5", DEC2, D("0.5")),
    ("12,25", DEC2, D("12.25")),
    ("2,50", DEC2, D("2.5")),
    ("2,50", {"decimals": 1}, D("2.5")),  # trailing zeros are not decimals lost
    ("2,500", {"decimals": 3}, D("2.5")),
    ("45", DEC2, D(45)),
    ("045", DEC2, D(45)),
    ("0", DEC2, D(0)),
    ("1.234,5", DEC2, D("1234.5")),
    ("1.234.567", DEC2, D(1234567)),
    ("1.234.567,89", DEC2, D("1234567.89")),
    ("1 234 567", DEC2, D(1234567)),
    ("1\u00a0234,5", DEC2, D("1234.5")),  # no-break space from a spreadsheet
    ("1\u202f234", DEC2, D(1234)),  # narrow no-break space
    ("  2,5  ", DEC2, D("2.5")),
    ("+3", DEC2, D(3)),
    ("1,234", {"decimals": 3}, D("1.234")),  # a decimal comma, where 3 decimals are allowed
    ("2.500", WHOLE, D(2500)),  # a whole-number field: the dot can only be grouping
    ("12.345", WHOLE, D(12345)),
    ("1.234.000", WHOLE, D(1234000)),
    ("1 234 000", WHOLE, D(1234000)),
    ("2,0", WHOLE, D(2)),
    ("2,00", WHOLE, D(2)),
    ("-2,5", SIGNED, D("-2.5")),
    ("- 2,5", SIGNED, D("-2.5")),
    ("\u22123", SIGNED, D(-3)),  # the minus sign Word writes
    ("-1.234,5", SIGNED, D("-1234.5")),
    ("-0", DEC2, D(0)),
    ("", DEC2, None),
    ("   ", DEC2, None),
    (None, DEC2, None),
]

REFUSED = [
    # (typed, field rules, code, a word the message must contain)
    ("2.5", DEC2, "dot_decimal", "2,5"),
    ("27.5", DEC2, "dot_decimal", "27,5"),
    ("27.50", DEC2, "dot_decimal", "27,50"),
    ("1.23", DEC2, "dot_decimal", "1,23"),
    ("1.2345", DEC2, "dot_decimal", "1,2345"),
    ("0.500", DEC2, "dot_decimal", "0,500"),
    ("2.5", WHOLE, "dot_decimal", "2,5"),
    ("2.500", DEC2, "ambiguous", "2500"),
    ("2.500", DEC2, "ambiguous", "2,5"),
    ("12.345", DEC2, "ambiguous", "12345"),
    ("-2.500", SIGNED, "ambiguous", "-2500"),
    ("1,234", DEC2, "decimals", "2"),  # 1,234 is a decimal here, with one digit too many
    ("2,555", DEC2, "decimals", "2,555"),
    ("2,500", DEC2, "decimals", "2,500"),  # 2500 to an English habit: three digits are never dropped
    ("2,000", WHOLE, "whole", "2,000"),
    ("2,55", {"decimals": 1}, "decimals", "1"),
    ("1,5", WHOLE, "whole", "1,5"),
    ("1,234", WHOLE, "whole", "1,234"),
    ("1,234,567", DEC2, "english", "1.234.567"),
    ("1,234.5", DEC2, "english", "1.234,5"),
    ("1,234,567.25", DEC2, "english", "1.234.567,25"),
    ("1.23.456", DEC2, "grouping", "1.23.456"),
    ("1.2345.678", WHOLE, "grouping", "1.2345.678"),
    ("12.34,5", DEC2, "grouping", "12.34,5"),
    ("1 23 456", DEC2, "invalid", "1 23 456"),
    ("1.234 567", DEC2, "invalid", "1.234 567"),
    ("-2,5", DEC2, "negative", "-2,5"),
    ("-1", WHOLE, "negative", "-1"),
    ("abc", DEC2, "invalid", "abc"),
    ("2,5đ", DEC2, "invalid", "2,5đ"),
    ("2,", DEC2, "invalid", "2,"),
    (",5", DEC2, "invalid", ",5"),
    (",", DEC2, "invalid", ","),
    ("-", SIGNED, "invalid", "-"),
    ("+-3", SIGNED, "invalid", "+-3"),
    ("1e5", DEC2, "invalid", "1e5"),
    ("NaN", DEC2, "invalid", "NaN"),
    ("Infinity", DEC2, "invalid", "Infinity"),
    ("٣", DEC2, "invalid", "٣"),  # an Arabic-Indic three: digits are 0-9 only
    ("１２", DEC2, "invalid", "１２"),  # full-width digits
    ("2,5,5", DEC2, "invalid", "2,5,5"),
    ("2 ,5", DEC2, "invalid", "2 ,5"),
    ("1" * 41, DEC2, "too_long", "quá dài"),
]


@pytest.mark.parametrize(("typed", "rules", "value"), ACCEPTED, ids=[repr(r[0]) + str(r[1]) for r in ACCEPTED])
def test_accepted(typed, rules, value):
    assert parse_number(typed, **rules) == value


def test_never_turns_a_decimal_comma_into_a_larger_number():
    assert parse_number("2,5") == D("2.5") != D(25)
    assert parse_number("27,5") == D("27.5") != D(275)


@pytest.mark.parametrize(
    ("typed", "rules", "code", "word"), REFUSED, ids=[f"{r[0][:12]!r}{r[1]}-{r[2]}" for r in REFUSED]
)
def test_refused(typed, rules, code, word):
    with pytest.raises(NumberError) as caught:
        parse_number(typed, **rules)
    assert caught.value.code == code
    assert word in caught.value.reason


SHOWN = [
    # (value, format_number, format_for_input with 2 decimals, format_for_input of a whole number)
    (D("2.5"), "2,5", "2,5", "2,5"),
    (D("2.50"), "2,5", "2,5", "2,5"),
    (D("45.00"), "45", "45", "45"),
    (D(0), "0", "0", "0"),
    (D("-0.00"), "0", "0", "0"),
    (D(2500), "2.500", "2500", "2.500"),  # "2.500" would be ambiguous in a box with decimals
    (D("2500.5"), "2.500,5", "2.500,5", "2.500,5"),
    (1234000, "1.234.000", "1.234.000", "1.234.000"),
    (D("1E+3"), "1.000", "1000", "1.000"),
    (D("-1234.5"), "-1.234,5", "-1.234,5", "-1.234,5"),
    (0.1, "0,1", "0,1", "0,1"),
    (999, "999", "999", "999"),
    (None, "", "", ""),
]


@pytest.mark.parametrize(("value", "shown", "box", "whole_box"), SHOWN)
def test_shown(value, shown, box, whole_box):
    assert format_number(value) == shown
    assert format_for_input(value) == box
    assert format_for_input(value, decimals=0) == whole_box


def test_format_rounds_for_display_and_fixes_places():
    assert format_number(D("2.345"), decimals=2) == "2,35"  # half up
    assert format_number(D("2.5"), places=2) == "2,50"
    assert format_number(1234567, group=False) == "1234567"


def test_format_refuses_what_is_not_a_number():
    for bad in (True, "abc", D("NaN"), float("inf")):
        with pytest.raises(TypeError):
            format_number(bad)


decimals_2 = st.decimals(min_value=D("-9999999.99"), max_value=D("9999999.99"), places=2, allow_nan=False)


@given(decimals_2)
def test_round_trip_with_decimals(value):
    assert parse_number(format_for_input(value), negative=True) == value
    assert parse_number(format_number(value, group=False), negative=True) == value


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_round_trip_whole_numbers(value):
    assert parse_number(format_number(value), decimals=0, negative=True) == value
    assert parse_number(format_for_input(value, decimals=0), decimals=0, negative=True) == value
    assert parse_number(format_for_input(value), negative=True) == value


@given(st.decimals(min_value=D(0), max_value=D("99999.999"), places=3, allow_nan=False))
def test_round_trip_three_places(value):
    assert parse_number(format_for_input(value, decimals=3), decimals=3) == value


@given(st.text(max_size=20))
def test_any_text_is_a_number_or_a_reason(text):
    try:
        value = parse_number(text, negative=True)
    except NumberError as exc:
        reason = exc.reason
    else:
        reason = "a number"
        assert value is None or value.is_finite()
    assert reason
