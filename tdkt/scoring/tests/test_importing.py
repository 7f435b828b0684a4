"""Importing a criteria sheet from a Markdown/HTML table (issue 5 point 2): seed 000's 450-point sheet.

The seed's titles are the full criteria texts; the contract example's titles are shortened
paraphrases of them, so the comparison with the example is exact on everything but the titles
(codes, nesting, maxima, rules, bands, key order), and the titles are checked against the seed.
"""

import html
import json
import re
from pathlib import Path

import pytest

from tdkt.scoring.domain import TemplateError, compute, parse_template
from tdkt.scoring.domain.importing import TemplateImportError, template_from_html, template_from_markdown

HERE = Path(__file__).resolve().parent
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
SHARED_SEED = next(iter(sorted(SEEDS.glob("000_*.txt"))), None) if SEEDS.is_dir() else None
COPY = HERE.parent / "seeds" / "seed000_criteria.md"
SEED_TEXT = (SHARED_SEED or COPY).read_text(encoding="utf-8")

_SHARED_EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "contracts" / "scoring-examples.json"
EXAMPLES_PATH = _SHARED_EXAMPLES if _SHARED_EXAMPLES.exists() else HERE / "scoring-examples.json"
EXAMPLE = next(
    e
    for e in json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
    if e["input"]["template"]["code"] == "KTMTH-QT-2022"
)
EXPECTED = EXAMPLE["input"]["template"]

HEADER = "| TT | Tiêu chí | Điểm chuẩn | Điểm tự chấm |\n|---|---|---|---|\n"
BANDS = "\n- Xuất sắc: Từ 90 điểm.\n- Trung bình: Dưới 90 điểm.\n"


def imported(text: str = SEED_TEXT, reader=template_from_markdown) -> dict:
    return reader(text, code="KTMTH-QT-2022", title=EXPECTED["title"], tie_break=["V", "I"])


def without_titles(value):
    if isinstance(value, dict):
        return {k: without_titles(v) for k, v in value.items() if k != "title"}
    if isinstance(value, list):
        return [without_titles(v) for v in value]
    return value


def walk(items):
    for item in items:
        yield item
        yield from walk(item.get("children", []))


def to_html(markdown: str) -> str:
    """The Markdown document as HTML: every table row a <tr>, every other line a <p>/<li>."""
    out, in_table = ["<html><body>"], False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            if re.fullmatch(r"\|[\s|:-]*", stripped) and "-" in stripped:
                continue
            if not in_table:
                out.append("<table>")
                in_table = True
            cells = stripped.strip("|").split("|")
            out.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in cells) + "</tr>")
            continue
        if in_table and stripped:
            out.append("</table>")
            in_table = False
        if stripped.startswith("- "):
            out.append(f"<ul><li>{html.escape(stripped[2:])}</li></ul>")
        elif stripped:
            out.append(f"<p>{html.escape(stripped)}</p>")
        elif in_table:
            out.append("</table>")
            in_table = False
    out.append("</table></body></html>" if in_table else "</body></html>")
    return "\n".join(out)


# --- seed 000 ------------------------------------------------------------------------------------


def test_copy_matches_the_shared_seed():
    if SHARED_SEED is None:
        pytest.skip("shared seeds not beside the checkout")
    assert COPY.read_text(encoding="utf-8") in SHARED_SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [SEED_TEXT, COPY.read_text(encoding="utf-8")], ids=["seed", "copy"])
def test_seed_000_gives_the_example_template(text):
    got = imported(text)
    assert without_titles(got) == without_titles(EXPECTED)
    assert list(got) == list(EXPECTED)
    for mine, theirs in zip(walk(got["items"]), walk(EXPECTED["items"]), strict=True):
        assert list(mine) == list(theirs), mine["code"]
    assert got["title"] == EXPECTED["title"]
    template = parse_template(got)
    assert template.max_total == 450
    assert [item.code for item in template.items] == ["I", "II", "III", "IV", "V", "VI"]


