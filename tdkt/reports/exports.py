"""A computed form as the official Excel sheet and as a printable PDF.

The workbook goes through tdkt/core/excel.py (every value put as text or number, never a formula); the
PDF is the print template rendered by WeasyPrint, with the fonts the server has (as certificates are)."""

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tdkt.core.excel import set_cell, sheet_title

from .tables import Table

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
SIGNATURE = (("Người lập biểu", "(Ký, họ tên)"), ("Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)"))


def _put(ws, row, col, value, *, bold=False, align=CENTER, box=False, italic=False):
    c = set_cell(ws, row, col, value)
    c.alignment = align
    if bold or italic:
        c.font = Font(bold=bold, italic=italic)
    if box:
        c.border = BOX
    return c


def _merge(ws, row, col, rows=1, cols=1):
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)


def xlsx_bytes(table: Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(f"Biểu {table.number[:4]}")
    width = table.width
    half = max(2, width // 2)
    # The official header: form code and circular on the left, reporting and receiving units on the right.
    _put(ws, 1, 1, f"Biểu số: {table.number}", bold=True, align=LEFT)
    _merge(ws, 1, 1, cols=half)
    _put(ws, 1, half + 1, f"Đơn vị báo cáo: {table.reporting_unit}", bold=True)
    _merge(ws, 1, half + 1, cols=width - half)
    _put(ws, 2, 1, f"Ban hành theo {table.circular}", align=LEFT)
    _merge(ws, 2, 1, cols=half)
    _put(ws, 2, half + 1, f"Đơn vị nhận báo cáo: {table.receiving_unit}", bold=True)
    _merge(ws, 2, half + 1, cols=width - half)
    _put(ws, 3, 1, f"Ngày nhận báo cáo: {table.due}", align=LEFT)
    _merge(ws, 3, 1, cols=half)
    _put(ws, 5, 1, table.title, bold=True)
    _merge(ws, 5, 1, cols=width)
    _put(ws, 6, 1, f"Năm {table.year}", italic=True)
    _merge(ws, 6, 1, cols=width)
    if table.unit_of_measure:
        _put(ws, 7, 1, f"Đơn vị tính: {table.unit_of_measure}", italic=True, align=Alignment(horizontal="right"))
        _merge(ws, 7, 1, cols=width)
    # The column header, merged as the form draws it.
    top = 9
    taken: set[tuple[int, int]] = set()
    for i, head in enumerate(table.head):
        r, col = top + i, 1
        for h in head:
            while (r, col) in taken:
                col += 1
            _put(ws, r, col, h.label, bold=True, box=True)
            for dr in range(h.rowspan):
                for dc in range(h.colspan):
                    taken.add((r + dr, col + dc))
                    ws.cell(row=r + dr, column=col + dc).border = BOX
            _merge(ws, r, col, h.rowspan, h.colspan)
            col += h.colspan
    r = top + len(table.head)
    col = 1
    for label, span in table.numbering:
        _put(ws, r, col, label, bold=True, box=True)
        for dc in range(span):
            ws.cell(row=r, column=col + dc).border = BOX
        _merge(ws, r, col, cols=span)
        col += span
    for line in table.lines:
        r += 1
        _put(ws, r, 1, line.label, bold=line.bold, align=LEFT, box=True)
        _put(ws, r, 2, line.code, box=True)
        col = 3
        if table.has_unit:
            _put(ws, r, 3, line.unit, box=True)
            col = 4
        for c in range(col, width + 1):
            ws.cell(row=r, column=c).border = BOX
        for cell in line.cells:
            _put(ws, r, col, cell.value, bold=line.bold, box=True)
            col += 1
    # The signature block.
    r += 2
    _put(ws, r, half + 1, "…………, ngày …… tháng …… năm ……", italic=True)
    _merge(ws, r, half + 1, cols=width - half)
    for offset, (left, right) in enumerate(zip(*SIGNATURE, strict=True)):
        _put(ws, r + 1 + offset, 1, left, bold=offset == 0, italic=offset == 1)
        _merge(ws, r + 1 + offset, 1, cols=half)
        _put(ws, r + 1 + offset, half + 1, right, bold=offset == 0, italic=offset == 1)
        _merge(ws, r + 1 + offset, half + 1, cols=width - half)
    ws.column_dimensions["A"].width = 48
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4 landscape; margin: 12mm; }
html { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", serif; font-size: 11pt; color: #111; }
"""


def pdf_bytes(table: Table) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("reports/tt02_print.html", {"t": table})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PDF_CSS)])
