"""How far a sheet of an uploaded .xlsx reaches, found by streaming its XML before any reader runs.

The Excel reader (python-calamine) allocates the whole rectangle from A1 to the farthest cell
before a single row can be checked: a 1.7 KB file with one cell at XFD1048576 asks for 17 billion
cells and aborts the process; one at Z400000 costs 300 MB. So every sheet is measured here
first, in bounded memory (the XML is read in 1 MB pieces, only its <row> and <c> tags looked at),
and refused when it reaches beyond what the caller can use. The positions follow the reader's own
rules (a cell or row without an address comes after the previous one), always erring on the far
side, so a file can be refused here that the reader would have found smaller, never the reverse.

Pure Python (no Django): the callers turn SheetExtentError into their own error type.
"""

import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

_CHUNK = 1024 * 1024
# Excel holds at most 32,767 characters in a cell, so no well-formed sheet has 4 MB between two
# tags; a longer stretch is refused rather than held in memory.
_MAX_GAP = 4 * 1024 * 1024
_MAX_WORKBOOK_XML = 5 * 1024 * 1024
_START = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:row|c)(?=[\s/>])")
# The whole start tag; attribute values may hold ">" (and, for a lenient reader, "<").
_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_CELL_START = re.compile(rb"<[A-Za-z_][\w.\-]*:c(?=[\s/>])")  # a prefixed <x:c>
# A <c> that is not <c r="A1"…: the whole sheet is then measured tag by tag.
_NOT_ADDRESSED = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}")(?=[\s/>])')
_WIDE_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si(?=[\s/>])")
# sheet_parts() names the shared-string table under this key (no sheet name can hold a NUL).
SHARED_STRINGS = "\0sharedStrings"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass(frozen=True)
class Extent:
    rows: int  # the farthest row holding a cell (1-based), 0 for an empty sheet; or a bound above it
    columns: int  # the farthest column (1-based), or a bound above it
    farthest: str  # the far corner of the rectangle from A1, e.g. "XFD1048576"

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class SheetExtentError(Exception):
    """The sheet cannot be read safely; `message` says why, in Vietnamese, naming the sheet."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _malformed(sheet: str) -> SheetExtentError:
    return SheetExtentError(f"Trang tính “{sheet}” bị hỏng hoặc không phải do Excel tạo ra; "
                            "hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{sheet name: zip member of its XML}, read from xl/workbook.xml and its relationships."""
    try:
        infos = {info.filename: info for info in archive.infolist()}
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            if name not in infos or infos[name].file_size > _MAX_WORKBOOK_XML:
                raise ValueError(name)
        workbook, rels = (_parse(archive.read(name)) for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError, RuntimeError, EOFError,
            NotImplementedError):  # NotImplementedError: a compression method Python cannot read
        raise SheetExtentError("Tệp Excel bị hỏng: không đọc được danh sách trang tính.") from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(_PKG_REL)}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        parts[sheet.get("name", "")] = _part(targets.get(sheet.get(_REL_ID), ""))
    strings = [_part(rel.get("Target", "")) for rel in rels.iter(_PKG_REL)
               if rel.get("Type", "").endswith("/sharedStrings")]
    parts[SHARED_STRINGS] = strings[0] if strings else "xl/sharedStrings.xml"
    return parts


def _part(target: str) -> str:
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target))


def count_shared_strings(stream) -> int:
    """How many <si> entries the shared-string table holds, read in pieces."""
    count, carry = 0, b""
    while chunk := stream.read(_CHUNK):
        buffer = carry + chunk
        keep = max(len(buffer) - 64, 0)  # a tag cut by the piece's end is counted with the next one
        count += sum(1 for match in _SHARED_STRING.finditer(buffer) if match.start() < keep)
        carry = buffer[keep:]
    return count + len(_SHARED_STRING.findall(carry + b" "))


def _parse(data: bytes) -> ElementTree.Element:
    # No document type, so no entities to expand ("billion laughs"); these parts never have one.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("DTD")
    return ElementTree.fromstring(data)  # noqa: S314 - size-capped and without a DTD, see above


def measure(open_stream, sheet: str, *, max_rows: int = 1_048_576, max_columns: int = 16_384,
            max_cells: int = 17_179_869_184) -> Extent:
    """The extent of one sheet's XML; open_stream() gives a fresh binary stream of it.

    Excel, LibreOffice and openpyxl give every cell its plain address as the first attribute; for
    such a sheet a few scans per piece bound the extent from above (about 1 s for 100,000 rows
    × 12, most of it unzipping). Any other shape, or a bound beyond the limits, is measured again
    exactly, tag by tag, following the reader's rules."""
    with open_stream() as stream:
        extent, exact = _bound_addressed(stream, max_rows) or (None, False)
    if extent is not None and (exact or (extent.rows <= max_rows and extent.columns <= max_columns
                                         and extent.cells <= max_cells)):
        return extent
    with open_stream() as stream:
        return _measure_any(stream, sheet)


