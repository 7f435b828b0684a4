"""A criteria template as rows (the editor's grid and the Excel form) and back.

One row per item, in tree order: Mã mục | Thuộc mục | Tiêu chí | Điểm chuẩn | Cách tính | Điểm mỗi lần.
``build_definition`` turns rows, bands and the tie-break text into the contract's definition
({"items": [tree], "bands": [...], "tie_break": [...]}) or raises ``RowErrors`` listing every
problem as "Dòng N, cột X: lý do" (Vietnamese, like the importers' messages); ``definition_rows``
does the reverse, so rows → definition → rows is stable. Pure Python: no Django.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tdkt.core.domain.numbers import NumberError
from tdkt.core.domain.numbers import parse_number as parse_typed
from tdkt.core.domain.text import fold_vi

CODE = "Mã mục"
PARENT = "Thuộc mục"
TITLE = "Tiêu chí"
MAX = "Điểm chuẩn"
RULE = "Cách tính"
EACH = "Điểm mỗi lần"
HEADERS = (CODE, PARENT, TITLE, MAX, RULE, EACH)
BAND_LABEL = "Xếp loại"
BAND_MIN = "Từ điểm"
TIE_BREAK = "Mục so sánh khi bằng điểm"

POINTS, PER_COUNT, DEDUCTION = "points", "per_count", "deduction"
RULE_LABELS = {POINTS: "Chấm điểm", PER_COUNT: "Mỗi lần được điểm", DEDUCTION: "Trừ điểm mỗi lần"}
_RULE_KEYS = {
    **{fold_vi(label): key for key, label in RULE_LABELS.items()},
    **{key: key for key in RULE_LABELS},
    "per count": PER_COUNT,
}
CODE_MAX_LENGTH = 40
TITLE_MAX_LENGTH = 2000
NUMBER_LIMIT = Decimal("10000000")
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


class RowErrors(ValueError):
    """Every problem of the rows, each naming its row and column."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True, slots=True)
class CriterionRow:
    number: int  # the row number shown in messages (Excel row, or position in the editor's grid)
    code: object = ""
    parent: object = ""
    title: object = ""
    max: object = None
    rule: object = ""
    each: object = None

    def is_blank(self) -> bool:
        return all(_blank(v) for v in (self.code, self.parent, self.title, self.max, self.rule, self.each))


@dataclass(frozen=True, slots=True)
class BandRow:
    number: int
    label: object = ""
    min: object = None

    def is_blank(self) -> bool:
        return _blank(self.label) and _blank(self.min)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: object) -> str:
    """A cell as text: 1 and 1.0 read "1" (a code typed as a number), strings stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class Typed(str):
    """A number as typed in the editor's grid: read by the Vietnamese rules of every form
    (``tdkt.core.domain.numbers``: "2.5" refused with "2,5" shown, "1.000" is a thousand), while a
    cell of an imported file keeps the lenient reading below."""


def parse_number(value: object) -> Decimal | None:
    """A number from a cell or a box: int, float, Decimal or text ("2,5", "2.5", "09"); None when
    blank. Raises ValueError with the reason (Vietnamese) otherwise."""
    if _blank(value):
        return None
    if isinstance(value, Typed):
        try:
            number = parse_typed(value, decimals=2)
        except NumberError as exc:
            raise ValueError(exc.reason) from None
        value = number
    if isinstance(value, bool):
        raise ValueError(f"“{value}” không phải là số")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("không phải là số")
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if not _NUMBER_TEXT.match(text):
            raise ValueError(f"“{str(value).strip()[:40]}” không phải là số")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            raise ValueError(f"“{text}” không phải là số") from None
    if not number.is_finite():
        raise ValueError("không phải là số")
    if number < 0:
        raise ValueError("phải là số không âm")
    if number >= NUMBER_LIMIT:
        raise ValueError("số quá lớn")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError("chỉ được tối đa 2 chữ số thập phân")
    return number


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def show_number(value: object) -> str:
    """A definition's number as the editor shows it: 9, 2,5."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    text = format(number.normalize(), "f") if number != number.to_integral_value() else str(int(number))
    return text.replace(".", ",")


def rule_key(value: object) -> str | None:
    """The rule of a cell ("Chấm điểm", "Mỗi lần được điểm", "per_count", …); "" when blank; None
    when not one of them."""
    if _blank(value):
        return ""
    return _RULE_KEYS.get(fold_vi(str(value)).replace("_", " ").strip(), _RULE_KEYS.get(str(value).strip()))


@dataclass(slots=True)
class _Node:
    row: CriterionRow
    code: str
    parent: str
    title: str
    max: Decimal | None
    max_bad: bool  # the cell is not a number (already reported)
    children: list[_Node]


