"""Import jobs: accept a file, check it whole, then write it whole (organisations, people, or one
organisation's year of ratings and titles).

A job is checked row by row outside any transaction (so that the page can follow the progress),
and written only when not a single row is wrong: one transaction, one audit event. Writing runs
as the user who uploaded the file, against that user's scope at the time it runs.
"""

import logging
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.records.models import AnnualRating, HonourRecord

from ..errors import require
from ..models import ImportJob, ImportKind, ImportStatus, Organization, Person, PersonAssignment
from .columns import COLUMNS
from .organizations import validate_organizations, write_organizations
from .people import validate_people, write_people
from .reading import ImportFileError, check_upload, read_table
from .records import check_columns, records_period_problem, validate_records, write_records

logger = logging.getLogger(__name__)

KIND_PERMISSION = {
    ImportKind.PEOPLE: "person.manage",
    ImportKind.ORGANIZATIONS: "organization.manage",
    ImportKind.RECORDS: "record.manage",
}
MAX_STORED_ERRORS = 10_000
# After a bulk load PostgreSQL's statistics describe the table before it (autovacuum catches up
# within minutes); until then the planner picks nested loops for 50,000 rows. A large import
# refreshes them itself. Not on SQLite: it keeps no statistics unless asked, and partial ones
# (bench/) made its plans for the people list worse, not better.
ANALYZE_AFTER_ROWS = 1000
CHANGED_MEANWHILE = (
    "Dữ liệu trong hệ thống đã thay đổi trong lúc nhập (ví dụ một mã vừa được tạo); "
    "không có dòng nào được ghi. Hãy nhập lại tệp."
)
SYSTEM_ERROR = "Lỗi hệ thống khi nhập tệp; không có dòng nào được ghi. Hãy báo quản trị hệ thống."


def import_kinds_for(user) -> list[str]:
    """The kinds of file this user may import somewhere."""
    return [kind for kind in ImportKind.values if user_can(user, KIND_PERMISSION[kind])]


def import_job_create(
    *, actor, kind: str, upload, year: int | None = None, organization: Organization | None = None
) -> ImportJob:
    """Check the upload as a file (format, size, header, row count) and store it as a queued job.

    A records file is one organisation's year: `organization` (which the actor must manage the
    records of) and `year` are required for it and ignored for the other kinds.
    Raises ImportFileError, with nothing stored, when the file cannot be imported at all.
    """
    if kind == ImportKind.RECORDS:
        if organization is None or year is None:
            raise ImportFileError("Hãy chọn năm và đơn vị của tệp xếp loại, danh hiệu.")
        require(
            user_can(actor, KIND_PERMISSION[kind], organization),
            "Bạn không có quyền cập nhật hồ sơ thi đua, khen thưởng của đơn vị này.",
        )
        problem = records_period_problem(organization, year)
        if problem:
            raise ImportFileError(problem)
    else:
        year = organization = None
    require(kind in KIND_PERMISSION and user_can(actor, KIND_PERMISSION[kind]))
    check_upload(upload, max_bytes=settings.TDKT_IMPORT_MAX_BYTES)
    table = read_table(upload, COLUMNS[kind])
    if kind == ImportKind.RECORDS:
        check_columns(table)
    job = ImportJob(
        kind=kind,
        original_name=os.path.basename(upload.name)[:255],
        total_rows=table.row_count,
        created_by=actor,
        year=year,
        organization=organization,
    )
    upload.seek(0)
    job.file.save("upload.xlsx", upload, save=False)
    job.save()
    return job


def import_job_start(*, job: ImportJob) -> ImportJob:
    """Run a small file at once; hand a large one to the background worker.

    The task is queued when the job row is committed, so a worker never looks for a job that
    is not there yet (in autocommit, as views run, that is at once).
    """
    if job.total_rows <= settings.TDKT_IMPORT_BACKGROUND_ROWS:
        return import_job_run(job=job)
    transaction.on_commit(lambda: _enqueue(job))
    job.refresh_from_db()
    return job


def _enqueue(job: ImportJob) -> None:
    from ..tasks import import_job_run_task  # the task module imports this one

    try:
        import_job_run_task.enqueue(job.pk)
    except Exception:
        logger.exception("Could not enqueue import job %s", job.pk)
        _finish(job, ImportStatus.FAILED, errors=[_file_error(SYSTEM_ERROR)])


def import_job_run(*, job: ImportJob) -> ImportJob:
    runner = {
        ImportKind.PEOPLE: people_import,
        ImportKind.ORGANIZATIONS: organizations_import,
        ImportKind.RECORDS: records_import,
    }[job.kind]
    return runner(actor=job.created_by, job=job)


def people_import(*, actor, job: ImportJob) -> ImportJob:
    def write(records):
        created = write_people(records)
        org_ids = {r["organization_id"] for r in records}
        paths = Organization.objects.filter(pk__in=org_ids).values_list("path", flat=True)
        return created, list(paths), {"organizations": len(org_ids)}

    return _run(
        job,
        actor=actor,
        validate=validate_people,
        write=write,
        event_type=AuditEventType.PEOPLE_IMPORTED,
        tables=(Person._meta.db_table, PersonAssignment._meta.db_table),
    )


