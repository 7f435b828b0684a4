"""The Excel form of a criteria template: written empty (to fill) or with a template (export), and
read back (import) so that export → import gives the same definition.

Sheets: "Tiêu chí" (Mã mục | Thuộc mục | Tiêu chí | Điểm chuẩn | Cách tính | Điểm mỗi lần, one row per
item in tree order), "Xếp loại" (Xếp loại | Từ điểm, and the cell "Mục so sánh khi bằng điểm" with the
tie-break codes below it) and "Hướng dẫn". A file with any bad row is refused whole: ``ExcelFormError``
lists every problem as "Dòng N, cột X: lý do".
"""

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook, SheetTypeEnum

from tdkt.core.domain.text import fold_vi
from tdkt.core.excel import set_cell
from tdkt.core.xlsx_extent import SheetExtentError, check_sheet

from .template_rows import (
    BAND_LABEL,
    BAND_MIN,
    CODE,
    DEDUCTION,
    EACH,
    HEADERS,
    MAX,
    PARENT,
    PER_COUNT,
    RULE,
    RULE_LABELS,
    TIE_BREAK,
    TITLE,
    BandRow,
    CriterionRow,
    RowErrors,
    build_definition,
    definition_rows,
)

CRITERIA_SHEET = "Tiêu chí"
BANDS_SHEET = "Xếp loại"
GUIDE_SHEET = "Hướng dẫn"
MAX_ROWS = 2000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 50  # the form has 6 columns; room for a user's notes, never the reader's whole grid
FORMATTED_ROWS = 300
NOT_XLSX = "Tệp không phải là tệp Excel .xlsx hợp lệ (có thể là tệp khác đã đổi tên thành .xlsx)."
WIDTHS = {"A": 12, "B": 12, "C": 80, "D": 12, "E": 22, "F": 14}
GUIDE = [
    "Hướng dẫn điền bảng tiêu chí chấm điểm thi đua",
    "",
    f"Trang tính “{CRITERIA_SHEET}”: mỗi dòng một mục (phần, tiêu chí hoặc tiêu chí con), theo đúng thứ tự "
    "sẽ hiện trong bảng chấm điểm; giữ nguyên dòng tiêu đề.",
    f"{CODE}: mã duy nhất của mục, ví dụ I, I.1, II.5.a. Mã được dùng để ghi điểm, không đổi sau khi đã chấm.",
    f"{PARENT}: mã của mục chứa mục này; để trống với các phần lớn (I, II, …). Mục con được xếp theo thứ tự "
    "dòng.",
    f"{TITLE}: nội dung tiêu chí.",
    f"{MAX}: điểm tối đa của mục. Bắt buộc với mục không có mục con (lớn hơn 0). Với phần có mục con, để trống "
    "nghĩa là bằng tổng điểm các mục con. Số thập phân ghi bằng dấu phẩy hoặc dấu chấm (2,5 hoặc 2.5).",
    f"{RULE}: chỉ ghi với mục không có mục con, chọn trong danh sách: “{RULE_LABELS['points']}” (ghi số điểm), "
    f"“{RULE_LABELS[PER_COUNT]}” (ghi số lần, mỗi lần được một số điểm, không quá điểm chuẩn), "
    f"“{RULE_LABELS[DEDUCTION]}” (ghi số lần vi phạm, mỗi lần bị trừ một số điểm từ điểm chuẩn). Để trống là "
    f"“{RULE_LABELS['points']}”.",
    f"{EACH}: bắt buộc với “{RULE_LABELS[PER_COUNT]}” và “{RULE_LABELS[DEDUCTION]}”, để trống với cách tính khác.",
    "",
    f"Trang tính “{BANDS_SHEET}”: mỗi dòng một mức xếp loại ({BAND_LABEL}, {BAND_MIN}), ví dụ Xuất sắc — 400; "
    "Tốt — 350; Khá — 300; Trung bình — 0. Đơn vị đạt từ số điểm đó trở lên được xếp mức đó.",
    f"Ô dưới “{TIE_BREAK}”: mã các phần dùng để so sánh khi hai đơn vị bằng tổng điểm, theo thứ tự ưu tiên, "
    "cách nhau bằng dấu phẩy (ví dụ: V, I).",
    "",
    "Cả tệp được kiểm tra trước khi ghi: nếu có dù chỉ một dòng sai thì không tạo mẫu tiêu chí; mọi lỗi được "
    "liệt kê theo số dòng, tên cột và lý do để sửa rồi nhập lại.",
]