def _where(number: int, column: str) -> str:
    return f"Dòng {number}, cột {column}"


def _read_rows(rows: list[CriterionRow], errors: list[str]) -> list[_Node]:
    nodes: list[_Node] = []
    seen: dict[str, int] = {}
    for row in rows:
        code, parent, title = text_of(row.code), text_of(row.parent), text_of(row.title)
        ok = True
        if not code:
            errors.append(f"{_where(row.number, CODE)}: hãy ghi mã mục.")
            ok = False
        elif len(code) > CODE_MAX_LENGTH:
            errors.append(f"{_where(row.number, CODE)}: mã mục dài quá {CODE_MAX_LENGTH} ký tự.")
            ok = False
        elif code in seen:
            errors.append(f"{_where(row.number, CODE)}: mã “{code}” trùng với dòng {seen[code]}.")
            ok = False
        if not title:
            errors.append(f"{_where(row.number, TITLE)}: hãy ghi nội dung tiêu chí.")
        elif len(title) > TITLE_MAX_LENGTH:
            errors.append(f"{_where(row.number, TITLE)}: nội dung dài quá {TITLE_MAX_LENGTH} ký tự.")
        maximum, max_bad = None, False
        try:
            maximum = parse_number(row.max)
        except ValueError as exc:
            errors.append(f"{_where(row.number, MAX)}: {exc}.")
            max_bad = True
        if ok:
            seen[code] = row.number
            nodes.append(
                _Node(row=row, code=code, parent=parent, title=title, max=maximum, max_bad=max_bad, children=[])
            )
    return nodes


def _link(nodes: list[_Node], errors: list[str]) -> list[_Node]:
    """Children under their parents in row order; the top-level nodes. Unknown parents and cycles
    are errors naming the row."""
    by_code = {node.code: node for node in nodes}
    bad: set[str] = set()
    for node in nodes:
        if not node.parent:
            continue
        where = _where(node.row.number, PARENT)
        if node.parent == node.code:
            errors.append(f"{where}: mục “{node.code}” không thể thuộc chính nó.")
            bad.add(node.code)
        elif node.parent not in by_code:
            errors.append(f"{where}: không có mục mã “{node.parent}” trong bảng.")
            bad.add(node.code)
    looped: set[str] = set()
    for node in nodes:
        if node.code in bad or not node.parent:
            continue
        chain, current = [node.code], node
        while current.parent and current.parent in by_code and current.parent not in bad:
            current = by_code[current.parent]
            if current.code == node.code:
                loop = " → ".join([*chain, node.code])
                errors.append(f"{_where(node.row.number, PARENT)}: các mục thuộc nhau thành vòng lặp ({loop}).")
                looped.add(node.code)
                break
            if current.code in chain:  # it hangs below a loop it is not part of (the loop is reported)
                break
            chain.append(current.code)
    bad |= looped
    top = []
    for node in nodes:
        if node.code in bad:
            continue
        if node.parent:
            by_code[node.parent].children.append(node)
        else:
            top.append(node)
    return top


def _item(node: _Node, errors: list[str]) -> dict:
    row = node.row
    out: dict = {"code": node.code, "title": node.title}
    rule = rule_key(row.rule)
    each, each_bad = None, False
    try:
        each = parse_number(row.each)
    except ValueError as exc:
        errors.append(f"{_where(row.number, EACH)}: {exc}.")
        each_bad = True
    if node.children:
        if node.max is not None:
            out["max"] = json_number(node.max)
        if rule != "":
            errors.append(f"{_where(row.number, RULE)}: mục “{node.code}” có mục con nên không có cách tính; để trống.")
        elif not _blank(row.each) and not each_bad:
            errors.append(f"{_where(row.number, EACH)}: mục “{node.code}” có mục con nên không có điểm mỗi lần.")
        out["children"] = [_item(child, errors) for child in node.children]
        return out
    if node.max is not None and node.max > 0:
        out["max"] = json_number(node.max)
    elif not node.max_bad:
        errors.append(f"{_where(row.number, MAX)}: mục “{node.code}” không có mục con nên cần điểm chuẩn lớn hơn 0.")
    if rule is None:
        choices = "; ".join(RULE_LABELS.values())
        errors.append(f"{_where(row.number, RULE)}: “{text_of(row.rule)[:40]}” không phải một trong: {choices}.")
    elif rule in (PER_COUNT, DEDUCTION):
        if each is not None and each > 0:
            out["rule"] = {"type": rule, "points_each": json_number(each)}
        elif not each_bad:
            errors.append(f"{_where(row.number, EACH)}: cách tính “{RULE_LABELS[rule]}” cần số điểm mỗi lần lớn hơn 0.")
    elif not _blank(row.each) and not each_bad:
        errors.append(
            f"{_where(row.number, EACH)}: chỉ ghi khi cách tính là “{RULE_LABELS[PER_COUNT]}” "
            f"hoặc “{RULE_LABELS[DEDUCTION]}”."
        )
    return out


