"""Writes the demo's organisations, people and emulation history as the files a province imports.

    .venv/bin/python -m tdkt.core.demo.build_data [folder]

loads the demo into a throwaway SQLite database (config.settings.test, in a temporary folder) and
writes what it holds into `folder` (by default tdkt/core/demo/data/), in the importers' own
templates, the columns a clerk fills:

    to_chuc_<P>.xlsx                    a province's organisations, the province itself first
    can_bo_<P>.xlsx                     its people, in the units they joined
    ho_so_thi_dua_<P>_<year>.xlsx       a year's ratings and first title of its people and units
    ho_so_thi_dua_<P>_<year>_cstdcs.xlsx  the year's second title (Chiến sĩ thi đua cơ sở): one row
                                         per person and title, so the year's other file cannot hold it
    ho_so_ngoai_mau.json                what no importer takes yet: initiatives and the Bằng khen of
                                         the years before (a form, not a title, with no decision)

The files were first written from the demo the loader built in Python; since then the loader reads
them, so running this again writes the same rows (a check that the round trip loses nothing).
"""

import datetime
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

# What the loader writes itself (files.OTHER_RECORDS) of a person's honours: the Bằng khen of the years
# before the history; the demo's later rounds add honours of their own, which are not the history.
EARLY_FORMS = ("BK_TINH",)
STAMP, ZIP_TIME = "2026-01-01T00:00:00Z", (2026, 1, 1, 0, 0, 0)


def _label(labels: dict, code: str) -> str:
    return next(label for label, value in labels.items() if value == code)


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _since(value: datetime.date | None) -> str:
    """ "2015" for a year alone (kept as 01/01), else dd/mm/yyyy: the cell reads back as it was written."""
    if value and (value.month, value.day) == (1, 1):
        return str(value.year)
    return _day(value)


# The demo's TĐKT units and officers (issue 14.2, Biểu 0604 and 0605) were first chosen by these rules,
# applied only where the data says nothing yet: the Ban Thi đua - Khen thưởng of each Sở Nội vụ is a
# "ban thuộc Sở Nội vụ" and its staff are TĐKT officers, as is one officer (the first who is not a
# leader) of each other department or agency. The files carry them since; running again keeps them.
TDKT_BOARD_SUFFIX = "-SNV-TDKT"
EDUCATION_CYCLE = ("dai_hoc", "dai_hoc", "cao_dang", "dai_hoc", "trung_cap", "tren_dai_hoc", "dai_hoc")


def _tdkt_unit_kind(org) -> str:
    return org.tdkt_unit_kind or ("ban_snv" if org.code.endswith(TDKT_BOARD_SUFFIX) else "")


def _organization_rows(province):
    from tdkt.organizations.importers.columns import KIND_LABELS, LEVEL_LABELS, TDKT_UNIT_LABELS
    from tdkt.organizations.models import Organization

    tree = Organization.objects.filter(path__startswith=province.path).order_by("pk")  # the province first
    return [
        [org.code, org.name, org.short_name, _label(KIND_LABELS, org.kind), _label(LEVEL_LABELS, org.level),
         org.parent.code if org.parent else "", _day(org.active_from),
         _label(TDKT_UNIT_LABELS, kind) if (kind := _tdkt_unit_kind(org)) else ""]
        for org in tree.select_related("parent")
    ]


def _tdkt_officers(province, people) -> set[int]:
    """The TĐKT officers: as the data has them, else chosen by the rules above."""
    from tdkt.organizations.models import Organization

    marked = {p.pk for p in people if p.is_tdkt_officer}
    if marked:
        return marked
    chosen = {p.pk for p in people if p.organization.code.endswith(TDKT_BOARD_SUFFIX)}
    departments = Organization.objects.filter(path__startswith=province.path, level="department").order_by("pk")
    for department in departments:
        if Organization.objects.filter(parent=department, code__endswith=TDKT_BOARD_SUFFIX).exists():
            continue
        first = next((p for p in people if p.organization.path.startswith(department.path) and not p.is_manager
                      and p.left_on is None), None)
        if first is not None:
            chosen.add(first.pk)
    return chosen


def _tdkt_cells(person, officer: bool) -> list[str]:
    """Trình độ đào tạo, Làm công tác TĐKT, Làm công tác TĐKT từ (the rules' values where none is recorded)."""
    from tdkt.organizations.importers.columns import EDUCATION_LABELS

    if not officer:
        return [_label(EDUCATION_LABELS, person.education_level) if person.education_level else "", "", ""]
    education = person.education_level or (
        "tren_dai_hoc" if person.is_manager else EDUCATION_CYCLE[person.pk % len(EDUCATION_CYCLE)])
    since = person.in_tdkt_work_since
    if since is None and person.service_start:
        board = person.organization.code.endswith(TDKT_BOARD_SUFFIX)
        since = person.service_start if board else datetime.date(min(person.service_start.year + 2, 2023), 1, 1)
    return [_label(EDUCATION_LABELS, education), "Có", _since(since)]


def _first_units(people) -> dict[int, str]:
    """Each person's first unit: the unit the file of people puts them in."""
    from tdkt.organizations.models import PersonAssignment

    first = {}
    assignments = PersonAssignment.objects.filter(person__in=people).order_by("start_date", "pk")
    for person_id, code in assignments.values_list("person_id", "organization__code"):
        first.setdefault(person_id, code)
    return first