def organizations_import(*, actor, job: ImportJob) -> ImportJob:
    def write(records):
        created = write_organizations(records)
        return len(created), [o.path for o in created], {"codes": [o.code for o in created][:200]}

    return _run(
        job,
        actor=actor,
        validate=validate_organizations,
        write=write,
        event_type=AuditEventType.ORGANIZATIONS_IMPORTED,
        tables=(Organization._meta.db_table,),
    )


def records_import(*, actor, job: ImportJob) -> ImportJob:
    """One organisation's year: new ratings and titles are created, ratings already there corrected."""
    organization, year = job.organization, job.year

    def validate(table, *, actor, on_progress):
        return validate_records(table, organization=organization, year=year, on_progress=on_progress)

    def write(records):
        written = write_records(records, actor=actor, organization=organization, year=year)
        extra = {
            "updated": written.ratings_updated,
            "year": year,
            "organization_code": organization.code,
            **written.summary(),
        }
        return written.created, [organization.path], extra

    return _run(
        job,
        actor=actor,
        validate=validate,
        write=write,
        event_type=AuditEventType.RECORDS_IMPORTED,
        tables=(AnnualRating._meta.db_table, HonourRecord._meta.db_table),
        organization=organization,
    )


def _run(
    job: ImportJob,
    *,
    actor,
    validate,
    write,
    event_type,
    tables: tuple[str, ...],
    organization: Organization | None = None,
) -> ImportJob:
    # Claim the job first: a task delivered twice, or a second click, must not import twice.
    if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(status=ImportStatus.VALIDATING):
        job.refresh_from_db()
        return job
    job.status = ImportStatus.VALIDATING
    try:
        require(user_can(actor, KIND_PERMISSION[job.kind], organization))
        with job.file.open("rb") as handle:
            table = read_table(handle, COLUMNS[job.kind])
        job.total_rows = table.row_count

        def progress(done: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=table.row_count)

        records, errors = validate(table, actor=actor, on_progress=progress)
        job.processed_rows = table.row_count
        if errors:
            return _finish(job, ImportStatus.FAILED, errors=errors)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WRITING)
        with transaction.atomic():  # the rows, the audit event and "done" together, or none of them
            created, paths, extra = write(records)
            audit_record(
                event_type=event_type,
                actor=actor,
                target=job,
                organization=_common_ancestor(paths),
                extra={"file": job.original_name, "job_id": job.pk, "created": created, **extra},
            )
            job = _finish(job, ImportStatus.DONE, created_count=created, updated_count=extra.get("updated", 0))
        if created >= ANALYZE_AFTER_ROWS and connection.vendor == "postgresql":
            _refresh_statistics(tables)
        return job
    except ImportFileError as exc:
        return _finish(job, ImportStatus.FAILED, errors=[_file_error(m) for m in exc.messages])
    except PermissionDenied as exc:
        return _finish(job, ImportStatus.FAILED, errors=[_file_error(str(exc))])
    except IntegrityError:
        logger.warning("Import job %s hit a constraint while writing", job.pk, exc_info=True)
        return _finish(job, ImportStatus.FAILED, errors=[_file_error(CHANGED_MEANWHILE)])
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        return _finish(job, ImportStatus.FAILED, errors=[_file_error(SYSTEM_ERROR)])


def _refresh_statistics(tables: tuple[str, ...]) -> None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a failure must not poison an outer transaction
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    except Exception:  # statistics are an optimisation: never fail a finished import for them
        logger.warning("ANALYZE after an import failed", exc_info=True)


def _file_error(message: str) -> dict:
    return {"row": None, "column": "", "message": message}


def _finish(job: ImportJob, status: str, *, errors=(), created_count: int = 0, updated_count: int = 0) -> ImportJob:
    errors = list(errors)
    job.status = status
    job.errors = errors[:MAX_STORED_ERRORS]
    job.error_count = len(errors)
    job.created_count = created_count
    job.updated_count = updated_count
    job.finished_at = timezone.now()
    if job.file:
        # The rows are in the database (or were refused): personal data is not kept in files.
        try:
            job.file.delete(save=False)
        except OSError:
            logger.warning("Could not delete the file of import job %s", job.pk, exc_info=True)
    job.save(
        update_fields=[
            "status",
            "errors",
            "error_count",
            "created_count",
            "updated_count",
            "finished_at",
            "file",
            "processed_rows",
            "total_rows",
        ]
    )
    return job


def _common_ancestor(paths) -> Organization | None:
    """The deepest organisation above (or equal to) all of the given paths, or None."""
    common: list[str] | None = None
    for path in paths:
        ids = [part for part in path.strip("/").split("/") if part]
        if common is None:
            common = ids
        else:
            size = 0
            while size < min(len(common), len(ids)) and common[size] == ids[size]:
                size += 1
            common = common[:size]
        if not common:
            return None
    return Organization.objects.filter(pk=int(common[-1])).first() if common else None
