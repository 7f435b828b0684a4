"""What every kind of import shares: parsing a row cell by cell and collecting row errors."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .cells import CellError, parse_cell
from .columns import CHOICE, Column
from .reading import Table

PROGRESS_EVERY = 1000  # rows between two progress updates the page can see


@dataclass
class RowErrors:
    """Errors as {row, column, message}: row is the Excel row number (header = its row), or None
    for the file as a whole; column is the Vietnamese header."""

    items: list[dict] = field(default_factory=list)

    def add(self, row: int | None, column: Column | str, message: str) -> None:
        header = column.header if isinstance(column, Column) else column
        self.items.append({"row": row, "column": header, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self, columns: Iterable[Column]) -> list[dict]:
        order = {c.header: i for i, c in enumerate(columns)}
        return sorted(self.items, key=lambda e: (e["row"] or 0, order.get(e["column"], 99)))


@dataclass
class ParsedRow:
    row: int
    values: dict
    failed: set[str] = field(default_factory=set)  # keys of the cells that could not be read

    @property
    def ok(self) -> bool:
        return not self.failed


def parse_rows(table: Table, errors: RowErrors, *, on_progress: Callable[[int], None] | None = None):
    """Yield every data row parsed cell by cell; each bad cell adds an error and is left out."""
    columns = [column for _, column in table.columns]
    lookups = {c.key: c.choice_lookup() for c in columns if c.kind == CHOICE}
    for done, (number, raw) in enumerate(table.records(), start=1):
        parsed = ParsedRow(row=number, values={})
        for column in columns:
            try:
                parsed.values[column.key] = parse_cell(column, raw[column.key], lookups.get(column.key))
            except CellError as exc:
                errors.add(number, column, str(exc))
                parsed.failed.add(column.key)
        yield parsed
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done)
    if on_progress is not None:
        on_progress(table.row_count)


def rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" và {len(rows) - 10} dòng khác" if len(rows) > 10 else "")


class CodeLookup:
    """Codes as users type them: exact first, then ignoring case if that is unambiguous."""

    def __init__(self, items: Iterable[tuple[str, object]]):
        self.exact: dict[str, object] = {}
        folded: dict[str, list] = {}
        for code, item in items:
            self.exact[code] = item
            folded.setdefault(code.casefold(), []).append(item)
        self.folded = {k: v[0] for k, v in folded.items() if len(v) == 1}

    def get(self, code: str):
        found = self.exact.get(code)
        return found if found is not None else self.folded.get(code.casefold())
