"""The TT02 pages, files and API: every number links to exactly the records it counts, the Excel and
the PDF carry the official layout, scope, and submitting a version then seeing the change."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from conftest import Api
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.documents.tests.helpers import pdf_text
from tdkt.records.models import HonourRecord
from tdkt.reports.models import ReportSubmission

from . import dataset

YEAR = dataset.YEAR


@pytest.fixture
def data(world):
    return dataset.build(world)


def _q(world, org="P"):
    return f"?year={YEAR}&organization={world.orgs[org].pk}"


def _cell_url(code, row, column, world, org="P"):
    return f"/reports/tt02/{code}/cell/{row}/{column}/{_q(world, org)}"


def test_index_lists_the_five_forms_and_the_menu_links_it(client, world, data):
    client.force_login(world.users["standing_office"])
    page = client.get("/reports/").content.decode()
    for code in ("0601", "0602", "0603", "0604", "0605"):
        assert f"{code}.N/BNV-TĐKT" in page
    assert 'id="nav-reports"' in page
    assert client.get("/reports/", {"year": YEAR}).context["organization"] == world.orgs["P"]


def test_form_page_every_number_links_to_its_records(client, world, data):
    client.force_login(world.users["standing_office"])
    page = client.get(f"/reports/tt02/0603/{_q(world)}").content.decode()
    assert "Biểu số: 0603.N/BNV-TĐKT" in page
    assert "UBND tỉnh Quảng Trị" in page
    assert "Bộ Nội vụ" in page
    assert "Người lập biểu" in page
    assert "Thủ trưởng đơn vị" in page
    links = re.findall(r'<a href="(/reports/tt02/0603/cell/[^"]+)">(\d+)</a>', page)
    assert len(links) == 17 * 5  # every cell of the 17 rows × 5 columns is a number with its link
    shown = {url.replace("&amp;", "&"): int(n) for url, n in links}
    assert shown[_cell_url("0603", "01", "2", world)] == 6


def test_cell_lists_exactly_the_records_counted(client, world, data):
    client.force_login(world.users["standing_office"])
    r = data["records"]
    # 0603 row 05 (individuals) × column 2 (Bằng khen): r1, r2, r7, r8, r9
    response = client.get(_cell_url("0603", "05", "2", world))
    names = [row["values"][0] for row in response.context["found"]]
    assert sorted(names) == sorted(str(r[k].subject) for k in ("r1", "r2", "r7", "r8", "r9"))
    assert response.context["page_obj"].paginator.count == 5
    # 0603 row 12 (chuyên đề): only r2; row 13 (đột xuất): only r6
    assert [x["values"][0] for x in client.get(_cell_url("0603", "12", "1", world)).context["found"]] == [
        str(r["r2"].subject)]
    assert [x["values"][0] for x in client.get(_cell_url("0603", "13", "5", world)).context["found"]] == [
        str(r["r6"].subject)]
    # 0601 row 04 (block) — m3; 0605 row 02 × women — o1; 0604 row 05 — HOME-P2
    assert [x["values"][0] for x in client.get(_cell_url("0601", "04", "1", world)).context["found"]] == [
        data["movements"]["m3"].title]
    assert [x["values"][0] for x in client.get(_cell_url("0605", "02", "2", world)).context["found"]] == [
        data["people"]["o1"].full_name]
    assert [x["values"][0] for x in client.get(_cell_url("0604", "05", "1", world)).context["found"]] == [
        "Phòng Công chức"]
    # A cell the form leaves empty lists nothing; an unknown cell is 404.
    assert client.get(_cell_url("0602", "06", "2_cn", world)).context["page_obj"].paginator.count == 0
    assert client.get(_cell_url("0602", "99", "1", world)).status_code == 404


def test_excel_in_the_official_layout(client, world, data):
    client.force_login(world.users["standing_office"])
    response = client.get(f"/reports/tt02/0603/{_q(world)}&format=xlsx")
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Biểu số: 0603.N/BNV-TĐKT" in texts
    assert "Đơn vị báo cáo: UBND tỉnh Quảng Trị" in texts
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ" in texts
    assert {"Người lập biểu", "Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)", "Mã số", "Đơn vị tính"} <= texts
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1] and str(r[1]).isdigit()}
    assert rows["01"][:8] == ("Tổng số", "01", None, 9, 6, 1, 1, 1)
    assert rows["02"][:8] == ("- Tập thể", "02", "Tập thể", 2, 1, 0, 1, 0)
    assert rows["13"][3] == 1


def test_excel_of_0601_carries_the_unit_of_measure(client, world, data):
    client.force_login(world.users["standing_office"])
    ws = load_workbook(BytesIO(client.get(f"/reports/tt02/0601/{_q(world)}&format=xlsx").content)).active
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Đơn vị tính: Phong trào" in texts
    assert "Biểu số: 0601.N/BNV-TĐKT" in texts


def test_pdf_reads_back(client, world, data):
    client.force_login(world.users["standing_office"])
    response = client.get(f"/reports/tt02/0605/{_q(world)}&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Biểu số: 0605.N/BNV-TĐKT" in text
    assert "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG" in text
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ" in text
    assert "Người lập biểu" in text
    assert f"Năm {YEAR}" in text
    assert "Tổng số 01 4 3" in text
    assert "- Từ 10 năm trở lên 15 1 0" in text


def test_another_province_gets_its_own_numbers(client, world, data):
    client.force_login(data["q_user"])
    response = client.get(f"/reports/tt02/0603/?year={YEAR}")
    assert response.context["organization"] == world.orgs["Q"]
    assert "UBND tỉnh Tuyên Quang" in response.content.decode()
    api = Api(client, data["q_user"])
    body = api.get("/reports/tt02/0603", year=YEAR).json()
    assert body["organization"]["name"] == "UBND tỉnh Tuyên Quang"
    assert body["rows"][0]["cells"] == {"1": 1, "2": 1, "3": 0, "4": 0, "5": 0}
    assert api.get("/reports/tt02/0604", year=YEAR).json()["rows"][0]["cells"] == {"1": 1}
    # P's organisations are outside Q's scope: 404, on the page, a cell and the API.
    assert client.get(f"/reports/tt02/0603/{_q(world)}").status_code == 404
    assert client.get(_cell_url("0603", "01", "1", world)).status_code == 404
    assert api.get("/reports/tt02/0603", year=YEAR, organization_id=world.orgs["P"].pk).status_code == 404


def test_a_unit_user_sees_only_its_unit(client, world, data):
    client.force_login(world.users["unit_officer"])  # FIN
    response = client.get(f"/reports/tt02/0603/?year={YEAR}")
    assert response.context["organization"] == world.orgs["FIN"]
    assert client.get(f"/reports/tt02/0603/{_q(world)}").status_code == 404


def test_a_year_out_of_range_is_refused(client, world, data):
    client.force_login(world.users["standing_office"])
    assert client.get("/reports/tt02/0605/", {"year": "5"}).status_code == 400
    assert client.get("/reports/", {"year": "9999"}).status_code == 400


def test_nobody_is_refused(client, world, data):
    client.force_login(world.users["nobody"])
    assert client.get("/reports/").status_code == 403


def test_api_json_shape_and_files(client, world, data):
    api = Api(client, world.users["standing_office"])
    body = api.get("/reports/tt02/0601", year=YEAR).json()
    assert body["form"] == "0601"
    assert body["year"] == YEAR
    assert body["organization"] == {"id": world.orgs["P"].pk, "name": "UBND tỉnh Quảng Trị"}
    assert body["rows"][0] == {"code": "01", "label": "Tổng số", "unit": "", "cells": {"1": 5, "2": 0, "3": 2, "4": 3}}
    assert [r["code"] for r in body["rows"]] == [f"{i:02d}" for i in range(1, 13)]
    blank = api.get("/reports/tt02/0602", year=YEAR).json()["rows"]
    assert next(r for r in blank if r["code"] == "06")["cells"]["2_cn"] is None
    xlsx = api.get("/reports/tt02/0602", year=YEAR, format="xlsx")
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    pdf = api.get("/reports/tt02/0604", year=YEAR, format="pdf")
    assert pdf.status_code == 200
    assert "0604.N/BNV-TĐKT" in pdf_text(pdf.content)
    assert api.get("/reports/tt02/0609", year=YEAR).status_code == 422


def test_submit_freezes_and_the_page_shows_the_change(client, world, data):
    user = world.users["standing_office"]
    client.force_login(user)
    # Submitted through the page's own button: its hidden fields carry the year and the organisation as digits.
    page = client.get(f"/reports/tt02/0603/{_q(world)}").content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(year|organization)" value="([^"]*)">', page))
    assert hidden == {"year": str(YEAR), "organization": str(world.orgs["P"].pk)}
    response = client.post("/reports/tt02/0603/submit/", hidden)
    assert response.status_code == 302
    saved = ReportSubmission.objects.get()
    assert saved.cells["01"] == {"1": 9, "2": 6, "3": 1, "4": 1, "5": 1}
    assert saved.submitted_by == user
    assert saved.form_code == "0603"
    assert AuditEvent.objects.filter(event_type=AuditEventType.STATISTICAL_REPORT_SUBMITTED,
                                     target_id=str(saved.pk)).exists()
    page = client.get(f"/reports/tt02/0603/{_q(world)}").content.decode()
    assert 'id="report-submitted"' in page
    assert "tt02-change" not in page
    # A Bằng khen added after the submission: the page shows +1 where it counts, the stored version does not move.
    HonourRecord.objects.create(person=world.people["home"], code="BK_TINH", year=YEAR)
    page = client.get(f"/reports/tt02/0603/{_q(world)}").content.decode()
    changes = re.findall(r'data-row="(\d+)".*?</tr>', page, re.S)
    assert changes  # rows are there
    row01 = re.search(r'data-row="01">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r"tt02-change[^>]*>([^<]+)<", row01) == ["+1", "+1"]  # total and Bằng khen
    row10 = re.search(r'data-row="10">(.*?)</tr>', page, re.S).group(1)  # workers
    assert re.findall(r"tt02-change[^>]*>([^<]+)<", row10) == ["+1", "+1"]
    row06 = re.search(r'data-row="06">(.*?)</tr>', page, re.S).group(1)
    assert "tt02-change" not in row06
    assert ReportSubmission.objects.get().cells["01"]["1"] == 9


def test_only_those_who_manage_records_submit(client, world, data):
    client.force_login(world.users["viewer"])  # HOME, viewer
    response = client.post("/reports/tt02/0603/submit/", {"year": YEAR, "organization": world.orgs["HOME"].pk})
    assert response.status_code == 403
    assert not ReportSubmission.objects.exists()
