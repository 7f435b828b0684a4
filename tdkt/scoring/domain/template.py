"""The criteria sheet (bảng tiêu chí chấm điểm): a tree of sections and leaves, with bands.

``parse_template`` validates a template as the JSON gives it and raises ``TemplateError`` (one
Vietnamese line naming the item) for a duplicate item code, a leaf without a positive ``max``, a
``per_count`` / ``deduction`` rule without a positive ``points_each``, no bands, or any other
shape the computation cannot use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .numbers import ZERO, to_decimal

PREFIX = "mẫu tiêu chí"


class TemplateError(ValueError):
    """An invalid template: ``tdkt scoring compute`` exits 2 with this message."""

    def one_line(self) -> str:
        return " ".join(str(self).split())


class RuleType(StrEnum):
    POINTS = "points"
    PER_COUNT = "per_count"
    DEDUCTION = "deduction"


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    title: str
    max: Decimal | None  # a leaf always has one (> 0); a section may not (sum uncapped)
    rule: RuleType | None = None  # None for a section
    points_each: Decimal | None = None
    children: tuple[Item, ...] = ()

    @property
    def is_section(self) -> bool:
        return bool(self.children)

    @property
    def counted(self) -> bool:
        """A leaf scored with ``{"count": n}`` rather than ``{"points": p}``."""
        return self.rule in (RuleType.PER_COUNT, RuleType.DEDUCTION)

    @property
    def maximum(self) -> Decimal:
        """Most the item can score: its own ``max``, else (uncapped section) its children's."""
        if self.max is not None:
            return self.max
        return sum((child.maximum for child in self.children), ZERO)

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True, slots=True)
class Template:
    code: object
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    tie_break: tuple[str, ...] = ()

    @property
    def max_total(self) -> Decimal:
        return sum((item.maximum for item in self.items), ZERO)

    def walk(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()

    def by_code(self) -> dict[str, Item]:
        return {item.code: item for item in self.walk()}

    def leaves(self) -> Iterator[Item]:
        return (item for item in self.walk() if not item.is_section)


def _fail(message: str) -> TemplateError:
    return TemplateError(f"{PREFIX}: {message}")


def _where(code: object, path: str) -> str:
    return f"mục '{code}'" if isinstance(code, str) and code else f"mục tại {path}"


def _parse_item(raw: object, path: str, seen: set[str]) -> Item:
    if not isinstance(raw, dict):
        raise _fail(f"mục tại {path} không phải đối tượng JSON")
    code = raw.get("code")
    where = _where(code, path)
    if not isinstance(code, str) or not code.strip():
        raise _fail(f"{where} thiếu mã mục (code)")
    if code in seen:
        raise _fail(f"mã mục trùng lặp '{code}'")
    seen.add(code)
    title = raw.get("title", "")
    if not isinstance(title, str):
        raise _fail(f"{where}: tên mục (title) không phải chuỗi")
    has_max = "max" in raw and raw["max"] is not None
    maximum = to_decimal(raw["max"]) if has_max else None
    children_raw = raw.get("children")
    if children_raw is not None and not isinstance(children_raw, list):
        raise _fail(f"{where}: children không phải danh sách")
    if children_raw:
        if has_max and (maximum is None or maximum < 0):
            raise _fail(f"{where}: điểm tối đa (max) của nhóm phải là số không âm")
        if raw.get("rule") is not None:
            raise _fail(f"{where}: nhóm có mục con không được có cách chấm (rule)")
        children = tuple(_parse_item(child, f"{path}.children[{i}]", seen) for i, child in enumerate(children_raw))
        return Item(code=code, title=title, max=maximum, children=children)
    if maximum is None or maximum <= 0:
        raise _fail(f"{where} không có điểm tối đa (max) dương")
    rule_raw = raw.get("rule")
    if rule_raw is None:
        return Item(code=code, title=title, max=maximum, rule=RuleType.POINTS)
    if not isinstance(rule_raw, dict):
        raise _fail(f"{where}: cách chấm (rule) không phải đối tượng JSON")
    kind = rule_raw.get("type", RuleType.POINTS.value)
    try:
        rule = RuleType(kind) if isinstance(kind, str) else None
    except ValueError:
        rule = None
    if rule is None:
        raise _fail(f"{where}: cách chấm không hợp lệ {kind!r} (points, per_count, deduction)")
    if rule is RuleType.POINTS:
        return Item(code=code, title=title, max=maximum, rule=rule)
    each = to_decimal(rule_raw.get("points_each"))
    if each is None or each <= 0:
        raise _fail(f"{where}: cách chấm {rule.value} không có điểm mỗi lần (points_each) dương")
    return Item(code=code, title=title, max=maximum, rule=rule, points_each=each)


def _parse_bands(raw: object) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail("không có mức xếp loại (bands)")
    bands = []
    for i, band in enumerate(raw):
        if not isinstance(band, dict):
            raise _fail(f"mức xếp loại bands[{i}] không phải đối tượng JSON")
        label = band.get("label")
        if not isinstance(label, str) or not label:
            raise _fail(f"mức xếp loại bands[{i}] thiếu tên (label)")
        minimum = to_decimal(band.get("min"))
        if minimum is None:
            raise _fail(f"mức xếp loại '{label}' thiếu điểm tối thiểu (min) là số")
        bands.append(Band(label=label, min=minimum))
    return tuple(bands)


def parse_template(raw: object) -> Template:
    """The template of the contract's input, validated (``TemplateError`` otherwise)."""
    if not isinstance(raw, dict):
        raise _fail("không phải đối tượng JSON")
    items_raw = raw.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        raise _fail("không có mục tiêu chí (items)")
    seen: set[str] = set()
    items = tuple(_parse_item(item, f"items[{i}]", seen) for i, item in enumerate(items_raw))
    bands = _parse_bands(raw.get("bands"))
    tie_raw = raw.get("tie_break")
    if tie_raw is None:
        tie_raw = []
    if not isinstance(tie_raw, list) or not all(isinstance(code, str) for code in tie_raw):
        raise _fail("tie_break không phải danh sách mã mục")
    for code in tie_raw:
        if code not in seen:
            raise _fail(f"tie_break nêu mã mục không có '{code}'")
    return Template(code=raw.get("code"), items=items, bands=bands, tie_break=tuple(tie_raw))
