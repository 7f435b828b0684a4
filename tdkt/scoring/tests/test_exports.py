"""Exports of a round: the block's table and each unit's sheet as Excel (read back with openpyxl)
and as PDF (LibreOffice; read back with pdftotext/pdfinfo — these FAIL without soffice), scoped
like the pages, one audit event per download."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.documents import generation
from tdkt.documents.tests.helpers import pdf_info, pdf_text, require_soffice, save_png
from tdkt.scoring.export_docs import HEADER_ROW
from tdkt.scoring.services.reviews import review_save
from tdkt.scoring.services.rounds import result_publish
from tdkt.scoring.services.sheets import sheet_save, sheet_start, sheet_submit

from .conftest import entries

TABLE_HEADERS = ["TT", "Đơn vị", "I (60)", "II (40)", "Tổng tự chấm", "Tổng thẩm định", "Xếp loại", "Xếp hạng"]
SHEET_HEADERS = ["TT", "Tiêu chí", "Điểm chuẩn", "Điểm tự chấm", "Điểm thẩm định"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _submit(s, org_code, user_key, **values):
    sheet = sheet_start(actor=s.users[user_key], scoring_round=s.round, organization=s.orgs[org_code])
    sheet_save(actor=s.users[user_key], sheet=sheet, entries=entries(**values))
    return sheet_submit(actor=s.users[user_key], sheet=sheet)


@pytest.fixture
def scored(scoring):
    """FIN self 97, reviewed 83 (HOME) and 94 (DEP) → 88,5 Tốt, rank 1; HOME 65 both → Khá, rank 2."""
    s = scoring
    s.fin = _submit(s, "FIN", "unit_officer", I_1=5, I_2=14, II_1=28, II_2=0)
    s.home = _submit(s, "HOME", "admin", I_1=3, I_2=10, II_1=20, II_2=1)
    for actor, reviewer, sheet, values in (
        ("block_head", "HOME", s.fin, {"I_1": 4, "I_2": 12, "II_1": 25, "II_2": 0}),
        ("deputy", "DEP", s.fin, {"I_1": 5, "I_2": 13, "II_1": 26, "II_2": 0}),
        ("deputy", "DEP", s.home, {"I_1": 3, "I_2": 10, "II_1": 20, "II_2": 1}),
    ):
        review_save(
            actor=s.users[actor], sheet=sheet, reviewer=s.orgs[reviewer], entries=entries(**values), complete=True
        )
    return s


def _publish(s):
    return result_publish(actor=s.users["block_head"], scoring_round=s.round, reason="Công bố khi chưa đủ")


def _get(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(f"scoring:{name}", args=[pk]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(BytesIO(_body(response))).active


def _row(ws, row):
    return [cell.value for cell in ws[row]]


def _exports():
    return AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GENERATED)


def test_live_table_for_the_head_in_rank_order(client, scored):
    response = _get(client, scored.users["block_head"], "round_table_xlsx", scored.round.pk)
    ws = _workbook(response)
    assert 'filename="bang-diem-khoi-cac-co-quan-tham-muu-tong-hop-2022.xlsx"' in response["Content-Disposition"]
    assert ws["A1"].value == "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP"
    assert ws["A2"].value == "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2022"
    assert ws["A3"].value.startswith("Số liệu tạm tính, chưa công bố")
    assert _row(ws, HEADER_ROW) == TABLE_HEADERS
    assert all(cell.font.bold for cell in ws[HEADER_ROW])
    fin, home = _row(ws, HEADER_ROW + 1), _row(ws, HEADER_ROW + 2)
    assert fin == [1, "Sở Tài chính", 53, 35.5, 97, 88.5, "Tốt", 1]
    assert home == [2, "Sở Nội vụ", 37, 28, 65, 65, "Khá", 2]
    numbers = ws.cell(row=HEADER_ROW + 1, column=4)
    assert numbers.data_type == "n"
    assert numbers.number_format == "0.0#"
    notes = [ws.cell(row=r, column=1).value for r in range(HEADER_ROW + 3, ws.max_row + 1)]
    assert "Chưa nộp phiếu chấm điểm: Ban Quản lý Khu Kinh tế tỉnh; Sở Xây dựng." in notes
    assert (
        "Xếp loại: Xuất sắc: từ 90 điểm đến 100 điểm; Tốt: từ 75 điểm đến dưới 90 điểm; "
        "Khá: từ 60 điểm đến dưới 75 điểm; Trung bình: dưới 60 điểm."
    ) in notes
    event = _exports().get()
    assert event.target_id == str(scored.round.pk)
    assert event.extra["source"] == "live"


def test_a_name_like_a_formula_stays_text(client, scored):
    home = scored.orgs["HOME"]
    home.name = '=HYPERLINK("http://example.com","Sở Nội vụ")'
    home.save(update_fields=["name"])
    ws = _workbook(_get(client, scored.users["block_head"], "round_table_xlsx", scored.round.pk))
    cell = ws.cell(row=HEADER_ROW + 2, column=2)
    assert cell.value == home.name
    assert cell.data_type == "s"


def test_unit_officer_sees_the_table_only_once_published(client, scored):
    officer = scored.users["unit_officer"]
    assert _get(client, officer, "round_table_xlsx", scored.round.pk).status_code == 403
    assert _get(client, officer, "round_table_pdf", scored.round.pk).status_code == 403
    assert not _exports().exists()
    _publish(scored)
    ws = _workbook(_get(client, officer, "round_table_xlsx", scored.round.pk))
    assert ws["A3"].value.startswith("Kết quả công bố phiên bản 1 ngày ")
    assert [_row(ws, HEADER_ROW + i)[1] for i in (1, 2)] == ["Sở Tài chính", "Sở Nội vụ"]
    assert _exports().get().extra["source"] == "v1"


def test_out_of_scope_is_not_found(client, scored):
    stranger = make_user("thuongtruc_tq", "standing_office", scored.orgs["Q"])
    for user in (scored.users["nobody"], stranger):
        for name, pk in (
            ("round_table_xlsx", scored.round.pk),
            ("round_table_pdf", scored.round.pk),
            ("sheet_xlsx", scored.fin.pk),
            ("sheet_pdf", scored.fin.pk),
        ):
            assert _get(client, user, name, pk).status_code == 404, (user, name)
    # Another member of the block does not see FIN's sheet.
    assert _get(client, scored.users["member_officer"], "sheet_xlsx", scored.fin.pk).status_code == 404
    assert _get(client, scored.users["member_officer"], "sheet_pdf", scored.fin.pk).status_code == 404
    assert not _exports().exists()


def _sheet_rows(ws):
    rows = []
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        values = _row(ws, r)
        rows.append(values)
        if values[1] == "TỔNG ĐIỂM":
            break
    return rows


def test_sheet_workbook_has_every_item_with_self_and_review_scores(client, scored):
    _publish(scored)
    response = _get(client, scored.users["unit_officer"], "sheet_xlsx", scored.fin.pk)
    ws = _workbook(response)
    assert 'filename="phieu-cham-diem-so-tai-chinh-2022.xlsx"' in response["Content-Disposition"]
    assert ws["A2"].value == "PHIẾU CHẤM ĐIỂM THI ĐUA NĂM 2022 — Sở Tài chính"
    assert _row(ws, HEADER_ROW) == SHEET_HEADERS
    assert _sheet_rows(ws) == [
        ["I", "Kết quả thực hiện nhiệm vụ được giao", 60, 59, 53],
        ["I.1", "Tham mưu xây dựng chương trình, kế hoạch", 45, 45, 40.5],
        ["I.2", "Tổ chức thực hiện văn bản pháp luật", 15, 14, 12.5],
        ["II", "Công tác thi đua, khen thưởng", 40, 38, 35.5],
        ["II.1", "Xây dựng kế hoạch thi đua", 30, 28, 25.5],
        ["II.2", "Báo cáo chậm (trừ 2 điểm mỗi lần)", 10, 10, 10],
        [None, "TỔNG ĐIỂM", 100, 97, 88.5],
    ]
    first = HEADER_ROW + 1
    assert ws.cell(row=first, column=2).font.bold
    assert not ws.cell(row=first + 1, column=2).font.bold
    assert ws.cell(row=first + 1, column=4).number_format == '0" (5 lần)"'  # a counted item: 45 (5 lần)
    assert ws.cell(row=first + 1, column=2).alignment.wrap_text
    assert ws.column_dimensions["B"].width == 70
    assert _exports().get().target_id == str(scored.fin.pk)


def test_review_scores_before_publication_only_for_managers_and_reviewers(client, scored):
    own = _sheet_rows(_workbook(_get(client, scored.users["unit_officer"], "sheet_xlsx", scored.fin.pk)))
    assert [row[4] for row in own] == [None] * 7
    assert [row[3] for row in own][-1] == 97
    head = _sheet_rows(_workbook(_get(client, scored.users["block_head"], "sheet_xlsx", scored.fin.pk)))
    assert [row[4] for row in head] == [53, 40.5, 12.5, 35.5, 25.5, 10, 88.5]
    # A draft sheet exports too: its own figures, nothing reviewed.
    member = scored.users["member_officer"]
    draft = sheet_start(actor=member, scoring_round=scored.round, organization=scored.orgs["MEM"])
    sheet_save(actor=member, sheet=draft, entries=entries(I_2=7))
    ws = _workbook(_get(client, member, "sheet_xlsx", draft.pk))
    assert ws["A3"].value == "Bản nháp, chưa nộp"
    assert _sheet_rows(ws)[-1] == [None, "TỔNG ĐIỂM", 100, 7, None]


def test_pdf_without_libreoffice_is_a_503_in_vietnamese(client, scored, monkeypatch):
    monkeypatch.setattr(generation, "soffice_path", lambda: None)
    for name, pk in (("round_table_pdf", scored.round.pk), ("sheet_pdf", scored.fin.pk)):
        response = _get(client, scored.users["block_head"], name, pk)
        assert response.status_code == 503
        assert "chưa cài LibreOffice" in response.content.decode()
    assert not _exports().exists()


def _pdf(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    data = _body(response)
    assert data.startswith(b"%PDF-")
    return data


def _page_size(data: bytes) -> tuple[float, float]:
    width, _x, height = pdf_info(data)["Page size"].split()[:3]
    return float(width), float(height)


@pytest.mark.libreoffice
def test_published_table_pdf_is_landscape_with_the_figures(client, scored):
    require_soffice()
    _publish(scored)
    response = _get(client, scored.users["unit_officer"], "round_table_pdf", scored.round.pk)
    data = _pdf(response)
    assert 'filename="bang-diem-khoi-cac-co-quan-tham-muu-tong-hop-2022.pdf"' in response["Content-Disposition"]
    text = pdf_text(data)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP",
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2022",
        "Kết quả công bố phiên bản 1 ngày",
        "Quảng Trị, ngày",
        "Sở Tài chính",
        "Sở Nội vụ",
        "Tổng thẩm định",
        "88,5",
        "Tốt",
        "Xuất sắc: từ 90 điểm đến 100 điểm",
    ]:
        assert expected in text, expected
    assert text.index("Sở Tài chính") < text.index("Sở Nội vụ")
    width, height = _page_size(data)
    assert width > height  # landscape
    assert save_png(data, "scoring-table")  # test-artifacts/documents/, for a person to look at
    assert _exports().get().extra["format"] == "pdf"


@pytest.mark.libreoffice
def test_sheet_pdf_is_portrait_with_review_scores_and_total(client, scored):
    require_soffice()
    data = _pdf(_get(client, scored.users["block_head"], "sheet_pdf", scored.fin.pk))
    text = pdf_text(data)
    for expected in [
        "PHIẾU CHẤM ĐIỂM THI ĐUA NĂM 2022",
        "Sở Tài chính",
        "Điểm tự chấm",
        "Điểm thẩm định",
        "Tham mưu xây dựng chương trình, kế hoạch",
        "45 (5 lần)",
        "40,5",
        "TỔNG ĐIỂM",
        "97",
        "88,5",
    ]:
        assert expected in text, expected
    width, height = _page_size(data)
    assert width < height  # portrait
    assert save_png(data, "scoring-sheet")
