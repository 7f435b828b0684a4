"""The import pages: upload, the job page and its progress fragment, error list and templates."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.organizations.importers.columns import ORGANIZATION_COLUMNS, PEOPLE_COLUMNS
from tdkt.organizations.models import ImportJob, ImportStatus, Person

from .import_files import PEOPLE_HEADERS, person_row, upload

pytestmark = pytest.mark.django_db
IMPORTS = reverse("organizations:imports")


def post_file(client, file, kind="people"):
    return client.post(IMPORTS, {"kind": kind, "file": file})


def test_unit_officer_imports_people_of_their_unit(client, world):
    client.force_login(world.users["unit_officer"])
    page = client.get(IMPORTS)
    assert page.status_code == 200
    assert 'value="people"' in page.text
    assert 'value="organizations"' not in page.text

    rows = [person_row("Nguyễn Văn Mới"), person_row("Lê Thị Hai", "FIN-NS")]
    response = post_file(client, upload(PEOPLE_HEADERS, rows))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organizations:import_job", args=[job.pk])
    assert job.status == ImportStatus.DONE
    assert job.created_by == world.users["unit_officer"]
    assert set(Person.objects.filter(full_name__in=["Nguyễn Văn Mới", "Lê Thị Hai"]).values_list(
        "organization__code", flat=True)) == {"FIN", "FIN-NS"}
    page = client.get(response.url)
    assert page.status_code == 200
    assert "hx-trigger" not in page.text
    assert job.original_name in client.get(IMPORTS).text


def test_rows_of_another_unit_are_reported_out_of_scope(client, world):
    client.force_login(world.users["unit_officer"])
    before = Person.objects.count()
    rows = [person_row("Nguyễn Văn Mới"), person_row("Lê Thị Hai", "HOME")]
    response = post_file(client, upload(PEOPLE_HEADERS, rows))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert Person.objects.count() == before
    page = client.get(response.url)
    assert "Mã đơn vị “HOME” không tìm thấy hoặc ngoài phạm vi quản lý của bạn." in page.text
    assert reverse("organizations:import_job_errors", args=[job.pk]) in page.text
    assert 'style="' not in page.text  # CSP: no inline styles

    errors = client.get(reverse("organizations:import_job_errors", args=[job.pk]))
    assert errors.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(errors.streaming_content))).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (3, "Mã đơn vị", "Mã đơn vị “HOME” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")]


def test_a_renamed_html_file_is_refused_on_the_form(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["unit_officer"])
    response = post_file(client, SimpleUploadedFile("ds.xlsx", b"<html>hello</html>"))
    assert response.status_code == 200
    assert "không phải là tệp Excel .xlsx hợp lệ" in response.text
    assert ImportJob.objects.count() == 0


def test_a_job_is_visible_only_to_its_uploader_and_admins(client, world):
    client.force_login(world.users["unit_officer"])
    post_file(client, upload(PEOPLE_HEADERS, [person_row("An")]))
    job = ImportJob.objects.get()
    urls = [reverse("organizations:import_job", args=[job.pk]),
            reverse("organizations:import_job_errors", args=[job.pk])]
    for key in ("unit_leader", "standing_office", "viewer"):
        client.force_login(world.users[key])
        assert [client.get(url).status_code for url in urls] == [404, 404]
        assert job.original_name not in client.get(IMPORTS).text
    client.force_login(world.users["admin"])
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_roles_without_manage_rights_cannot_upload(client, world):
    client.force_login(world.users["viewer"])
    assert 'type="file"' not in client.get(IMPORTS).text
    assert post_file(client, upload(PEOPLE_HEADERS, [person_row("An", "HOME")])).status_code == 403
    assert ImportJob.objects.count() == 0


def test_progress_fragment_polls_until_the_job_is_finished(client, world):
    officer = world.users["unit_officer"]
    job = ImportJob.objects.create(kind="people", original_name="lon.xlsx", created_by=officer,
                                   status=ImportStatus.VALIDATING, total_rows=50_000, processed_rows=12_000)
    client.force_login(officer)
    url = reverse("organizations:import_job", args=[job.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert 'hx-trigger="every 1s"' in fragment.text
    assert 'aria-valuenow="24"' in fragment.text
    assert '<rect width="24"' in fragment.text
    assert 'style="' not in fragment.text

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WRITING)
    assert "progress-bar-animated" in client.get(url, headers={"HX-Request": "true"}).text

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, created_count=50_000)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "hx-trigger" not in fragment.text
    assert "progress" not in fragment.text


@pytest.mark.parametrize(("kind", "columns", "sheet"), [
    ("people", PEOPLE_COLUMNS, "Cán bộ"),
    ("organizations", ORGANIZATION_COLUMNS, "Đơn vị"),
])
def test_templates_download_with_headers_guide_and_date_format(client, world, kind, columns, sheet):
    client.force_login(world.users["unit_officer"])
    response = client.get(reverse("organizations:import_template", args=[kind]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet, "Hướng dẫn"]
    data = workbook[sheet]
    headers = [cell.value for cell in data[1]]
    assert headers == [c.template_header for c in columns]
    assert all(cell.font.bold for cell in data[1])
    for index, column in enumerate(columns, start=1):
        if column.kind == "date":
            assert data.cell(row=2, column=index).number_format == "DD/MM/YYYY"
    guide = "\n".join(str(c.value) for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "dd/mm/yyyy" in guide
    if kind == "people":
        assert "Lực lượng vũ trang" in guide
        assert "Nữ" in guide


def test_the_filled_in_template_imports(client, world):
    import datetime

    client.force_login(world.users["unit_officer"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("organizations:import_template", args=["people"])).content))
    sheet = workbook["Cán bộ"]
    values = {"Họ và tên": "Trương Thị Yến", "Giới tính": "Nữ", "Ngày sinh": datetime.date(1991, 4, 30),
              "Loại": "Viên chức", "Mã đơn vị": "FIN-NS", "Điện thoại": "0912345678", "Lãnh đạo quản lý": "Không"}
    for index, column in enumerate(PEOPLE_COLUMNS, start=1):
        if column.header in values:
            sheet.cell(row=2, column=index, value=values[column.header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    post_file(client, SimpleUploadedFile("mau.xlsx", buffer.getvalue()))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE, job.errors
    person = Person.objects.get(full_name="Trương Thị Yến")
    assert (person.date_of_birth, person.phone, person.organization.code) == (
        datetime.date(1991, 4, 30), "0912345678", "FIN-NS")


def test_unknown_template_kind_is_not_found(client, world):
    client.force_login(world.users["unit_officer"])
    assert client.get(reverse("organizations:import_template", args=["awards"])).status_code == 404
