"""The criteria-template pages: list, detail, editor, new version, import from Markdown/HTML, by role."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.scoring.models import CriteriaTemplate
from tdkt.scoring.services.sheets import sheet_start
from tdkt.scoring.services.templates import template_create

from .conftest import SMALL

SEED = Path(__file__).resolve().parents[1] / "seeds" / "seed000_criteria.md"


def _login(client, s, key):
    client.force_login(s.users[key])
    return client


def _editor_data(rows, bands=(("Xuất sắc", "90"), ("Khá", "0")), **head):
    """POST data of the editor: rows as (code, parent, title, max, rule, each)."""
    data = {
        "rows-TOTAL_FORMS": str(len(rows) + 2),
        "rows-INITIAL_FORMS": "0",
        "bands-TOTAL_FORMS": str(len(bands)),
        "bands-INITIAL_FORMS": "0",
        "tie_break": "",
        **head,
    }
    for i, row in enumerate(rows):
        for name, value in zip(("code", "parent", "title", "max", "rule", "each"), row, strict=True):
            data[f"rows-{i}-{name}"] = value
    for i, (label, minimum) in enumerate(bands):
        data[f"bands-{i}-label"], data[f"bands-{i}-min"] = label, minimum
    return data


ROWS = [
    ("A", "", "Phần A", "50", "", ""),
    ("A.1", "A", "Mỗi kế hoạch được 2,5 điểm", "10", "per_count", "2,5"),
    ("A.2", "A", "Tổ chức thực hiện", "40", "points", ""),
    ("B", "", "Phần B", "", "", ""),
    ("B.1", "B", "Báo cáo chậm", "10", "deduction", "2"),
]


def _q_template(s):
    return template_create(
        actor=s.users["admin"], owner=s.orgs["Q"], code="Q-2022", name="Tiêu chí tỉnh bạn", definition=SMALL
    )


def _freeze(s):
    sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    s.template.refresh_from_db()
    assert s.template.is_frozen


# --- list and detail by role ---------------------------------------------------------------------


def test_list_shows_templates_and_buttons_only_to_managers(client, scoring):
    s = scoring
    page = _login(client, s, "standing_office").get(reverse("scoring:templates"))
    assert page.status_code == 200
    assert "KTMTH-2022" in page.text
    assert 'id="template-new"' in page.text
    assert 'id="template-import"' in page.text
    page = _login(client, s, "viewer").get(reverse("scoring:templates"))
    assert page.status_code == 200
    assert "KTMTH-2022" in page.text  # a province's template is seen by its departments
    assert 'id="template-new"' not in page.text
    assert 'id="template-import"' not in page.text


def test_list_search(client, scoring):
    s = scoring
    _login(client, s, "admin")
    _q_template(s)
    page = client.get(reverse("scoring:templates"), {"q": "Q-2022"})
    assert "Q-2022" in page.text
    assert "KTMTH-2022" not in page.text


def test_detail_shows_the_tree_bands_and_tie_break(client, scoring):
    s = scoring
    page = _login(client, s, "viewer").get(reverse("scoring:template", args=[s.template.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Tham mưu xây dựng chương trình, kế hoạch" in text
    assert 'id="item-i-1"' in text
    assert 'id="item-ii-2"' in text
    assert "Xuất sắc" in text
    assert "Trung bình" in text
    assert 'id="tie-break"' in text
    # A viewer: no edit link, no new-version form, but the export.
    assert 'id="template-edit"' not in text
    assert 'id="new-version"' not in text
    assert 'id="template-export"' in text


def test_viewer_cannot_change_anything(client, scoring):
    s = scoring
    _login(client, s, "viewer")
    pk = s.template.pk
    assert client.get(reverse("scoring:template_edit", args=[pk])).status_code == 403
    assert client.post(reverse("scoring:template_edit", args=[pk]), _editor_data(ROWS, name="X")).status_code == 403
    assert client.post(reverse("scoring:template_version", args=[pk]), {"change_note": "x"}).status_code == 403
    assert client.get(reverse("scoring:template_new")).status_code == 403
    assert client.post(reverse("scoring:template_new"), _editor_data(ROWS, code="V", name="V")).status_code == 403
    assert client.get(reverse("scoring:template_import")).status_code == 403
    assert CriteriaTemplate.objects.count() == 1
    s.template.refresh_from_db()
    assert s.template.name.startswith("Tiêu chí chấm điểm")


def test_out_of_scope_template_is_not_found(client, scoring):
    s = scoring
    other = _q_template(s)
    for key in ("standing_office", "viewer", "block_head"):
        _login(client, s, key)
        for name in ("scoring:template", "scoring:template_edit", "scoring:template_export"):
            assert client.get(reverse(name, args=[other.pk])).status_code == 404, (key, name)
        version = client.post(reverse("scoring:template_version", args=[other.pk]), {"change_note": "x"})
        assert version.status_code == 404
        assert "Q-2022" not in client.get(reverse("scoring:templates")).text
    _login(client, s, "admin")
    assert client.get(reverse("scoring:template", args=[other.pk])).status_code == 200


# --- the editor ----------------------------------------------------------------------------------


def test_create_through_the_editor(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    assert client.get(reverse("scoring:template_new")).status_code == 200
    data = _editor_data(ROWS, code="MOI-2023", name="Tiêu chí mới", owner=str(s.orgs["P"].pk), tie_break="B, A")
    page = client.post(reverse("scoring:template_new"), data)
    template = CriteriaTemplate.objects.get(code="MOI-2023")
    assert page.status_code == 302
    assert page.url == reverse("scoring:template", args=[template.pk])
    assert template.owner == s.orgs["P"]
    assert template.name == "Tiêu chí mới"
    assert str(template.max_total) == "60.00"  # A 50 + B (uncapped) 10
    a, b = template.definition["items"]
    assert [c["code"] for c in a["children"]] == ["A.1", "A.2"]
    assert a["children"][0]["rule"] == {"type": "per_count", "points_each": 2.5}
    assert "rule" not in a["children"][1]
    assert "max" not in b
    assert b["children"][0]["rule"] == {"type": "deduction", "points_each": 2}
    assert template.definition["bands"] == [{"label": "Xuất sắc", "min": 90}, {"label": "Khá", "min": 0}]
    assert template.definition["tie_break"] == ["B", "A"]
    detail = client.get(page.url).text
    assert 'id="template-edit"' in detail
    assert 'id="new-version"' in detail


def test_editor_rows_with_unknown_parent_or_cycle_are_refused(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    rows = [
        *ROWS,
        ("C.1", "C", "Mục thuộc mục không có", "5", "", ""),
        ("X", "Y", "Vòng lặp 1", "", "", ""),
        ("Y", "X", "Vòng lặp 2", "", "", ""),
        ("Z", "", "Mỗi lần", "9", "per_count", ""),
    ]
    data = _editor_data(rows, code="SAI", name="Sai", owner=str(s.orgs["P"].pk))
    page = client.post(reverse("scoring:template_new"), data)
    assert page.status_code == 400
    assert "Dòng 6, cột Thuộc mục: không có mục mã “C” trong bảng." in page.text
    assert "Dòng 7, cột Thuộc mục: các mục thuộc nhau thành vòng lặp (X → Y → X)." in page.text
    assert "Dòng 8, cột Thuộc mục" in page.text
    assert "Dòng 9, cột Điểm mỗi lần" in page.text
    assert not CriteriaTemplate.objects.filter(code="SAI").exists()
    # What was typed is shown again.
    assert "Vòng lặp 2" in page.text


def test_service_errors_are_shown_on_the_form(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    data = _editor_data(ROWS, code="KTMTH-2022", name="Trùng mã", owner=str(s.orgs["P"].pk))
    page = client.post(reverse("scoring:template_new"), data)
    assert page.status_code == 400
    assert "đã có mẫu tiêu chí mã KTMTH-2022" in page.text
    assert CriteriaTemplate.objects.filter(code="KTMTH-2022").count() == 1


def test_add_rows_re_renders_without_saving(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    data = _editor_data(ROWS, code="THEM", name="Thêm", owner=str(s.orgs["P"].pk), add_rows="1")
    page = client.post(reverse("scoring:template_new"), data)
    assert page.status_code == 200
    assert f'name="rows-TOTAL_FORMS" value="{len(ROWS) + 2 + 5}"' in page.text
    assert f'name="rows-{len(ROWS) + 6}-code"' in page.text
    assert "Báo cáo chậm" in page.text
    assert not CriteriaTemplate.objects.filter(code="THEM").exists()


def test_block_head_owns_templates_only_for_its_own_organisation(client, scoring):
    s = scoring
    _login(client, s, "block_head")
    page = client.get(reverse("scoring:template_new"))
    assert page.status_code == 200
    assert f'<option value="{s.orgs["HOME"].pk}"' in page.text
    assert f'<option value="{s.orgs["P"].pk}"' not in page.text
    new_url = reverse("scoring:template_new")
    refused = client.post(new_url, _editor_data(ROWS, code="K", name="K", owner=str(s.orgs["P"].pk)))
    assert refused.status_code == 400
    assert not CriteriaTemplate.objects.filter(code="K").exists()
    done = client.post(new_url, _editor_data(ROWS, code="K", name="K", owner=str(s.orgs["HOME"].pk)))
    assert done.status_code == 302
    assert CriteriaTemplate.objects.get(code="K").owner == s.orgs["HOME"]


def test_edit_an_unused_template(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    url = reverse("scoring:template_edit", args=[s.template.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="I.1"' in page.text
    assert 'value="per_count" selected' in page.text
    assert 'name="tie_break"' in page.text
    assert 'value="II, I"' in page.text
    rows = [
        ("I", "", "Kết quả", "60", "", ""),
        ("I.1", "I", "Tham mưu", "45", "per_count", "9"),
        ("I.2", "I", "Tổ chức thực hiện", "15", "points", ""),
        ("II", "", "Thi đua", "50", "", ""),
        ("II.1", "II", "Kế hoạch thi đua", "40", "points", ""),
        ("II.2", "II", "Báo cáo chậm", "10", "deduction", "2"),
    ]
    page = client.post(url, _editor_data(rows, name="Tên mới", tie_break="II"))
    assert page.status_code == 302
    s.template.refresh_from_db()
    assert s.template.name == "Tên mới"
    assert str(s.template.max_total) == "110.00"
    assert s.template.version == 1
    assert s.template.definition["tie_break"] == ["II"]


def test_frozen_template_refuses_edit_and_makes_a_new_version(client, scoring):
    s = scoring
    _freeze(s)
    _login(client, s, "standing_office")
    detail = client.get(reverse("scoring:template", args=[s.template.pk]))
    assert 'id="frozen-notice"' in detail.text
    assert 'id="template-edit"' not in detail.text
    url = reverse("scoring:template_edit", args=[s.template.pk])
    assert client.get(url).status_code == 302
    refused = client.post(url, _editor_data(ROWS, name="Đổi"), follow=True)
    assert refused.redirect_chain[-1][0] == reverse("scoring:template", args=[s.template.pk])
    s.template.refresh_from_db()
    assert s.template.name != "Đổi"
    # A new version needs a reason.
    version_url = reverse("scoring:template_version", args=[s.template.pk])
    page = client.post(version_url, {"change_note": "  "})
    assert page.status_code == 400
    assert CriteriaTemplate.objects.count() == 1
    page = client.post(version_url, {"change_note": "Bổ sung tiêu chí chuyển đổi số"})
    new = CriteriaTemplate.objects.get(code=s.template.code, version=2)
    assert page.status_code == 302
    assert page.url == reverse("scoring:template_edit", args=[new.pk])
    assert new.previous == s.template
    assert new.change_note == "Bổ sung tiêu chí chuyển đổi số"
    assert new.definition == s.template.definition
    assert not new.is_frozen
    assert client.get(page.url).status_code == 200
    detail = client.get(reverse("scoring:template", args=[new.pk])).text
    assert "Bổ sung tiêu chí chuyển đổi số" in detail
    assert reverse("scoring:template", args=[s.template.pk]) in detail  # the previous version is linked


# --- import from Markdown / HTML -----------------------------------------------------------------


def _upload(client, name, content, **fields):
    data = {"code": "KTMTH-QT-2022", "name": "Tiêu chí khối tham mưu 2022", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("scoring:template_import"), data)


def test_import_seed_000_from_markdown(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    assert client.get(reverse("scoring:template_import")).status_code == 200
    page = _upload(client, "seed000.md", SEED.read_bytes(), owner=str(s.orgs["P"].pk))
    template = CriteriaTemplate.objects.get(code="KTMTH-QT-2022")
    assert page.status_code == 302
    assert page.url == reverse("scoring:template", args=[template.pk])
    assert str(template.max_total) == "450.00"
    items = {i["code"]: i for i in template.definition["items"]}
    assert list(items) == ["I", "II", "III", "IV", "V", "VI"]
    assert items["I"]["children"][0] == {**items["I"]["children"][0], "max": 45,
                                         "rule": {"type": "per_count", "points_each": 9}}
    ii5 = next(c for c in items["II"]["children"] if c["code"] == "II.5")
    assert [c["code"] for c in ii5["children"]] == ["II.5.a", "II.5.b", "II.5.c"]
    assert items["VI"]["children"][0]["code"] == "VI.1"
    assert items["VI"]["children"][0]["max"] == 15
    assert items["VI"]["children"][0]["rule"] == {"type": "per_count", "points_each": 5}
    assert [b["label"] for b in template.definition["bands"]] == ["Xuất sắc", "Tốt", "Khá", "Trung bình"]
    detail = client.get(page.url).text
    assert "450" in detail


def test_import_html_table(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    html = (
        "<html><body><table><tr><th>TT</th><th>Tiêu chí</th><th>Điểm chuẩn</th></tr>"
        "<tr><td>I</td><td>Phần một</td><td>20</td></tr><tr><td>1</td><td>Mục một</td><td>20</td></tr>"
        "<tr><td></td><td>TỔNG ĐIỂM</td><td>20</td></tr></table><p>Tốt: Từ 15 điểm</p><p>Khá: Dưới 15 điểm</p>"
        "</body></html>"
    )
    page = _upload(client, "bang.html", html.encode(), owner=str(s.orgs["P"].pk), code="HTML-1")
    assert page.status_code == 302
    assert str(CriteriaTemplate.objects.get(code="HTML-1").max_total) == "20.00"


def test_import_markdown_error_is_shown(client, scoring):
    s = scoring
    _login(client, s, "standing_office")
    page = _upload(client, "bang.md", "Không có bảng nào ở đây.".encode(), owner=str(s.orgs["P"].pk))
    assert page.status_code == 400
    assert "không tìm thấy bảng tiêu chí" in page.text
    assert not CriteriaTemplate.objects.filter(code="KTMTH-QT-2022").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bang.xlsx", b"<html><body><table><tr><td>I</td></tr></table></body></html>", "Loại tệp không được chấp nhận"),
        ("bang.md", b"PK\x03\x04 not text", None),
        ("bang.pdf", b"%PDF-1.4", None),
        ("bang.md", b"x" * (2 * 1024 * 1024 + 1), None),
    ],
)
def test_import_refuses_disguised_or_large_files(client, scoring, name, content, message):
    s = scoring
    _login(client, s, "standing_office")
    page = _upload(client, name, content, owner=str(s.orgs["P"].pk))
    assert page.status_code == 400
    assert 'id="file-errors"' in page.text
    if message:
        assert message in page.text
    assert CriteriaTemplate.objects.count() == 1



def test_editor_numbers_are_typed_the_vietnamese_way(client, scoring):
    """The grid reads numbers like every form: "2.5" is refused showing "2,5", "1.000" is refused as
    ambiguous (it used to become 1), "1.000,0" is a thousand; an imported file's cells keep their
    own reading."""
    s = scoring
    _login(client, s, "standing_office")
    rows = [
        ("A", "", "Phần A", "1.000", "", ""),
        ("A.1", "A", "Mỗi kế hoạch", "10", "per_count", "2.5"),
        ("A.2", "A", "Tổ chức thực hiện", "27.50", "points", ""),
    ]
    data = _editor_data(rows, bands=(("Xuất sắc", "1.000,5"), ("Khá", "0")), code="SO", name="Số",
                        owner=str(s.orgs["P"].pk))
    page = client.post(reverse("scoring:template_new"), data)
    assert page.status_code == 400
    assert "Dòng 1, cột Điểm chuẩn: “1.000” không rõ: gõ “1” nếu là số thập phân, “1000” nếu là số nguyên." in page.text
    assert "Dòng 2, cột Điểm mỗi lần: “2.5”: số thập phân viết bằng dấu phẩy, hãy gõ “2,5”." in page.text
    assert "Dòng 3, cột Điểm chuẩn: “27.50”: số thập phân viết bằng dấu phẩy, hãy gõ “27,50”." in page.text
    assert "cột Từ điểm" not in page.text  # "1.000,5" is unambiguous
    assert not CriteriaTemplate.objects.filter(code="SO").exists()
    rows = [
        ("A", "", "Phần A", "1.000,0", "", ""),
        ("A.1", "A", "Mỗi kế hoạch", "10", "per_count", "2,5"),
        ("A.2", "A", "Tổ chức thực hiện", "27,5", "points", ""),
    ]
    data = _editor_data(rows, bands=(("Xuất sắc", "900"), ("Khá", "0")), code="SO", name="Số",
                        owner=str(s.orgs["P"].pk))
    assert client.post(reverse("scoring:template_new"), data).status_code == 302
    template = CriteriaTemplate.objects.get(code="SO")
    a = template.definition["items"][0]
    assert a["max"] == 1000
    assert a["children"][0]["rule"] == {"type": "per_count", "points_each": 2.5}
    assert a["children"][1]["max"] == 27.5
    editor = client.get(reverse("scoring:template_edit", args=[template.pk])).text
    assert 'value="27,5"' in editor
    assert 'value="2,5"' in editor
