"""The block's score table and a unit's sheet as files: an Excel workbook (openpyxl) and a DOCX
(python-docx) for LibreOffice to turn into PDF, both built from ``exports``' TableExport/SheetExport.

Workbook: the title block (block, title, status) over the column headings at row HEADER_ROW; numbers
as numbers (format 0 / 0.0#; a counted item's count in the format: 45 (5 lần)), borders, wrapped titles,
sections bold, the heading row frozen and repeated when printed.

DOCX layout as the documents app's (Nghị định 30/2020): Times New Roman; a two-column header without
borders — the organiser and the block (bold capitals, a short rule under it) on the left, the
quốc hiệu and the tiêu ngữ (bold, underlined) with place and date on the right; the title centred in
bold; then the bordered table with its heading row repeated on every page. The table is A4
landscape (a column per section), the sheet A4 portrait.
"""

from decimal import Decimal
from io import BytesIO

from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tdkt.core.excel import put_value, set_cell
from tdkt.documents.build_templates import (
    CENTER,
    LEFT,
    _add_row,
    _cell,
    _row_props,
    _table,
    new_document,
    para,
    rule,
)
from tdkt.documents.generation import clean, date_long, upper_vi

from .exports import SHEET_HEADERS, TOTAL_LABEL, SheetExport, TableExport, sheet_notes, show, table_notes

HEADER_ROW = 5  # the workbooks' column headings; the title block is above
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- Excel ------------------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Times New Roman"


def _number_format(value: Decimal, suffix: str = "") -> str:
    base = "0" if value == value.to_integral_value() else "0.0#"
    return base + (f'" {suffix}"' if suffix else "")


