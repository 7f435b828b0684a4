"""The Excel form of a criteria template: the empty form, export → import round trips, bad rows."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tdkt.core.tests import hostile_xlsx
from tdkt.scoring.domain import parse_template, template_from_markdown
from tdkt.scoring.excel_templates import ExcelFormError, read_template_workbook, template_workbook
from tdkt.scoring.models import CriteriaTemplate
from tdkt.scoring.template_rows import normalized

from .builders import FULL
from .conftest import SMALL

SEED = Path(__file__).resolve().parents[1] / "seeds" / "seed000_criteria.md"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _seed_definition() -> dict:
    imported = template_from_markdown(SEED.read_text(encoding="utf-8"), code="S", tie_break=["V", "I"])
    return {key: imported[key] for key in ("items", "bands", "tie_break")}


def _filled(rows, bands=(("Xuất sắc", 90), ("Khá", 0)), tie_break=None) -> bytes:
    """The empty form with rows typed in: rows as lists of the six cells (None = empty)."""
    workbook = load_workbook(io.BytesIO(template_workbook()))
    criteria, band_sheet = workbook["Tiêu chí"], workbook["Xếp loại"]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            criteria.cell(row=number, column=column, value=value)
    for number, (label, minimum) in enumerate(bands, start=2):
        band_sheet.cell(row=number, column=1, value=label)
        band_sheet.cell(row=number, column=2, value=minimum)
    if tie_break is not None:
        band_sheet["D2"] = tie_break
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, content, name="bang.xlsx", **fields):
    data = {"code": "EXCEL-1", "name": "Từ Excel", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type=XLSX)
    return client.post(reverse("scoring:template_import"), data)


# --- the form and the round trip (no database) ---------------------------------------------------


def test_empty_form_has_the_sheets_headers_and_rule_list():
    workbook = load_workbook(io.BytesIO(template_workbook()))
    assert workbook.sheetnames == ["Tiêu chí", "Xếp loại", "Hướng dẫn"]
    criteria = workbook["Tiêu chí"]
    headers = ["Mã mục", "Thuộc mục", "Tiêu chí", "Điểm chuẩn", "Cách tính", "Điểm mỗi lần"]
    assert [c.value for c in criteria[1]] == headers
    validation = criteria.data_validations.dataValidation[0]
    assert validation.type == "list"
    assert validation.formula1 == '"Chấm điểm,Mỗi lần được điểm,Trừ điểm mỗi lần"'
    assert "E2" in str(validation.sqref)
    bands = workbook["Xếp loại"]
    assert [bands["A1"].value, bands["B1"].value] == ["Xếp loại", "Từ điểm"]
    assert bands["D1"].value == "Mục so sánh khi bằng điểm"
    assert "Hướng dẫn" in workbook["Hướng dẫn"]["A1"].value


@pytest.mark.parametrize("definition", [SMALL, FULL, _seed_definition()], ids=["small", "full", "seed000"])
def test_export_then_import_gives_the_same_definition(definition):
    definition = {key: definition[key] for key in ("items", "bands", "tie_break") if key in definition}
    back = read_template_workbook(io.BytesIO(template_workbook(definition)))
    assert back == normalized(definition)
    assert parse_template({**back, "code": "X"}).max_total == parse_template({**definition, "code": "X"}).max_total


def test_seed_000_round_trip_keeps_its_structure():
    back = read_template_workbook(io.BytesIO(template_workbook(_seed_definition())))
    assert back == _seed_definition()
    parsed = parse_template({**back, "code": "S"})
    assert parsed.max_total == 450
    assert [item.code for item in parsed.items] == ["I", "II", "III", "IV", "V", "VI"]
    by_code = parsed.by_code()
    assert [c.code for c in by_code["II.5"].children] == ["II.5.a", "II.5.b", "II.5.c"]
    assert (by_code["I.1"].rule, by_code["I.1"].points_each, by_code["I.1"].max) == ("per_count", 9, 45)
    assert (by_code["VI.1"].rule, by_code["VI.1"].points_each, by_code["VI.1"].max) == ("per_count", 5, 15)
    assert back["tie_break"] == ["V", "I"]


def test_numbers_as_text_with_decimal_comma_and_codes_as_numbers():
    content = _filled(
        [
            ["I", None, "Phần một", "20", None, None],
            [1, "I", "Mục một", "12,5", "mỗi lần được điểm", "2,5"],
            ["I.2", "I", "Mục hai", 7.5, "Chấm điểm", None],
            ["II", None, "Phần hai", None, None, None],
            ["II.1", "II", "Trừ điểm", "09", "Trừ điểm mỗi lần", 1.5],
        ],
        bands=(("Tốt", "15,5"), ("Khá", 0)),
        tie_break="II; I",
    )
    definition = read_template_workbook(io.BytesIO(content))
    first = definition["items"][0]
    assert first["max"] == 20
    assert first["children"][0] == {
        "code": "1",
        "title": "Mục một",
        "max": 12.5,
        "rule": {"type": "per_count", "points_each": 2.5},
    }
    assert first["children"][1] == {"code": "I.2", "title": "Mục hai", "max": 7.5}
    assert definition["items"][1]["children"][0]["rule"] == {"type": "deduction", "points_each": 1.5}
    assert definition["items"][1]["children"][0]["max"] == 9
    assert definition["bands"] == [{"label": "Tốt", "min": 15.5}, {"label": "Khá", "min": 0}]
    assert definition["tie_break"] == ["II", "I"]


def test_every_bad_row_is_listed():
    content = _filled(
        [
            ["I", None, "Phần một", 50, None, None],
            ["I.1", "I", "Mỗi lần được điểm nhưng thiếu điểm mỗi lần", 10, "Mỗi lần được điểm", None],
            ["I.2", "I", "Điểm chuẩn không phải số", "mười", None, None],
            ["I.3", "IX", "Thuộc mục không có", 5, None, None],
            ["I.4", "I", "Cách tính lạ", 5, "Tùy ý", None],
            ["I.1", "I", "Trùng mã", 5, None, None],
            ["I.5", "I", "", 5, None, None],
        ],
        bands=(("Tốt", "cao"),),
        tie_break="I, XX",
    )
    with pytest.raises(ExcelFormError) as caught:
        read_template_workbook(io.BytesIO(content))
    assert caught.value.messages == [
        "Dòng 3, cột Điểm mỗi lần: cách tính “Mỗi lần được điểm” cần số điểm mỗi lần lớn hơn 0.",
        "Dòng 4, cột Điểm chuẩn: “mười” không phải là số.",
        "Dòng 5, cột Thuộc mục: không có mục mã “IX” trong bảng.",
        "Dòng 6, cột Cách tính: “Tùy ý” không phải một trong: Chấm điểm; Mỗi lần được điểm; Trừ điểm mỗi lần.",
        "Dòng 7, cột Mã mục: mã “I.1” trùng với dòng 3.",
        "Dòng 8, cột Tiêu chí: hãy ghi nội dung tiêu chí.",
        "Trang Xếp loại, dòng 2, cột Từ điểm: “cao” không phải là số.",
        "Mục so sánh khi bằng điểm: không có mục mã “XX” trong bảng.",
    ]


def test_section_rows_take_no_rule_and_cycles_are_named():
    content = _filled(
        [
            ["A", None, "Phần A", 10, "Chấm điểm", None],
            ["A.1", "A", "Mục", 10, None, None],
            ["B", "C", "Vòng", None, None, None],
            ["C", "B", "Vòng", None, None, None],
            ["D", None, "Lá không điểm", None, None, None],
            ["E", None, "Chấm điểm có điểm mỗi lần", 5, "Chấm điểm", 1],
        ]
    )
    with pytest.raises(ExcelFormError) as caught:
        read_template_workbook(io.BytesIO(content))
    assert caught.value.messages == [
        "Dòng 2, cột Cách tính: mục “A” có mục con nên không có cách tính; để trống.",
        "Dòng 4, cột Thuộc mục: các mục thuộc nhau thành vòng lặp (B → C → B).",
        "Dòng 5, cột Thuộc mục: các mục thuộc nhau thành vòng lặp (C → B → C).",
        "Dòng 6, cột Điểm chuẩn: mục “D” không có mục con nên cần điểm chuẩn lớn hơn 0.",
        "Dòng 7, cột Điểm mỗi lần: chỉ ghi khi cách tính là “Mỗi lần được điểm” hoặc “Trừ điểm mỗi lần”.",
    ]


def test_a_workbook_without_the_sheets_is_refused():
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ExcelFormError) as caught:
        read_template_workbook(io.BytesIO(buffer.getvalue()))
    assert caught.value.messages == [
        "Tệp không có trang tính “Tiêu chí”, “Xếp loại”. Hãy dùng tệp mẫu tải về từ trang này."
    ]


# --- through the pages ---------------------------------------------------------------------------


def test_import_form_download(client, scoring):
    client.force_login(scoring.users["viewer"])
    response = client.get(reverse("scoring:template_import_form"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Tiêu chí", "Xếp loại", "Hướng dẫn"]


def test_export_then_import_through_the_pages(client, scoring):
    s = scoring
    client.force_login(s.users["standing_office"])
    response = client.get(reverse("scoring:template_export", args=[s.template.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tieu-chi-ktmth-2022-v1.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    page = _upload(client, response.content, owner=str(s.orgs["P"].pk))
    copy = CriteriaTemplate.objects.get(code="EXCEL-1")
    assert page.status_code == 302
    assert page.url == reverse("scoring:template", args=[copy.pk])
    assert copy.definition == s.template.definition
    assert copy.max_total == s.template.max_total


def test_seed_000_markdown_to_excel_and_back_through_the_pages(client, scoring):
    s = scoring
    client.force_login(s.users["standing_office"])
    data = {"code": "SEED", "name": "Seed 000", "owner": str(s.orgs["P"].pk)}
    data["file"] = SimpleUploadedFile("seed.md", SEED.read_bytes(), content_type="text/markdown")
    assert client.post(reverse("scoring:template_import"), data).status_code == 302
    seed = CriteriaTemplate.objects.get(code="SEED")
    exported = client.get(reverse("scoring:template_export", args=[seed.pk])).content
    assert _upload(client, exported, owner=str(s.orgs["P"].pk), code="SEED-X").status_code == 302
    again = CriteriaTemplate.objects.get(code="SEED-X")
    assert again.definition == seed.definition
    assert str(again.max_total) == "450.00"


def test_excel_with_bad_rows_creates_nothing(client, scoring):
    s = scoring
    client.force_login(s.users["standing_office"])
    content = _filled(
        [
            ["I", None, "Phần một", 50, None, None],
            ["I.1", "I", "Mỗi lần", 10, "Mỗi lần được điểm", None],
            ["I.2", "I", "Không phải số", "abc", None, None],
            ["I.3", "V", "Không có mục cha", 5, None, None],
            ["I.4", "I", "Dòng đúng", 5, None, None],
        ]
    )
    page = _upload(client, content, owner=str(s.orgs["P"].pk))
    assert page.status_code == 400
    for message in (
        "Dòng 3, cột Điểm mỗi lần: cách tính “Mỗi lần được điểm” cần số điểm mỗi lần lớn hơn 0.",
        "Dòng 4, cột Điểm chuẩn: “abc” không phải là số.",
        "Dòng 5, cột Thuộc mục: không có mục mã “V” trong bảng.",
    ):
        assert message in page.text
    assert not CriteriaTemplate.objects.filter(code="EXCEL-1").exists()


def test_a_non_form_workbook_or_a_renamed_file_is_refused(client, scoring):
    s = scoring
    client.force_login(s.users["standing_office"])
    page = _upload(client, b"<html><body>not a workbook</body></html>", owner=str(s.orgs["P"].pk))
    assert page.status_code == 400
    assert "Loại tệp không được chấp nhận" in page.text
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = _upload(client, buffer.getvalue(), owner=str(s.orgs["P"].pk))
    assert page.status_code == 400
    assert "Tệp không có trang tính" in page.text
    assert not CriteriaTemplate.objects.filter(code="EXCEL-1").exists()


# --- hostile files (issue 12, 1a and 1e) ---------------------------------------------------------


@pytest.mark.parametrize(("build", "expected"), [
    (lambda: hostile_xlsx.far_cell(["Mã", "Nội dung"], sheet="Tiêu chí"),
     "Trang tính “Tiêu chí” có dữ liệu tới ô XFD1048576 (1.048.576 dòng × 16.384 cột), vượt giới hạn"),
    (lambda: hostile_xlsx.far_cell(["Mã", "Nội dung"], "Z400000", sheet="Tiêu chí"),
     "Trang tính “Tiêu chí” có dữ liệu tới ô Z400000 (400.000 dòng × 26 cột), vượt giới hạn"),
    (lambda: hostile_xlsx.unclosed(["Mã", "Nội dung"], sheet="Tiêu chí"), "Tệp không phải là tệp Excel .xlsx hợp lệ"),
    (lambda: hostile_xlsx.bad_shared_string(["Mã", "Nội dung"], sheet="Tiêu chí"),
     "Tệp không phải là tệp Excel .xlsx hợp lệ"),
])
def test_hostile_criteria_forms_are_refused_on_the_page(client, scoring, build, expected):
    client.force_login(scoring.users["standing_office"])
    response = _upload(client, build())
    assert response.status_code == 400  # the form again, with the reason under the file box
    assert expected in response.text
    assert not CriteriaTemplate.objects.filter(code="EXCEL-1").exists()