def _people_rows(province, people):
    from tdkt.organizations.importers.columns import CATEGORY_LABELS, SEX_LABELS

    units = _first_units(people)
    officers = _tdkt_officers(province, people)
    return [
        [p.code, p.full_name, _label(SEX_LABELS, p.sex), _day(p.date_of_birth), p.ethnicity,
         _label(CATEGORY_LABELS, p.category), p.position, "Có" if p.is_manager else "Không", units[p.pk],
         _day(p.service_start), p.email, p.phone, *_tdkt_cells(p, p.pk in officers)]
        for p in people
    ]


def _records_rows(province, people, year, *, second_title: bool):
    from tdkt.organizations.importers.columns import RATING_LABELS, TITLE_LABELS
    from tdkt.organizations.models import Organization
    from tdkt.records.models import TITLE_CODES, AnnualRating, HonourRecord

    from .files import SECOND_TITLE

    ratings = {(r.person_id, r.organization_id): r.rating for r in AnnualRating.objects.filter(year=year)}
    titles = {}
    for honour in HonourRecord.objects.filter(year=year, code__in=TITLE_CODES).order_by("pk"):
        titles.setdefault((honour.person_id, honour.organization_id), []).append(honour)

    def row(person, unit, key):
        rating = ratings.get(key, "")
        held = [h for h in titles.get(key, []) if (h.code == SECOND_TITLE) == second_title]
        if second_title and not held:
            return None
        title = held[0] if held else None
        assert len(held) <= 1, (key, year, held)
        cells = [
            person.code if person else "",
            person.full_name if person else "",
            _day(person.date_of_birth) if person else "",
            unit.code,
            "" if second_title else _label(RATING_LABELS, rating) if rating else "",
            _label(TITLE_LABELS, title.code) if title else "",
            title.decision_number if title else "",
            _day(title.decision_date) if title else "",
            title.issuer if title else "",
            "",
        ]
        return cells if cells[4] or cells[5] else None

    rows = [row(p, p.organization, (p.pk, None)) for p in people]
    if not second_title:
        units = Organization.objects.filter(path__startswith=province.path).exclude(pk=province.pk).order_by("pk")
        rows += [row(None, unit, (None, unit.pk)) for unit in units]
    return [r for r in rows if r]


def _other_records(people) -> dict:
    """What the importers do not take yet, for the loader to write itself."""
    from tdkt.records.models import HonourRecord, Initiative

    forms = HonourRecord.objects.filter(person__in=people, code__in=EARLY_FORMS).order_by("pk")
    return {
        "initiatives": [
            {"person": i.person.code, "title": i.title, "scope": i.scope, "year": i.year}
            for i in Initiative.objects.filter(person__in=people).select_related("person").order_by("pk")
        ],
        "honours": [
            {"person": h.person.code, "code": h.code, "year": h.year, "issuer": h.issuer,
             "decision_number": h.decision_number, "decision_date": _day(h.decision_date)}
            for h in forms.select_related("person")
        ],
    }


def _workbook(kind: str, rows: list[list]) -> bytes:
    """The importer's template with the rows filled in, without the blank rows the template formats
    for a clerk to type into: the importer measures every cell of a sheet before reading it, and
    those empty cells made the demo's files a few times slower to load (and larger)."""
    from openpyxl import load_workbook

    from tdkt.organizations.importers.workbooks import template_workbook

    book = load_workbook(io.BytesIO(template_workbook(kind, rows=rows)))
    sheet = book.worksheets[0]
    sheet.delete_rows(len(rows) + 2, sheet.max_row)
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable(buffer.getvalue())


def _stable(content: bytes) -> bytes:
    """The same bytes for the same rows: openpyxl stamps the file and each of its parts with the time
    of writing, which would make every regeneration a change to commit."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", STAMP.encode(), data)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_files(folder: Path) -> list[Path]:
    """Write every file from the demo in the database."""
    from tdkt.organizations.models import ImportKind, Organization, Person

    from .files import OTHER_RECORDS, PROVINCES, RATING_YEARS, organizations_file, people_file, records_file

    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def save(name: str, content: bytes) -> None:
        path = folder / name
        path.write_bytes(content)
        written.append(path)

    other = {"initiatives": [], "honours": []}
    for code in PROVINCES:
        province = Organization.objects.get(code=code)
        people = list(Person.objects.filter(organization__path__startswith=province.path)
                      .select_related("organization").order_by("pk"))
        save(organizations_file(code), _workbook(ImportKind.ORGANIZATIONS, _organization_rows(province)))
        save(people_file(code), _workbook(ImportKind.PEOPLE, _people_rows(province, people)))
        for year in RATING_YEARS:
            for second in (False, True):
                rows = _records_rows(province, people, year, second_title=second)
                if rows:
                    save(records_file(code, year, second_title=second),
                         _workbook(ImportKind.RECORDS, rows))
        for key, items in _other_records(people).items():
            other[key] += items
    path = folder / OTHER_RECORDS
    path.write_text(json.dumps(other, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(path)
    return written


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("data")
    scratch = tempfile.mkdtemp(prefix="tdkt-demo-build-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/demo.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{scratch}/media"
    import django

    django.setup()
    from django.core.management import call_command

    from tdkt.core.demo.loader import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    for path in write_files(folder):
        print(path)


if __name__ == "__main__":
    main(sys.argv)
