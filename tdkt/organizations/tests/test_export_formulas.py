"""Formula injection (issue 12, 1b): names typed by users that start like a formula (=, +, -, @,
tab, CR) come out of every organisations-app export as text, never as a live formula; numbers
and dates stay numbers and dates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.tests import hostile_xlsx
from tdkt.core.tests.hostile_xlsx import FORMULA_LIKE, assert_text_not_formulas
from tdkt.organizations.models import ImportJob, Person

from .import_files import PEOPLE_HEADERS, person_row

pytestmark = pytest.mark.django_db
HYPERLINK, PLUS, MINUS, AT, TAB, CR = FORMULA_LIKE


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def hostile(world):
    Person.objects.filter(pk=world.people["fin"].pk).update(full_name=HYPERLINK, position=PLUS, code=MINUS)
    Person.objects.filter(pk=world.people["fin-ns"].pk).update(full_name=AT, position=TAB)
    Person.objects.filter(pk=world.people["home"].pk).update(full_name=CR)
    world.orgs["FIN-NS"].__class__.objects.filter(pk=world.orgs["FIN-NS"].pk).update(name=HYPERLINK, short_name=AT)
    world.block.__class__.objects.filter(pk=world.block.pk).update(name="=Khối/2022: [A]")
    return world


def test_people_list_export(client, hostile):
    client.force_login(hostile.users["standing_office"])
    content = _body(client.get(reverse("organizations:people"), {"format": "xlsx"}))
    cells = assert_text_not_formulas(content, HYPERLINK, PLUS, MINUS, AT, TAB, CR)
    assert any(c.is_date for c in cells if c.column == 4 and c.row > 1)  # the date of birth stays a date


def test_organisation_list_export(client, hostile):
    client.force_login(hostile.users["standing_office"])
    assert_text_not_formulas(_body(client.get(reverse("organizations:list"), {"format": "xlsx"})), HYPERLINK, AT)


def test_block_export_with_a_name_excel_would_refuse_as_a_sheet_title(client, hostile):
    hostile.orgs["HOME"].__class__.objects.filter(pk=hostile.orgs["HOME"].pk).update(name=HYPERLINK)
    client.force_login(hostile.users["standing_office"])
    content = _body(client.get(reverse("organizations:block", args=[hostile.block.pk]), {"format": "xlsx"}))
    cells = assert_text_not_formulas(content, HYPERLINK)
    numbers = [c for c in cells if c.column == 1 and c.row > 1]
    assert numbers
    assert all(c.data_type == "n" for c in numbers)  # "No." stays a number


def test_records_template_prefilled_with_names(client, hostile):
    client.force_login(hostile.users["unit_officer"])
    response = client.get(reverse("organizations:import_template", args=["records"]),
                          {"organization": hostile.orgs["FIN"].pk})
    assert_text_not_formulas(_body(response), HYPERLINK, AT)


def test_import_error_list_echoing_the_file(client, world):
    client.force_login(world.users["unit_officer"])
    # Written as text cells (openpyxl would store "=FIN" as a formula with no value).
    rows = [person_row(HYPERLINK, "=FIN"), person_row("Lê Thị Hai", "@HOME")]
    sheet = hostile_xlsx.header_row(PEOPLE_HEADERS) + "".join(
        hostile_xlsx.row(number, *(hostile_xlsx.inline(f"{chr(65 + i)}{number}", v) for i, v in enumerate(r) if v))
        for number, r in enumerate(rows, start=2))
    content = hostile_xlsx.workbook({"Cán bộ": sheet})
    client.post(reverse("organizations:imports"), {"kind": "people", "file": SimpleUploadedFile("x.xlsx", content)})
    job = ImportJob.objects.get()
    content = _body(client.get(reverse("organizations:import_job_errors", args=[job.pk])))
    cells = assert_text_not_formulas(content, "=FIN")
    assert any(c.data_type == "n" for c in cells if c.column == 1 and c.row > 1)  # row numbers stay numbers


def test_the_import_reader_reads_the_same_text_back(client, hostile):
    from python_calamine import CalamineWorkbook

    client.force_login(hostile.users["standing_office"])
    content = _body(client.get(reverse("organizations:people"), {"format": "xlsx"}))
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    values = {v for row in workbook.get_sheet_by_index(0).to_python() for v in row}
    assert set(FORMULA_LIKE) <= values
