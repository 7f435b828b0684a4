"""The computation of contracts/scoring.md rule by rule: leaves, sections, rounding, means, bands,
ranks, invalid sheets and invalid templates."""

from decimal import Decimal

import pytest

from tdkt.scoring.domain import TemplateError, compute, parse_template

from .builders import FULL, cnt, leaf, pts, section, sheet, template


def units(t: dict, *sheets: dict) -> list[dict]:
    return compute({"template": t, "sheets": list(sheets)})["units"]


def only(t: dict, s: dict) -> dict:
    [unit] = units(t, s)
    return unit


def test_max_total_counts_uncapped_sections_by_their_children():
    out = compute({"template": FULL, "sheets": []})
    assert out == {"template": {"code": "T", "max_total": 100.0}, "units": []}


def test_per_count_is_capped_at_max():
    t = template(leaf("A", 45, "per_count", 9))
    assert [only(t, sheet("u", {"A": cnt(n)}))["self_total"] for n in (0, 3, 5, 6, 100)] == [
        0.0,
        27.0,
        45.0,
        45.0,
        45.0,
    ]


def test_deduction_never_goes_negative():
    t = template(leaf("A", 10, "deduction", 2))
    assert [only(t, sheet("u", {"A": cnt(n)}))["self_total"] for n in (0, 1, 5, 6, 1000)] == [10.0, 8.0, 0.0, 0.0, 0.0]


def test_deduction_left_out_scores_zero_not_full_marks():
    # "A leaf left out of a sheet scores 0", whatever its rule.
    assert only(template(leaf("A", 10, "deduction", 2)), sheet("u", {}))["self_total"] == 0.0


def test_sections_sum_and_cap_and_uncapped_section_sums_freely():
    self_ = {
        "I.1": cnt(5),
        "I.2": pts(30),
        "I.3.a": pts(4),
        "I.3.b": pts(4),
        "I.3.c.x": pts(6),
        "II.1": cnt(1),
        "II.2": cnt(42),
        "III": pts(29.5),
    }
    unit = only(FULL, sheet("u", self_))
    # I: 45 + 30 + min(14, 12) = 87 capped at 50; II: 8 + 10.5 uncapped; III leaf 29.5
    assert unit["sections"] == {"I": 50.0, "II": 18.5, "III": 29.5}
    assert unit["self_total"] == unit["final_total"] == 98.0
    assert unit["band"] == "Xuất sắc"


def test_floats_go_through_str_and_figures_round_half_up():
    t = template(leaf("A", 10, "per_count", 0.125), leaf("B", 50), leaf("C", 50))
    # 0.125 * 3 = 0.375 -> 0.38 (half up, and no binary float noise)
    assert only(t, sheet("u", {"A": cnt(3)}))["self_total"] == 0.38
    assert only(t, sheet("u", {"B": pts(0.1), "C": pts(0.2)}))["self_total"] == 0.3


def test_mean_of_reviews_is_rounded_half_up():
    t = template(leaf("A", 50))
    unit = only(t, sheet("u", {"A": pts(1)}, {"A": pts(10.01)}, {"A": pts(10.02)}))
    assert unit["final_total"] == 10.02  # 10.015 -> 10.02
    assert unit["self_total"] == 1.0
    unit = only(t, sheet("u", None, {"A": pts(1)}, {"A": pts(1)}, {"A": pts(2)}))
    assert unit["final_total"] == 1.33


def test_sections_follow_the_reviews_when_there_are_any():
    t = template(section("I", 20, leaf("I.1", 20)), section("II", 20, leaf("II.1", 20)))
    unit = only(t, sheet("u", {"I.1": pts(20), "II.1": pts(20)}, {"I.1": pts(10)}, {"II.1": pts(5)}))
    assert unit["sections"] == {"I": 5.0, "II": 2.5}
    assert (unit["self_total"], unit["final_total"]) == (40.0, 7.5)


def test_self_absent_and_no_reviews_scores_zero():
    unit = only(FULL, {"unit": "u", "reviews": []})
    assert unit["self_total"] == unit["final_total"] == 0.0
    assert unit["sections"] == {"I": 0.0, "II": 0.0, "III": 0.0}
    assert unit["band"] == "Khá"
    assert unit["rank"] == 1
    assert only(FULL, {"unit": "v"})["self_total"] == 0.0


def test_self_absent_with_reviews_uses_the_reviews():
    unit = only(template(leaf("A", 100)), sheet("u", None, {"A": pts(80)}))
    assert (unit["self_total"], unit["final_total"], unit["band"]) == (0.0, 80.0, "Tốt")


