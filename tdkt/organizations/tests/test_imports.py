"""The Excel import services: the whole file is checked first and written only when clean."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks.signals import task_finished
from django.test import override_settings
from django.utils import timezone

from tdkt.accounts.models import RoleGrant
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.importers import ImportFileError, import_job_create, import_job_start
from tdkt.organizations.models import ImportJob, ImportStatus, Organization, Person, PersonAssignment

from .import_files import ORG_HEADERS, PEOPLE_HEADERS, person_row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def make_person(org, full_name, **fields):
    person = Person(organization=org, full_name=full_name, sex="nu", category="cong_chuc", **fields)
    person.refresh_search_text()
    person.save()
    return person


def run(actor, kind, file):
    return import_job_start(job=import_job_create(actor=actor, kind=kind, upload=file))


def counts():
    return Person.objects.count(), PersonAssignment.objects.count(), AuditEvent.objects.count()


def errors_by_row(job):
    found = {}
    for error in job.errors:
        found.setdefault(error["row"], []).append((error["column"], error["message"]))
    return found


def test_clean_people_file_imports_every_row_with_assignments_and_one_audit_event(world):
    rows = [
        person_row("Nguyễn Thị Lan", "FIN", code="CB-1", sex="Nữ", born=datetime.date(1985, 6, 5),
                   category="Viên chức", position="Chuyên viên", manager="Có", start="01/09/2008",
                   email="lan@example.vn"),
        person_row("Hồ Văn Đức", "HOME", born="20/11/1992"),
        person_row("Lê   Thu   Trang", "fin-ns", sex="nữ", born="", category="nguoi lao dong"),
    ]
    before = AuditEvent.objects.count()
    job = run(world.users["standing_office"], "people", upload(PEOPLE_HEADERS, rows))

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.total_rows, job.processed_rows, job.created_count, job.error_count) == (3, 3, 3, 0)
    lan = Person.objects.get(code="CB-1")
    assert (lan.organization, lan.sex, lan.category, lan.is_manager) == (world.orgs["FIN"], "nu", "vien_chuc", True)
    assert lan.date_of_birth == datetime.date(1985, 6, 5)
    assert lan.service_start == datetime.date(2008, 9, 1)
    assert lan.search_text == "nguyen thi lan cb-1"
    assert abs((timezone.now() - lan.created_at).total_seconds()) < 60
    assert lan.updated_at == lan.created_at
    duc = Person.objects.get(full_name="Hồ Văn Đức")
    assert duc.date_of_birth == datetime.date(1992, 11, 20)
    trang = Person.objects.get(full_name="Lê Thu Trang")
    assert (trang.organization, trang.category, trang.date_of_birth) == (world.orgs["FIN-NS"], "nguoi_lao_dong", None)
    assignment = lan.assignments.get()
    assert (assignment.organization, assignment.position, assignment.start_date) == (
        world.orgs["FIN"], "Chuyên viên", datetime.date(2008, 9, 1))
    assert duc.assignments.count() == trang.assignments.count() == 1

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(event_type=AuditEventType.PEOPLE_IMPORTED)
    assert event.organization == world.orgs["P"]  # the common ancestor of FIN, FIN-NS and HOME
    assert event.extra["created"] == 3
    assert event.extra["file"] == "can-bo.xlsx"
    assert event.actor == world.users["standing_office"]
    assert not job.file  # the uploaded file is not kept once the job is finished


def test_file_with_bad_rows_reports_each_and_writes_nothing(world):
    make_person(world.orgs["FIN"], "Đinh Công Tráng", code="CB-DB")
    make_person(world.orgs["FIN"], "Vũ Thị Mai", date_of_birth=datetime.date(1990, 3, 4))
    today = datetime.date.today()
    rows = [
        person_row("Trần Văn An"),  # row 2: fine
        person_row(""),  # 3: no name
        person_row("Phan Văn Bình", "NOPE"),  # 4: unknown organisation
        person_row("Phạm Thu Hà", "HOME"),  # 5: exists, but outside the unit officer's scope
        person_row("Lý Văn Cường", born="31/02/2020"),  # 6: no such day
        person_row("Mai Văn Dũng", born="13/25/2020"),  # 7: month first: no month 25
        person_row("Đỗ Văn Em", code="CB-7"),  # 8 and 9: same staff code twice
        person_row("Đỗ Văn Giang", code="CB-7"),
        person_row("Bùi Văn Hải", code="CB-DB"),  # 10: code already in the database
        person_row("Ngô Thị Kim", email="kim@"),  # 11: bad email
        person_row("Tạ Văn Long", born=(today + datetime.timedelta(days=3)).strftime("%d/%m/%Y")),  # 12: future
        person_row("Trịnh Văn Minh", sex="Khác"),  # 13: unknown choice
        [None] * 10,  # 14: empty, skipped
        person_row("Hà Văn Nam", born="01/01/1990"),  # 15 and 16: the same person typed twice
        person_row("Hà  Văn Nam", born=datetime.date(1990, 1, 1)),
        person_row("Vũ Thị Mai", born="04/03/1990"),  # 17: already in the system
        person_row("Cao Văn Phúc", born=(today.replace(year=today.year - 10)).strftime("%d/%m/%Y")),  # 18: age 10
        person_row("x" * 151),  # 19: too long
    ]
    before = counts()
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, rows))

    assert job.status == ImportStatus.FAILED
    assert counts() == before
    found = errors_by_row(job)
    assert 2 not in found
    assert 14 not in found
    assert found[3] == [("Họ và tên", "Thiếu giá trị bắt buộc.")]
    assert found[4] == [("Mã đơn vị", "Mã đơn vị “NOPE” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")]
    assert found[5] == [("Mã đơn vị", "Mã đơn vị “HOME” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")]
    assert found[6][0][0] == "Ngày sinh"
    assert "31/02/2020" in found[6][0][1]
    assert "không tồn tại" in found[6][0][1]
    assert found[7][0][0] == "Ngày sinh"
    assert "không có tháng 25" in found[7][0][1]
    for row in (8, 9):
        assert found[row] == [("Mã cán bộ", "Mã cán bộ “CB-7” bị trùng trong tệp (các dòng 8, 9).")]
    assert found[10] == [("Mã cán bộ", "Mã cán bộ “CB-DB” đã có trong hệ thống.")]
    assert found[11] == [("Email", "“kim@” không phải địa chỉ email hợp lệ.")]
    assert found[12][0][0] == "Ngày sinh"
    assert "ở tương lai" in found[12][0][1]
    assert found[13][0][0] == "Giới tính"
    assert "Nam, Nữ" in found[13][0][1]
    for row in (15, 16):
        assert found[row] == [("Họ và tên", "Trùng người ở các dòng 15, 16: cùng họ tên, ngày sinh và đơn vị.")]
    assert found[17][0][0] == "Họ và tên"
    assert "trong hệ thống" in found[17][0][1]
    assert found[18][0][0] == "Ngày sinh"
    assert "chưa đủ 15 tuổi" in found[18][0][1]
    assert found[19][0][0] == "Họ và tên"
    assert "151 ký tự" in found[19][0][1]
    assert job.error_count == len(job.errors) == 16
    assert [e["row"] for e in job.errors] == sorted(e["row"] for e in job.errors)


def test_two_people_with_the_same_name_and_birthday_but_their_own_codes_are_two_people(world):
    rows = [person_row("Hà Văn Nam", code="A1"), person_row("Hà Văn Nam", code="A2")]
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, rows))
    assert job.status == ImportStatus.DONE, job.errors
    assert Person.objects.filter(full_name="Hà Văn Nam").count() == 2


def test_a_closed_organisation_takes_no_new_people(world):
    Organization.objects.filter(pk=world.orgs["FIN-NS"].pk).update(active_to=datetime.date(2025, 2, 28))
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, [person_row("An", "FIN-NS")]))
    assert job.status == ImportStatus.FAILED
    assert "đã giải thể hoặc sáp nhập" in job.errors[0]["message"]


def _media_imports():
    folder = Path(settings.MEDIA_ROOT) / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def _zip_that_is_not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("can-bo.csv", b"Ho va ten\nAn\n", "Chỉ nhận tệp Excel định dạng .xlsx"),
    ("can-bo.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Chỉ nhận tệp Excel định dạng .xlsx"),
    ("can-bo.xlsx", b"<html><body>not a workbook</body></html>", "không phải là tệp Excel .xlsx hợp lệ"),
    ("can-bo.xlsx", _zip_that_is_not_a_workbook(), "không phải là tệp Excel .xlsx hợp lệ"),
    ("can-bo.xlsx", b"", "Tệp rỗng"),
])
def test_files_that_are_not_xlsx_are_refused_and_nothing_is_stored(world, name, content, message):
    stored = _media_imports()
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=world.users["unit_officer"], kind="people", upload=SimpleUploadedFile(name, content))
    assert message in " ".join(caught.value.messages)
    assert ImportJob.objects.count() == 0
    assert _media_imports() == stored


@override_settings(TDKT_IMPORT_MAX_BYTES=2000)
def test_a_file_over_the_size_limit_is_refused(world):
    file = upload(PEOPLE_HEADERS, [person_row(f"Người {i}") for i in range(200)])
    with pytest.raises(ImportFileError, match="Tệp quá lớn"):
        import_job_create(actor=world.users["unit_officer"], kind="people", upload=file)
    assert ImportJob.objects.count() == 0


def test_missing_and_unknown_headers_are_file_errors(world):
    headers = ["Họ tên", "Giới tính", "Quê quán", "Mã đơn vị"]
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=world.users["unit_officer"], kind="people",
                          upload=upload(headers, [["An", "Nam", "Huế", "FIN"]]))
    assert caught.value.messages == ["Cột “Quê quán” (ô C1) không có trong mẫu.", "Thiếu cột bắt buộc “Loại”."]


def test_headers_match_without_case_accents_or_stars(world):
    headers = ["HO VA TEN", "gioi tinh", "LOẠI*", "Mã Đơn Vị (bắt buộc)", "Ngày sinh"]
    job = run(world.users["unit_officer"], "people", upload(headers, [["An", "nu", "Cán bộ", "FIN", "01/02/1970"]]))
    assert job.status == ImportStatus.DONE, job.errors


@override_settings(TDKT_IMPORT_BACKGROUND_ROWS=2)
def test_a_file_above_the_threshold_goes_through_the_background_task(world, django_capture_on_commit_callbacks):
    results = []

    def finished(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(finished)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = run(world.users["unit_officer"], "people",
                      upload(PEOPLE_HEADERS, [person_row(f"Nguyễn Văn {c}") for c in "ABC"]))
        assert (job.status, results) == (ImportStatus.QUEUED, [])  # queued only once the job is committed
        for callback in callbacks:
            callback()
    finally:
        task_finished.disconnect(finished)
    assert [r.task.name for r in results] == ["import_job_run_task"]
    assert results[0].return_value == ImportStatus.DONE
    job.refresh_from_db()
    assert (job.status, job.created_count, job.processed_rows) == (ImportStatus.DONE, 3, 3)


def test_scope_is_checked_again_when_the_job_runs(world):
    officer = world.users["unit_officer"]
    job = import_job_create(actor=officer, kind="people", upload=upload(PEOPLE_HEADERS, [person_row("An")]))
    RoleGrant.objects.filter(user=officer).delete()
    officer = type(officer).objects.get(pk=officer.pk)  # a fresh user, as the worker would load it
    job.created_by = officer
    job = import_job_start(job=job)
    assert job.status == ImportStatus.FAILED
    assert Person.objects.filter(full_name="An").count() == 0


def test_a_job_runs_only_once(world):
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, [person_row("An")]))
    again = import_job_start(job=ImportJob.objects.get(pk=job.pk))  # a task delivered twice, a second click
    assert again.status == ImportStatus.DONE
    assert Person.objects.filter(full_name="An").count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.PEOPLE_IMPORTED).count() == 1


def test_organisations_import_builds_the_tree_with_parents_from_the_file(world):
    rows = [
        ["FIN-TH", "Phòng Tổng hợp", "Phòng TH", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "FIN", "01/07/2025"],
        ["FIN-TH-1", "Tổ Một", "", "division", "unit", "fin-th", None],
        ["HOME-2", "Phòng Hai", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", None],
    ]
    before = AuditEvent.objects.count()
    job = run(world.users["standing_office"], "organizations", upload(ORG_HEADERS, rows, name="don-vi.xlsx"))
    assert job.status == ImportStatus.DONE, job.errors
    th = Organization.objects.get(code="FIN-TH")
    one = Organization.objects.get(code="FIN-TH-1")
    assert th.parent == world.orgs["FIN"]
    assert th.active_from == datetime.date(2025, 7, 1)
    assert th.path == f"{world.orgs['FIN'].path}{th.pk}/"
    assert th.depth == world.orgs["FIN"].depth + 1
    assert one.parent == th
    assert one.path == f"{th.path}{one.pk}/"
    assert one.depth == th.depth + 1
    assert one.search_text == "to mot fin-th-1"
    event = AuditEvent.objects.get(event_type=AuditEventType.ORGANIZATIONS_IMPORTED)
    assert AuditEvent.objects.count() == before + 1
    assert event.organization == world.orgs["P"]
    assert event.extra["created"] == 3


def test_organisations_file_with_bad_rows_writes_nothing(world):
    rows = [
        ["NEW-1", "Đơn vị mới", "", "Sở", "Cấp sở", "NEW-2", None],  # 2: parent defined later
        ["NEW-2", "Đơn vị hai", "", "Sở", "Cấp sở", "P", None],  # 3: fine
        ["FIN", "Trùng mã", "", "Sở", "Cấp sở", "P", None],  # 4: code already in the database
        ["NEW-3", "Ngoài phạm vi", "", "Sở", "Cấp sở", "Q", None],  # 5: parent outside scope
        ["NEW-4", "Loại sai", "", "Bộ", "Cấp sở", "P", None],  # 6: unknown kind
        ["NEW-2", "Lặp", "", "Sở", "Cấp sở", "P", "32/01/2020"],  # 7: duplicate code and a bad date
        ["NEW-5", "", "", "Sở", "Cấp sở", "NEW-5", None],  # 8: no name, its own parent
    ]
    before = Organization.objects.count(), AuditEvent.objects.count()
    job = run(world.users["standing_office"], "organizations", upload(ORG_HEADERS, rows, name="don-vi.xlsx"))
    assert job.status == ImportStatus.FAILED
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before
    found = errors_by_row(job)
    assert 3 in found  # row 3 itself is fine but shares its code with row 7
    assert found[2] == [("Mã đơn vị cấp trên", "Đơn vị cấp trên “NEW-2” được khai báo ở dòng 3, sau dòng này: "
                                                "hãy đưa dòng đó lên trước.")]
    assert found[4] == [("Mã đơn vị", "Mã đơn vị “FIN” đã có trong hệ thống.")]
    assert found[5] == [("Mã đơn vị cấp trên",
                         "Mã đơn vị cấp trên “Q” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")]
    assert found[6][0][0] == "Loại đơn vị"
    assert "“Bộ” không phải giá trị hợp lệ" in found[6][0][1]
    assert ("Mã đơn vị", "Mã đơn vị “NEW-2” bị trùng trong tệp (các dòng 3, 7).") in found[7]
    assert any(col == "Ngày bắt đầu hoạt động" for col, _ in found[7])
    assert sorted(found[8]) == [("Mã đơn vị cấp trên", "Đơn vị không thể là cấp trên của chính nó."),
                                ("Tên đơn vị", "Thiếu giá trị bắt buộc.")]


def test_unit_officer_may_not_import_organisations(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_job_create(actor=world.users["unit_officer"], kind="organizations",
                          upload=upload(ORG_HEADERS, [["X", "X", "", "Sở", "Cấp sở", "FIN", None]]))


def test_title_rows_above_the_header_keep_excel_row_numbers(world):
    content = xlsx_bytes(["DANH SÁCH CÁN BỘ"], [[], PEOPLE_HEADERS, person_row("An"), person_row("", "FIN")])
    job = run(world.users["unit_officer"], "people", SimpleUploadedFile("ds.xlsx", content))
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "Họ và tên")]


def test_a_zip_bomb_is_refused_before_it_is_read(world, monkeypatch):
    monkeypatch.setattr("tdkt.organizations.importers.reading.MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ImportFileError, match="giải nén ra quá lớn"):
        import_job_create(actor=world.users["unit_officer"], kind="people",
                          upload=upload(PEOPLE_HEADERS, [person_row("An")]))


def test_a_large_import_refreshes_planner_statistics_without_harm(world, monkeypatch):
    monkeypatch.setattr("tdkt.organizations.importers.services.ANALYZE_AFTER_ROWS", 1)
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, [person_row("An"), person_row("Bình")]))
    assert job.status == ImportStatus.DONE
    assert Person.objects.filter(full_name__in=["An", "Bình"]).count() == 2


def test_a_conflict_while_writing_rolls_back_every_row(world, monkeypatch):
    """Another user creates the same staff code between the check and the write."""
    from tdkt.organizations.importers import services

    original = services.validate_people

    def validate_then_conflict(*args, **kwargs):
        result = original(*args, **kwargs)
        make_person(world.orgs["FIN"], "Người khác", code="CB-3")
        return result

    monkeypatch.setattr(services, "validate_people", validate_then_conflict)
    rows = [person_row(f"Người {i}", code=f"CB-{i}") for i in range(1, 6)]
    before = AuditEvent.objects.count()
    job = run(world.users["unit_officer"], "people", upload(PEOPLE_HEADERS, rows))
    assert job.status == ImportStatus.FAILED
    assert "đã thay đổi trong lúc nhập" in job.errors[0]["message"]
    assert list(Person.objects.filter(code__startswith="CB-").values_list("full_name", flat=True)) == ["Người khác"]
    assert PersonAssignment.objects.filter(person__code__startswith="CB-").count() == 0
    assert AuditEvent.objects.count() == before
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.FAILED
