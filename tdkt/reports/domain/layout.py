"""The building blocks of a statistical form of Thông tư 02/2023/TT-BNV, as data.

A form is rows and columns. Each row and each column names the records it takes as *criteria*: for
some dimensions of the records (e.g. "recipient", "method", "code"), the values it accepts. A cell
counts the records that meet both its row's and its column's criteria; where they ask for values
that cannot meet (a "Tập thể" row under a "Cá nhân" column), the circular leaves the cell empty and
so does the form here. The queries (tdkt/reports/selectors.py) give every record one value per
dimension, so a cell's number and the list behind it are one filter.

Pure Python (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Criteria = dict[str, frozenset[str]]


def crit(**dims) -> Criteria:
    """crit(method="chuyen_de", code=("BK_TINH", "KNC")) → {dimension: frozenset of values}."""
    return {k: frozenset((v,) if isinstance(v, str) else v) for k, v in dims.items()}


@dataclass(frozen=True)
class Column:
    key: str  # stable, for the JSON and the stored versions ("1", "2_tt")
    number: str  # as the form numbers its columns ("1=(2+3+4)", "2")
    heads: tuple[str, ...]  # the header cells above it, outermost first
    criteria: Criteria = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    code: str  # mã số ("01"); blank on a heading row
    label: str
    unit: str = ""  # đơn vị tính of the row, on forms that have that column
    criteria: Criteria = field(default_factory=dict)
    bold: bool = False

    @property
    def is_heading(self) -> bool:
        """A heading row ("1. Chia theo …") carries no numbers."""
        return not self.code


@dataclass(frozen=True)
class Form:
    code: str  # "0601"
    title: str  # the form's heading, as printed
    unit_of_measure: str  # "Đơn vị tính: …" above the table; blank where the unit is per row
    source: str  # which records it counts: honours, movements, units, officers
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    has_unit_column: bool = False
    notes: tuple[str, ...] = ()  # what the data cannot give (shown under the table)

    @property
    def number(self) -> str:
        return f"{self.code}.N/BNV-TĐKT"

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.is_heading)


def merge(a: Criteria, b: Criteria) -> Criteria | None:
    """Both criteria at once; None when they cannot both hold (the cell is left empty)."""
    out = dict(a)
    for dim, values in b.items():
        if dim in out:
            both = out[dim] & values
            if not both:
                return None
            out[dim] = both
        else:
            out[dim] = values
    return out


def cell_criteria(form: Form, row_code: str, column_key: str) -> Criteria | None:
    row = next((r for r in form.data_rows if r.code == row_code), None)
    column = next((c for c in form.columns if c.key == column_key), None)
    if row is None or column is None:
        raise KeyError((row_code, column_key))
    return merge(row.criteria, column.criteria)


def matches(group: dict[str, str], criteria: Criteria) -> bool:
    return all(group.get(dim) in values for dim, values in criteria.items())


def fill(form: Form, groups: list[tuple[dict[str, str], int]]) -> dict[str, dict[str, int | None]]:
    """The cells of the form from the counted groups (each: its value per dimension, its count):
    {row code: {column key: count, or None where the form leaves the cell empty}}."""
    cells: dict[str, dict[str, int | None]] = {}
    for row in form.data_rows:
        out: dict[str, int | None] = {}
        for column in form.columns:
            criteria = merge(row.criteria, column.criteria)
            out[column.key] = None if criteria is None else sum(n for g, n in groups if matches(g, criteria))
        cells[row.code] = out
    return cells


def diff(cells: dict, frozen: dict) -> dict[str, dict[str, int]]:
    """Per cell, the change since a submitted version: now minus then (cells that did not change left out)."""
    out: dict[str, dict[str, int]] = {}
    for code, row in cells.items():
        for key, value in row.items():
            before = (frozen.get(code) or {}).get(key)
            if value is None and before is None:
                continue
            change = (value or 0) - (before or 0)
            if change:
                out.setdefault(code, {})[key] = change
    return out


@dataclass(frozen=True)
class HeadCell:
    label: str
    colspan: int
    rowspan: int


def header_rows(columns: tuple[Column, ...]) -> list[list[HeadCell]]:
    """The column header as table rows: equal leading heads of neighbouring columns merge across,
    a column whose heads end early spans down to the bottom."""
    depth = max(len(c.heads) for c in columns)
    rows: list[list[HeadCell]] = []
    for level in range(depth):
        out: list[HeadCell] = []
        i = 0
        while i < len(columns):
            col = columns[i]
            if len(col.heads) <= level:
                i += 1  # covered by a cell above spanning down
                continue
            prefix = col.heads[: level + 1]
            j = i + 1
            while j < len(columns) and columns[j].heads[: level + 1] == prefix and len(columns[j].heads) > level:
                j += 1
            rowspan = depth - level if len(col.heads) == level + 1 and j - i == 1 else 1
            out.append(HeadCell(prefix[-1], j - i, rowspan))
            i = j
        rows.append(out)
    return rows
