"""Turning one cell (as python-calamine reads it) into a value, or a Vietnamese reason why not.

Dates are the trap: a text date is read strictly as day/month/year, never month first, so
"05/06/1980" is 5 June and "13/25/2020" is an error rather than a silent guess.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .columns import BOOL, CHOICE, CODE, DATE, DATE_OR_YEAR, EMAIL, Column, fold_key

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_YEAR_TEXT = re.compile(r"^\d{4}$")
MAX_YEAR = 2100
_TRUE = {"co", "x", "1", "yes", "true", "dung", "phai"}
_FALSE = {"", "khong", "0", "no", "false", "sai"}
MIN_YEAR = 1900


class CellError(ValueError):
    """A cell that cannot be read; the message is the Vietnamese reason shown to the user."""


def cell_text(value) -> str:
    """The cell as text, whitespace collapsed; whole numbers lose the ".0" Excel adds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != datetime.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def parse_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if value.year < MIN_YEAR:
            raise CellError(f"Năm {value.year} không hợp lệ.")
        return value
    if isinstance(value, bool | int | float):
        raise CellError(
            f"Ô chứa số “{cell_text(value)}”, không phải ngày: hãy định dạng ô là ngày "
            "hoặc ghi theo dạng dd/mm/yyyy."
        )
    text = cell_text(value)
    if not text:
        return None
    match = _DATE_TEXT.match(text)
    if not match:
        raise CellError(f"“{text}” không phải là ngày: hãy ghi theo dạng dd/mm/yyyy (ví dụ 05/06/1980).")
    day, month, year = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise CellError(
            f"“{text}” không phải là ngày hợp lệ: không có tháng {month}. "
            "Ngày phải ghi theo dạng dd/mm/yyyy (ngày trước, tháng sau)."
        )
    try:
        parsed = datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày “{text}” không tồn tại (tháng {month}/{year} không có ngày {day}).") from None
    if year < MIN_YEAR:
        raise CellError(f"Năm {year} không hợp lệ.")
    return parsed


def parse_date_or_year(value) -> datetime.date | None:
    """A date as parse_date reads it, or a year alone (a number or four digits): 01/01 of that year."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and MIN_YEAR <= int(value) <= MAX_YEAR:
            return datetime.date(int(value), 1, 1)
        raise CellError(f"“{cell_text(value)}” không phải năm hoặc ngày: ghi năm (yyyy) hoặc ngày (dd/mm/yyyy).")
    text = cell_text(value) if not isinstance(value, datetime.date) else ""
    if text and _YEAR_TEXT.match(text):
        year = int(text)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CellError(f"Năm {year} không hợp lệ.")
        return datetime.date(year, 1, 1)
    try:
        return parse_date(value)
    except CellError:
        raise CellError(f"“{text or cell_text(value)}” không phải năm hoặc ngày: ghi năm (yyyy, ví dụ 2015) "
                        "hoặc ngày (dd/mm/yyyy, ví dụ 05/06/2015).") from None


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    key = fold_key(cell_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(f"“{cell_text(value)}” không hợp lệ: ghi Có hoặc Không.")


def parse_cell(column: Column, value, choice_lookup: dict[str, str] | None = None):
    """The value of a cell for `column`, or CellError. Empty optional cells give "" / None / False."""
    if column.kind == DATE:
        parsed = parse_date(value)
        if parsed is None and column.required:
            raise CellError("Thiếu giá trị bắt buộc.")
        return parsed
    if column.kind == DATE_OR_YEAR:
        return parse_date_or_year(value)
    if column.kind == BOOL:
        return parse_bool(value)
    text = cell_text(value)
    if not text:
        if column.required:
            raise CellError("Thiếu giá trị bắt buộc.")
        return ""
    if column.max_length and len(text) > column.max_length:
        raise CellError(f"Dài {len(text)} ký tự, vượt quá giới hạn {column.max_length} ký tự.")
    if column.kind == CHOICE:
        code = (choice_lookup or {}).get(fold_key(text))
        if code is None:
            allowed = ", ".join(column.labels)
            raise CellError(f"“{text}” không phải giá trị hợp lệ; chọn một trong: {allowed}.")
        return code
    if column.kind == EMAIL:
        try:
            validate_email(text)
        except ValidationError:
            raise CellError(f"“{text}” không phải địa chỉ email hợp lệ.") from None
        return text
    if column.kind == CODE and " " in text:  # cell_text left single spaces only
        raise CellError(f"Mã “{text}” không được chứa khoảng trắng.")
    return text
