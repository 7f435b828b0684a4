"""Hostile Excel files (issue 12, 1a and 1e): a far cell that would make the reader allocate the
whole grid, unclosed sheet XML, a shared-string index out of range. Each is refused with a
Vietnamese message naming the sheet, quickly, by every import (people, organisations, records),
and the server keeps answering."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.tests import hostile_xlsx
from tdkt.organizations.importers.columns import COLUMNS
from tdkt.organizations.importers.reading import ImportFileError, read_table
from tdkt.organizations.importers.services import import_job_create
from tdkt.organizations.models import ImportJob, Person

from .import_files import ORG_HEADERS, PEOPLE_HEADERS, RECORD_HEADERS, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db
IMPORTS = reverse("organizations:imports")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = {"people": PEOPLE_HEADERS, "organizations": ORG_HEADERS, "records": RECORD_HEADERS}
TOO_FAR = "Trang tính “Cán bộ” có dữ liệu tới ô {cell} ({rows} dòng × {columns} cột), vượt giới hạn 101.010 dòng"
BROKEN = "Trang tính “Cán bộ” bị hỏng"


def _file(content: bytes, name="tan-cong.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


@pytest.mark.parametrize(("cell", "rows", "columns"), [("XFD1048576", "1.048.576", "16.384"),
                                                      ("Z400000", "400.000", "26")])
def test_far_cell_is_refused_on_the_page_and_the_server_keeps_answering(client, world, cell, rows, columns):
    client.force_login(world.users["standing_office"])
    started = time.monotonic()
    response = client.post(IMPORTS, {"kind": "people", "file": _file(hostile_xlsx.far_cell(PEOPLE_HEADERS, cell))})
    assert time.monotonic() - started < 5  # measured before the reader, so no grid is ever built
    assert response.status_code == 200
    assert TOO_FAR.format(cell=cell, rows=rows, columns=columns) in response.text
    assert "Hãy xoá các dòng, cột thừa sau vùng dữ liệu" in response.text
    assert not ImportJob.objects.exists()
    assert client.get(IMPORTS).status_code == 200  # still answering


@pytest.mark.parametrize("kind", ["people", "organizations", "records"])
@pytest.mark.parametrize("build", [hostile_xlsx.far_cell, hostile_xlsx.unclosed, hostile_xlsx.bad_shared_string])
def test_every_import_refuses_hostile_files_with_a_vietnamese_message(world, kind, build):
    organization = world.orgs["FIN"] if kind == "records" else None
    with pytest.raises(ImportFileError) as caught:
        import_job_create(actor=world.users["admin"], kind=kind, upload=_file(build(HEADERS[kind])),
                          year=2024 if organization else None, organization=organization)
    message = " ".join(caught.value.messages)
    assert (TOO_FAR.format(cell="XFD1048576", rows="1.048.576", columns="16.384") if build is hostile_xlsx.far_cell
            else BROKEN) in message
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("build", [hostile_xlsx.unclosed, hostile_xlsx.bad_shared_string])
def test_broken_sheet_xml_is_a_form_error_not_a_500(client, world, build):
    client.force_login(world.users["standing_office"])
    response = client.post(IMPORTS, {"kind": "people", "file": _file(build(PEOPLE_HEADERS))})
    assert response.status_code == 200
    assert BROKEN in response.text


def test_a_stored_job_file_is_measured_again_when_the_job_runs(world):
    # A job queued before the check existed, or a file swapped on the store, is read the same way.
    with pytest.raises(ImportFileError):
        read_table(io.BytesIO(hostile_xlsx.far_cell(PEOPLE_HEADERS)), COLUMNS["people"])


def test_a_lying_dimension_is_not_trusted_either_way(world):
    # <dimension> says A1:B2 while a cell sits at XFD1048576; and a huge <dimension> on a small sheet is fine.
    with pytest.raises(ImportFileError):
        read_table(io.BytesIO(hostile_xlsx.far_cell(PEOPLE_HEADERS, dimension="A1:B2")), COLUMNS["people"])
    content = hostile_xlsx.workbook({"Cán bộ": hostile_xlsx.header_row(PEOPLE_HEADERS)},
                                    dimension="A1:XFD1048576")
    with pytest.raises(ImportFileError) as caught:
        read_table(io.BytesIO(content), COLUMNS["people"])
    assert caught.value.messages == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_cells_without_addresses_are_placed_as_the_reader_places_them(world):
    # No r="…" on rows or cells: positions follow one another; a far <row r> still counts.
    header = "<row>" + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in PEOPLE_HEADERS) + "</row>"
    far = '<row r="400000"><c t="inlineStr"><is><t>x</t></is></c></row>'
    content = hostile_xlsx.workbook({"Cán bộ": header + far})
    with pytest.raises(ImportFileError) as caught:
        read_table(io.BytesIO(content), COLUMNS["people"])
    assert "có dữ liệu tới ô J400000 (400.000 dòng × 10 cột)" in caught.value.messages[0]


def test_an_ordinary_file_still_imports(client, world):
    client.force_login(world.users["unit_officer"])
    content = xlsx_bytes(PEOPLE_HEADERS, [person_row("Nguyễn Văn Mới")])
    response = client.post(IMPORTS, {"kind": "people", "file": _file(content, "can-bo.xlsx")})
    assert response.status_code == 302
    assert Person.objects.filter(full_name="Nguyễn Văn Mới").exists()