def _bands(rows: list[BandRow], place: str, errors: list[str]) -> list[dict]:
    bands = []
    for row in rows:
        label = text_of(row.label)
        where = f"{place}dòng {row.number}, cột"
        try:
            minimum = parse_number(row.min)
        except ValueError as exc:
            errors.append(f"{where} {BAND_MIN}: {exc}.")
            continue
        if not label:
            errors.append(f"{where} {BAND_LABEL}: hãy ghi tên mức xếp loại.")
        elif len(label) > 100:
            errors.append(f"{where} {BAND_LABEL}: tên mức xếp loại dài quá 100 ký tự.")
        if minimum is None:
            errors.append(f"{where} {BAND_MIN}: hãy ghi số điểm tối thiểu của mức xếp loại.")
        if label and minimum is not None and len(label) <= 100:
            bands.append({"label": label, "min": json_number(minimum)})
    return bands


def split_codes(text: object) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text_of(text)) if part.strip()]


def build_definition(
    rows: list[CriterionRow], band_rows: list[BandRow], tie_break: object = "", *, band_place: str = "Bảng xếp loại, "
) -> dict:
    """The contract's definition from the rows (blank rows skipped); RowErrors lists every problem."""
    errors: list[str] = []
    rows = [row for row in rows if not row.is_blank()]
    nodes = _read_rows(rows, errors)
    top = _link(nodes, errors)
    items = [_item(node, errors) for node in top]
    if not rows:
        errors.append("Bảng tiêu chí chưa có mục nào.")
    band_rows = [row for row in band_rows if not row.is_blank()]
    bands = _bands(band_rows, band_place, errors)
    if not band_rows:
        errors.append(f"Chưa có mức xếp loại nào (cột {BAND_LABEL}, {BAND_MIN}).")
    codes = {node.code for node in nodes}
    tie = split_codes(tie_break)
    for code in tie:
        if code not in codes:
            errors.append(f"{TIE_BREAK}: không có mục mã “{code}” trong bảng.")
    if len(set(tie)) != len(tie):
        errors.append(f"{TIE_BREAK}: một mục được ghi hai lần.")
    if errors:
        raise RowErrors(sorted(errors, key=_error_order))
    return {"items": items, "bands": bands, "tie_break": tie}


_ROW_ERROR = re.compile(r"^Dòng (\d+), cột ([^:]+):")


def _error_order(message: str) -> tuple:
    """The criteria rows' errors by row then column, before the other messages (kept in order)."""
    match = _ROW_ERROR.match(message)
    if match is None:
        return (1, 0, 0)
    column = match.group(2)
    return (0, int(match.group(1)), HEADERS.index(column) if column in HEADERS else len(HEADERS))


def definition_rows(definition: dict) -> list[dict]:
    """The definition's items as rows in tree order: code, parent, title, max, rule key (leaves
    only), points each (counted leaves only); numbers as stored (int/float) or None."""
    out: list[dict] = []

    def walk(item: dict, parent: str) -> None:
        children = item.get("children") or []
        rule = item.get("rule") or {}
        kind = None if children else (rule.get("type") or POINTS)
        out.append(
            {
                "code": item.get("code", ""),
                "parent": parent,
                "title": item.get("title", ""),
                "max": item.get("max"),
                "rule": kind,
                "each": rule.get("points_each") if kind in (PER_COUNT, DEDUCTION) else None,
            }
        )
        for child in children:
            walk(child, item.get("code", ""))

    for item in definition.get("items") or []:
        walk(item, "")
    return out


def normalized(definition: dict) -> dict:
    """The definition as ``build_definition`` would give it back (points leaves without a rule)."""
    rows = [
        CriterionRow(
            number=i,
            code=r["code"],
            parent=r["parent"],
            title=r["title"],
            max=r["max"],
            rule=r["rule"] or "",
            each=r["each"],
        )
        for i, r in enumerate(definition_rows(definition), start=1)
    ]
    bands = [
        BandRow(number=i, label=b.get("label"), min=b.get("min"))
        for i, b in enumerate(definition.get("bands") or [], start=1)
    ]
    return build_definition(rows, bands, ", ".join(definition.get("tie_break") or []))
