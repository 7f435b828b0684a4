"""The downloadable templates: a data sheet with the headers, and a "Hướng dẫn" sheet with the rules."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import ImportKind
from .columns import BOOL, CHOICE, CODE, COLUMNS, DATE, GUIDE_SHEET_TITLE, SHEET_TITLES
from .reading import MAX_DATA_ROWS

DATE_FORMAT = "DD/MM/YYYY"
FORMATTED_ROWS = 1000  # rows pre-formatted as dates / text below the header
EXAMPLES = {
    ImportKind.ORGANIZATIONS: [
        ["QT-SNV-PCT", "Phòng Công tác thanh niên", "Phòng CTTN", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị",
         "QT-SNV", "01/07/2025"],
        ["QT-SNV-PCT-TO1", "Tổ Tổng hợp", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "QT-SNV-PCT", ""],
    ],
    ImportKind.PEOPLE: [
        ["STC-0101", "Nguyễn Thị Lan", "Nữ", "05/06/1985", "Kinh", "Công chức", "Phó Trưởng phòng", "Có",
         "QT-STC-NS", "01/09/2008", "lan.nt@example.vn", "0912345678"],
        ["", "Hồ Văn Đức", "Nam", "20/11/1992", "Vân Kiều", "Viên chức", "Chuyên viên", "Không", "QT-STC",
         "15/03/2016", "", ""],
    ],
}
RULES = [
    "Điền dữ liệu vào trang tính “{sheet}”, mỗi dòng một {item}, bắt đầu từ dòng 2; giữ nguyên dòng tiêu đề.",
    "Cột có dấu * là bắt buộc. Tên cột không phân biệt chữ hoa, chữ thường hay dấu.",
    "Ngày: ô kiểu ngày, hoặc chữ theo dạng dd/mm/yyyy (ngày trước, tháng sau): 05/06/1980 là ngày 5 tháng 6 "
    "năm 1980. Không dùng dạng tháng trước.",
    "Cả tệp được kiểm tra trước khi ghi. Nếu có dù chỉ một dòng sai, không dòng nào được ghi; mọi lỗi được "
    "liệt kê theo số dòng, tên cột và lý do để sửa rồi nhập lại.",
    f"Mỗi lần nhập tối đa {MAX_DATA_ROWS:,} dòng, tệp .xlsx.".replace(",", "."),
]
ITEM = {ImportKind.ORGANIZATIONS: "đơn vị", ImportKind.PEOPLE: "người"}


def template_workbook(kind: str) -> bytes:
    columns = COLUMNS[kind]
    workbook = Workbook()
    data = workbook.active
    data.title = SHEET_TITLES[kind]
    guide = workbook.create_sheet(GUIDE_SHEET_TITLE)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="FDE7E5")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = data.cell(row=1, column=index, value=column.template_header)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        data.column_dimensions[letter].width = column.width
        # Dates shown as DD/MM/YYYY; codes and phone numbers kept as text (leading zeros survive).
        number_format = DATE_FORMAT if column.kind == DATE else (
            "@" if column.kind == CODE or column.key in {"phone", "organization", "parent"} else None)
        if number_format:
            data.column_dimensions[letter].number_format = number_format
            for row in range(2, FORMATTED_ROWS + 2):
                data.cell(row=row, column=index).number_format = number_format
    data.freeze_panes = "A2"
    _write_guide(guide, kind, columns, data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_guide(guide, kind, columns, data) -> None:
    bold = Font(bold=True)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    guide.append([f"Hướng dẫn nhập {ITEM[kind]} từ Excel"])
    guide["A1"].font = Font(bold=True, size=13)
    for rule in RULES:
        guide.append([rule.format(sheet=SHEET_TITLES[kind], item=ITEM[kind])])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Giá trị cho phép, ghi chú"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for column in columns:
        note = column.note
        if column.kind in (CHOICE, BOOL):
            note = "Một trong: " + "; ".join(column.labels) + (f". {note}" if note else ".")
        elif column.max_length and not note:
            note = f"Tối đa {column.max_length} ký tự."
        guide.append([column.header, "Có" if column.required else "", note])
        guide.cell(row=guide.max_row, column=3).alignment = Alignment(wrap_text=True)
    guide.append([])
    guide.append(["Ví dụ (không nhập các dòng này)"])
    guide[f"A{guide.max_row}"].font = bold
    guide.append([c.template_header for c in columns])
    for example in EXAMPLES[kind]:
        guide.append(example)
    # Lists for the drop-downs of the choice columns (Excel warns on other values but accepts codes).
    for index, column in enumerate(columns, start=1):
        if column.kind not in (CHOICE, BOOL):
            continue
        guide.append([])
        guide.append([f"Danh sách cho cột “{column.header}”"])
        guide[f"A{guide.max_row}"].font = bold
        first = guide.max_row + 1
        for label in column.labels:
            guide.append([label])
        validation = DataValidation(
            type="list", formula1=f"'{GUIDE_SHEET_TITLE}'!$A${first}:$A${guide.max_row}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning", errorTitle="Giá trị không có trong danh sách",
            error=f"Cột “{column.header}” nhận: " + "; ".join(column.labels),
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{MAX_DATA_ROWS + 1}")
        data.add_data_validation(validation)
