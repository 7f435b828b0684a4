"""Measuring a sheet's extent from its XML (tdkt/core/xlsx_extent.py): the reader's placement
rules, always erring on the far side, whatever the piece boundaries."""

import io

import pytest

from tdkt.core import xlsx_extent
from tdkt.core.xlsx_extent import SheetExtentError, check_sheet, measure

from . import hostile_xlsx


def _measure(xml: str, chunk: int | None = None, monkeypatch=None):
    if chunk:
        monkeypatch.setattr(xlsx_extent, "_CHUNK", chunk)
    return measure(lambda: io.BytesIO(xml.encode()), "S")


@pytest.mark.parametrize("chunk", [None, 1, 3, 7, 64])
def test_cells_and_rows_without_addresses_follow_one_another(monkeypatch, chunk):
    xml = ('<worksheet><sheetData><row><c><v>1</v></c><c/><c/></row><row/><row><c/></row>'
           '<row r="10"><c r="B10"/><c/></row><x:row><x:c/></x:row></sheetData></worksheet>')
    extent = _measure(xml, chunk, monkeypatch)
    assert (extent.rows, extent.columns) == (11, 3)


@pytest.mark.parametrize("chunk", [None, 5])
@pytest.mark.parametrize("cell", [
    '<c t="s" r="XFD1048576">',  # address not first
    "<c r='XFD1048576'>",  # single quotes
    '<c x=">" r="XFD1048576">',  # a ">" inside another attribute
    '<x:c r="XFD1048576">',  # a namespace prefix
    '<c\nr = "XFD1048576">',  # spaces around "="
])
def test_every_spelling_of_a_far_address_is_found(monkeypatch, chunk, cell):
    xml = f'<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="1048576">{cell}<v>1</v></c></row>'
    extent = _measure(xml + "</sheetData></worksheet>", chunk, monkeypatch)
    assert (extent.rows, extent.columns) == (1_048_576, 16_384)


@pytest.mark.parametrize("ref", ["&#88;FD1", "$A$1", "A12345678", "1A"])
def test_an_address_the_reader_would_read_otherwise_is_refused(ref):
    with pytest.raises(SheetExtentError, match="bị hỏng"):
        _measure(f'<worksheet><sheetData><row r="1"><c t="s" r="{ref}"/></row></sheetData></worksheet>')


def test_an_unterminated_tag_is_refused():
    with pytest.raises(SheetExtentError, match="bị hỏng"):
        _measure('<worksheet><sheetData><row r="1"><c r="A1" t="')


def test_limits_of_rows_columns_and_cells():
    content = hostile_xlsx.far_cell(["A", "B"], "CV1000", sheet="S")
    assert check_sheet(io.BytesIO(content), "S", max_rows=1000, max_columns=100, max_cells=100_000).rows == 1000
    for limits in ({"max_rows": 999, "max_columns": 100, "max_cells": 10**6},
                   {"max_rows": 1000, "max_columns": 99, "max_cells": 10**6},
                   {"max_rows": 1000, "max_columns": 100, "max_cells": 99_999}):
        with pytest.raises(SheetExtentError, match="có dữ liệu tới ô CV1000 \\(1.000 dòng × 100 cột\\)"):
            check_sheet(io.BytesIO(content), "S", **limits)


def test_a_workbook_with_a_doctype_is_refused():
    content = hostile_xlsx.workbook({"S": ""})
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook", b'<!DOCTYPE w [<!ENTITY a "aaaa">]><workbook', 1)
            dst.writestr(item, data)
    with pytest.raises(SheetExtentError, match="không đọc được danh sách trang tính"):
        check_sheet(out, "S", max_rows=10, max_columns=10, max_cells=100)


def test_the_shared_writer_keeps_text_as_text_and_numbers_as_numbers(tmp_path):
    import datetime
    from decimal import Decimal

    from tdkt.core.excel import write_xlsx

    path = tmp_path / "x.xlsx"
    rows = [[text, 7, Decimal("2.5"), datetime.date(2025, 1, 2), "a\x01b\x1fc"] for text in hostile_xlsx.FORMULA_LIKE]
    write_xlsx(path, title="Danh/sách: [1]", headers=["=Tên", "Số", "Điểm", "Ngày", "Ký tự"], rows=rows)
    cells = hostile_xlsx.assert_text_not_formulas(path.read_bytes(), *hostile_xlsx.FORMULA_LIKE, "=Tên")
    by_ref = {c.coordinate: c for c in cells}
    assert [by_ref[f"A{n}"].value for n in range(2, 8)] == list(hostile_xlsx.FORMULA_LIKE)
    assert (by_ref["B2"].value, by_ref["B2"].data_type) == (7, "n")
    assert (by_ref["C2"].value, by_ref["C2"].data_type) == (2.5, "n")
    assert (by_ref["D2"].is_date, by_ref["D2"].number_format) == (True, "DD/MM/YYYY")
    assert by_ref["E2"].value == "abc"  # control characters a workbook cannot hold are dropped, not a 500


@pytest.mark.parametrize("chunk", [None, 5, 64, 100])
def test_shared_strings_are_counted_across_pieces(monkeypatch, chunk):
    if chunk:
        monkeypatch.setattr(xlsx_extent, "_CHUNK", chunk)
    xml = "<sst>" + "<si><t>a</t></si>" * 500 + '<x:si x="1"><t>b</t></x:si><si/></sst>'
    assert xlsx_extent.count_shared_strings(io.BytesIO(xml.encode())) == 502


def test_millions_of_tiny_shared_strings_are_refused():
    content = hostile_xlsx.workbook({"S": hostile_xlsx.header_row(["A", "B"])}, strings=("x",) * 20_001)
    with pytest.raises(SheetExtentError, match="Tệp có 20.001 chuỗi văn bản dùng chung"):
        check_sheet(io.BytesIO(content), "S", max_rows=100, max_columns=10, max_cells=20_000)
    assert check_sheet(io.BytesIO(content), "S", max_rows=100, max_columns=10, max_cells=20_001).rows <= 100


def test_a_sheet_compressed_in_a_way_python_cannot_read_is_refused():
    from .test_uploads_hostile import _unsupported_method

    content = _unsupported_method(hostile_xlsx.workbook({"S": hostile_xlsx.header_row(["A"])}))
    with pytest.raises(SheetExtentError):
        check_sheet(io.BytesIO(content), "S", max_rows=10, max_columns=10, max_cells=100)
