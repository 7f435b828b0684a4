"""An amount of money in words (số tiền bằng chữ), as Vietnamese financial documents write it after
the figures: 1.500.000 → "Một triệu năm trăm nghìn đồng".

Reading rules (the Northern reading used in administrative documents):
- a zero tens digit between hundreds and units reads "linh": 205 → "hai trăm linh năm";
- 10–19 read "mười …" (11 "mười một", 14 "mười bốn", 15 "mười lăm"); 20 and above "… mươi …", where a
  units 1 reads "mốt" (21 "hai mươi mốt"), a 4 reads "tư" (24 "hai mươi tư") and a 5 reads "lăm";
- a group of three digits that follows a higher group is read in full, so a zero hundreds digit
  reads "không trăm" (1.005.000 → "một triệu không trăm linh năm nghìn"), while groups that are all
  zero are not read at all (1.000.000 → "một triệu");
- groups are nghìn, triệu, tỷ; above tỷ the part before it is read again (10^12 "một nghìn tỷ").

Pure: no Django.
"""

from __future__ import annotations

import operator

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", "nghìn", "triệu")  # 10^0, 10^3, 10^6; 10^9 is "tỷ", handled by recursion
BILLION = 10**9
CURRENCY = "đồng"

# The units digit after "mươi" (20 and above) and after "mười" (10–19).
_AFTER_MUOI = {1: "mốt", 4: "tư", 5: "lăm"}
_AFTER_MUOI_10 = {5: "lăm"}


def _three(n: int, *, full: bool) -> list[str]:
    """Words for 0 < n < 1000. ``full``: a group after a higher one, read with its hundreds even
    when that digit is zero ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append(_AFTER_MUOI_10.get(units, DIGITS[units]))
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_AFTER_MUOI.get(units, DIGITS[units]))
    return words


def _words(n: int, *, full: bool) -> list[str]:
    """Words for n > 0; ``full`` as in _three, for the first group read."""
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        words = [*_words(high, full=full), "tỷ"]
        if low:
            words += _words(low, full=True)
        return words
    words: list[str] = []
    for power in range(len(GROUPS) - 1, -1, -1):
        group = n // 1000**power % 1000
        if group == 0:
            continue
        words += _three(group, full=full)
        if GROUPS[power]:
            words.append(GROUPS[power])
        full = True
    return words


def number_in_words(n: int) -> str:
    """A whole number ≥ 0 in Vietnamese words, lower case: 21 → "hai mươi mốt", 0 → "không"."""
    n = operator.index(n)  # an int (or a numpy-like integer), never a float or a Decimal
    if n < 0:
        raise ValueError("số tiền không được âm")
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, full=False))


def amount_in_words(n: int) -> str:
    """An amount of đồng in words with a capital first letter: 1500000 → "Một triệu năm trăm nghìn
    đồng", 0 → "Không đồng". ValueError for a negative amount, TypeError for a non-integer."""
    text = f"{number_in_words(n)} {CURRENCY}"
    return text[0].upper() + text[1:]