def test_band_is_the_highest_min_reached_in_any_order():
    bands = [{"label": "Khá", "min": 50}, {"label": "Xuất sắc", "min": 90}, {"label": "Tốt", "min": 70}]
    t = template(leaf("A", 100), bands=bands)
    assert [only(t, sheet("u", {"A": pts(p)}))["band"] for p in (90, 89.99, 70, 50, 49.99)] == [
        "Xuất sắc",
        "Tốt",
        "Tốt",
        "Khá",
        None,
    ]


def test_standard_competition_ranking_1224():
    t = template(leaf("A", 100))
    out = units(t, *(sheet(name, {"A": pts(p)}) for name, p in [("a", 50), ("b", 70), ("c", 50), ("d", 30), ("e", 70)]))
    assert [(u["unit"], u["rank"]) for u in out] == [("b", 1), ("e", 1), ("a", 3), ("c", 3), ("d", 5)]


def test_tie_break_sections_in_order_then_shared_rank():
    t = template(
        section("I", 50, leaf("I.1", 50)),
        section("II", 50, leaf("II.1", 50)),
        section("III", 50, leaf("III.1", 50)),
        tie_break=["III", "I"],
    )
    rows = [("a", 10, 20, 30), ("b", 20, 10, 30), ("c", 30, 30, 0), ("d", 20, 10, 30), ("e", 5, 5, 50)]
    out = units(t, *(sheet(n, {"I.1": pts(x), "II.1": pts(y), "III.1": pts(z)}) for n, x, y, z in rows))
    # All total 60. III: e 50 first; a, b, d 30; c 0 last. Among a, b, d by I: b = d (20) above a (10).
    assert [(u["unit"], u["rank"]) for u in out] == [("e", 1), ("b", 2), ("d", 2), ("a", 4), ("c", 5)]


def test_tie_break_may_name_a_nested_section():
    out = units(FULL, sheet("a", {"I.2": pts(10)}), sheet("b", {"I.3.a": pts(4), "I.2": pts(6)}))
    assert [(u["unit"], u["rank"]) for u in out] == [("b", 1), ("a", 2)]


def test_tie_break_on_rounded_final_figures():
    t = template(section("I", 50, leaf("I.1", 50)), section("II", 50, leaf("II.1", 50)), tie_break=["I"])
    a = sheet("a", None, {"I.1": pts(10), "II.1": pts(10)}, {"I.1": pts(10.01), "II.1": pts(9.99)})
    b = sheet("b", None, {"I.1": pts(10.01), "II.1": pts(9.99)})
    out = units(t, a, b)
    # a: I mean 10.005 -> 10.01, total 20; b: I 10.01, total 20: equal on both -> shared rank.
    assert [(u["unit"], u["rank"], u["sections"]["I"]) for u in out] == [("a", 1, 10.01), ("b", 1, 10.01)]


INVALID = [
    ("unknown item", {"X.9": pts(1)}, ["X.9"]),
    ("points above max", {"I.2": pts(30.01)}, ["I.2"]),
    ("negative points", {"III": pts(-1)}, ["III"]),
    ("three decimals", {"I.2": pts(1.005)}, ["I.2"]),
    ("points as text", {"I.2": pts("5")}, ["I.2"]),
    ("points as boolean", {"I.2": pts(True)}, ["I.2"]),
    ("points null", {"I.2": pts(None)}, ["I.2"]),
    ("fractional count", {"I.1": cnt(2.5)}, ["I.1"]),
    ("negative count", {"II.1": cnt(-1)}, ["II.1"]),
    ("count as boolean", {"I.1": cnt(True)}, ["I.1"]),
    ("count as text", {"I.1": cnt("2")}, ["I.1"]),
    ("points to a counted leaf", {"I.1": pts(9)}, ["I.1"]),
    ("count to a points leaf", {"I.2": cnt(3)}, ["I.2"]),
    ("score for a section", {"I": pts(5)}, ["I"]),
    ("not an object", {"I.2": 5}, ["I.2"]),
    ("nothing given", {"I.2": {}}, ["I.2"]),
    ("two faults", {"I.2": pts(31), "X": pts(1)}, ["I.2", "X"]),
    ("above max and three decimals", {"I.2": pts(30.001)}, ["I.2", "I.2"]),
]


