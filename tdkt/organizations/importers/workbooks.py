"""The downloadable templates: a data sheet with the headers, and a "Hướng dẫn" sheet with the rules.

The records template may come prefilled with an organisation's people, so that a clerk only fills in
each one's rating and title.
"""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tdkt.core.excel import append_row, set_cell
from tdkt.records.domain.codes import HONOURS, HonourKind, Target

from ..models import ImportKind
from .columns import (
    AWARDEE_COLUMNS,
    BOOL,
    CHOICE,
    CODE,
    COLUMNS,
    DATE,
    DATE_OR_YEAR,
    DECISION_SHEETS,
    GUIDE_SHEET_TITLE,
    SHEET_TITLES,
)
from .reading import MAX_DATA_ROWS
from .selectors import records_template_rows

DATE_FORMAT = "DD/MM/YYYY"
FORMATTED_ROWS = 1000  # rows pre-formatted as dates / text below the header (more when prefilled)
# Columns kept as text: codes and numbers whose leading zeros or slashes Excel would otherwise eat.
TEXT_KEYS = {"phone", "organization", "parent", "person_code", "unit", "decision_number", "number", "year"}
EXAMPLES = {
    ImportKind.ORGANIZATIONS: [
        [
            "QT-SNV-PCT",
            "Phòng Công tác thanh niên",
            "Phòng CTTN",
            "Phòng, ban, trung tâm, chi cục",
            "Cấp đơn vị",
            "QT-SNV",
            "01/07/2025",
        ],
        ["QT-SNV-PCT-TO1", "Tổ Tổng hợp", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "QT-SNV-PCT", ""],
    ],
    ImportKind.PEOPLE: [
        [
            "STC-0101",
            "Nguyễn Thị Lan",
            "Nữ",
            "05/06/1985",
            "Kinh",
            "Công chức",
            "Phó Trưởng phòng",
            "Có",
            "QT-STC-NS",
            "01/09/2008",
            "lan.nt@example.vn",
            "0912345678",
        ],
        [
            "",
            "Hồ Văn Đức",
            "Nam",
            "20/11/1992",
            "Vân Kiều",
            "Viên chức",
            "Chuyên viên",
            "Không",
            "QT-STC",
            "15/03/2016",
            "",
            "",
        ],
    ],
    ImportKind.RECORDS: [
        [
            "STC-0101",
            "Nguyễn Thị Lan",
            "05/06/1985",
            "QT-STC-NS",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Chiến sĩ thi đua cơ sở",
            "125/QĐ-STC",
            "20/12/2024",
            "Sở Tài chính",
            "",
        ],
        ["", "Hồ Văn Đức", "20/11/1992", "", "HTTNV", "LĐTT", "", "", "", ""],
        [
            "",
            "",
            "",
            "QT-STC-NS",
            "Hoàn thành tốt nhiệm vụ",
            "Tập thể lao động tiên tiến",
            "130/QĐ-STC",
            "20/12/2024",
            "Sở Tài chính",
            "Dòng của tập thể",
        ],
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
ITEM = {ImportKind.ORGANIZATIONS: "đơn vị", ImportKind.PEOPLE: "người", ImportKind.RECORDS: "người hoặc một tập thể"}
GUIDE_TITLES = {ImportKind.RECORDS: "Hướng dẫn nhập xếp loại, danh hiệu thi đua trong năm từ Excel"}
KIND_RULES = {
    ImportKind.RECORDS: [
        "Năm và đơn vị được chọn khi tải tệp lên. Tệp chỉ gồm cán bộ và tập thể của đơn vị đó và các đơn vị "
        "trực thuộc.",
        "Dòng cá nhân: ghi Mã cán bộ, hoặc Họ và tên (nên kèm Ngày sinh). Dòng tập thể: để trống Mã cán bộ, "
        "Họ và tên, Ngày sinh và ghi Mã đơn vị của tập thể.",
        "Mỗi người, mỗi tập thể chỉ một dòng; mỗi dòng có Xếp loại, Danh hiệu hoặc cả hai.",
        "Người hoặc tập thể đã có xếp loại của năm: xếp loại trong tệp thay thế xếp loại cũ (được tính là sửa).",
        "Một danh hiệu đã có trong hệ thống cho cùng năm không nhập lại được. Người có hai danh hiệu trong năm "
        "(ví dụ LĐTT và CSTĐCS): nhập danh hiệu thứ hai bằng một tệp khác, để trống Xếp loại.",
    ],
}


def template_workbook(kind: str, *, rows: list[list] | None = None, prefilled_note: str = "") -> bytes:
    """The template of a kind; `rows` prefill the data sheet (values in column order), and
    `prefilled_note` tells on the guide sheet what they are."""
    columns = COLUMNS[kind]
    rows = rows or []
    workbook = Workbook()
    data = workbook.active
    data.title = SHEET_TITLES[kind]
    guide = workbook.create_sheet(GUIDE_SHEET_TITLE)
    _write_headers(data, columns, rows)
    for row_number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value not in (None, ""):  # names and codes from the database: text, never a formula
                set_cell(data, row_number, index, value)
    _write_guide(guide, kind, columns, data, prefilled_note)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_headers(data, columns, rows) -> None:
    """The header row of a data sheet, its widths, and the date and text formats of the rows below."""
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
        # A date-or-year column is text: a year typed into a date cell would become a day of 1905.
        number_format = (
            DATE_FORMAT if column.kind == DATE
            else ("@" if column.kind in (CODE, DATE_OR_YEAR) or column.key in TEXT_KEYS else None)
        )
        if number_format:
            data.column_dimensions[letter].number_format = number_format
            for row in range(2, max(FORMATTED_ROWS, len(rows) + 200) + 2):
                data.cell(row=row, column=index).number_format = number_format
    data.freeze_panes = "A2"


def _write_guide(guide, kind, columns, data, prefilled_note: str = "") -> None:
    bold = Font(bold=True)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    guide.append([GUIDE_TITLES.get(kind, f"Hướng dẫn nhập {ITEM[kind]} từ Excel")])
    guide["A1"].font = Font(bold=True, size=13)
    for rule in RULES:
        guide.append([rule.format(sheet=SHEET_TITLES[kind], item=ITEM[kind])])
    for rule in KIND_RULES.get(kind, []):
        guide.append([rule])
    if prefilled_note:
        append_row(guide, [prefilled_note])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Giá trị cho phép, ghi chú"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for column in columns:
        note = column.note
        if column.kind in (CHOICE, BOOL) or column.labels:
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
        if column.kind not in (CHOICE, BOOL) and not column.labels:
            continue
        guide.append([])
        guide.append([f"Danh sách cho cột “{column.header}”"])
        guide[f"A{guide.max_row}"].font = bold
        first = guide.max_row + 1
        for label in column.labels:
            guide.append([label])
        validation = DataValidation(
            type="list",
            formula1=f"'{GUIDE_SHEET_TITLE}'!$A${first}:$A${guide.max_row}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Giá trị không có trong danh sách",
            error=f"Cột “{column.header}” nhận: " + "; ".join(column.labels),
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{MAX_DATA_ROWS + 1}")
        data.add_data_validation(validation)


def records_template_workbook(organization, *, today=None) -> bytes:
    """The records template with the organisation's people in service already listed."""
    rows = records_template_rows(organization)
    today = today or timezone.localdate()
    note = (
        f"Trang tính “{SHEET_TITLES[ImportKind.RECORDS]}” đã ghi sẵn {len(rows)} cán bộ đang công tác của "
        f"“{organization.name}” và các đơn vị trực thuộc (ngày {today:%d/%m/%Y}): điền Xếp loại, Danh hiệu; "
        "xóa dòng của người không xếp loại; thêm dòng cho các tập thể."
    )
    return template_workbook(ImportKind.RECORDS, rows=rows, prefilled_note=note)


DECISION_EXAMPLES = {
    "Quyết định": [
        ["312/QĐ-SNV", "27/12/2024", "Sở Nội vụ tỉnh Quảng Trị", "Nguyễn Văn Hùng",
         "Về việc tặng danh hiệu Lao động tiên tiến năm 2024"],
        ["45/QĐ-UBND", "10/01/2019", "UBND tỉnh Quảng Trị", "Võ Văn Hưng",
         "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"],
    ],
    "Danh sách khen thưởng": [
        ["312/QĐ-SNV", "Lao động tiên tiến", "2024", "Cá nhân", "SNV-0101", "Nguyễn Thị Lan", "", "", "", ""],
        ["312/QĐ-SNV", "LĐTT", "", "", "", "Hồ Văn Đức", "20/11/1992", "", "Phòng Tổ chức", ""],
        ["45/QĐ-UBND", "BK_TINH", "2018", "Tập thể", "", "", "", "QT-SNV-TCCB", "", "Thành tích năm 2018"],
    ],
}
DECISION_RULES = [
    "Trang tính “Quyết định”: mỗi quyết định một dòng (số, ngày, cơ quan ban hành, người ký, trích yếu).",
    "Trang tính “Danh sách khen thưởng”: mỗi người hoặc tập thể được khen một dòng, ghi Số quyết định của "
    "một quyết định ở trang “Quyết định”.",
    "Cá nhân được nhận ra theo Mã cán bộ; nếu không có mã thì theo Họ và tên (không phân biệt dấu), Ngày sinh "
    "và Đơn vị. Tập thể theo Mã đơn vị, hoặc tên Đơn vị. Chỉ người và tập thể bạn được cập nhật hồ sơ khen thưởng.",
    "Khi một dòng có thể là nhiều người (trùng họ tên) hoặc họ tên chỉ khớp khi bỏ dấu, trang kết quả kiểm tra "
    "liệt kê những người có thể là; hãy chọn đúng người cho từng dòng rồi mới xác nhận ghi.",
    "Không nhập lại khen thưởng đã có: cùng danh hiệu của cùng năm, hoặc cùng danh hiệu, hình thức theo cùng "
    "số quyết định, cho cùng người hay tập thể.",
    "Năm xét tặng: năm của thành tích (danh hiệu năm 2023 quyết định tháng 01/2024 ghi 2023); để trống là năm "
    "của ngày quyết định.",
    "Cả tệp được kiểm tra, rồi bạn xem lại và xác nhận; nếu có dù chỉ một dòng sai, không dòng nào được ghi.",
    f"Mỗi lần nhập tối đa {MAX_DATA_ROWS:,} dòng khen thưởng, tệp .xlsx.".replace(",", "."),
]


def decisions_template_workbook() -> bytes:
    """The template of past decisions: the two data sheets and a guide with the catalogue of titles
    and forms (codes and Vietnamese names)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns in DECISION_SHEETS.items():
        _write_headers(workbook.create_sheet(title), columns, [])
    guide = workbook.create_sheet(GUIDE_SHEET_TITLE)
    bold = Font(bold=True)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 46
    guide.column_dimensions["C"].width = 80
    guide.append(["Hướng dẫn nhập các quyết định khen thưởng đã ban hành từ Excel"])
    guide["A1"].font = Font(bold=True, size=13)
    for rule in (*RULES[1:3], *DECISION_RULES):
        guide.append([rule])
    for title, columns in DECISION_SHEETS.items():
        guide.append([])
        guide.append([f"Cột của trang “{title}”", "Bắt buộc", "Ghi chú"])
        for cell in guide[guide.max_row]:
            cell.font = bold
        for column in columns:
            note = column.note or (f"Tối đa {column.max_length} ký tự." if column.max_length else "")
            if column.kind == CHOICE:
                note = "Một trong: " + "; ".join(column.labels) + (f". {note}" if note else ".")
            guide.append([column.header, "Có" if column.required else "", note])
            guide.cell(row=guide.max_row, column=3).alignment = Alignment(wrap_text=True)
        guide.append([f"Ví dụ cho trang “{title}” (không nhập các dòng này)"])
        guide[f"A{guide.max_row}"].font = bold
        guide.append([c.template_header for c in columns])
        for example in DECISION_EXAMPLES[title]:
            guide.append(example)
    guide.append([])
    guide.append(["Mã", "Danh hiệu thi đua, hình thức khen thưởng", "Dành cho"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    first = guide.max_row + 1
    for code, (name, kind, targets) in HONOURS.items():
        who = ", ".join(sorted({"cá nhân" if t == Target.INDIVIDUAL else "tập thể" for t in targets})) or "hộ gia đình"
        guide.append([code, name, f"{'Danh hiệu' if kind == HonourKind.TITLE else 'Hình thức'}; {who}"])
    validation = DataValidation(
        type="list",
        formula1=f"'{GUIDE_SHEET_TITLE}'!$B${first}:$B${guide.max_row}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Giá trị không có trong danh sách",
        error="Ghi tên hoặc mã của danh hiệu, hình thức khen thưởng theo trang “Hướng dẫn”.",
    )
    awardees = workbook["Danh sách khen thưởng"]
    letter = get_column_letter(next(i for i, c in enumerate(AWARDEE_COLUMNS, start=1) if c.key == "honour"))
    validation.add(f"{letter}2:{letter}{MAX_DATA_ROWS + 1}")
    awardees.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
