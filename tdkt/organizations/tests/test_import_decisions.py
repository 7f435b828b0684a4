"""Excel import of past decisions and their awardees (issue 13, point 4)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks.signals import task_finished
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.tests import hostile_xlsx
from tdkt.organizations.importers import (
    ImportFileError,
    import_job_confirm,
    import_job_create,
    import_job_discard,
    import_job_start,
)
from tdkt.organizations.models import ImportJob, ImportStatus, Person
from tdkt.records.models import AnnualRating, HonourRecord, PastDecision
from tdkt.records.signals import facts_changed
from tdkt.rules.domain import Verdict
from tdkt.rules.evaluation import subject_overview

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTS = reverse("organizations:imports")
DECISION_HEADERS = ["Số quyết định *", "Ngày quyết định *", "Cơ quan ban hành *", "Người ký", "Trích yếu"]
AWARDEE_HEADERS = ["Số quyết định *", "Danh hiệu, hình thức *", "Năm xét tặng", "Đối tượng", "Mã cán bộ",
                   "Họ và tên", "Ngày sinh", "Mã đơn vị", "Đơn vị", "Ghi chú"]
UBND = ["45/QĐ-UBND", "10/01/2019", "UBND tỉnh Quảng Trị", "Võ Văn Hưng", "Tặng Bằng khen của Chủ tịch UBND tỉnh"]
SNV = ["312/QĐ-SNV", "15/01/2024", "Sở Nội vụ", "Nguyễn Văn Hùng", "Công nhận danh hiệu năm 2023"]


def award(number, honour, *, year="", target="", code="", name="", born="", unit="", unit_name="", note=""):
    return [number, honour, year, target, code, name, born, unit, unit_name, note]


def xlsx(decisions, awardees) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Quyết định"
    sheet.append(DECISION_HEADERS)
    for row in decisions:
        sheet.append(list(row))
    sheet = workbook.create_sheet("Danh sách khen thưởng")
    sheet.append(AWARDEE_HEADERS)
    for row in awardees:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="quyet-dinh.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def check(actor, decisions, awardees):
    job = import_job_create(actor=actor, kind="decisions", upload=upload(xlsx(decisions, awardees)))
    return import_job_start(job=job)


def make_person(org, full_name, **fields):
    person = Person(organization=org, full_name=full_name, sex="nam", category="cong_chuc", **fields)
    person.refresh_search_text()
    person.save()
    return person


def errors_by_row(errors):
    found = {}
    for error in errors:
        found.setdefault(error["row"], []).append((error["column"], error["message"]))
    return found


def counts():
    return HonourRecord.objects.count(), PastDecision.objects.count(), AuditEvent.objects.count()


def bk_ttg_verdict(person) -> Verdict:
    overview = subject_overview(person, subject_type="person", year=2024, on_date=datetime.date(2024, 12, 10))
    return next(item.result.verdict for item in overview.results if item.result.award == "BK_TTG")


def test_clean_file_is_checked_then_written_and_a_bang_khen_of_the_prime_minister_becomes_eligible(world):
    officer, fin, fin_ns = world.users["unit_officer"], world.orgs["FIN"], world.orgs["FIN-NS"]
    lan = make_person(fin, "Nguyễn Thị Lan", code="FIN-07", date_of_birth=datetime.date(1985, 6, 5))
    for year in range(2019, 2025):
        AnnualRating.objects.create(person=lan, year=year, rating="HTTNV")
    for year in (2020, 2022, 2024):
        HonourRecord.objects.create(person=lan, code="CSTDCS", year=year)
    assert bk_ttg_verdict(lan) is not Verdict.ELIGIBLE  # no provincial Bằng khen five years back
    touched = []

    def receiver(sender, person_ids, **kwargs):
        touched.extend(person_ids)

    rows = [
        award("45/QĐ-UBND", "Bằng khen cấp bộ, ngành, tỉnh", code="FIN-07"),  # year of the decision: 2019
        award("312/qđ-snv", "LĐTT", year="2023", name="tran thi HOA", unit="FIN-NS"),  # accents: to confirm
        award("312/QĐ-SNV", "Lao động tiên tiến", year=2023, name="Nguyễn Văn Đức", born="05/06/1980",
              unit_name="Sở Tài chính", note="Tiêu biểu"),
        award("312/QĐ-SNV", "TTLDXS", year="2023", target="Tập thể", unit="FIN-NS"),
    ]
    before = counts()
    job = check(officer, [UBND, SNV], rows)

    assert job.status == ImportStatus.CHECKED, job.errors
    assert counts() == before  # nothing written before the clerk confirms
    assert job.file  # kept for the confirmed run
    preview = job.preview
    assert (preview["decisions"], preview["records"], preview["people"], preview["collectives"]) == (2, 3, 2, 1)
    [hoa] = preview["ambiguous"]  # "tran thi HOA" is Trần Thị Hoa only without the marks: shown, not taken
    assert (hoa["row"], hoa["number"], [c["id"] for c in hoa["candidates"]]) == (
        3, "312/QĐ-SNV", [world.people["fin-ns"].pk])

    facts_changed.connect(receiver)
    try:
        job = import_job_confirm(actor=officer, job=job, choices={"3": str(world.people["fin-ns"].pk)})
    finally:
        facts_changed.disconnect(receiver)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.error_count) == (4, 0)
    assert not job.file
    ubnd, snv = PastDecision.objects.get(number="45/QĐ-UBND"), PastDecision.objects.get(number="312/QĐ-SNV")
    assert (ubnd.decided_on, ubnd.issuer, ubnd.signer, ubnd.summary) == (
        datetime.date(2019, 1, 10), "UBND tỉnh Quảng Trị", "Võ Văn Hưng", "Tặng Bằng khen của Chủ tịch UBND tỉnh")
    assert (ubnd.import_job_id, ubnd.created_by) == (job.pk, officer)
    imported = HonourRecord.objects.filter(past_decision__isnull=False)
    records = {(r.person_id, r.organization_id, r.code): r for r in imported}
    assert set(records) == {
        (lan.pk, None, "BK_TINH"),
        (world.people["fin-ns"].pk, None, "LDTT"),
        (world.people["fin"].pk, None, "LDTT"),
        (None, fin_ns.pk, "TTLDXS"),
    }
    bk = records[(lan.pk, None, "BK_TINH")]
    assert (bk.year, bk.decision_number, bk.decision_date, bk.issuer, bk.past_decision) == (
        2019, "45/QĐ-UBND", datetime.date(2019, 1, 10), "UBND tỉnh Quảng Trị", ubnd)
    ldtt = records[(world.people["fin"].pk, None, "LDTT")]
    assert (ldtt.year, ldtt.decision_date, ldtt.issuer, ldtt.note, ldtt.past_decision) == (
        2023, datetime.date(2024, 1, 15), "Sở Nội vụ", "Tiêu biểu", snv)
    assert set(touched) == {lan.pk, world.people["fin-ns"].pk, world.people["fin"].pk}
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_IMPORTED)
    assert (event.actor, event.organization, event.target_id) == (officer, fin, str(job.pk))
    assert (event.extra["kind"], event.extra["decisions_created"], event.extra["records_created"],
            event.extra["chosen_rows"]) == ("decisions", 2, 4, 1)

    assert bk_ttg_verdict(lan) is Verdict.ELIGIBLE  # the imported 2019 Bằng khen opens the chain


def test_an_ambiguous_name_waits_for_a_choice_and_unsettled_rows_are_refused(client, world):
    officer = world.users["standing_office"]
    in_fin = make_person(world.orgs["FIN"], "Nguyễn Văn An", date_of_birth=datetime.date(1975, 3, 2))
    in_home = make_person(world.orgs["HOME"], "Nguyễn Văn An", code="HOME-09")
    job = check(officer, [SNV], [award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn An")])

    assert job.status == ImportStatus.CHECKED, job.errors
    [row] = job.preview["ambiguous"]
    assert row["row"] == 2
    assert sorted((c["name"], c["date_of_birth"], c["organization"], c["code"]) for c in row["candidates"]) == [
        ("Nguyễn Văn An", "", "Sở Nội vụ", "HOME-09"),
        ("Nguyễn Văn An", "02/03/1975", "Sở Tài chính", ""),
    ]
    client.force_login(officer)
    page = client.get(reverse("organizations:import_job", args=[job.pk]))
    assert f'name="choice-2" value="{in_home.pk}"' in page.text
    assert "Sở Tài chính" in page.text
    assert "HOME-09" in page.text
    assert "hx-trigger" not in page.text  # the page waits for the clerk: no polling over the radios

    with pytest.raises(ImportFileError) as caught:
        import_job_confirm(actor=officer, job=job, choices={})
    assert "Chưa chọn người hoặc tập thể cho 1 dòng trùng tên (dòng 2)" in caught.value.messages[0]
    refused = client.post(reverse("organizations:import_job_confirm", args=[job.pk]), {"choice-2": "999999"})
    assert refused.status_code == 400
    assert "Chưa chọn người hoặc tập thể" in refused.text
    job.refresh_from_db()
    assert (job.status, HonourRecord.objects.count(), PastDecision.objects.count()) == (ImportStatus.CHECKED, 0, 0)

    response = client.post(reverse("organizations:import_job_confirm", args=[job.pk]), {"choice-2": in_fin.pk})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.errors
    [record] = HonourRecord.objects.all()
    assert (record.person, record.code, record.year) == (in_fin, "LDTT", 2023)
    with pytest.raises(ImportFileError):  # once written, never again
        import_job_confirm(actor=officer, job=job, choices={"2": in_fin.pk})


def test_a_checked_file_may_be_discarded_and_its_file_goes(world):
    officer = world.users["unit_officer"]
    job = check(officer, [SNV], [award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn Đức")])
    assert job.status == ImportStatus.CHECKED
    job = import_job_discard(actor=officer, job=job)
    assert (job.status, bool(job.file), HonourRecord.objects.count()) == (ImportStatus.FAILED, False, 0)
    assert "đã được hủy" in job.errors[0]["message"]


def test_duplicates_against_the_records_are_refused_with_their_row(world):
    officer, duc = world.users["unit_officer"], world.people["fin"]
    HonourRecord.objects.create(person=duc, code="LDTT", year=2023, decision_number="300/QĐ-STC")
    HonourRecord.objects.create(person=duc, code="BK_TINH", year=2019, decision_number="45 / QĐ-UBND")
    rows = [
        award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn Đức"),  # a title once a year
        award("45/QĐ-UBND", "BK_TINH", name="Nguyễn Văn Đức"),  # the same form by the same decision
        award("45/QĐ-UBND", "BK_TINH", target="Tập thể", unit="FIN-NS"),  # fine by itself
    ]
    before = counts()
    job = check(officer, [UBND, SNV], rows)

    assert job.status == ImportStatus.FAILED
    found = errors_by_row(job.errors)
    assert set(found) == {2, 3}
    [(column, message)] = found[2]
    assert column == "Danh hiệu, hình thức"
    assert message == ("Cán bộ “Nguyễn Văn Đức” đã có danh hiệu “Lao động tiên tiến” năm 2023 trong hệ thống "
                       "(quyết định số 300/QĐ-STC); mỗi danh hiệu chỉ công nhận một lần trong năm.")
    assert found[3] == [("Danh hiệu, hình thức", "Cán bộ “Nguyễn Văn Đức” đã có “Bằng khen cấp bộ, ngành, tỉnh” "
                         "theo quyết định số 45 / QĐ-UBND trong hệ thống.")]
    assert counts() == before


def test_duplicates_within_the_file_are_refused_on_each_row(world):
    rows = [
        award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn Đức"),
        award("312/QĐ-SNV", "Lao động tiên tiến", year="2023", name="Nguyễn Văn Đức", born="05/06/1980"),
        award("312/QĐ-SNV", "BK_TINH", target="Tập thể", unit="FIN-NS"),
        award("312/QĐ-SNV", "Bằng khen cấp bộ, ngành, tỉnh", unit_name="Phòng Quản lý ngân sách"),
    ]
    job = check(world.users["unit_officer"], [SNV], rows)
    assert job.status == ImportStatus.FAILED
    found = errors_by_row(job.errors)
    assert set(found) == {2, 3, 4, 5}
    assert "có “Lao động tiên tiến” ở nhiều dòng (2, 3)" in found[2][0][1]
    assert "Tập thể “Phòng Quản lý ngân sách” có “Bằng khen cấp bộ, ngành, tỉnh” ở nhiều dòng (4, 5)" in found[5][0][1]
    assert counts()[:2] == (0, 0)


def test_bad_rows_are_reported_in_vietnamese_with_row_and_column_and_nothing_is_written(world):
    officer = world.users["unit_officer"]
    decisions = [
        SNV,
        ["20/QĐ-STC", "2024-12-27", "Sở Tài chính", "", ""],
        ["21/QĐ-STC", "31/02/2024", "Sở Tài chính", "", ""],
        ["22/QĐ-STC", "20/12/2024", "", "", ""],
        ["23/QĐ-STC", "20/12/2099", "Sở Tài chính", "", ""],
    ]
    rows = [
        award("312/QĐ-SNV", "Huân chương Lao động hạng 4", name="Nguyễn Văn Đức"),  # 2: unknown title or form
        award("312/QĐ-SNV", "LDTT", code="KHONG-CO"),  # 3: unknown staff code
        award("312/QĐ-SNV", "LDTT", code="HOME-01"),  # 4: a staff code out of the officer's scope
        award("999/QĐ-XX", "LDTT", name="Nguyễn Văn Đức"),  # 5: no such decision in the first sheet
        award("312/QĐ-SNV", "LDTT", year="2025", name="Nguyễn Văn Đức"),  # 6: after the decision's year
        award("312/QĐ-SNV", "TTLDXS", name="Nguyễn Văn Đức"),  # 7: a collective title for a person
        award("312/QĐ-SNV", "LDTT", name="Không Có Ai"),  # 8: nobody of that name
        award("312/QĐ-SNV", "LDTT", year="2023", name="Trần Thị Hoa", unit="FIN-NS"),  # 9: fine
        award("312/QĐ-SNV", "LDTT", name="Nguyễn Văn Đức", born="2024-12-27"),  # 10: date month first
    ]
    Person.objects.filter(pk=world.people["home"].pk).update(code="HOME-01")
    before = counts()
    job = check(officer, decisions, rows)

    assert job.status == ImportStatus.FAILED
    assert counts() == before
    errors = [(e["row"], e["column"], e["message"]) for e in job.errors]
    sheet = " (trang “Quyết định”)"
    assert errors[:4] == [
        (3, "Ngày quyết định" + sheet,
         "“2024-12-27” không phải là ngày: hãy ghi theo dạng dd/mm/yyyy (ví dụ 05/06/1980)."),
        (4, "Ngày quyết định" + sheet, "Ngày “31/02/2024” không tồn tại (tháng 2/2024 không có ngày 31)."),
        (5, "Cơ quan ban hành" + sheet, "Thiếu giá trị bắt buộc."),
        (6, "Ngày quyết định" + sheet, "Ngày quyết định 20/12/2099 ở tương lai."),
    ]
    found = errors_by_row(job.errors[4:])
    assert found[2] == [("Danh hiệu, hình thức", "“Huân chương Lao động hạng 4” không phải danh hiệu thi đua hay "
                         "hình thức khen thưởng nào; ghi tên hoặc mã theo danh sách ở trang “Hướng dẫn” "
                         "(ví dụ BK_TINH, LĐTT).")]
    assert found[3] == [("Mã cán bộ", "Không có cán bộ nào mã “KHONG-CO” trong hệ thống.")]
    assert found[4] == [("Mã cán bộ", "Mã cán bộ “HOME-01” nằm ngoài phạm vi bạn được cập nhật hồ sơ khen thưởng.")]
    assert found[5] == [("Số quyết định", "Số quyết định “999/QĐ-XX” không có ở trang tính “Quyết định”.")]
    assert found[6] == [("Năm xét tặng", "Năm xét tặng 2025 sau năm của quyết định (15/01/2024): không thể khen "
                         "thành tích của năm chưa đến.")]
    assert found[7] == [("Danh hiệu, hình thức", "“Tập thể lao động xuất sắc” chỉ dành cho tập thể.")]
    assert found[8] == [("Họ và tên", "Không tìm thấy cán bộ “Không Có Ai” trong phạm vi bạn được cập nhật hồ sơ "
                         "khen thưởng.")]
    assert 9 not in found
    assert found[10] == [("Ngày sinh", "“2024-12-27” không phải là ngày: hãy ghi theo dạng dd/mm/yyyy "
                          "(ví dụ 05/06/1980).")]


def test_a_file_without_its_two_sheets_or_columns_is_refused_whole(world):
    officer = world.users["unit_officer"]
    workbook = Workbook()
    workbook.active.title = "Quyết định"
    workbook.active.append(DECISION_HEADERS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=officer, kind="decisions", upload=upload(buffer.getvalue()))
    assert caught.value.messages == ["Tệp không có trang tính “Danh sách khen thưởng”. Hãy dùng tệp mẫu."]
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=officer, kind="decisions", upload=upload(xlsx([SNV], [])))
    assert caught.value.messages == [
        "Trang tính “Danh sách khen thưởng”: tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]
    workbook = load_workbook(io.BytesIO(xlsx([SNV], [award("312/QĐ-SNV", "LDTT", name="Nguyễn Văn Đức")])))
    workbook["Quyết định"].delete_cols(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=officer, kind="decisions", upload=upload(buffer.getvalue()))
    assert caught.value.messages == ["Trang tính “Quyết định”: thiếu cột bắt buộc “Cơ quan ban hành”."]
    assert not ImportJob.objects.exists()


def test_the_template_downloads_reads_back_and_imports_once_filled(client, world):
    client.force_login(world.users["unit_officer"])
    page = client.get(IMPORTS)
    url = reverse("organizations:import_template", args=["decisions"])
    assert url in page.text
    assert 'value="decisions"' in page.text
    response = client.get(url)
    assert response.status_code == 200
    assert "mau-nhap-quyet-dinh-khen-thuong.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Quyết định", "Danh sách khen thưởng", "Hướng dẫn"]
    assert [c.value for c in workbook["Quyết định"][1]] == DECISION_HEADERS
    assert [c.value for c in workbook["Danh sách khen thưởng"][1]] == AWARDEE_HEADERS
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert {"BK_TTG", "HCLD3", "KNC", "LDTT"} <= set(guide)  # the whole catalogue
    workbook["Quyết định"].append(SNV)
    workbook["Danh sách khen thưởng"].append(award("312/QĐ-SNV", "LĐTT", year="2023", name="Nguyễn Văn Đức"))
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = client.post(IMPORTS, {"kind": "decisions", "file": upload(buffer.getvalue())})
    job = ImportJob.objects.get()
    assert response.status_code == 302, response.text
    assert (job.kind, job.status, job.preview["records"]) == ("decisions", ImportStatus.CHECKED, 1)
    page = client.get(reverse("organizations:import_job", args=[job.pk]))
    assert reverse("organizations:import_job_confirm", args=[job.pk]) in page.text
    client.post(reverse("organizations:import_job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, HonourRecord.objects.get().person) == (ImportStatus.DONE, world.people["fin"])


@override_settings(TDKT_IMPORT_BACKGROUND_ROWS=1)
def test_a_large_file_is_checked_and_written_by_the_worker(world, django_capture_on_commit_callbacks):
    officer = world.users["unit_officer"]
    rows = [award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn Đức"),
            award("312/QĐ-SNV", "TTLDTT", year="2023", unit="FIN-NS")]
    results = []

    def finished(sender, task_result, **kwargs):
        results.append(task_result.return_value)

    task_finished.connect(finished)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = check(officer, [SNV], rows)
        job.refresh_from_db()
        assert (job.status, results) == (ImportStatus.CHECKED, [ImportStatus.CHECKED])
        with django_capture_on_commit_callbacks(execute=True):
            import_job_confirm(actor=officer, job=job)
    finally:
        task_finished.disconnect(finished)
    job.refresh_from_db()
    assert (results, job.status, job.created_count) == ([ImportStatus.CHECKED, ImportStatus.DONE],
                                                        ImportStatus.DONE, 2)


DECISION_ROWS = hostile_xlsx.header_row(DECISION_HEADERS) + hostile_xlsx.row(
    2, *(hostile_xlsx.inline(f"{c}2", v) for c, v in zip("ABC", SNV, strict=False)))


@pytest.mark.parametrize("build", ["far_cell", "unclosed", "bad_shared_string"])
def test_hostile_awardee_sheets_are_refused_with_a_vietnamese_message(world, build):
    sheet = "Danh sách khen thưởng"
    headers = hostile_xlsx.header_row(AWARDEE_HEADERS)
    if build == "far_cell":
        content = hostile_xlsx.workbook({"Quyết định": DECISION_ROWS, sheet: headers + hostile_xlsx.row(
            1048576, hostile_xlsx.inline("XFD1048576", "x"))})
        expected = f"Trang tính “{sheet}” có dữ liệu tới ô XFD1048576 (1.048.576 dòng × 16.384 cột)"
    elif build == "unclosed":
        broken = hostile_xlsx.unclosed(AWARDEE_HEADERS, sheet=sheet)
        content = hostile_xlsx.workbook({"Quyết định": DECISION_ROWS}, raw_sheet={sheet: _sheet_xml(broken)})
        expected = f"Trang tính “{sheet}” bị hỏng"
    else:
        content = hostile_xlsx.workbook({"Quyết định": DECISION_ROWS, sheet: headers + hostile_xlsx.row(
            2, hostile_xlsx.shared("A2", 999))}, strings=("only",))
        expected = f"Trang tính “{sheet}” bị hỏng"
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=world.users["admin"], kind="decisions", upload=upload(content))
    assert expected in " ".join(caught.value.messages)
    assert not ImportJob.objects.exists()


def _sheet_xml(content: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_units_narrow_the_match_and_a_mismatch_names_the_unit_column(world):
    officer = world.users["unit_officer"]
    Person.objects.filter(pk=world.people["fin"].pk).update(code="FIN-01")
    rows = [
        award("312/QĐ-SNV", "LDTT", year="2023", code="FIN-01", unit_name="Phòng Quản lý ngân sách"),  # 2
        award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn Đức", unit="FIN-NS"),  # 3
        award("312/QĐ-SNV", "LDTT", year="2023", name="Trần Thị Hoa", unit_name="Sở Tài chính"),  # 4: below it
        award("312/QĐ-SNV", "TTLDTT", year="2023", unit="HOME-TDKT"),  # 5: another department's unit
        award("312/QĐ-SNV", "TTLDTT", year="2023", unit="FIN-NS", unit_name="Sở Tài chính"),  # 6
    ]
    job = check(officer, [SNV], rows)
    found = errors_by_row(job.errors)
    assert found == {
        2: [("Đơn vị", "Cán bộ “Nguyễn Văn Đức” (mã FIN-01) công tác ở “Sở Tài chính” (FIN), không thuộc đơn vị "
             "ghi ở dòng này.")],
        3: [("Mã đơn vị", "Không có cán bộ “Nguyễn Văn Đức” ở đơn vị ghi ở dòng này; có ở “Sở Tài chính” (FIN).")],
        5: [("Mã đơn vị", "Mã đơn vị “HOME-TDKT” nằm ngoài phạm vi bạn được cập nhật hồ sơ khen thưởng.")],
        6: [("Đơn vị", "Mã đơn vị “FIN-NS” là của “Phòng Quản lý ngân sách”, không phải “Sở Tài chính”.")],
    }


def test_a_checked_file_left_unconfirmed_is_dropped_by_the_sweep_after_a_week(world):
    from tdkt.organizations.importers.sweep import import_jobs_sweep

    job = check(world.users["unit_officer"], [SNV], [award("312/QĐ-SNV", "LDTT", year="2023",
                                                            name="Nguyễn Văn Đức")])
    assert job.status == ImportStatus.CHECKED
    assert import_jobs_sweep(now=job.created_at + datetime.timedelta(days=6)) == []
    assert import_jobs_sweep(now=job.created_at + datetime.timedelta(days=8)) == [job.pk]
    job.refresh_from_db()
    assert (job.status, bool(job.file)) == (ImportStatus.FAILED, False)
    assert "không được xác nhận trong 7 ngày" in job.errors[0]["message"]
    assert HonourRecord.objects.count() == 0


def test_the_api_uploads_shows_the_candidates_refuses_unsettled_rows_then_writes_the_choice(client, world):
    from conftest import Api

    api = Api(client, world.users["standing_office"])
    in_fin = make_person(world.orgs["FIN"], "Nguyễn Văn An")
    make_person(world.orgs["HOME"], "Nguyễn Văn An")
    content = xlsx([SNV], [award("312/QĐ-SNV", "LDTT", year="2023", name="Nguyễn Văn An"),
                           award("312/QĐ-SNV", "TTLDTT", year="2023", unit="FIN-NS")])
    response = client.post("/api/v1/imports", {"kind": "decisions", "file": upload(content)}, headers=api.headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["preview"]["records"]) == ("decisions", "checked", 1)
    [row] = body["preview"]["ambiguous"]
    assert (row["row"], row["kind"], sorted(c["organization"] for c in row["candidates"])) == (
        2, "person", ["Sở Nội vụ", "Sở Tài chính"])

    refused = api.post(f"/imports/{body['id']}/confirm", {"choices": {}})
    assert refused.status_code == 400
    assert "Chưa chọn người hoặc tập thể cho 1 dòng trùng tên (dòng 2)" in refused.json()["detail"]
    assert HonourRecord.objects.count() == 0
    done = api.post(f"/imports/{body['id']}/confirm", {"choices": {"2": in_fin.pk}})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["created_count"], done.json()["preview"]) == ("done", 2, None)
    assert api.get(f"/imports/{body['id']}").json()["status"] == "done"
    assert HonourRecord.objects.get(code="LDTT").person == in_fin
    other = Api(client, world.users["unit_officer"])
    assert other.get(f"/imports/{body['id']}").status_code == 404  # another's job

    bad = client.post("/api/v1/imports", {"kind": "decisions", "file": upload(b"PK\x03\x04 not a workbook")},
                      headers=api.headers)
    assert bad.status_code == 400
    assert "Tệp không phải là tệp Excel .xlsx hợp lệ" in bad.json()["detail"]
