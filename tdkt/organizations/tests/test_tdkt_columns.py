"""Issue 14.2: the TĐKT columns of the people and organisations files — Trình độ đào tạo, Làm công tác
TĐKT, Làm công tác TĐKT từ; Loại tổ chức TĐKT — in the importers, their templates and the exports, and
an export imported back giving the same values."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tdkt.organizations.importers import import_job_create, import_job_start
from tdkt.organizations.importers.columns import ORGANIZATION_COLUMNS, PEOPLE_COLUMNS
from tdkt.organizations.importers.workbooks import template_workbook
from tdkt.organizations.models import ImportKind, ImportStatus, Organization, Person

from .import_files import ORG_HEADERS, PEOPLE_HEADERS, person_row, upload

pytestmark = pytest.mark.django_db
TDKT_HEADERS = ["Trình độ đào tạo", "Làm công tác TĐKT", "Làm công tác TĐKT từ"]


def run(actor, kind, file):
    return import_job_start(job=import_job_create(actor=actor, kind=kind, upload=file))


def errors_by_row(job):
    return {(e["row"], e["column"]): e["message"] for e in job.errors}


def test_people_file_with_the_tdkt_columns(world):
    rows = [
        [*person_row("Nguyễn Thị Lan", code="T-1"), "Đại học", "Có", "05/06/2015"],
        [*person_row("Hồ Văn Đức", code="T-2"), "tren dai hoc", "x", "2012"],  # no tone marks; a year alone
        [*person_row("Lê Thu Trang", code="T-3"), "TRUNG CẤP", "", ""],
        [*person_row("Phạm Văn Tư", code="T-4"), "", "Không", 2019],  # a year typed as a number
    ]
    job = run(world.users["standing_office"], "people", upload(PEOPLE_HEADERS + TDKT_HEADERS, rows))
    assert job.status == ImportStatus.DONE, job.errors
    got = {p.code: (p.education_level, p.is_tdkt_officer, p.in_tdkt_work_since)
           for p in Person.objects.filter(code__startswith="T-")}
    assert got == {
        "T-1": ("dai_hoc", True, datetime.date(2015, 6, 5)),
        "T-2": ("tren_dai_hoc", True, datetime.date(2012, 1, 1)),
        "T-3": ("trung_cap", False, None),
        "T-4": ("", False, datetime.date(2019, 1, 1)),
    }


def test_unknown_values_are_row_errors_naming_row_and_column(world):
    future = (datetime.date.today() + datetime.timedelta(days=400)).strftime("%d/%m/%Y")
    rows = [
        [*person_row("Trần Văn An"), "Đại học", "Có", "2015"],  # row 2: fine
        [*person_row("Bùi Văn Hải"), "Tiến sĩ", "Có", "2015"],  # 3: not a level of Biểu 0605 (no guessing)
        [*person_row("Ngô Thị Kim"), "Dai hoc chinh quy", "Có", "2015"],  # 4: near, but not a label
        [*person_row("Tạ Văn Long"), "Đại học", "Có lẽ", "2015"],  # 5: neither Có nor Không
        [*person_row("Mai Văn Dũng"), "Đại học", "Có", "15"],  # 6: not a year nor a date
        [*person_row("Lý Văn Cường"), "Đại học", "Có", future],  # 7: in the future
        [*person_row("Đỗ Văn Em", born="05/06/1980"), "Đại học", "Có", "1979"],  # 8: before birth
    ]
    job = run(world.users["standing_office"], "people", upload(PEOPLE_HEADERS + TDKT_HEADERS, rows))
    assert job.status == ImportStatus.FAILED
    errors = errors_by_row(job)
    assert set(errors) == {(3, "Trình độ đào tạo"), (4, "Trình độ đào tạo"), (5, "Làm công tác TĐKT"),
                           (6, "Làm công tác TĐKT từ"), (7, "Làm công tác TĐKT từ"), (8, "Làm công tác TĐKT từ")}
    assert "“Tiến sĩ” không phải giá trị hợp lệ" in errors[(3, "Trình độ đào tạo")]
    assert "Trên đại học" in errors[(3, "Trình độ đào tạo")]
    assert not Person.objects.filter(full_name="Trần Văn An").exists()


def test_organisations_file_with_the_tdkt_unit_kind(world):
    rows = [
        ["HOME-TD", "Ban Thi đua - Khen thưởng tỉnh", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", "",
         "Cấp ban thuộc Sở Nội vụ"],
        ["HOME-P3", "Phòng Thi đua", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", "",
         "cap phong thuoc so noi vu"],
        ["HOME-VP", "Văn phòng", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", "", ""],
        ["HOME-X", "Phòng X", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", "", "Ban thi đua"],
    ]
    headers = [*ORG_HEADERS, "Loại tổ chức TĐKT"]
    failed = run(world.users["standing_office"], "organizations", upload(headers, rows, name="to-chuc.xlsx"))
    assert failed.status == ImportStatus.FAILED
    assert set(errors_by_row(failed)) == {(5, "Loại tổ chức TĐKT")}
    job = run(world.users["standing_office"], "organizations", upload(headers, rows[:3], name="to-chuc.xlsx"))
    assert job.status == ImportStatus.DONE, job.errors
    kinds = dict(Organization.objects.filter(code__in=["HOME-TD", "HOME-P3", "HOME-VP"])
                 .values_list("code", "tdkt_unit_kind"))
    assert kinds == {"HOME-TD": "ban_snv", "HOME-P3": "phong_snv", "HOME-VP": ""}


def test_the_templates_carry_the_new_columns():
    for kind, headers in ((ImportKind.PEOPLE, TDKT_HEADERS), (ImportKind.ORGANIZATIONS, ["Loại tổ chức TĐKT"])):
        book = load_workbook(BytesIO(template_workbook(kind)))
        first = [c.value for c in book.worksheets[0][1]]
        for header in headers:
            assert header in first
        guide = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
        assert "Trên đại học" in guide or "Cấp ban thuộc Sở Nội vụ" in guide
    assert {c.key for c in PEOPLE_COLUMNS} >= {"education_level", "is_tdkt_officer", "in_tdkt_work_since"}
    assert "tdkt_unit_kind" in {c.key for c in ORGANIZATION_COLUMNS}


def _export(client, url) -> list[tuple]:
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [r for r in load_workbook(BytesIO(content)).active.iter_rows(values_only=True) if any(r)]


def test_export_then_import_gives_the_same_values(client, world):
    fin = world.people["fin"]
    fin.code, fin.education_level, fin.is_tdkt_officer = "RT-1", "cao_dang", True
    fin.in_tdkt_work_since = datetime.date(2014, 3, 2)
    fin.save()
    hoa = world.people["fin-ns"]
    hoa.code, hoa.education_level = "RT-2", "tren_dai_hoc"
    hoa.save()
    world.orgs["HOME-TDKT"].tdkt_unit_kind = "ban_snv"
    world.orgs["HOME-TDKT"].save()
    client.force_login(world.users["standing_office"])

    rows = _export(client, "/people/?format=xlsx")
    head, people = rows[0], {r[0]: r for r in rows[1:] if r[0] in ("RT-1", "RT-2")}
    columns = [head.index(h) for h in TDKT_HEADERS]
    cells = {code: [row[i] for i in columns] for code, row in people.items()}
    # The exported cells, as the importer reads them: a new person of each with the same TĐKT cells.
    new_rows = [[*person_row(f"Người {code}", code=f"{code}-B"), *cells[code]] for code in ("RT-1", "RT-2")]
    job = run(world.users["standing_office"], "people", upload(PEOPLE_HEADERS + TDKT_HEADERS, new_rows))
    assert job.status == ImportStatus.DONE, job.errors
    for code in ("RT-1", "RT-2"):
        before, after = Person.objects.get(code=code), Person.objects.get(code=f"{code}-B")
        assert (after.education_level, after.is_tdkt_officer, after.in_tdkt_work_since) == (
            before.education_level, before.is_tdkt_officer, before.in_tdkt_work_since)

    rows = _export(client, "/organizations/?format=xlsx")
    column = rows[0].index("Loại tổ chức TĐKT")
    value = next(r[column] for r in rows[1:] if r[1] == "Ban Thi đua - Khen thưởng")
    assert value == "Cấp ban thuộc Sở Nội vụ"
    job = run(world.users["standing_office"], "organizations", upload(
        [*ORG_HEADERS, "Loại tổ chức TĐKT"],
        [["RT-U", "Ban TĐKT mới", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "HOME", "", value]],
        name="to-chuc.xlsx"))
    assert job.status == ImportStatus.DONE, job.errors
    assert Organization.objects.get(code="RT-U").tdkt_unit_kind == "ban_snv"
