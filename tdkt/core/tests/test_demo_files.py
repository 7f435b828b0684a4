"""The demo's organisations, people and history are files a province's office could upload
(tdkt/core/demo/data/), loaded through the import jobs; build_data writes them back unchanged."""

import datetime
import json

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.demo import build_data, files
from tdkt.core.demo.cached import load_demo
from tdkt.organizations.importers.columns import COLUMNS, SHEET_TITLES
from tdkt.organizations.importers.reading import read_table
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus, Organization, Person
from tdkt.records.models import AnnualRating, HonourRecord

PROVINCES = ("QT", "TQ", "HT")


@pytest.fixture
def demo(db):
    assert load_demo() is True


def _rows(path) -> list[list]:
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [row for row in grid if any(cell not in ("", None) for cell in row)]


@pytest.mark.parametrize("name", sorted(p.name for p in files.DATA.glob("*.xlsx")))
def test_each_data_file_is_in_its_importers_template(name):
    kind = (ImportKind.ORGANIZATIONS if name.startswith("to_chuc_")
            else ImportKind.PEOPLE if name.startswith("can_bo_") else ImportKind.RECORDS)
    with (files.DATA / name).open("rb") as handle:
        table = read_table(handle, COLUMNS[kind])
    assert table.sheet_name == SHEET_TITLES[kind]
    assert [column.key for _, column in table.columns] == [column.key for column in COLUMNS[kind]]
    assert table.row_count > 0


def test_the_demo_tree_people_and_history_come_through_import_jobs(demo):
    jobs = ImportJob.objects.filter(created_by__username="admin")
    assert set(jobs.values_list("status", flat=True)) == {ImportStatus.DONE}
    by_kind = {kind: jobs.filter(kind=kind) for kind in (ImportKind.ORGANIZATIONS, ImportKind.PEOPLE,
                                                         ImportKind.RECORDS)}
    # The three provinces and everything below them, every person, every rating and title of 2019–2025.
    assert sum(j.created_count for j in by_kind[ImportKind.ORGANIZATIONS]) == Organization.objects.count() == 50
    assert set(Organization.objects.filter(parent=None).values_list("code", flat=True)) == set(PROVINCES)
    assert sum(j.created_count for j in by_kind[ImportKind.PEOPLE]) == Person.objects.count() == 366
    ratings = AnnualRating.objects.filter(year__range=(2019, 2025)).count()
    titles = HonourRecord.objects.filter(code__in=["LDTT", "CSTDCS", "TTLDTT"], year__range=(2019, 2024)).count()
    assert sum(j.created_count for j in by_kind[ImportKind.RECORDS]) == ratings + titles
    # A province's year: one file of ratings and first titles, one of the second titles (none in 2025).
    assert by_kind[ImportKind.RECORDS].count() == 3 * 7 + 3 * 6
    assert set(by_kind[ImportKind.RECORDS].values_list("organization__code", flat=True)) == set(PROVINCES)
    # Each job is audited as an office's upload is.
    for event_type, kind in ((AuditEventType.ORGANIZATIONS_IMPORTED, ImportKind.ORGANIZATIONS),
                             (AuditEventType.PEOPLE_IMPORTED, ImportKind.PEOPLE)):
        assert AuditEvent.objects.filter(event_type=event_type).count() == by_kind[kind].count() == 3


def test_the_merged_department_people_start_there_and_move_on(demo):
    person = Person.objects.get(code="QT-SKHDT-001")
    assert person.organization.code == "QT-STC"
    units = list(person.assignments.order_by("start_date").values_list("organization__code", flat=True))
    assert units == ["QT-SKHDT", "QT-STC"]


def test_build_data_writes_back_the_files_the_demo_was_loaded_from(demo, tmp_path):
    written = build_data.write_files(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in files.DATA.iterdir() if p.suffix in {".xlsx", ".json"})
    for path in written:
        if path.suffix == ".json":
            assert json.loads(path.read_text()) == json.loads((files.DATA / path.name).read_text()), path.name
        else:
            assert _rows(path) == _rows(files.DATA / path.name), path.name


def test_the_demo_imports_are_not_the_administrators_news(demo):
    jobs = ImportJob.objects.filter(created_by__username="admin")
    assert jobs.count() == 45
    assert not jobs.filter(finished_at__gte=timezone.now() - datetime.timedelta(days=7)).exists()
    assert all(job.created_at <= job.finished_at for job in jobs)