def test_seed_000_structure_and_rules():
    got = imported()
    by_code = {item["code"]: item for item in walk(got["items"])}
    assert [c["code"] for c in by_code["II.5"]["children"]] == ["II.5.a", "II.5.b", "II.5.c"]
    assert [c["max"] for c in by_code["II.5"]["children"]] == [4, 4, 4]
    assert by_code["I.1"]["rule"] == {"type": "per_count", "points_each": 9}
    assert by_code["I.1"]["max"] == 45
    assert by_code["VI.1"]["rule"] == {"type": "per_count", "points_each": 5}
    assert by_code["VI.1"]["max"] == 15
    assert "I.3" in by_code  # the OCR's ".3"
    assert by_code["II.1"]["max"] == 9  # "09"
    assert got["bands"] == [
        {"label": "Xuất sắc", "min": 400},
        {"label": "Tốt", "min": 350},
        {"label": "Khá", "min": 300},
        {"label": "Trung bình", "min": 0},
    ]
    assert imported()["tie_break"] == ["V", "I"]
    assert template_from_markdown(SEED_TEXT, code="X")["tie_break"] == []


def test_seed_000_titles_come_from_the_seed():
    by_code = {item["code"]: item["title"] for item in walk(imported()["items"])}
    assert by_code["II.3"] == (
        "Xây dựng và tổ chức thực hiện quy chế giải quyết công việc cho cá nhân, tổ chức theo cơ chế một "
        "cửa, một cửa liên thông tại Trung tâm Phục vụ hành chính công tỉnh"
    )
    assert by_code["VI"] == "Sáng kiến trong triển khai thực hiện nhiệm vụ" == EXPECTED["items"][5]["title"]
    assert by_code["VI.1"] == "Mỗi sáng tạo (sáng kiến) được 05 điểm, tối đa không quá 15 điểm"
    assert by_code["I"] == "Kết quả thực hiện nhiệm vụ được giao"
    assert by_code["I.1"].startswith("Tham mưu xây dựng các chương trình")
    assert by_code["I.1"].endswith("tối đa không quá 45 điểm")


def test_seed_000_scores_the_example_sheets_as_expected():
    output = compute({**EXAMPLE["input"], "template": imported()})
    assert output["template"] == EXAMPLE["expect"]["template"]
    # ``errors`` in the example are the item codes the messages name; every unit here is valid.
    strip = [{k: v for k, v in u.items() if k != "errors"} for u in output["units"]]
    assert strip == [{k: v for k, v in u.items() if k != "errors"} for u in EXAMPLE["expect"]["units"]]


def test_seed_000_as_html_gives_the_same_template():
    assert imported(to_html(SEED_TEXT), template_from_html) == imported()


def test_html_with_th_header_entities_and_br():
    page = (
        "<table><tr><th>TT</th><th>Tiêu chí</th><th>Điểm chuẩn</th></tr>"
        "<tr><td>I</td><td>Phần &amp; một</td><td>100</td></tr>"
        "<tr><td>1</td><td>Mỗi báo cáo<br>được năm điểm, tối đa mười lăm điểm</td><td>15</td></tr>"
        "<tr><td>2</td><td>Báo cáo đúng hạn, trừ 2 điểm mỗi lần chậm</td><td>85</td></tr>"
        "<tr><td></td><td>TỔNG ĐIỂM</td><td>100</td></tr></table>"
        "<ul><li>Xuất sắc: Từ 90 điểm</li><li>Khá: Dưới 90 điểm</li></ul>"
    )
    got = template_from_html(page, code="H")
    assert got["items"][0]["title"] == "Phần & một"
    assert got["items"][0]["children"][0]["rule"] == {"type": "per_count", "points_each": 5}
    assert got["items"][0]["children"][1]["rule"] == {"type": "deduction", "points_each": 2}
    assert got["bands"] == [{"label": "Xuất sắc", "min": 90}, {"label": "Khá", "min": 0}]


# --- rules in words and digits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "max_", "rule"),
    [
        ("Mỗi đề án được 9 điểm, tối đa 45 điểm", 45, {"type": "per_count", "points_each": 9}),
        ("Mỗi đề án được chín điểm, tối đa không quá bốn mươi lăm điểm", 45, {"type": "per_count", "points_each": 9}),
        ("Mỗi sáng kiến được 2,5 điểm, tối đa 10 điểm", 10, {"type": "per_count", "points_each": 2.5}),
        ("Báo cáo đầy đủ; trừ 2 điểm mỗi lần báo cáo chậm", 10, {"type": "deduction", "points_each": 2}),
        ("Trừ hai điểm mỗi lần vi phạm", 10, {"type": "deduction", "points_each": 2}),
        ("Thực hiện chế độ thông tin, báo cáo", 10, None),
    ],
)
def test_rules_from_the_text(text, max_, rule):
    rows = f"| I | Phần một | {max_} | |\n| 1 | {text} | {max_} | |\n"
    got = template_from_markdown(HEADER + rows + BANDS, code="R")
    leaf = got["items"][0]["children"][0]
    assert leaf.get("rule") == rule
    assert leaf["max"] == max_


