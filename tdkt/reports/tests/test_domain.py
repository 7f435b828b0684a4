"""The forms' layouts as data (no database): codes and columns as the circular prints them, how a cell's
criteria meet, the header's merged cells, the duration bands and the difference from a submitted version."""

import pytest

from tdkt.reports.domain import tt02_0601
from tdkt.reports.domain.forms import FORMS
from tdkt.reports.domain.layout import HeadCell, cell_criteria, crit, diff, fill, header_rows, merge


def test_row_codes_as_the_layouts_number_them():
    codes = {code: [r.code for r in f.data_rows] for code, f in FORMS.items()}
    assert codes["0601"] == [f"{i:02d}" for i in range(1, 13)]
    assert codes["0602"] == ["01", "02", "03", *[f"{i:02d}" for i in range(6, 22)]]
    assert codes["0603"] == [f"{i:02d}" for i in range(1, 18)]
    assert codes["0604"] == ["01", "02", "03", "04", "05"]
    assert codes["0605"] == [f"{i:02d}" for i in range(1, 16)]


def test_column_numbers_and_units():
    assert [c.number for c in FORMS["0601"].columns] == ["1=(2+3+4)", "2", "3", "4"]
    assert [c.number for c in FORMS["0602"].columns] == ["1", "2", "2", "3", "4", "5", "5", "6", "7", "7", "8",
                                                          "9", "9"]
    assert FORMS["0601"].unit_of_measure == "Phong trào"
    assert [r.unit for r in FORMS["0603"].data_rows][1:5] == ["Tập thể", "Doanh nghiệp", "Hộ", "Người"]
    assert FORMS["0604"].data_rows[0].unit == "Tổ chức"


def test_a_cell_is_empty_where_row_and_column_cannot_meet():
    form = FORMS["0602"]
    assert cell_criteria(form, "06", "2_cn") is None  # collectives × individuals
    assert cell_criteria(form, "09", "2_cn")["recipient"] == frozenset(
        {"leader_province", "leader_department", "businessperson", "leader_other", "worker"})
    with pytest.raises(KeyError):
        cell_criteria(form, "04", "1")  # the layout has no row 04
    assert merge(crit(a="x"), crit(a=("x", "y"), b="z")) == {"a": frozenset({"x"}), "b": frozenset({"z"})}


def test_fill_sums_the_groups_that_meet_a_cell():
    groups = [({"sex": "nu", "age": "le30", "education": "dai_hoc", "seniority": "lt5"}, 3),
              ({"sex": "nam", "age": "le30", "education": "", "seniority": "unknown"}, 2)]
    cells = fill(FORMS["0605"], groups)
    assert cells["01"] == {"1": 5, "2": 3}
    assert cells["02"] == {"1": 5, "2": 3}
    assert cells["11"] == {"1": 3, "2": 3}
    assert cells["13"] == {"1": 3, "2": 3}


def test_header_merges_and_spans():
    rows = header_rows(FORMS["0605"].columns)
    assert rows == [[HeadCell("Số lượng (Người)", 2, 1)],
                    [HeadCell("Tổng số", 1, 1), HeadCell("Trong đó: Nữ", 1, 1)]]
    top = header_rows(FORMS["0602"].columns)[0]
    assert top == [HeadCell("Tổng số", 1, 3), HeadCell("Chia ra", 12, 1)]


@pytest.mark.parametrize(("days", "band"), [
    (364, "lt1"), (365, "y1"), (366, "y1"), (367, "y1_3"), (1094, "y1_3"), (1095, "y3_5"),
    (1825, "y3_5"), (1826, "ge5"), (2557, "ge5"),
])
def test_duration_bands(days, band):
    assert tt02_0601.duration_band(days) == band


def test_diff_keeps_only_changed_cells():
    assert diff({"01": {"1": 5, "2": None}, "02": {"1": 0}}, {"01": {"1": 4, "2": None}, "02": {"1": 0}}) == {
        "01": {"1": 1}}
    assert diff({"01": {"1": 2}}, {}) == {"01": {"1": 2}}
