"""The demo's data files (data/) through the importers: each file is one import job, stored and run at
once (import_job_run, the path a small upload takes), as the administrator, with its own audit event.

A file the importer refuses stops the demo with the importer's own reasons: the files are meant to
be exactly what a province's office can upload.
"""

import datetime
import json
from pathlib import Path

from django.core.files import File
from django.db.models import F

from tdkt.organizations.importers import import_job_create, import_job_run
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus, Organization

DATA = Path(__file__).with_name("data")
PROVINCES = {"QT": "Quảng Trị", "TQ": "Tuyên Quang", "HT": "Hà Tĩnh"}
RATING_YEARS = range(2019, 2026)
# A person's second title of a year (after Lao động tiên tiến) needs a file of its own: the records
# file takes one row per person.
SECOND_TITLE = "CSTDCS"
OTHER_RECORDS = "ho_so_ngoai_mau.json"
SHOWN_ERRORS = 5
# The offices loaded their trees, people and past records before the work the demo shows: the jobs
# are dated that much before the load, so that the administrator's inbox does not open on the demo's
# 45 finished imports as if they were the day's news (finished jobs stay there for a week).
LOADED_BEFORE = datetime.timedelta(days=30)


def organizations_file(province: str) -> str:
    return f"to_chuc_{province}.xlsx"


def people_file(province: str) -> str:
    return f"can_bo_{province}.xlsx"


def records_file(province: str, year: int, *, second_title: bool = False) -> str:
    return f"ho_so_thi_dua_{province}_{year}" + ("_cstdcs" if second_title else "") + ".xlsx"


class DemoFileRefused(RuntimeError):
    """A demo file the importer would not take: a defect of the file (or of the importer)."""


def import_file(*, actor, kind: str, name: str, organization: Organization | None = None,
                year: int | None = None) -> ImportJob:
    path = DATA / name
    with path.open("rb") as handle:
        job = import_job_create(actor=actor, kind=kind, upload=File(handle, name=path.name),
                                organization=organization, year=year)
    job = import_job_run(job=job)
    if job.status != ImportStatus.DONE:
        reasons = "; ".join(f"dòng {e['row']}, {e['column']}: {e['message']}" if e["row"] else e["message"]
                            for e in job.errors[:SHOWN_ERRORS])
        raise DemoFileRefused(f"Tệp demo {name} không nhập được ({job.error_count} lỗi): {reasons}")
    return job


def import_organizations(*, actor, province: str) -> int:
    return import_file(actor=actor, kind=ImportKind.ORGANIZATIONS, name=organizations_file(province)).created_count


def import_people(*, actor, province: str) -> int:
    return import_file(actor=actor, kind=ImportKind.PEOPLE, name=people_file(province)).created_count


def import_records(*, actor, province: str, year: int) -> None:
    """A province's year: the ratings and first titles, then (a second file) the second titles."""
    organization = Organization.objects.get(code=province)
    for second_title in (False, True):
        name = records_file(province, year, second_title=second_title)
        if second_title and not (DATA / name).exists():
            continue
        import_file(actor=actor, kind=ImportKind.RECORDS, name=name, organization=organization, year=year)


def date_the_jobs_back(*, actor) -> None:
    ImportJob.objects.filter(created_by=actor).update(
        created_at=F("created_at") - LOADED_BEFORE, finished_at=F("finished_at") - LOADED_BEFORE
    )


def other_records() -> dict:
    """What no importer takes yet: {"initiatives": [...], "honours": [...]}, people named by code."""
    return json.loads((DATA / OTHER_RECORDS).read_text(encoding="utf-8"))