class ExcelFormError(RowErrors):
    """The file cannot be read as the form, or some rows are wrong (every message listed)."""


# --- writing -------------------------------------------------------------------------------------


def _header(sheet, values) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDE7E5")
    for index, value in enumerate(values, start=1):
        cell = sheet.cell(row=1, column=index, value=value)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _criteria_sheet(sheet, definition: dict | None) -> None:
    _header(sheet, HEADERS)
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    rows = definition_rows(definition) if definition else []
    for number in range(2, max(FORMATTED_ROWS, len(rows) + 100) + 2):
        for column in (1, 2):  # codes kept as text ("1" stays "1", not 1.0)
            sheet.cell(row=number, column=column).number_format = "@"
    for number, row in enumerate(rows, start=2):
        values = [
            row["code"],
            row["parent"] or None,
            row["title"],
            row["max"],
            RULE_LABELS[row["rule"]] if row["rule"] else None,
            row["each"],
        ]
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):  # titles typed by users: text, never a formula
                set_cell(sheet, number, column, value)
        sheet.cell(row=number, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(RULE_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Cách tính không có trong danh sách",
        error="Chọn một trong: " + "; ".join(RULE_LABELS.values()),
    )
    validation.add(f"E2:E{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _bands_sheet(sheet, definition: dict | None) -> None:
    _header(sheet, [BAND_LABEL, BAND_MIN])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["D"].width = 30
    label = sheet.cell(row=1, column=4, value=TIE_BREAK)
    label.font, label.fill = Font(bold=True), PatternFill("solid", fgColor="FDE7E5")
    tie = set_cell(sheet, 2, 4, ", ".join((definition or {}).get("tie_break") or []) or None)
    tie.number_format = "@"
    for number, band in enumerate((definition or {}).get("bands") or [], start=2):
        set_cell(sheet, number, 1, band.get("label"))
        set_cell(sheet, number, 2, band.get("min"))


def template_workbook(definition: dict | None = None) -> bytes:
    """The form: empty to fill in, or holding a template's definition (export)."""
    workbook = Workbook()
    criteria = workbook.active
    criteria.title = CRITERIA_SHEET
    _criteria_sheet(criteria, definition)
    _bands_sheet(workbook.create_sheet(BANDS_SHEET), definition)
    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 120
    for line in GUIDE:
        guide.append([line])
        guide.cell(row=guide.max_row, column=1).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=13)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading -------------------------------------------------------------------------------------


def _fold(text: object) -> str:
    text = re.sub(r"\(.*?\)", " ", str(text or "")).replace("*", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_vi(text)).split())


