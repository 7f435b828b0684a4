"""Opening an uploaded workbook and finding its header row, columns and data rows.

Everything that makes the whole file unusable (not an .xlsx, too large, no header row, a column
missing or unknown, too many rows) is an ImportFileError with a Vietnamese message; the rows
themselves are checked later, all of them, by the validators.
"""

import zipfile
from dataclasses import dataclass

from python_calamine import CalamineWorkbook, SheetTypeEnum

from tdkt.core.xlsx_extent import SheetExtentError, check_sheet

from .columns import GUIDE_SHEET_TITLE, Column, fold_key, header_lookup

XLSX_MAGIC = b"PK\x03\x04"
MAX_DATA_ROWS = 100_000
# 100,000 people of 12 columns unpack to about 70 MB of sheet XML (bench/: 50,000 → 34 MB).
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1000
# The reader allocates the whole rectangle from A1 to the farthest cell (tdkt/core/xlsx_extent.py):
# 100,000 rows of the widest template (12 columns) and 8 columns of notes fit. bench/bench_xlsx_guard.py:
# 2 million cells add about 260 MB to the process while read (3 million: 390 MB).
MAX_SHEET_COLUMNS = 100
MAX_SHEET_CELLS = 2_000_000
NOT_XLSX = "Tệp không phải là tệp Excel .xlsx hợp lệ (có thể là tệp khác đã đổi tên thành .xlsx)."


