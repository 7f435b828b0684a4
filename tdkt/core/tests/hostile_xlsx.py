# ruff: noqa: E501 - the package parts are kept on one line each, as Excel writes them
"""Hostile .xlsx files written by hand (zip + XML), as an attacker would craft them: a far cell, a
lying <dimension>, unclosed sheet XML, a shared-string index out of range. Each is a few KB."""

import io
import zipfile
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets>
</workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}
<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>"""


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def shared(ref: str, index: int) -> str:
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def row(number: int | None, *cells: str) -> str:
    r = f' r="{number}"' if number is not None else ""
    return f"<row{r}>{''.join(cells)}</row>"


def header_row(headers) -> str:
    letters = [chr(65 + i) for i in range(len(headers))]
    return row(1, *(inline(f"{col}1", text) for col, text in zip(letters, headers, strict=True)))


def workbook(sheets: dict[str, str], *, strings: tuple[str, ...] = (), dimension: str | None = None,
             raw_sheet: dict[str, str] | None = None) -> bytes:
    """An .xlsx whose sheets hold the given <row> XML (or, in raw_sheet, the whole sheet XML)."""
    raw_sheet = raw_sheet or {}
    names = list(sheets) + [n for n in raw_sheet if n not in sheets]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=i) for i in range(1, len(names) + 1))))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheets="".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1))))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(rels="".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))))
        archive.writestr("xl/sharedStrings.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"))
        for i, name in enumerate(names, 1):
            if name in raw_sheet:
                xml = raw_sheet[name]
            else:
                dim = f'<dimension ref="{dimension}"/>' if dimension else ""
                xml = _SHEET.format(dimension=dim, rows=sheets[name])
            archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buffer.getvalue()


def far_cell(headers, ref: str = "XFD1048576", *, sheet: str = "Cán bộ", dimension: str | None = None) -> bytes:
    """The probe's file: a header row and one cell far away."""
    number = int("".join(ch for ch in ref if ch.isdigit()))
    return workbook({sheet: header_row(headers) + row(number, inline(ref, "x"))}, dimension=dimension)


def unclosed(headers, *, sheet: str = "Cán bộ") -> bytes:
    """Sheet XML cut off in the middle of a row."""
    return workbook({}, raw_sheet={sheet: _SHEET.format(dimension="", rows=header_row(headers))
                                   .replace("</sheetData></worksheet>", '<row r="2"><c r="A2" t="inlineStr"><is><t>x')})


def bad_shared_string(headers, *, sheet: str = "Cán bộ") -> bytes:
    """A cell pointing at shared string 999 of a table of one."""
    return workbook({sheet: header_row(headers) + row(2, shared("A2", 999))}, strings=("only",))


# --- formula injection: text a user typed, read back from an export ------------------------------

# Each starts as a spreadsheet formula would (=, +, -, @, or a tab / carriage return before one).
FORMULA_LIKE = ('=HYPERLINK("http://evil.example","Bấm")', "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1:A2)",
                "\t=1+2", "\r=1+2")


def exported_cells(content: bytes) -> list:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_text_not_formulas(content: bytes, *texts: str) -> list:
    """No cell of the export is a formula; each text is in a text cell; every text cell that
    starts like a formula is text with Excel's quote prefix. The cells, for more checks."""
    cells = exported_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    strings = [c for c in cells if isinstance(c.value, str)]
    for text in texts:
        assert any(text in c.value for c in strings), f"{text!r} not exported"
    for c in strings:
        assert c.data_type == "s", c.coordinate
        if c.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert c.quotePrefix, c.coordinate
    return cells