def _put(ws, row: int, column: int, value, *, bold=False, wrap=False, indent=0, suffix=""):
    """One bordered cell: a Decimal as a number (format 0 / 0.0#), text wrapped when asked."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else float(value)
        cell.number_format = _number_format(value, suffix)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    else:
        put_value(cell, clean(value) if isinstance(value, str) else value)  # text never a formula
        horizontal = "left" if wrap else "center"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap, indent=indent)
    cell.font = Font(name=FONT, size=12, bold=bold)
    cell.border = BORDER
    return cell


def _fit(ws, row: int, text: str, size: int) -> None:
    """Merged cells never grow with their text: the row is made tall enough for it."""
    room = sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(1, ws.max_column + 1))
    lines = max(1, -(-len(text) * size // int(room * 11)))  # a character is about a column unit at 11 pt
    ws.row_dimensions[row].height = round(size * 1.35 * lines + 3)


def _workbook(*, sheet_title, lines, headers, widths, landscape) -> tuple[Workbook, object]:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet_title[:31]
    last = get_column_letter(len(headers))
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(ws, HEADER_ROW, column, text, bold=True)
        ws.cell(row=HEADER_ROW, column=column).alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        ws.column_dimensions[get_column_letter(column)].width = width
    for index, (text, size) in enumerate(lines, start=1):
        ws.merge_cells(f"A{index}:{last}{index}")
        cell = set_cell(ws, index, 1, text)  # the block's and the round's names: text, never a formula
        cell.font = Font(name=FONT, size=size, bold=index < 3, italic=index >= 3)
        cell.alignment = Alignment(horizontal="left" if index == 1 else "center", vertical="center", wrap_text=True)
        _fit(ws, index, text, size)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    return workbook, ws


def _note_rows(ws, row: int, notes: list[str], columns: int) -> None:
    for offset, text in enumerate(notes):
        ws.merge_cells(start_row=row + offset, start_column=1, end_row=row + offset, end_column=columns)
        cell = set_cell(ws, row + offset, 1, text)
        cell.font = Font(name=FONT, size=12, italic=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit(ws, row + offset, text, 12)


def _save_workbook(workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_workbook(table: TableExport) -> bytes:
    headers = table.headers
    widths = [6, 42, *([11] * len(table.sections)), 13, 14, 13, 10]
    lines = [(table.heading.block.upper(), 12), (table.title, 14), (table.status_line, 12)]
    workbook, ws = _workbook(sheet_title="Bảng điểm", lines=lines, headers=headers, widths=widths, landscape=True)
    row = HEADER_ROW
    for row, values in enumerate(table.rows(), start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, Decimal(value) if isinstance(value, int) else value, wrap=column == 2)
    _note_rows(ws, row + 2, table_notes(table), len(headers))
    return _save_workbook(workbook)


def sheet_workbook(sheet: SheetExport) -> bytes:
    lines = [(sheet.heading.block.upper(), 12), (f"{sheet.title} — {sheet.unit}", 14), (sheet.status_line, 12)]
    workbook, ws = _workbook(
        sheet_title="Phiếu chấm", lines=lines, headers=SHEET_HEADERS, widths=[9, 70, 11, 15, 15], landscape=False
    )
    row = HEADER_ROW
    for row, item in enumerate(sheet.rows, start=HEADER_ROW + 1):
        bold = item.is_section
        _put(ws, row, 1, item.code, bold=bold)
        _put(ws, row, 2, item.title, bold=bold, wrap=True, indent=item.depth)
        _put(ws, row, 3, item.maximum, bold=bold)
        suffix = f"({show(item.count)} lần)" if item.count is not None else ""
        _put(ws, row, 4, item.self_score, bold=bold, suffix=suffix)
        _put(ws, row, 5, item.review, bold=bold)
    row += 1
    _put(ws, row, 1, "", bold=True)
    _put(ws, row, 2, TOTAL_LABEL, bold=True, wrap=True)
    for column, value in ((3, sheet.maximum), (4, sheet.self_total), (5, sheet.review_total)):
        _put(ws, row, column, value, bold=True)
    _note_rows(ws, row + 2, sheet_notes(sheet), len(SHEET_HEADERS))
    return _save_workbook(workbook)


# --- DOCX -------------------------------------------------------------------------------------------

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PORTRAIT_TEXT_MM = 210 - 30 - 15
LANDSCAPE_TEXT_MM = 297 - 20 - 15
CELL_PT = 11


def _document(title: str, *, landscape: bool):
    doc = new_document(title)
    doc.core_properties.comments = "Xuất từ hệ thống TĐKT"
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
        section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    return doc


def _header(doc, heading, *, text_mm: float):
    """Organiser and block on the left, quốc hiệu, tiêu ngữ, place and date on the right."""
    left_mm = round(text_mm * 0.4)
    widths = (left_mm, text_mm + 5 - left_mm)
    table = _table(doc, widths, borders=False, rows=2)
    top_left, top_right = table.rows[0].cells
    para(top_left, upper_vi(heading.organizer), first=True, size=13, align=CENTER, indent=False, after=0)
    para(top_left, upper_vi(heading.block), size=13, bold=True, align=CENTER, indent=False, after=0)
    rule(top_left, width_mm=26, container_mm=left_mm - 3, after=4)
    para(top_right, QUOC_HIEU, first=True, size=13, bold=True, align=CENTER, indent=False, after=0)
    para(top_right, TIEU_NGU, size=13, bold=True, underline=True, align=CENTER, indent=False, after=4)
    bottom_left, bottom_right = table.rows[1].cells
    para(bottom_left, "", first=True, size=13, align=CENTER, indent=False, after=0)
    place_date = f"{heading.place}, {date_long(heading.date)}"
    para(bottom_right, place_date, first=True, size=13, italic=True, align=CENTER, indent=False, before=4, after=0)
    for row in table.rows:
        _row_props(row)


def _title(doc, lines: list[tuple[str, dict]], *, text_mm: float, below: list[str] = ()):
    """The title lines centred (bold unless told), a short rule, then the `below` lines in italics."""
    for index, (text, style) in enumerate(lines):
        para(
            doc,
            clean(text),
            size=style.get("size", 14),
            bold=style.get("bold", True),
            align=CENTER,
            indent=False,
            before=14 if index == 0 else 0,
            after=0,
            keep_next=True,
        )
    rule(doc, width_mm=40, container_mm=text_mm, after=4 if below else 10)
    for index, text in enumerate(below):
        last = index == len(below) - 1
        para(doc, clean(text), size=13, italic=True, align=CENTER, indent=False, after=10 if last else 0)


def _doc_notes(doc, notes: list[str]):
    for index, text in enumerate(notes):
        para(doc, clean(text), size=12, italic=True, align=LEFT, indent=False, before=8 if index == 0 else 0, after=2)


def _grid(doc, widths, headers):
    table = _table(doc, widths, borders=True, rows=1)
    _row_props(table.rows[0], header=True)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True, size=CELL_PT)
    return table


def _save(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def table_widths(sections: int) -> list[float]:
    """TT, Đơn vị, one column per section, two totals, band and rank, within the landscape page."""
    fixed = [10, 20, 22, 22, 17]  # TT, Tổng tự chấm, Tổng thẩm định, Xếp loại, Xếp hạng
    room = LANDSCAPE_TEXT_MM - sum(fixed)
    each = min(16, max(12, (room - 60) / sections)) if sections else 0
    unit = max(45, room - each * sections)
    return [fixed[0], unit, *([each] * sections), *fixed[1:]]


def table_docx(table: TableExport) -> bytes:
    doc = _document(table.title, landscape=True)
    _header(doc, table.heading, text_mm=LANDSCAPE_TEXT_MM)
    _title(doc, [(table.title, {}), (table.heading.block, {})], text_mm=LANDSCAPE_TEXT_MM, below=[table.status_line])
    widths = table_widths(len(table.sections))
    grid = _grid(doc, widths, table.headers)
    for values in table.rows():
        row = _add_row(grid, widths)
        _row_props(row)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            text = clean(value) if isinstance(value, str) else show(value)
            _cell(cell, text, align=LEFT if index == 1 else CENTER, size=CELL_PT)
    _doc_notes(doc, table_notes(table))
    return _save(doc)


SHEET_WIDTHS_MM = (14, 89, 20, 22, 22)


def sheet_docx(sheet: SheetExport) -> bytes:
    doc = _document(f"{sheet.title} — {sheet.unit}", landscape=False)
    _header(doc, sheet.heading, text_mm=PORTRAIT_TEXT_MM)
    lines = [(sheet.title, {}), (sheet.unit, {}), (sheet.heading.block, {"bold": False, "size": 13})]
    _title(doc, lines, text_mm=PORTRAIT_TEXT_MM, below=[sheet.status_line] if sheet.status_line else [])
    grid = _grid(doc, SHEET_WIDTHS_MM, SHEET_HEADERS)
    for item in sheet.rows:
        row = _add_row(grid, SHEET_WIDTHS_MM)
        _row_props(row)
        cells = row.cells
        bold = item.is_section
        _cell(cells[0], item.code, bold=bold, size=CELL_PT)
        title = _cell(cells[1], clean(item.title), bold=bold, align=LEFT, size=CELL_PT)
        title.paragraph_format.left_indent = Mm(3 * item.depth)
        _cell(cells[2], show(item.maximum), bold=bold, size=CELL_PT)
        _cell(cells[3], item.self_text, bold=bold, size=CELL_PT)
        _cell(cells[4], show(item.review), bold=bold, size=CELL_PT)
    total = _add_row(grid, SHEET_WIDTHS_MM)
    _row_props(total)
    figures = ("", TOTAL_LABEL, show(sheet.maximum), show(sheet.self_total), show(sheet.review_total))
    for index, (cell, text) in enumerate(zip(total.cells, figures, strict=True)):
        _cell(cell, text, bold=True, align=LEFT if index == 1 else CENTER, size=CELL_PT)
    _doc_notes(doc, sheet_notes(sheet))
    return _save(doc)