class ImportFileError(Exception):
    """The file cannot be imported at all; `messages` says why, in Vietnamese."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


@dataclass
class Table:
    """The data of the sheet: Excel row numbers (header = its own row) and the mapped columns."""

    sheet_name: str
    header_row: int  # 1-based Excel row number of the header
    columns: list[tuple[int, Column]]  # (0-based cell index, column) in file order
    rows: list[tuple[int, list]]  # (1-based Excel row number, cells), empty rows left out

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def records(self):
        """(row number, {column key: raw cell}) for every data row."""
        for number, cells in self.rows:
            yield number, {col.key: (cells[i] if i < len(cells) else "") for i, col in self.columns}


def check_upload(upload, *, max_bytes: int) -> None:
    """Refuse anything but a real .xlsx of acceptable size, before storing or parsing it."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".xlsx"):
        raise ImportFileError("Chỉ nhận tệp Excel định dạng .xlsx (hãy dùng tệp mẫu tải về từ trang này).")
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ImportFileError("Tệp rỗng.")
    if size > max_bytes:
        raise ImportFileError(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là {max_bytes / 1024 / 1024:.0f} MB."
        )
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != XLSX_MAGIC:
        raise ImportFileError(NOT_XLSX)
    try:
        unpacked = sum(member.file_size for member in zipfile.ZipFile(upload).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(NOT_XLSX) from None
    finally:
        upload.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:  # a "zip bomb" would exhaust memory when the sheet is read
        raise ImportFileError(
            f"Tệp giải nén ra quá lớn ({unpacked / 1024 / 1024:.0f} MB); giới hạn là "
            f"{MAX_UNPACKED_BYTES / 1024 / 1024:.0f} MB. Hãy chia thành nhiều tệp."
        )


def open_workbook(fileobj) -> CalamineWorkbook:
    fileobj.seek(0)
    try:
        return CalamineWorkbook.from_filelike(fileobj)
    except Exception:  # CalamineError, ZipError, XmlError…: a broken or disguised file
        raise ImportFileError(NOT_XLSX) from None
    finally:
        fileobj.seek(0)


def _data_sheet(workbook: CalamineWorkbook, fileobj, title: str | None = None):
    """The first worksheet that is not the guide, or the one named `title` (compared folded)."""
    guide = fold_key(GUIDE_SHEET_TITLE)
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        if fold_key(meta.name) == guide if title is None else fold_key(meta.name) != fold_key(title):
            continue
        # Measured before the reader sees it: the reader allocates the sheet's whole extent.
        try:
            check_sheet(fileobj, meta.name, max_rows=MAX_SHEET_ROWS, max_columns=MAX_SHEET_COLUMNS,
                        max_cells=MAX_SHEET_CELLS)
        except SheetExtentError as exc:
            raise ImportFileError(exc.message) from None
        try:
            return workbook.get_sheet_by_name(meta.name)
        except Exception:  # XmlError, CalamineError (a shared string out of range…): a broken sheet
            raise ImportFileError(f"Trang tính “{meta.name}” bị hỏng, không đọc được. {NOT_XLSX}") from None
    if title is not None:
        raise ImportFileError(f"Tệp không có trang tính “{title}”. Hãy dùng tệp mẫu.")
    raise ImportFileError("Tệp không có trang tính dữ liệu nào.")


def _is_empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(fileobj, columns: tuple[Column, ...]) -> Table:
    """Read the first data sheet; raise ImportFileError for any problem with the file as a whole."""
    return _sheet_table(_data_sheet(open_workbook(fileobj), fileobj), columns)


def read_named_tables(fileobj, sheets: dict[str, tuple[Column, ...]]) -> list[Table]:
    """Read the sheets of a file of several (title -> columns), in that order, each as read_table
    reads its one; a missing sheet, like any problem with one of them, is an ImportFileError."""
    workbook = open_workbook(fileobj)
    present = {fold_key(meta.name) for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet}
    missing = [title for title in sheets if fold_key(title) not in present]
    if missing:
        raise ImportFileError(*(f"Tệp không có trang tính “{title}”. Hãy dùng tệp mẫu." for title in missing))
    tables = []
    for title, columns in sheets.items():
        try:
            tables.append(_sheet_table(_data_sheet(workbook, fileobj, title), columns))
        except ImportFileError as exc:  # say which sheet, unless the message does
            raise ImportFileError(*(m if "Trang tính" in m else f"Trang tính “{title}”: {m[:1].lower()}{m[1:]}"
                                    for m in exc.messages)) from None
    return tables


def _sheet_table(sheet, columns: tuple[Column, ...]) -> Table:
    if sheet.height > MAX_SHEET_ROWS:
        raise ImportFileError(f"Tệp có quá nhiều dòng; mỗi lần nhập tối đa {MAX_DATA_ROWS:,} dòng dữ liệu."
                              .replace(",", "."))
    try:
        grid = sheet.to_python(skip_empty_area=False)
    except Exception:
        raise ImportFileError(NOT_XLSX) from None
    lookup = header_lookup(columns)
    header_index = next(
        (i for i, cells in enumerate(grid[:HEADER_SEARCH_ROWS])
         if any(fold_key(c) in lookup for c in cells if isinstance(c, str))),
        None,
    )
    expected = ", ".join(c.header for c in columns if c.required)
    if header_index is None:
        raise ImportFileError(
            f"Không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu của trang tính “{sheet.name}”: "
            f"cần các cột {expected}. Hãy dùng tệp mẫu."
        )
    mapped, problems, seen = [], [], {}
    for index, cell in enumerate(grid[header_index]):
        if _is_empty(cell):
            continue
        column = lookup.get(fold_key(cell))
        if column is None:
            problems.append(f"Cột “{cell}” (ô {_cell_name(index, header_index)}) không có trong mẫu.")
        elif column.key in seen:
            problems.append(f"Cột “{column.header}” xuất hiện hai lần (ô {_cell_name(seen[column.key], header_index)} "
                            f"và {_cell_name(index, header_index)}).")
        else:
            seen[column.key] = index
            mapped.append((index, column))
    for column in columns:
        if column.required and column.key not in seen:
            problems.append(f"Thiếu cột bắt buộc “{column.header}”.")
    if problems:
        raise ImportFileError(*problems)
    indexes = [i for i, _ in mapped]
    rows = []
    for offset, cells in enumerate(grid[header_index + 1:], start=header_index + 2):
        if all(_is_empty(cells[i]) for i in indexes if i < len(cells)):
            continue
        rows.append((offset, cells))
    if not rows:
        raise ImportFileError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    if len(rows) > MAX_DATA_ROWS:
        raise ImportFileError(f"Tệp có {len(rows):,} dòng dữ liệu; mỗi lần nhập tối đa {MAX_DATA_ROWS:,} dòng."
                              .replace(",", "."))
    return Table(sheet_name=sheet.name, header_row=header_index + 1, columns=mapped, rows=rows)


def _cell_name(index: int, row_index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row_index + 1}"
