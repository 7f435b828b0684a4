"""The amount in words (số tiền bằng chữ), without a database: a table of known readings, then
properties over 0..10^15 checked against an independent reader that turns the words back into the
number."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.domain.words import amount_in_words, number_in_words

KNOWN = {
    0: "Không đồng",
    1: "Một đồng",
    4: "Bốn đồng",
    5: "Năm đồng",
    10: "Mười đồng",
    11: "Mười một đồng",
    14: "Mười bốn đồng",
    15: "Mười lăm đồng",
    20: "Hai mươi đồng",
    21: "Hai mươi mốt đồng",
    24: "Hai mươi tư đồng",
    25: "Hai mươi lăm đồng",
    55: "Năm mươi lăm đồng",
    91: "Chín mươi mốt đồng",
    100: "Một trăm đồng",
    101: "Một trăm linh một đồng",
    104: "Một trăm linh bốn đồng",
    105: "Một trăm linh năm đồng",
    110: "Một trăm mười đồng",
    111: "Một trăm mười một đồng",
    115: "Một trăm mười lăm đồng",
    121: "Một trăm hai mươi mốt đồng",
    1_000: "Một nghìn đồng",
    1_001: "Một nghìn không trăm linh một đồng",
    1_010: "Một nghìn không trăm mười đồng",
    1_021: "Một nghìn không trăm hai mươi mốt đồng",
    10_000: "Mười nghìn đồng",
    15_000: "Mười lăm nghìn đồng",
    21_000: "Hai mươi mốt nghìn đồng",
    205_000: "Hai trăm linh năm nghìn đồng",
    710_000: "Bảy trăm mười nghìn đồng",
    1_000_000: "Một triệu đồng",
    1_005_000: "Một triệu không trăm linh năm nghìn đồng",
    1_000_005: "Một triệu không trăm linh năm đồng",
    1_410_000: "Một triệu bốn trăm mười nghìn đồng",
    1_500_000: "Một triệu năm trăm nghìn đồng",
    2_340_000: "Hai triệu ba trăm bốn mươi nghìn đồng",
    2_830_000: "Hai triệu tám trăm ba mươi nghìn đồng",
    3_510_000: "Ba triệu năm trăm mười nghìn đồng",
    25_000_000: "Hai mươi lăm triệu đồng",
    1_000_000_000: "Một tỷ đồng",
    1_000_000_005: "Một tỷ không trăm linh năm đồng",
    2_005_000_000: "Hai tỷ không trăm linh năm triệu đồng",
    1_234_567_891: "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng",
    1_000_000_000_000: "Một nghìn tỷ đồng",
    1_000_001_000_000: "Một nghìn tỷ không trăm linh một triệu đồng",
    10**15: "Một triệu tỷ đồng",
}


@pytest.mark.parametrize(("amount", "expected"), KNOWN.items(), ids=[str(k) for k in KNOWN])
def test_known_readings(amount, expected):
    assert amount_in_words(amount) == expected


def test_number_in_words_is_lower_case_without_currency():
    assert number_in_words(0) == "không"
    assert number_in_words(21) == "hai mươi mốt"


@pytest.mark.parametrize("bad", [1.5, Decimal("10"), "100", None])
def test_only_whole_numbers(bad):
    with pytest.raises(TypeError):
        amount_in_words(bad)


def test_negative_is_refused():
    with pytest.raises(ValueError, match="âm"):
        amount_in_words(-1)


# An independent reader: words → number ---------------------------------------------------------

VALUES = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
          "bảy": 7, "tám": 8, "chín": 9}
SCALES = (("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3))


def read_back(words: list[str]) -> int:
    """Split at the largest scale word still present (the LAST "tỷ", so "nghìn tỷ" reads as nghìn × tỷ),
    then read each side; a group of three digits reads digit by digit."""
    for scale, value in SCALES:
        if scale in words:
            at = len(words) - 1 - words[::-1].index(scale)
            return read_back(words[:at]) * value + read_back(words[at + 1:])
    total, digit = 0, None
    for word in words:
        if word == "trăm":
            total += digit * 100
            digit = None
        elif word == "mươi":
            total += digit * 10
            digit = None
        elif word == "mười":
            total += 10
        elif word == "linh":
            pass
        else:
            if digit is not None:
                total += digit
            digit = VALUES[word]
    return total + (digit or 0)


def test_the_reader_reads_the_table():
    for amount, expected in KNOWN.items():
        assert read_back(expected.lower().split()[:-1]) == amount


amounts = st.one_of(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=0, max_value=2_000),
    # Amounts with many zero digits, where "không trăm" and "linh" matter.
    st.lists(st.sampled_from([0, 0, 0, 1, 4, 5]), min_size=1, max_size=15).map(lambda ds: int("".join(map(str, ds)))),
)


@given(amounts)
def test_properties_of_every_reading(amount):
    text = amount_in_words(amount)
    assert text[0].isupper()
    assert text == text.strip()
    assert "  " not in text
    assert text.endswith(" đồng")
    words = text[0].lower() + text[1:]
    tokens = words.split()[:-1]
    assert read_back(tokens) == amount
    assert set(tokens) <= {*VALUES, "trăm", "mươi", "mười", "linh", "nghìn", "triệu", "tỷ"}
    for before, word in zip(["", *tokens[:-1]], tokens, strict=True):
        if word in ("mốt", "tư"):
            assert before == "mươi", text  # 21, 24; but 11 "mười một", 14 "mười bốn"
        if word == "lăm":
            assert before in ("mười", "mươi"), text
        if word in ("một", "bốn", "năm") and before == "mươi":
            pytest.fail(text)
        if word == "năm" and before == "mười":
            pytest.fail(text)
        if word == "linh":
            assert before == "trăm", text
        if word == "không":
            assert amount == 0 or before in ("nghìn", "triệu", "tỷ"), text
    assert not re.search(r"linh (mười|mươi)|trăm linh$", " ".join(tokens)), text
