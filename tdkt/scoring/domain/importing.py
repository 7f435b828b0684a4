"""A criteria sheet (bảng tiêu chí chấm điểm) imported from a Markdown or HTML table.

``template_from_markdown`` / ``template_from_html`` read a table such as seed 000's (TT | Tiêu chí |
Điểm chuẩn | …) and return the contract's template dict (contracts/scoring.md), already checked by
``parse_template``:

- an upper-case roman numeral (I … XXXIX, "I." too) starts a section, code ``"I"``;
- an arabic number is an item of the current section, code ``"I.1"`` (OCR damage around the
  digits is dropped: ``".3"`` reads as 3);
- a lower-case letter is a sub-item of the current item, code ``"II.5.a"``;
- a row with empty TT and empty points continues the previous row's title (a table split by a
  page break, "… theo cơ chế một" + "cửa, một cửa liên thông …");
- the row "TỔNG ĐIỂM …" is the total and must equal the sum of the sections' maxima;
- points are numbers ("09" is 9, "4,5" is 4.5);
- "mỗi … được N điểm, tối đa (không quá) M điểm" makes the leaf ``per_count`` (N each, max M) and
  "trừ N điểm mỗi lần …" makes it ``deduction``; N and M may be digits or Vietnamese number words;
- a section row with no rows under it becomes a section with one leaf ``"<code>.1"``; when its text
  states a rule, the rule sentence is that leaf's title and the rest the section's title;
- bands come from the lines after the table ("Xuất sắc: Từ 400 điểm …"; "Dưới 300 điểm" is min 0).

The table is found by its header row (a cell naming "tiêu chí" or "nội dung" and one naming
"điểm"), else from the first section row that has points; it may be split into several tables
separated by blank lines. Bad input raises ``TemplateImportError`` (a ``TemplateError``) with a
Vietnamese message naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from .template import TemplateError, parse_template

PREFIX = "nhập bảng tiêu chí"


class TemplateImportError(TemplateError):
    """The table cannot be read as a criteria sheet; the message names the row."""


def _fail(message: str) -> TemplateImportError:
    return TemplateImportError(f"{PREFIX}: {message}")


# --- the document as a sequence of table rows and text lines -------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[str, ...]
    line: int  # 1-based line of the source (Markdown) or ordinal of the <tr> (HTML)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str


_Event = _Row | _Line

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


def _clean(text: str) -> str:
    text = text.replace("\\|", "|").replace("**", "").replace("__", "")
    return " ".join(text.split())


def _markdown_events(text: str) -> list[_Event]:
    events: list[_Event] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("|"):
            if _SEPARATOR.match(line):
                continue
            body = line[1:-1] if line.endswith("|") and len(line) > 1 else line[1:]
            cells = re.split(r"(?<!\\)\|", body)
            events.append(_Row(tuple(_clean(cell) for cell in cells), number))
        else:
            events.append(_Line(_clean(line)))
    return events


class _TableHTMLParser(HTMLParser):
    """``<tr>``/``<td>``/``<th>`` into rows; text outside tables into lines (split at block tags)."""

    BLOCKS = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[_Event] = []
        self._depth = 0  # nesting of <table>
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._text: list[str] = []
        self._rows = 0

    def _flush_text(self) -> None:
        text = _clean("".join(self._text))
        self._text = []
        self.events.append(_Line(text))

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(_clean("".join(self._cell)))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self._rows += 1
            self.events.append(_Row(tuple(self._row), self._rows))
        self._row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self._depth == 0:
                self._flush_text()
            self._depth += 1
        elif self._depth and tag == "tr":
            self._end_row()
            self._row = []
        elif self._depth and tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
        elif self._depth and tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif not self._depth and tag in self.BLOCKS:
            self._flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._end_row()
            self._depth -= 1
            if self._depth == 0:
                self.events.append(_Line(""))
        elif self._depth and tag in ("td", "th"):
            self._end_cell()
        elif self._depth and tag == "tr":
            self._end_row()
        elif not self._depth and tag in self.BLOCKS:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self._depth:
            if self._cell is not None:
                self._cell.append(data)
        else:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush_text()


def _html_events(text: str) -> list[_Event]:
    parser = _TableHTMLParser()
    parser.feed(text)
    parser.close()
    return parser.events


# --- numbers -------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_WORDS = "|".join(sorted([*_UNITS, "mười", "mươi", "linh", "lẻ"], key=len, reverse=True))
# A number: digits (with a decimal comma or point) or a run of Vietnamese number words.
_NUMBER = rf"(\d+(?:[.,]\d+)?|(?:(?:{_WORDS})\s*)+)"


def _words_value(words: str) -> int | None:
    """1 … 99 in words ("chín", "mười lăm", "hai mươi", "hai mươi lăm"); None otherwise."""
    tokens = words.lower().split()
    if not tokens:
        return None
    tens, units = 0, None
    if "mười" in tokens:
        i = tokens.index("mười")
        if i != 0:
            return None
        tens, rest = 1, tokens[1:]
    elif "mươi" in tokens:
        i = tokens.index("mươi")
        if i != 1 or tokens[0] not in _UNITS or _UNITS[tokens[0]] < 2:
            return None
        tens, rest = _UNITS[tokens[0]], tokens[2:]
    else:
        rest = tokens
    rest = [t for t in rest if t not in ("linh", "lẻ")]
    if len(rest) > 1:
        return None
    if rest:
        if rest[0] not in _UNITS:
            return None
        units = _UNITS[rest[0]]
    value = tens * 10 + (units or 0)
    return value or None


def _number_value(text: str) -> Decimal | None:
    text = text.strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            return None
    value = _words_value(text)
    return Decimal(value) if value is not None else None


def _points(text: str) -> Decimal | None:
    """The points cell: None when empty; raises ValueError when it is not a number."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        raise ValueError(text)
    return Decimal(text.replace(",", "."))


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _roman_value(text: str) -> int | None:
    if not text or not _ROMAN.match(text):
        return None
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


