"""Excel export of any list: a header row, then one row per object, streamed to the client; and the
one way every export (lists, templates, score tables) puts a value in a cell.

Text from users is written as text, never as a formula: "=HYPERLINK(…)" typed as a name must not
run when an office opens the export (formula injection). openpyxl turns any string starting
with "=" into a formula, so every export goes through put_value()/cell()/append_row().
"""

import datetime
import re
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet may read as the start of a formula when the cell is edited or the sheet is
# saved as CSV: such text also gets Excel's quote prefix (shown as a leading ' in the formula bar).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")


def sheet_title(text: str) -> str:
    """A sheet name Excel accepts from any text (a block's name may hold "/" or ":")."""
    cleaned = _BAD_TITLE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(text))).strip(" '")
    return cleaned[:31].strip(" '") or "Sheet1"


def put_value(cell, value):
    """Give an openpyxl cell its value: text always as a text cell (never a formula) without the
    control characters a workbook cannot hold; numbers, dates and booleans as they are."""
    if isinstance(value, Promise):  # a lazily translated heading
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def cell(sheet, value):
    """A cell for sheet.append(), in write-only and ordinary workbooks alike."""
    return put_value(WriteOnlyCell(sheet, value=None), value)


def append_row(sheet, values) -> None:
    sheet.append([cell(sheet, value) for value in values])


def set_cell(sheet, row: int, column: int, value):
    """sheet.cell(row, column, value), with the value put as put_value() does."""
    return put_value(sheet.cell(row=row, column=column), value)


def write_xlsx(path, *, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    write_xlsx_sheets(path, [(title, headers, rows)])


def write_xlsx_sheets(path, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> None:
    """One workbook, a sheet per (title, headers, rows): a bold header row, dates as dd/mm/yyyy."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(title))
        header_cells = []
        for text in headers:
            head = cell(sheet, text)
            head.font = bold
            header_cells.append(head)
        sheet.append(header_cells)
        for row in rows:
            out = []
            for value in row:
                item = cell(sheet, value)
                if isinstance(value, datetime.date):
                    item.number_format = "DD/MM/YYYY"
                out.append(item)
            sheet.append(out)
    workbook.save(path)


def xlsx_response(*, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> FileResponse:
    return xlsx_sheets_response(filename=filename, sheets=[(title, headers, rows)])


def xlsx_sheets_response(*, filename: str, sheets) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx_sheets(handle, sheets)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