def _bound_addressed(stream, max_rows: int) -> tuple[Extent, bool] | None:
    """An upper bound of the extent when every <c> starts with a plain r="A1" address, else None;
    and whether it is the extent itself (no floor of 26 columns or 10^(digits-1) - 1 rows in it).

    Only the rows written with as many digits as max_rows are read as numbers: a legitimate
    sheet has few of them, so no list of a million addresses is ever built."""
    digits = len(str(max_rows))
    long_rows = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{%d,7})"' % digits)
    max_row = max_col = 0
    rows_exact = columns_exact = False
    carry = b""
    while chunk := stream.read(_CHUNK):
        buffer = carry + chunk
        end = buffer.rfind(b"<")
        segment, carry = buffer[:end], buffer[end:]
        if len(carry) > _MAX_GAP or _NOT_ADDRESSED.search(segment):
            return None
        if b":c" in segment and _CELL_START.search(segment):
            return None
        if b'<c r="' not in segment:
            continue
        numbers = long_rows.findall(segment)
        rows_exact = rows_exact or bool(numbers)
        max_row = max(max_row, 10 ** (digits - 1) - 1, *map(int, numbers))
        wide = set(_WIDE_COLUMN.findall(segment))
        columns_exact = columns_exact or bool(wide)
        max_col = max(max_col, 26, *map(_column_number, wide))
    if _START.search(carry + b" "):  # a <c> or <row> left open at the end: let the exact pass say so
        return None
    extent = Extent(max_row, max_col, f"{column_letters(max_col)}{max_row}" if max_row else "")
    return extent, rows_exact and columns_exact


def _measure_any(stream, sheet: str) -> Extent:
    row = 0  # the current row, as the reader counts (1-based)
    col = 0  # the column of the previous cell in this row
    max_row = max_col = 0
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        buffer = carry + chunk
        pos, pending = 0, None
        while (start := _START.search(buffer, pos)) is not None:
            tag = _TAG.match(buffer, start.start())
            if tag is None:
                if not chunk:  # a <c or <row that never closes
                    raise _malformed(sheet)
                pending = start.start()  # the tag goes on in the next piece
                break
            pos = tag.end()
            attrs = _R_ATTR.search(tag.group(2))
            ref = (attrs.group(1) if attrs.group(1) is not None else attrs.group(2)) if attrs else None
            if tag.group(1) == b"row":
                if ref is None:
                    row = max(row, max_row) + 1
                elif ref.isdigit() and len(ref) <= 7:
                    row = int(ref)
                else:
                    raise _malformed(sheet)
                col = 0
                continue
            if ref is None:
                cell_row, col = max(row, 1), col + 1
            else:
                parsed = _CELL_REF.fullmatch(ref)
                if parsed is None:
                    raise _malformed(sheet)
                cell_row, col = int(parsed.group(2)), _column_number(parsed.group(1))
            max_row, max_col = max(max_row, cell_row), max(max_col, col)
        if not chunk:
            return Extent(max_row, max_col, f"{column_letters(max_col)}{max_row}" if max_row else "")
        # Keep what may be the start of a tag cut by the piece's end (from the last "<" on).
        last = pending if pending is not None else buffer.rfind(b"<", pos)
        carry = buffer[last:] if last >= 0 else b""
        if len(carry) > _MAX_GAP:
            raise _malformed(sheet)


def check_sheet(fileobj, sheet: str, *, max_rows: int, max_columns: int, max_cells: int) -> Extent:
    """Measure the named sheet of the workbook in `fileobj`; raise SheetExtentError when it reaches
    beyond max_rows × max_columns or holds a rectangle of more than max_cells, or is unreadable."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            parts = sheet_parts(archive)
            part = parts.get(sheet)
            try:
                extent = measure(lambda: archive.open(part), sheet, max_rows=max_rows, max_columns=max_columns,
                                 max_cells=max_cells)
                # The reader keeps every shared string in memory: a sheet of max_cells cells needs no
                # more, and millions of tiny ones would cost a gigabyte.
                strings = 0
                if parts[SHARED_STRINGS] in archive.namelist():
                    with archive.open(parts[SHARED_STRINGS]) as stream:
                        strings = count_shared_strings(stream)
            except (KeyError, TypeError, ValueError, OSError, zipfile.BadZipFile, EOFError, RuntimeError,
                    NotImplementedError):
                raise _malformed(sheet) from None
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetExtentError("Tệp không phải là tệp Excel .xlsx hợp lệ.") from None
    finally:
        fileobj.seek(0)
    if strings > max_cells:
        raise SheetExtentError(
            f"Tệp có {_vn(strings)} chuỗi văn bản dùng chung, nhiều hơn số ô được phép đọc ({_vn(max_cells)}); "
            "tệp này không phải là một bảng dữ liệu thông thường."
        )
    if extent.rows > max_rows or extent.columns > max_columns or extent.cells > max_cells:
        raise SheetExtentError(
            f"Trang tính “{sheet}” có dữ liệu tới ô {extent.farthest} ({_vn(extent.rows)} dòng × "
            f"{_vn(extent.columns)} cột), vượt giới hạn {_vn(max_rows)} dòng, {_vn(max_columns)} cột "
            f"(cột {column_letters(max_columns)}). Hãy xoá các dòng, cột thừa sau vùng dữ liệu "
            "(kể cả ô chỉ có định dạng hoặc dấu cách) rồi tải lên lại."
        )
    return extent
