"""Invariants of the scoring computation, checked by hypothesis on generated templates and sheets."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.scoring.domain import compute, leaf_score, parse_template, score_entries

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CENTS = st.integers(1, 5000).map(lambda c: c / 100)  # JSON floats with at most 2 decimals
RULES = st.sampled_from(["points", "per_count", "deduction", None])


@st.composite
def items(draw, prefix: str, depth: int) -> list[dict]:
    result = []
    for i in range(draw(st.integers(1, 3))):
        code = f"{prefix}.{i + 1}" if prefix else ("I", "II", "III")[i]
        if depth < 3 and draw(st.booleans()):
            item: dict = {"code": code, "children": draw(items(code, depth + 1))}
            if draw(st.booleans()):
                item["max"] = draw(CENTS)
        else:
            item = {"code": code, "max": draw(CENTS)}
            rule = draw(RULES)
            if rule in ("per_count", "deduction"):
                item["rule"] = {"type": rule, "points_each": draw(st.integers(1, 1000).map(lambda c: c / 100))}
            elif rule == "points":
                item["rule"] = {"type": "points"}
        result.append(item)
    return result


def walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from walk(node.get("children", []))


@st.composite
def templates(draw) -> dict:
    tree = draw(items("", 1))
    codes = [n["code"] for n in walk(tree)]
    mins = sorted(draw(st.lists(st.integers(0, 200), min_size=1, max_size=4, unique=True)), reverse=True)
    return {
        "code": "P",
        "items": tree,
        "bands": [{"label": f"B{m}", "min": m} for m in mins],
        "tie_break": draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)),
    }


@st.composite
def scores(draw, template: dict) -> dict:
    entries = {}
    for node in walk(template["items"]):
        if node.get("children") or not draw(st.booleans()):
            continue
        rule = (node.get("rule") or {}).get("type", "points")
        if rule == "points":
            cents = draw(st.integers(0, round(node["max"] * 100)))
            entries[node["code"]] = {"points": cents / 100 if draw(st.booleans()) else cents // 100}
        else:
            entries[node["code"]] = {"count": draw(st.integers(0, 60))}
    return entries


@st.composite
def inputs(draw) -> dict:
    template = draw(templates())
    sheets = []
    for n in range(draw(st.integers(0, 7))):
        reviews = [{"reviewer": f"R{k}", "scores": draw(scores(template))} for k in range(draw(st.integers(0, 3)))]
        sheet = {"unit": f"U{n}", "reviews": reviews}
        if draw(st.booleans()) or not reviews:
            sheet["self"] = draw(scores(template))
        sheets.append(sheet)
        if sheets and draw(st.integers(0, 3)) == 0:  # an exact copy: forces ties
            sheets.append({**sheets[-1], "unit": f"U{n}-copy"})
    return {"template": template, "sheets": sheets}


def _key(unit: dict, tie_break: list[str]) -> tuple:
    return (unit["final_total"], *(unit["sections"].get(code) for code in tie_break))


@SETTINGS
@given(inputs())
def test_totals_never_exceed_the_maximum_nor_go_below_zero(data):
    out = compute(data)
    max_total = out["template"]["max_total"]
    tops = {item["code"]: item for item in data["template"]["items"]}
    for unit in out["units"]:
        assert unit["errors"] == []
        assert 0 <= unit["self_total"] <= max_total
        assert 0 <= unit["final_total"] <= max_total
        for code, figure in unit["sections"].items():
            assert figure >= 0
            if "max" in tops[code]:
                assert figure <= tops[code]["max"]


@SETTINGS
@given(inputs(), st.data())
def test_every_section_at_every_depth_stays_within_its_max(data, draw):
    template = parse_template(data["template"])
    entries = {}
    for item in template.walk():
        if not item.is_section and draw.draw(st.booleans()):
            entries[item.code] = Decimal(draw.draw(st.integers(0, 100))) if item.counted else item.max
    figures = score_entries(template, entries)
    for item in template.walk():
        assert Decimal(0) <= figures.items[item.code] <= item.maximum
        if item.is_section:
            assert figures.items[item.code] <= sum(figures.items[child.code] for child in item.children)
    assert figures.total <= template.max_total


@SETTINGS
@given(inputs(), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_input_order(data, rnd):
    before = {u["unit"]: (u["rank"], u["final_total"], u["band"]) for u in compute(data)["units"]}
    shuffled = list(data["sheets"])
    rnd.shuffle(shuffled)
    after = {
        u["unit"]: (u["rank"], u["final_total"], u["band"]) for u in compute({**data, "sheets": shuffled})["units"]
    }
    assert before == after


@SETTINGS
@given(inputs())
def test_ties_share_a_rank_and_the_next_rank_skips(data):
    top_level = {item["code"] for item in data["template"]["items"]}
    tie_break = [c for c in data["template"]["tie_break"] if c in top_level]
    data = {**data, "template": {**data["template"], "tie_break": tie_break}}
    units = compute(data)["units"]
    for unit in units:
        above = sum(1 for other in units if _key(other, tie_break) > _key(unit, tie_break))
        assert unit["rank"] == above + 1
    ranks = [u["rank"] for u in units]
    assert ranks == sorted(ranks)
    for a, b in zip(units, units[1:], strict=False):
        if _key(a, tie_break) == _key(b, tie_break):
            assert a["rank"] == b["rank"]
            assert int(a["unit"][1:].split("-")[0]) <= int(b["unit"][1:].split("-")[0])  # input order among equals
        else:
            assert _key(a, tie_break) > _key(b, tie_break)


@SETTINGS
@given(inputs())
def test_band_is_the_highest_min_reached(data):
    bands = data["template"]["bands"]
    for unit in compute(data)["units"]:
        reached = [b for b in bands if unit["final_total"] >= b["min"]]
        expected = max(reached, key=lambda b: b["min"])["label"] if reached else None
        assert unit["band"] == expected


@SETTINGS
@given(st.integers(1, 10_000), st.integers(1, 10_000), st.integers(0, 10_000))
def test_deduction_never_negative_and_per_count_never_above_max(max_cents, each_cents, count):
    for rule, lower, upper in (("deduction", 0, max_cents / 100), ("per_count", 0, max_cents / 100)):
        raw = {"code": "A", "max": max_cents / 100, "rule": {"type": rule, "points_each": each_cents / 100}}
        template = parse_template({"items": [raw], "bands": [{"label": "K", "min": 0}]})
        [item] = template.items
        figure = leaf_score(item, Decimal(count))
        assert Decimal(str(lower)) <= figure <= Decimal(str(upper))
        assert figure == figure.quantize(Decimal("0.01"))


@SETTINGS
@given(inputs())
def test_figures_are_json_numbers_with_at_most_2_decimals(data):
    out = compute(data)
    assert isinstance(out["template"]["max_total"], float)
    for unit in out["units"]:
        for value in (unit["self_total"], unit["final_total"], *unit["sections"].values()):
            assert isinstance(value, float)
            assert Decimal(str(value)) == Decimal(str(value)).quantize(Decimal("0.01"))