# --- rows into items -----------------------------------------------------------------------------

_PER_COUNT = re.compile(
    rf"(?P<sentence>mỗi\b.*?\bđược\s+{_NUMBER.replace('(', '(?P<each>', 1)}\s*điểm\s*[,;.]?\s*"
    rf"(?:và\s+)?(?:tối\s+đa|nhưng\s+tối\s+đa|tối\s+đa\s+là)\s*(?:không\s+quá\s+|là\s+)?"
    rf"{_NUMBER.replace('(', '(?P<cap>', 1)}\s*điểm)",
    re.IGNORECASE | re.DOTALL,
)
_DEDUCTION = re.compile(
    rf"(?P<sentence>trừ\s+{_NUMBER.replace('(', '(?P<each>', 1)}\s*điểm\s*(?:/|cho\s+)?\s*mỗi\b[^.;]*)",
    re.IGNORECASE,
)
_BAND = re.compile(
    r"^[\s\-*+•·]*(?P<label>[^:\d]{2,40}?)\s*:\s*(?P<how>từ|trên|dưới|đạt|đạt\s+từ)?\s*"
    r"(?P<min>\d+(?:[.,]\d+)?)\s*điểm",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Node:
    code: str
    title: str
    max: Decimal | None
    line: int
    tt: str
    children: list[_Node] = field(default_factory=list)
    rule: dict[str, object] | None = None


def _where(row: _Row, tt: str, title: str) -> str:
    name = f"TT '{tt}'" if tt else f"'{title[:40]}'" if title else "trống"
    return f"dòng {row.line} ({name})"


def _header_columns(cells: tuple[str, ...]) -> tuple[int, int, int] | None:
    lowered = [cell.lower() for cell in cells]
    title = next((i for i, c in enumerate(lowered) if "tiêu chí" in c or "nội dung" in c), None)
    if title is None:
        return None
    points = next(
        (i for i, c in enumerate(lowered) if "điểm chuẩn" in c or "tối đa" in c or "điểm tối" in c),
        None,
    )
    if points is None:
        points = next((i for i, c in enumerate(lowered) if "điểm" in c and i != title), None)
    if points is None:
        return None
    tt = next((i for i, c in enumerate(lowered) if c in ("tt", "stt", "số tt", "mục")), 0)
    return tt, title, points


def _cell(cells: tuple[str, ...], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _tt_kind(tt: str) -> tuple[str, object] | None:
    """("section", "II") / ("item", 3) / ("sub", "a") for a TT cell, None when unreadable."""
    bare = tt.strip().strip(".)(:").strip()
    if _roman_value(bare):
        return "section", bare
    if re.fullmatch(r"[a-zđ]", bare):
        return "sub", bare
    digits = re.fullmatch(r"\W*(\d+)\W*", tt.strip())
    if digits:
        return "item", int(digits.group(1))
    return None


def _find_start(events: list[_Event]) -> tuple[int, tuple[int, int, int]]:
    for index, event in enumerate(events):
        if isinstance(event, _Row):
            columns = _header_columns(event.cells)
            if columns is not None:
                return index + 1, columns
    for index, event in enumerate(events):  # no header: the first section row with points
        if isinstance(event, _Row) and len(event.cells) >= 3:
            kind = _tt_kind(event.cells[0])
            if kind and kind[0] == "section":
                try:
                    if _points(event.cells[2]) is not None:
                        return index, (0, 1, 2)
                except ValueError:
                    continue
    raise _fail("không tìm thấy bảng tiêu chí (cần cột TT, Tiêu chí, Điểm chuẩn)")


def _rows_and_rest(events: list[_Event]) -> tuple[list[_Row], tuple[int, int, int], list[str]]:
    start, columns = _find_start(events)
    rows: list[_Row] = []
    index = start
    while index < len(events):
        event = events[index]
        index += 1
        if isinstance(event, _Row):
            rows.append(event)
            if "tổng" in _cell(event.cells, columns[1]).lower() and not _cell(event.cells, columns[0]):
                break
        elif event.text:  # text ends the table; blank lines between split tables do not
            index -= 1
            break
    rest = [e.text for e in events[index:] if isinstance(e, _Line)]
    return rows, columns, rest


def _rule_of(text: str, row: _Row, where: str, maximum: Decimal | None) -> tuple[dict[str, object], str] | None:
    match = _PER_COUNT.search(text)
    if match:
        each = _number_value(match.group("each"))
        cap = _number_value(match.group("cap"))
        if each is None or cap is None:
            raise _fail(f"{where}: không đọc được số điểm trong '{match.group('sentence')}'")
        if maximum is not None and cap != maximum:
            raise _fail(
                f"{where}: tối đa {_json_number(cap)} điểm trong nội dung khác điểm chuẩn {_json_number(maximum)}"
            )
        return {"type": "per_count", "points_each": _json_number(each)}, match.group("sentence")
    match = _DEDUCTION.search(text)
    if match:
        each = _number_value(match.group("each"))
        if each is None:
            raise _fail(f"{where}: không đọc được số điểm trong '{match.group('sentence')}'")
        return {"type": "deduction", "points_each": _json_number(each)}, match.group("sentence")
    return None


def _item_dict(node: _Node) -> dict[str, object]:
    out: dict[str, object] = {"code": node.code, "title": node.title}
    if node.max is not None:
        out["max"] = _json_number(node.max)
    if node.children:
        out["children"] = [_item_dict(child) for child in node.children]
    elif node.rule is not None:
        out["rule"] = node.rule
    return out


def _cap_from_sentence(node: _Node) -> Decimal | None:
    match = _PER_COUNT.search(node.title)
    return _number_value(match.group("cap")) if match else None


def _build_items(rows: list[_Row], columns: tuple[int, int, int]) -> tuple[list[_Node], Decimal | None, _Row | None]:
    tt_col, title_col, points_col = columns
    sections: list[_Node] = []
    section: _Node | None = None
    item: _Node | None = None
    last: _Node | None = None
    total: Decimal | None = None
    total_row: _Row | None = None
    for row in rows:
        tt = _cell(row.cells, tt_col).strip()
        title = _cell(row.cells, title_col).strip()
        points_text = _cell(row.cells, points_col)
        if not any(cell.strip() for cell in row.cells):
            continue
        where = _where(row, tt, title)
        try:
            points = _points(points_text)
        except ValueError:
            raise _fail(f"{where}: điểm chuẩn '{points_text}' không phải là số") from None
        if not tt:
            if "tổng" in title.lower() and points is not None:
                total, total_row = points, row
                continue
            if points is None and title:
                if last is None:
                    raise _fail(f"{where}: dòng nối tiếp nhưng chưa có mục nào phía trước")
                last.title = f"{last.title} {title}".strip()
                continue
            raise _fail(f"{where}: thiếu số thứ tự (TT)")
        kind = _tt_kind(tt)
        if kind is None:
            raise _fail(f"{where}: số thứ tự '{tt}' không đọc được (La Mã, số hoặc chữ cái)")
        if kind[0] == "section":
            section = _Node(code=str(kind[1]), title=title, max=points, line=row.line, tt=tt)
            sections.append(section)
            item = None
            last = section
        elif kind[0] == "item":
            if section is None:
                raise _fail(f"{where}: mục '{tt}' không thuộc phần nào (thiếu dòng La Mã phía trên)")
            item = _Node(code=f"{section.code}.{kind[1]}", title=title, max=points, line=row.line, tt=tt)
            section.children.append(item)
            last = item
        else:
            if item is None:
                raise _fail(f"{where}: mục con '{tt}' không thuộc mục nào (thiếu dòng số phía trên)")
            sub = _Node(code=f"{item.code}.{kind[1]}", title=title, max=points, line=row.line, tt=tt)
            item.children.append(sub)
            last = sub
    if not sections:
        raise _fail("bảng tiêu chí không có phần nào (dòng TT La Mã I, II, …)")
    return sections, total, total_row


def _finish(node: _Node, rows_by_line: dict[int, _Row]) -> None:
    """Rules on leaves, a single leaf under a childless section, maxima checked (recursively)."""
    row = rows_by_line[node.line]
    where = _where(row, node.tt, node.title)
    if node.children:
        for child in node.children:
            _finish(child, rows_by_line)
        return
    if node.max is None:
        node.max = _cap_from_sentence(node)
    if node.max is None:
        raise _fail(f"{where}: mục '{node.code}' không có điểm chuẩn")
    found = _rule_of(node.title, row, where, node.max)
    if node.code.count(".") == 0:  # a section row with nothing under it: one leaf "<code>.1"
        title, leaf_title = node.title, node.title
        if found is not None:
            sentence = found[1]
            start = node.title.find(sentence)
            head = node.title[:start].strip().rstrip(" .;,:-")
            if head:
                title = head
            leaf_title = sentence.strip().rstrip(" .;,")
        leaf = _Node(code=f"{node.code}.1", title=leaf_title, max=node.max, line=node.line, tt=node.tt)
        leaf.rule = found[0] if found else None
        node.title = title
        node.children.append(leaf)
        return
    node.rule = found[0] if found else None


def _bands(lines: list[str]) -> list[dict[str, object]]:
    bands: list[dict[str, object]] = []
    skipped = 0
    for line in lines:
        if not line:
            continue
        match = _BAND.match(line)
        if match is None:
            if bands:
                break
            skipped += 1
            if skipped > 10:
                break
            continue
        label = match.group("label").strip(" *-•")
        how = (match.group("how") or "").lower()
        minimum = Decimal(0) if how == "dưới" else Decimal(match.group("min").replace(",", "."))
        bands.append({"label": label, "min": _json_number(minimum)})
    return bands


def _template(
    events: list[_Event],
    *,
    code: object,
    title: str | None,
    tie_break: list[str] | None,
) -> dict[str, object]:
    rows, columns, rest = _rows_and_rest(events)
    sections, total, total_row = _build_items(rows, columns)
    rows_by_line = {row.line: row for row in rows}
    for section in sections:
        _finish(section, rows_by_line)
    items = [_item_dict(section) for section in sections]
    template: dict[str, object] = {"code": code}
    if title is not None:
        template["title"] = title
    template["items"] = items
    template["bands"] = _bands(rest)
    template["tie_break"] = list(tie_break or [])
    parsed = parse_template(template)
    if total is not None and total_row is not None and parsed.max_total != total:
        where = _where(total_row, "", _cell(total_row.cells, columns[1]))
        raise _fail(
            f"{where}: tổng điểm {_json_number(total)} khác tổng điểm tối đa của các phần "
            f"{_json_number(parsed.max_total)}"
        )
    return template


def template_from_markdown(
    text: str, *, code: object, title: str | None = None, tie_break: list[str] | None = None
) -> dict[str, object]:
    """The contract's template dict from a Markdown document holding the criteria table."""
    return _template(_markdown_events(text), code=code, title=title, tie_break=tie_break)


def template_from_html(
    text: str, *, code: object, title: str | None = None, tie_break: list[str] | None = None
) -> dict[str, object]:
    """The contract's template dict from an HTML document holding the criteria ``<table>``."""
    return _template(_html_events(text), code=code, title=title, tie_break=tie_break)
