"""Excel import of one organisation's year of ratings and titles (issue 3, point 3)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks.signals import task_finished
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.accounts.models import RoleGrant
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.importers import ImportFileError, import_job_create, import_job_start
from tdkt.organizations.importers.columns import RECORD_COLUMNS
from tdkt.organizations.models import ImportJob, ImportStatus, Organization, Person
from tdkt.records.models import AnnualRating, HonourRecord

from .import_files import RECORD_HEADERS, record_row, upload

pytestmark = pytest.mark.django_db
YEAR = 2024
IMPORTS = reverse("organizations:imports")


def make_person(org, full_name, **fields):
    person = Person(organization=org, full_name=full_name, sex="nam", category="cong_chuc", **fields)
    person.refresh_search_text()
    person.save()
    return person


def give_codes(world):
    for key, code in (("fin", "FIN-01"), ("fin-ns", "NS-01"), ("home", "HOME-01")):
        Person.objects.filter(pk=world.people[key].pk).update(code=code)


def run(actor, rows, *, organization, year=YEAR, headers=RECORD_HEADERS, name="xep-loai.xlsx"):
    job = import_job_create(
        actor=actor, kind="records", upload=upload(headers, rows, name=name), year=year, organization=organization
    )
    return import_job_start(job=job)


def errors_by_row(job):
    found = {}
    for error in job.errors:
        found.setdefault(error["row"], []).append((error["column"], error["message"]))
    return found


def counts():
    return AnnualRating.objects.count(), HonourRecord.objects.count(), AuditEvent.objects.count()


def test_clean_file_creates_ratings_and_titles_for_people_and_collectives_with_one_audit_event(world):
    give_codes(world)
    officer, fin, fin_ns = world.users["unit_officer"], world.orgs["FIN"], world.orgs["FIN-NS"]
    other = make_person(fin, "Đỗ Thị Mai", code="FIN-02")
    rows = [
        record_row(
            code="FIN-02",
            rating="Hoàn thành xuất sắc nhiệm vụ",
            title="CSTĐCS",
            number="12/QĐ-STC",
            decided="20/12/2024",
            issuer="Sở Tài chính",
            note="Tiêu biểu",
        ),  # by staff code
        record_row(name="Trần  Thị Hoa", unit="FIN-NS", rating="HTTNV", title="Lao động tiên tiến"),  # by name
        record_row(name="Nguyễn Văn Đức", born="05/06/1980", rating="htxsnv"),  # by name and birthday
        record_row(unit="FIN-NS", rating="Hoàn thành tốt", title="TTLĐXS", decided=datetime.date(2025, 1, 10)),
        record_row(unit="fin", rating="Hoàn thành nhiệm vụ"),  # the organisation itself, code in any case
    ]
    before = AuditEvent.objects.count()
    job = run(officer, rows, organization=fin)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.total_rows, job.created_count, job.updated_count, job.error_count) == (5, 8, 0, 0)
    assert (job.year, job.organization) == (YEAR, fin)
    ratings = {(r.person_id, r.organization_id): r for r in AnnualRating.objects.filter(year=YEAR)}
    assert {key: r.rating for key, r in ratings.items()} == {
        (other.pk, None): "HTXSNV",
        (world.people["fin-ns"].pk, None): "HTTNV",
        (world.people["fin"].pk, None): "HTXSNV",
        (None, fin_ns.pk): "HTTNV",
        (None, fin.pk): "HTNV",
    }
    assert ratings[(other.pk, None)].note == "Tiêu biểu"
    assert all(r.created_by == officer for r in ratings.values())
    titles = {(h.person_id, h.organization_id): h for h in HonourRecord.objects.filter(year=YEAR)}
    assert {key: h.code for key, h in titles.items()} == {
        (other.pk, None): "CSTDCS",
        (world.people["fin-ns"].pk, None): "LDTT",
        (None, fin_ns.pk): "TTLDXS",
    }
    cstdcs = titles[(other.pk, None)]
    assert (cstdcs.decision_number, cstdcs.decision_date, cstdcs.issuer, cstdcs.note) == (
        "12/QĐ-STC",
        datetime.date(2024, 12, 20),
        "Sở Tài chính",
        "Tiêu biểu",
    )
    assert titles[(None, fin_ns.pk)].decision_date == datetime.date(2025, 1, 10)
    assert (cstdcs.revoked_on, cstdcs.created_by) == (None, officer)
    assert cstdcs.created_at is not None

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_IMPORTED)
    assert (event.actor, event.organization, event.target_id) == (officer, fin, str(job.pk))
    assert event.extra["file"] == "xep-loai.xlsx"
    assert (event.extra["created"], event.extra["updated"], event.extra["year"]) == (8, 0, YEAR)
    assert (event.extra["ratings_created"], event.extra["titles_created"]) == (5, 3)
    assert not job.file


def test_file_with_bad_rows_reports_each_and_writes_nothing(world):
    give_codes(world)
    fin = world.orgs["FIN"]
    titled = make_person(fin, "Vũ Văn Bình", code="FIN-09")
    HonourRecord.objects.create(person=titled, code="LDTT", year=YEAR, decision_number="5/QĐ")
    make_person(fin, "Phạm Văn Nam")
    make_person(world.orgs["FIN-NS"], "Phạm Văn Nam")
    for number in ("02", "07", "08", "19", "23"):
        make_person(fin, f"Người Số {number}", code=f"FIN-{number}")
    rows = [
        record_row(code="FIN-02", rating="HTTNV"),  # 2: fine
        record_row(code="NOPE-1", rating="HTTNV"),  # 3: no such person
        record_row(code="HOME-01", rating="HTTNV"),  # 4: a person of another organisation
        record_row(unit="ZZZ", rating="HTTNV"),  # 5: no such unit
        record_row(unit="HOME", rating="HTTNV"),  # 6: a unit outside the organisation
        record_row(code="FIN-07", rating="Xuất sắc"),  # 7: bad rating
        record_row(code="FIN-08", title="Anh hùng lao động"),  # 8: a form, not a title
        record_row(name="Trần Thị Hoa", rating="HTTNV", title="TTLĐTT"),  # 9: a collective title on a person
        record_row(code="FIN-09", rating="HTTNV", title="LĐTT"),  # 10: title already recorded
        record_row(unit="FIN-NS", title="TTLDTT", decided="31/02/2024"),  # 11: no such day
        record_row(name="Nguyễn Văn Đức", born="05/06/1980"),  # 12: neither rating nor title
        record_row(rating="HTTNV"),  # 13: whose row?
        record_row(unit="FIN", rating="HTNV"),  # 14 and 15: the same collective twice
        record_row(unit="FIN", rating="HTTNV"),
        record_row(name="Phạm Văn Nam", rating="HTTNV"),  # 16: two people of that name
        record_row(name="Không Có Ai", rating="HTTNV"),  # 17: nobody of that name
        record_row(name="Lê Minh Đạt", rating="HTTNV"),  # 18: a person of HOME, not of FIN
        record_row(code="FIN-19", rating="HTTNV", number="7/QĐ"),  # 19: a decision without a title
        record_row(unit="FIN", title="LĐTT"),  # 20: an individual title on a collective (FIN again)
        record_row(name="Nguyen Van Duc", rating="HTTNV"),  # 21: without tone marks: a hint, not a match
        record_row(code="FIN-01", name="Trần Thị Hoa", rating="HTTNV"),  # 22: code and name disagree
        record_row(code="FIN-23", rating="HTTNV", title="LĐTT", decided="15/03/2023"),  # 23: decided before the year
    ]
    before = counts()
    job = run(world.users["unit_officer"], rows, organization=fin)

    assert job.status == ImportStatus.FAILED
    assert counts() == before
    found = errors_by_row(job)
    where = "“Sở Tài chính” (FIN) và các đơn vị trực thuộc"
    assert found[3] == [("Mã cán bộ", "Không có cán bộ nào mã “NOPE-1” trong hệ thống.")]
    assert found[4] == [("Mã cán bộ", f"Cán bộ mã “HOME-01” không công tác ở {where}.")]
    assert found[5] == [("Mã đơn vị", "Không có đơn vị nào mã “ZZZ” trong hệ thống.")]
    assert found[6] == [("Mã đơn vị", f"Đơn vị mã “HOME” nằm ngoài {where}.")]
    assert 2 not in found
    assert len(found[7]) == 1
    assert found[7][0][0] == "Xếp loại"
    assert "“Xuất sắc” không phải giá trị hợp lệ; chọn một trong: Hoàn thành xuất sắc nhiệm vụ" in found[7][0][1]
    assert len(found[8]) == 1
    assert found[8][0][0] == "Danh hiệu"
    assert "“Anh hùng lao động” là hình thức khen thưởng, không phải danh hiệu thi đua" in found[8][0][1]
    assert found[9] == [
        (
            "Danh hiệu",
            "Danh hiệu “Tập thể lao động tiên tiến” chỉ dành cho tập thể, không ghi cho "
            "cán bộ “Trần Thị Hoa” (mã NS-01).",
        )
    ]
    assert found[10] == [
        (
            "Danh hiệu",
            "Cán bộ “Vũ Văn Bình” (mã FIN-09) đã có danh hiệu “Lao động tiên tiến” năm "
            "2024 trong hệ thống (quyết định số 5/QĐ); mỗi danh hiệu chỉ công nhận một lần "
            "trong năm.",
        )
    ]
    assert len(found[11]) == 1
    assert found[11][0][0] == "Ngày quyết định"
    assert "không tồn tại" in found[11][0][1]
    assert found[12] == [("Xếp loại", "Thiếu Xếp loại và Danh hiệu: dòng phải có ít nhất một trong hai.")]
    assert found[13] == [
        (
            "Họ và tên",
            "Thiếu thông tin để biết dòng này của ai: ghi Mã cán bộ hoặc Họ và tên cho "
            "cá nhân; chỉ ghi Mã đơn vị cho tập thể.",
        )
    ]
    for row in (14, 15, 20):
        assert (
            "Mã đơn vị",
            "Tập thể “Sở Tài chính” có ở nhiều dòng (14, 15, 20): mỗi người, mỗi tập thể một dòng.",
        ) in found[row]
    assert found[16][0][0] == "Họ và tên"
    assert found[16][0][1].startswith(f"Có 2 cán bộ “Phạm Văn Nam” trong {where}")
    assert found[16][0][1].endswith("Hãy ghi Mã cán bộ hoặc Ngày sinh để phân biệt.")
    assert found[17] == [("Họ và tên", f"Không tìm thấy cán bộ “Không Có Ai” trong {where}.")]
    assert found[18] == [("Họ và tên", f"Không tìm thấy cán bộ “Lê Minh Đạt” trong {where}.")]
    assert found[19] == [("Số quyết định", "Chỉ ghi Số quyết định khi dòng có Danh hiệu.")]
    assert (
        "Danh hiệu",
        "Danh hiệu “Lao động tiên tiến” chỉ dành cho cá nhân, không ghi cho tập thể “Sở Tài chính”.",
    ) in found[20]
    assert found[21] == [
        ("Họ và tên", f"Không tìm thấy cán bộ “Nguyen Van Duc” trong {where}. Có phải: “Nguyễn Văn Đức”?")
    ]
    assert found[22] == [("Họ và tên", "Mã cán bộ “FIN-01” là của “Nguyễn Văn Đức”, không phải “Trần Thị Hoa”.")]
    assert found[23] == [
        (
            "Ngày quyết định",
            "Ngày quyết định 15/03/2023 trước năm 2024: danh hiệu của năm 2024 không thể được công nhận trước năm đó.",
        )
    ]
    assert job.error_count == len(job.errors) == 22  # 21 rows; row 20 has two errors
    assert [e["row"] for e in job.errors] == sorted(e["row"] for e in job.errors)


def test_an_existing_rating_is_corrected_and_counted_apart(world):
    give_codes(world)
    fin, officer = world.orgs["FIN"], world.users["unit_officer"]
    old = AnnualRating.objects.create(person=world.people["fin"], year=YEAR, rating="HTNV", note="Lần đầu")
    same = AnnualRating.objects.create(organization=fin, year=YEAR, rating="HTTNV")
    earlier = AnnualRating.objects.create(person=world.people["fin-ns"], year=YEAR - 1, rating="HTNV")
    rows = [
        record_row(code="FIN-01", rating="HTXSNV"),  # corrected; the note is kept
        record_row(unit="FIN", rating="HTTNV"),  # the same again: left as it is
        record_row(code="NS-01", rating="HTTNV", title="LĐTT"),  # new for this year
    ]
    job = run(officer, rows, organization=fin)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count) == (2, 1)
    old.refresh_from_db()
    assert (old.rating, old.note) == ("HTXSNV", "Lần đầu")
    assert AnnualRating.objects.get(pk=same.pk).rating == "HTTNV"
    assert AnnualRating.objects.get(pk=earlier.pk).rating == "HTNV"
    assert AnnualRating.objects.filter(person=world.people["fin-ns"], year=YEAR).get().rating == "HTTNV"
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_IMPORTED)
    assert (event.extra["created"], event.extra["updated"], event.extra["ratings_unchanged"]) == (2, 1, 1)
    assert event.extra["changes"] == [
        {"id": old.pk, "subject": "cán bộ “Nguyễn Văn Đức” (mã FIN-01)", "before": "HTNV", "after": "HTXSNV"}
    ]


def test_an_organisation_out_of_scope_is_refused(world):
    officer = world.users["unit_officer"]
    with pytest.raises(PermissionDenied):
        import_job_create(
            actor=officer,
            kind="records",
            upload=upload(RECORD_HEADERS, [record_row(unit="HOME")]),
            year=YEAR,
            organization=world.orgs["HOME"],
        )
    with pytest.raises(PermissionDenied):
        import_job_create(
            actor=world.users["viewer"],
            kind="records",
            year=YEAR,
            organization=world.orgs["HOME"],
            upload=upload(RECORD_HEADERS, [record_row(unit="HOME", rating="HTTNV")]),
        )
    with pytest.raises(ImportFileError, match="Hãy chọn năm và đơn vị"):
        import_job_create(actor=officer, kind="records", upload=upload(RECORD_HEADERS, [record_row(unit="FIN")]))
    assert ImportJob.objects.count() == 0


def test_a_person_of_another_organisation_is_a_row_error_even_for_a_province_officer(world):
    give_codes(world)
    rows = [record_row(code="FIN-01", rating="HTTNV"), record_row(code="HOME-01", unit="HOME", rating="HTTNV")]
    job = run(world.users["standing_office"], rows, organization=world.orgs["FIN"])
    assert job.status == ImportStatus.FAILED
    assert AnnualRating.objects.count() == 0
    assert job.errors == [
        {
            "row": 3,
            "column": "Mã đơn vị",
            "message": "Đơn vị mã “HOME” nằm ngoài “Sở Tài chính” (FIN) và các đơn vị trực thuộc.",
        }
    ]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (1999, "Năm 1999 không hợp lệ"),
        (datetime.date.today().year + 2, "không hợp lệ"),
    ],
)
def test_the_year_must_be_from_2000_to_next_year(world, year, message):
    with pytest.raises(ImportFileError, match=message):
        run(
            world.users["unit_officer"],
            [record_row(unit="FIN", rating="HTTNV")],
            organization=world.orgs["FIN"],
            year=year,
        )
    assert ImportJob.objects.count() == 0


def test_a_unit_closed_before_the_year_takes_no_records(world):
    Organization.objects.filter(pk=world.orgs["FIN-NS"].pk).update(active_to=datetime.date(2023, 6, 30))
    with pytest.raises(ImportFileError, match="đã giải thể hoặc sáp nhập từ 30/06/2023, trước năm 2024"):
        run(
            world.users["unit_officer"],
            [record_row(unit="FIN-NS", rating="HTTNV")],
            organization=Organization.objects.get(code="FIN-NS"),
        )
    job = run(world.users["unit_officer"], [record_row(unit="FIN-NS", rating="HTTNV")], organization=world.orgs["FIN"])
    assert job.errors[0]["message"] == (
        "Đơn vị “Phòng Quản lý ngân sách” (FIN-NS) đã giải thể hoặc sáp nhập từ 30/06/2023, trước năm 2024."
    )


def test_people_who_left_before_the_year_are_not_rated_those_who_left_during_it_are(world):
    give_codes(world)
    Person.objects.filter(pk=world.people["fin"].pk).update(left_on=datetime.date(2023, 12, 31))
    Person.objects.filter(pk=world.people["fin-ns"].pk).update(left_on=datetime.date(2024, 3, 1))
    rows = [record_row(code="FIN-01", rating="HTTNV"), record_row(name="Trần Thị Hoa", rating="HTNV")]
    job = run(world.users["unit_officer"], rows, organization=world.orgs["FIN"])
    assert errors_by_row(job) == {
        2: [("Mã cán bộ", "Cán bộ “Nguyễn Văn Đức” (mã FIN-01) đã thôi công tác từ 31/12/2023, trước năm 2024.")]
    }
    job = run(world.users["unit_officer"], rows[1:], organization=world.orgs["FIN"])
    assert job.status == ImportStatus.DONE, job.errors


def test_a_form_of_award_is_not_a_title(world):
    job = run(world.users["unit_officer"], [record_row(unit="FIN", title="Giấy khen")], organization=world.orgs["FIN"])
    assert job.errors[0]["column"] == "Danh hiệu"
    assert job.errors[0]["message"].startswith("“Giấy khen” là hình thức khen thưởng, không phải danh hiệu thi đua")


def test_a_unit_code_on_a_person_row_must_be_the_unit_the_person_works_in(world):
    give_codes(world)
    job = run(
        world.users["unit_officer"],
        [record_row(code="FIN-01", unit="FIN-NS", rating="HTTNV")],
        organization=world.orgs["FIN"],
    )
    assert job.errors == [
        {
            "row": 2,
            "column": "Mã đơn vị",
            "message": (
                "Cán bộ “Nguyễn Văn Đức” (mã FIN-01) đang công tác ở “Sở Tài chính” (FIN), không phải ở "
                "“Phòng Quản lý ngân sách” (FIN-NS)."
            ),
        }
    ]


def test_a_file_without_subject_or_record_columns_is_refused_whole(world):
    with pytest.raises(ImportFileError) as caught:
        run(
            world.users["unit_officer"],
            [["x", "05/06/1980"]],
            organization=world.orgs["FIN"],
            headers=["Ghi chú", "Ngày quyết định"],
        )
    assert caught.value.messages == [
        "Thiếu cột để biết mỗi dòng của ai: cần cột “Mã cán bộ”, “Họ và tên” hoặc “Mã đơn vị”.",
        "Thiếu cột “Xếp loại” và cột “Danh hiệu”: tệp phải có ít nhất một trong hai cột.",
    ]
    assert ImportJob.objects.count() == 0


def test_titles_only_file_adds_a_second_title_of_the_year(world):
    give_codes(world)
    fin = world.orgs["FIN"]
    run(world.users["unit_officer"], [record_row(code="FIN-01", rating="HTXSNV", title="LĐTT")], organization=fin)
    job = run(world.users["unit_officer"], [["FIN-01", "CSTĐCS"]], organization=fin, headers=["Mã cán bộ", "Danh hiệu"])
    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count) == (1, 0)
    assert sorted(HonourRecord.objects.filter(person=world.people["fin"]).values_list("code", flat=True)) == [
        "CSTDCS",
        "LDTT",
    ]
    assert AnnualRating.objects.get(person=world.people["fin"]).rating == "HTXSNV"


@override_settings(TDKT_IMPORT_BACKGROUND_ROWS=2)
def test_a_file_above_the_threshold_goes_through_the_background_task(world, django_capture_on_commit_callbacks):
    give_codes(world)
    results = []

    def finished(sender, task_result, **kwargs):
        results.append(task_result)

    rows = [
        record_row(code="FIN-01", rating="HTTNV"),
        record_row(code="NS-01", rating="HTNV"),
        record_row(unit="FIN-NS", rating="HTXSNV", title="TTLĐTT"),
    ]
    task_finished.connect(finished)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = run(world.users["unit_officer"], rows, organization=world.orgs["FIN"])
        assert (job.status, results) == (ImportStatus.QUEUED, [])
        for callback in callbacks:
            callback()
    finally:
        task_finished.disconnect(finished)
    assert [r.return_value for r in results] == [ImportStatus.DONE]
    job.refresh_from_db()
    assert (job.status, job.created_count, job.processed_rows) == (ImportStatus.DONE, 4, 3)
    assert AuditEvent.objects.filter(event_type=AuditEventType.RECORDS_IMPORTED).count() == 1


def test_scope_is_checked_again_when_the_job_runs(world):
    officer = world.users["unit_officer"]
    job = import_job_create(
        actor=officer,
        kind="records",
        year=YEAR,
        organization=world.orgs["FIN"],
        upload=upload(RECORD_HEADERS, [record_row(unit="FIN", rating="HTTNV")]),
    )
    RoleGrant.objects.filter(user=officer).delete()
    job.created_by = type(officer).objects.get(pk=officer.pk)
    job = import_job_start(job=job)
    assert job.status == ImportStatus.FAILED
    assert AnnualRating.objects.count() == 0


def test_a_conflict_while_writing_rolls_back_every_row(world, monkeypatch):
    """Someone records the same title between the check and the write."""
    from tdkt.organizations.importers import services

    give_codes(world)
    original = services.validate_records

    def validate_then_conflict(*args, **kwargs):
        result = original(*args, **kwargs)
        HonourRecord.objects.create(person=world.people["fin-ns"], code="LDTT", year=YEAR)
        return result

    monkeypatch.setattr(services, "validate_records", validate_then_conflict)
    rows = [record_row(code="FIN-01", rating="HTTNV"), record_row(code="NS-01", rating="HTTNV", title="LĐTT")]
    before = AuditEvent.objects.count()
    job = run(world.users["unit_officer"], rows, organization=world.orgs["FIN"])
    assert job.status == ImportStatus.FAILED
    assert "đã thay đổi trong lúc nhập" in job.errors[0]["message"]
    assert AnnualRating.objects.count() == 0
    assert HonourRecord.objects.count() == 1
    assert AuditEvent.objects.count() == before


# The pages, as the unit officer of FIN.


def test_page_flow_as_a_unit_officer(client, world):
    give_codes(world)
    fin = world.orgs["FIN"]
    client.force_login(world.users["unit_officer"])
    page = client.get(IMPORTS, {"kind": "records", "organization": fin.pk})
    assert page.status_code == 200
    assert 'value="records"' in page.text
    assert f'<option value="{fin.pk}" selected>' in page.text
    assert f'value="{world.orgs["FIN-NS"].pk}"' in page.text
    assert f'value="{world.orgs["HOME"].pk}"' not in page.text
    assert 'style="' not in page.text

    template = client.get(reverse("organizations:import_template", args=["records"]), {"organization": fin.pk})
    assert template.status_code == 200
    assert "mau-nhap-xep-loai-danh-hieu-fin.xlsx" in template["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(template.content))
    assert workbook.sheetnames == ["Xếp loại", "Hướng dẫn"]
    sheet = workbook["Xếp loại"]
    assert [c.value for c in sheet[1]] == [c.template_header for c in RECORD_COLUMNS]
    listed = [[c.value for c in row[:4]] for row in sheet.iter_rows(min_row=2) if row[1].value]
    assert listed == [
        ["FIN-01", "Nguyễn Văn Đức", datetime.datetime(1980, 6, 5), "FIN"],
        ["NS-01", "Trần Thị Hoa", None, "FIN-NS"],
    ]
    sheet["E2"], sheet["F2"] = "Hoàn thành tốt nhiệm vụ", "Lao động tiên tiến"
    sheet["E3"] = "HTXSNV"
    sheet["D4"], sheet["E4"], sheet["F4"] = "FIN-NS", "HTXSNV", "Tập thể lao động xuất sắc"
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = client.post(
        IMPORTS,
        {
            "kind": "records",
            "year": YEAR,
            "organization": fin.pk,
            "file": SimpleUploadedFile("xep-loai-2024.xlsx", buffer.getvalue()),
        },
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organizations:import_job", args=[job.pk])
    assert (job.status, job.created_count, job.updated_count) == (ImportStatus.DONE, 5, 0), job.errors
    page = client.get(response.url)
    assert "Sở Tài chính (FIN)" in page.text
    assert reverse("records:subject", args=["organization", fin.pk]) in page.text
    assert "hx-trigger" not in page.text
    assert "xep-loai-2024.xlsx" in client.get(IMPORTS).text
    assert AnnualRating.objects.filter(year=YEAR).count() == 3


def test_the_form_refuses_another_organisation_and_wants_year_and_organisation(client, world):
    client.force_login(world.users["unit_officer"])
    rows = [record_row(unit="HOME", rating="HTTNV")]
    response = client.post(
        IMPORTS,
        {"kind": "records", "year": YEAR, "organization": world.orgs["HOME"].pk, "file": upload(RECORD_HEADERS, rows)},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.text or "invalid-feedback" in response.text
    response = client.post(IMPORTS, {"kind": "records", "file": upload(RECORD_HEADERS, rows)})
    assert response.status_code == 200
    assert response.text.count("invalid-feedback d-block") == 2
    response = client.post(
        IMPORTS,
        {"kind": "records", "year": 1990, "organization": world.orgs["FIN"].pk, "file": upload(RECORD_HEADERS, rows)},
    )
    assert response.status_code == 200
    assert ImportJob.objects.count() == 0
    # Another organisation's people are not handed out in a template either.
    url = reverse("organizations:import_template", args=["records"])
    assert client.get(url, {"organization": world.orgs["HOME"].pk}).status_code == 404
    assert client.get(url, {"organization": "x"}).status_code == 404


def test_the_empty_records_template_has_the_guide_and_the_lists(client, world):
    client.force_login(world.users["viewer"])
    response = client.get(reverse("organizations:import_template", args=["records"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Xếp loại"]
    assert sheet["B2"].value is None
    assert sheet["H2"].number_format == "DD/MM/YYYY"
    assert sheet["A2"].number_format == sheet["G2"].number_format == "@"
    guide = "\n".join(str(c.value) for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value)
    for text in ("Hoàn thành xuất sắc nhiệm vụ", "Tập thể lao động xuất sắc", "Dòng tập thể", "dd/mm/yyyy"):
        assert text in guide
    assert len(sheet.data_validations.dataValidation) == 2  # Xếp loại and Danh hiệu