@pytest.mark.parametrize(("label", "scores", "codes"), INVALID, ids=[i[0] for i in INVALID])
def test_invalid_self_scores(label, scores, codes):
    unit = only(FULL, sheet("u", scores))
    assert {k: unit[k] for k in ("self_total", "final_total", "sections", "band", "rank")} == dict.fromkeys(
        ("self_total", "final_total", "sections", "band", "rank")
    )
    assert len(unit["errors"]) == len(codes)
    for message, code in zip(unit["errors"], codes, strict=True):
        assert f"'{code}'" in message
        assert "tự chấm" in message


def test_fault_in_a_review_names_the_review_and_the_item():
    unit = only(FULL, sheet("u", {"I.2": pts(3)}, {"I.2": pts(3)}, {"I.1": cnt(-2), "I.2": pts(2.5)}))
    assert len(unit["errors"]) == 1
    assert "'I.1'" in unit["errors"][0]
    assert "đánh giá thứ 2" in unit["errors"][0]


def test_whole_float_count_and_trailing_zero_points_are_accepted():
    unit = only(FULL, sheet("u", {"I.1": cnt(2.0), "I.2": pts(12.50)}))
    assert unit["errors"] == []
    assert unit["self_total"] == 30.5


def test_invalid_sheets_come_last_in_input_order_and_take_no_place():
    t = template(leaf("A", 100))
    out = units(
        t,
        sheet("bad1", {"B": pts(1)}),
        sheet("low", {"A": pts(10)}),
        sheet("bad2", {"A": pts(101)}),
        sheet("high", {"A": pts(90)}),
    )
    assert [(u["unit"], u["rank"]) for u in out] == [("high", 1), ("low", 2), ("bad1", None), ("bad2", None)]


def test_malformed_sheet_parts_are_reported_not_fatal():
    t = template(leaf("A", 100))
    out = units(t, {"unit": "a", "self": [1]}, {"unit": "b", "reviews": {"x": 1}}, {"unit": "c", "reviews": [{}]}, 7)
    assert [u["rank"] for u in out] == [None] * 4
    assert all(len(u["errors"]) == 1 for u in out)


TEMPLATE_ERRORS = [
    ("duplicate code", template(section("I", 10, leaf("I.1", 5), leaf("I.1", 5))), "mã mục trùng lặp 'I.1'"),
    ("duplicate across levels", template(section("I", 10, leaf("I", 5))), "'I'"),
    ("leaf without max", template({"code": "A", "title": "x"}), "'A'"),
    ("leaf with zero max", template(leaf("A", 0)), "'A'"),
    ("leaf with negative max", template(leaf("A", -5)), "'A'"),
    ("leaf with boolean max", template(leaf("A", True)), "'A'"),
    ("leaf with text max", template(leaf("A", "10")), "'A'"),
    ("per_count without points_each", template(leaf("A", 10, "per_count")), "'A'"),
    ("deduction with zero points_each", template(leaf("A", 10, "deduction", 0)), "'A'"),
    ("per_count with negative points_each", template(leaf("A", 10, "per_count", -1)), "'A'"),
    ("unknown rule type", template(leaf("A", 10, "bonus", 1)), "'A'"),
    ("no bands", template(leaf("A", 10), bands=[]), "bands"),
    ("bands missing", {"code": "T", "items": [leaf("A", 10)]}, "bands"),
    ("band min not a number", template(leaf("A", 10), bands=[{"label": "K", "min": "0"}]), "'K'"),
    ("no items", template(), "items"),
    ("item without code", template({"title": "x", "max": 5}), "items[0]"),
    ("tie_break names an unknown item", template(leaf("A", 10), tie_break=["Z"]), "'Z'"),
    ("negative section max", template(section("I", -1, leaf("I.1", 5))), "'I'"),
]


@pytest.mark.parametrize(("label", "bad", "named"), TEMPLATE_ERRORS, ids=[t[0] for t in TEMPLATE_ERRORS])
def test_invalid_template_raises_naming_the_problem(label, bad, named):
    with pytest.raises(TemplateError) as info:
        compute({"template": bad, "sheets": [sheet("u", {})]})
    message = info.value.one_line()
    assert message.startswith("mẫu tiêu chí")
    assert named in message
    assert "\n" not in message


def test_parse_template_keeps_decimals_exact():
    t = parse_template(template(leaf("A", 10.5, "per_count", 0.1)))
    assert t.items[0].max == Decimal("10.5")
    assert t.items[0].points_each == Decimal("0.1")
    assert t.max_total == Decimal("10.5")


def test_empty_children_is_a_leaf():
    out = compute(
        {"template": template({"code": "A", "max": 10, "children": []}), "sheets": [sheet("u", {"A": pts(4)})]}
    )
    assert out["units"][0]["self_total"] == 4.0