def test_a_section_without_rows_under_it_gets_one_leaf():
    got = template_from_markdown(HEADER + "| I | Phần một | 20 | |\n| II | Phần hai | 80 | |\n" + BANDS, code="S")
    assert got["items"][0]["children"] == [{"code": "I.1", "title": "Phần một", "max": 20}]
    assert parse_template(got).max_total == 100


def test_without_a_header_the_first_section_with_points_starts_the_table():
    text = "| I. | QUÝ I | | |\n\n| I | Phần một | 100 | |\n| 1 | Mục | 100 | |\n" + BANDS
    got = template_from_markdown(text, code="N")
    assert [i["code"] for i in walk(got["items"])] == ["I", "I.1"]


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("Không có bảng nào ở đây.\n", ["không tìm thấy bảng tiêu chí"]),
        (HEADER + "| I | Phần một | 100 | |\n| 1 | Mục một | mười | |\n" + BANDS, ["dòng 4", "TT '1'", "mười"]),
        (
            HEADER + "| I | Phần một | 100 | |\n| a | Mục con | 100 | |\n" + BANDS,
            ["dòng 4", "TT 'a'", "không thuộc mục"],
        ),
        (HEADER + "| 1 | Mục một | 100 | |\n" + BANDS, ["dòng 3", "TT '1'", "không thuộc phần"]),
        (
            HEADER + "| I | Phần một | 100 | |\n| 1 | Mục | 100 | |\n| | TỔNG ĐIỂM | 450 | |\n" + BANDS,
            ["dòng 5", "TỔNG ĐIỂM", "450", "100"],
        ),
        (HEADER + "| I | Phần một | 100 | |\n| 1 | Mục | | |\n" + BANDS, ["dòng 4", "TT '1'", "điểm chuẩn"]),
        (HEADER + "| I | Phần một | 100 | |\n| 1b | Mục | 100 | |\n" + BANDS, ["dòng 4", "TT '1b'", "không đọc được"]),
        (
            HEADER + "| I | Phần một | 45 | |\n| 1 | Mỗi đề án được 9 điểm, tối đa 40 điểm | 45 | |\n" + BANDS,
            ["dòng 4", "40", "45"],
        ),
    ],
    ids=[
        "no-table",
        "points-not-number",
        "sub-without-parent",
        "item-without-section",
        "total",
        "no-max",
        "bad-tt",
        "cap",
    ],
)
def test_bad_input_names_the_row(text, needles):
    with pytest.raises(TemplateImportError) as caught:
        template_from_markdown(text, code="B")
    assert isinstance(caught.value, TemplateError)
    message = str(caught.value)
    assert message.startswith("nhập bảng tiêu chí")
    for needle in needles:
        assert needle in message, (needle, message)


def test_bad_input_in_html_names_the_row():
    page = (
        "<table><tr><td>TT</td><td>Tiêu chí</td><td>Điểm chuẩn</td></tr><tr><td>I</td><td>P</td><td>x</td></tr></table>"
    )
    with pytest.raises(TemplateImportError, match="dòng 2 .*'x' không phải là số"):
        template_from_html(page, code="B")


def test_the_seed_with_a_wrong_total_names_both_numbers():
    broken = SEED_TEXT.replace("| | TỔNG ĐIỂM TỰ ĐÁNH GIÁ | 450 | |", "| | TỔNG ĐIỂM TỰ ĐÁNH GIÁ | 460 | |")
    with pytest.raises(TemplateImportError, match=r"TỔNG ĐIỂM TỰ ĐÁNH GIÁ.*460.*450"):
        imported(broken)


def test_no_bands_is_a_template_error():
    with pytest.raises(TemplateError, match="bands"):
        template_from_markdown(HEADER + "| I | Phần | 10 | |\n| 1 | Mục | 10 | |\n", code="B")