def _open(fileobj) -> CalamineWorkbook:
    fileobj.seek(0)
    try:
        unpacked = sum(member.file_size for member in zipfile.ZipFile(fileobj).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExcelFormError([NOT_XLSX]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExcelFormError(["Tệp giải nén ra quá lớn; đây không phải là bảng tiêu chí."])
    fileobj.seek(0)
    try:
        return CalamineWorkbook.from_filelike(fileobj)
    except Exception:  # CalamineError, ZipError, XmlError…: a broken or disguised file
        raise ExcelFormError([NOT_XLSX]) from None
    finally:
        fileobj.seek(0)


def _grid(workbook: CalamineWorkbook, title: str, fileobj) -> list[list] | None:
    for meta in workbook.sheets_metadata:
        if _fold(meta.name) == _fold(title) and meta.typ == SheetTypeEnum.WorkSheet:
            # Measured before the reader sees it: the reader allocates the sheet's whole extent.
            try:
                check_sheet(fileobj, meta.name, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS, max_columns=MAX_COLUMNS,
                            max_cells=(MAX_ROWS + HEADER_SEARCH_ROWS) * MAX_COLUMNS)
            except SheetExtentError as exc:
                raise ExcelFormError([exc.message]) from None
            try:
                grid = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            except Exception:
                raise ExcelFormError([NOT_XLSX]) from None
            if len(grid) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ExcelFormError([f"Trang tính “{title}” có quá nhiều dòng (tối đa {MAX_ROWS})."])
            return grid
    return None


def _columns(grid: list[list], headers, required, sheet: str) -> tuple[int, dict[str, int]]:
    """The header row's index and {header: column index}."""
    wanted = {_fold(h): h for h in headers}
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found = {}
        for column, cell in enumerate(cells):
            header = wanted.get(_fold(cell)) if isinstance(cell, str) else None
            if header and header not in found:
                found[header] = column
        if all(h in found for h in required):
            return index, found
    names = ", ".join(f"“{h}”" for h in required)
    raise ExcelFormError([f"Trang tính “{sheet}” không có dòng tiêu đề với các cột {names}. Hãy dùng tệp mẫu."])


def _cell(cells: list, column: int | None):
    if column is None or column >= len(cells):
        return None
    return cells[column]


def _criteria_rows(grid: list[list]) -> list[CriterionRow]:
    header, columns = _columns(grid, HEADERS, (CODE, TITLE, MAX), CRITERIA_SHEET)
    rows = []
    for number, cells in enumerate(grid[header + 1:], start=header + 2):
        values = {h: _cell(cells, columns.get(h)) for h in HEADERS}
        rows.append(
            CriterionRow(
                number=number,
                code=values[CODE],
                parent=values[PARENT],
                title=values[TITLE],
                max=values[MAX],
                rule=values[RULE] or "",
                each=values[EACH],
            )
        )
    return rows


def _tie_break(grid: list[list]) -> object:
    """The cell right of "Mục so sánh khi bằng điểm", else the one below it."""
    for row, cells in enumerate(grid[:20]):
        for column, cell in enumerate(cells[:20]):
            if isinstance(cell, str) and _fold(cell) == _fold(TIE_BREAK):
                right = _cell(cells, column + 1)
                if right not in (None, ""):
                    return right
                return _cell(grid[row + 1], column) if row + 1 < len(grid) else ""
    return ""


def _band_rows(grid: list[list]) -> list[BandRow]:
    header, columns = _columns(grid, (BAND_LABEL, BAND_MIN), (BAND_LABEL, BAND_MIN), BANDS_SHEET)
    return [
        BandRow(number=number, label=_cell(cells, columns[BAND_LABEL]), min=_cell(cells, columns[BAND_MIN]))
        for number, cells in enumerate(grid[header + 1:], start=header + 2)
    ]


def read_template_workbook(fileobj) -> dict:
    """The definition in an uploaded form (checked to be an .xlsx by the caller), or ExcelFormError."""
    workbook = _open(fileobj)
    criteria = _grid(workbook, CRITERIA_SHEET, fileobj)
    bands = _grid(workbook, BANDS_SHEET, fileobj)
    missing = [title for title, grid in ((CRITERIA_SHEET, criteria), (BANDS_SHEET, bands)) if grid is None]
    if missing:
        names = ", ".join(f"“{title}”" for title in missing)
        raise ExcelFormError([f"Tệp không có trang tính {names}. Hãy dùng tệp mẫu tải về từ trang này."])
    try:
        return build_definition(
            _criteria_rows(criteria), _band_rows(bands), _tie_break(bands), band_place=f"Trang {BANDS_SHEET}, "
        )
    except RowErrors as exc:
        raise ExcelFormError(exc.messages) from None
