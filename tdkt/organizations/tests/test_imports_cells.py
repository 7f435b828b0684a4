"""Reading one cell: strict day-first dates, choices, yes/no (no database)."""

import datetime

import pytest

from tdkt.organizations.importers.cells import CellError, cell_text, parse_bool, parse_cell, parse_date
from tdkt.organizations.importers.columns import PEOPLE_COLUMNS, fold_key

COLUMNS = {c.key: c for c in PEOPLE_COLUMNS}


@pytest.mark.parametrize(("value", "expected"), [
    ("05/06/1980", datetime.date(1980, 6, 5)),  # 5 June, never 6 May
    ("5/6/1980", datetime.date(1980, 6, 5)),
    (" 31/12/1999 ", datetime.date(1999, 12, 31)),
    ("29/02/2020", datetime.date(2020, 2, 29)),
    ("05.06.1980", datetime.date(1980, 6, 5)),
    (datetime.date(1980, 6, 5), datetime.date(1980, 6, 5)),
    (datetime.datetime(1980, 6, 5, 0, 0), datetime.date(1980, 6, 5)),
    ("", None),
    (None, None),
])
def test_dates_are_day_first(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "reason"), [
    ("31/02/2020", "không tồn tại"),
    ("29/02/2021", "không tồn tại"),
    ("13/25/2020", "không có tháng 25"),
    ("06-30-1980", "không có tháng 30"),
    ("1980-06-05", "không phải là ngày"),
    ("5/6/80", "không phải là ngày"),
    ("hôm qua", "không phải là ngày"),
    (29376.0, "không phải ngày"),
    ("01/01/1850", "Năm 1850 không hợp lệ"),
])
def test_bad_dates_say_why(value, reason):
    with pytest.raises(CellError, match=reason):
        parse_date(value)


def test_whole_numbers_lose_the_excel_point_zero():
    assert cell_text(12345.0) == "12345"
    assert cell_text(1.5) == "1.5"
    assert cell_text("  Nguyễn   Văn  An ") == "Nguyễn Văn An"


@pytest.mark.parametrize(("value", "expected"), [
    ("Có", True), ("co", True), ("x", True), (True, True), (1.0, True),
    ("Không", False), ("", False), (None, False), (False, False),
])
def test_yes_no(value, expected):
    assert parse_bool(value) is expected


def test_choices_accept_labels_codes_and_any_case_or_accents():
    column = COLUMNS["category"]
    lookup = column.choice_lookup()
    for spelling in ("Viên chức", "VIÊN CHỨC", "vien chuc", "vien_chuc"):
        assert parse_cell(column, spelling, lookup) == "vien_chuc"
    assert parse_cell(column, "Lực lượng vũ trang", lookup) == "luc_luong_vu_trang"
    with pytest.raises(CellError, match="chọn một trong: Cán bộ, Công chức"):
        parse_cell(column, "Hợp đồng", lookup)


def test_header_keys_ignore_stars_notes_and_punctuation():
    assert fold_key("Họ và tên *") == fold_key("HO VA TEN") == "ho va ten"
    assert fold_key("Lãnh đạo, quản lý") == "lanh dao quan ly"
    assert fold_key("Ngày sinh (dd/mm/yyyy)") == "ngay sinh"


def test_required_and_too_long_values():
    with pytest.raises(CellError, match="Thiếu giá trị bắt buộc"):
        parse_cell(COLUMNS["full_name"], "   ")
    with pytest.raises(CellError, match="vượt quá giới hạn 30 ký tự"):
        parse_cell(COLUMNS["phone"], "0" * 31)
    with pytest.raises(CellError, match="khoảng trắng"):
        parse_cell(COLUMNS["code"], "CB 01")
