"""Small builders of contract input for the scoring tests."""

from __future__ import annotations


def leaf(code: str, max_: float | int, rule: str | None = None, each: float | int | None = None) -> dict:
    item: dict = {"code": code, "title": f"Tiêu chí {code}", "max": max_}
    if rule is not None:
        item["rule"] = {"type": rule} if each is None else {"type": rule, "points_each": each}
    return item


def section(code: str, max_: float | int | None, *children: dict) -> dict:
    item: dict = {"code": code, "title": f"Nhóm {code}", "children": list(children)}
    if max_ is not None:
        item["max"] = max_
    return item


BANDS = [{"label": "Xuất sắc", "min": 90}, {"label": "Tốt", "min": 70}, {"label": "Khá", "min": 0}]


def template(*items: dict, bands: list | None = None, tie_break: list | None = None, code: str = "T") -> dict:
    t: dict = {"code": code, "items": list(items), "bands": BANDS if bands is None else bands}
    if tie_break is not None:
        t["tie_break"] = tie_break
    return t


def sheet(unit: str, self_: dict | None = None, *reviews: dict) -> dict:
    s: dict = {"unit": unit, "reviews": [{"reviewer": f"R{i}", "scores": r} for i, r in enumerate(reviews, 1)]}
    if self_ is not None:
        s["self"] = self_
    return s


def pts(p) -> dict:
    return {"points": p}


def cnt(n) -> dict:
    return {"count": n}


# A template with every rule, a nested section, an uncapped section and a top-level leaf: max 100.
FULL = template(
    section(
        "I",
        50,
        leaf("I.1", 45, "per_count", 9),
        leaf("I.2", 30),
        section("I.3", 12, leaf("I.3.a", 4), leaf("I.3.b", 4), section("I.3.c", None, leaf("I.3.c.x", 6))),
    ),
    section("II", None, leaf("II.1", 10, "deduction", 2), leaf("II.2", 10.5, "per_count", 0.25)),
    leaf("III", 29.5),
    tie_break=["II", "I.3"],
)
