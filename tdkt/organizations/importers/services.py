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

from tdkt.accounts.scope import scope_for, user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.records.models import AnnualRating, HonourRecord, PastDecision

from ..errors import require
from ..models import ImportJob, ImportKind, ImportStatus, Organization, Person, PersonAssignment
from .columns import COLUMNS
from .decisions import read_decision_file, validate_decisions, write_decisions
from .organizations import validate_organizations, write_organizations
from .people import validate_people, write_people
from .reading import ImportFileError, check_upload, read_table
from .records import check_columns, records_period_problem, validate_records, write_records
from .rows import rows_text

logger = logging.getLogger(__name__)

KIND_PERMISSION = {
    ImportKind.PEOPLE: "person.manage",
    ImportKind.ORGANIZATIONS: "organization.manage",
    ImportKind.RECORDS: "record.manage",
    ImportKind.DECISIONS: "record.manage",
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
    table = read_decision_file(upload) if kind == ImportKind.DECISIONS else read_table(upload, COLUMNS[kind])
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
        ImportKind.DECISIONS: decisions_import,
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


def decisions_import(*, actor, job: ImportJob) -> ImportJob:
    """Past decisions: the first run checks the file and stops for the clerk (status "checked", with
    the preview and the rows to settle); the run after import_job_confirm checks it again with the
    clerk's choices, against the database as it is then, and writes it."""
    confirmed = bool(job.preview.get("confirmed"))
    choices = {int(row): int(pk) for row, pk in job.preview.get("choices", {}).items()} if confirmed else None

    def validate(file, *, actor, on_progress):
        return validate_decisions(file.decisions, file.awardees, actor=actor, choices=choices,
                                  on_progress=on_progress)

    def hold(checked):
        return None if confirmed else checked.preview()

    def write(checked):
        paths = list(scope_for(actor, "record.manage").paths)  # none for an administrator: the whole system
        written = write_decisions(checked, actor=actor, job=job, recorded_by=_common_ancestor(paths))
        extra = {
            "kind": ImportKind.DECISIONS,
            "decisions_created": written.decisions_created,
            "decisions_reused": written.decisions_reused,
            "records_created": written.records_created,
            "people": len(written.person_ids),
            "chosen_rows": len(choices or {}),
        }
        return written.records_created, paths, extra

    return _run(
        job,
        actor=actor,
        validate=validate,
        write=write,
        event_type=AuditEventType.RECORDS_IMPORTED,
        tables=(HonourRecord._meta.db_table, PastDecision._meta.db_table),
        read=read_decision_file,
        hold=hold,
    )


def import_job_confirm(*, actor, job: ImportJob, choices: dict | None = None) -> ImportJob:
    """Write a checked file of past decisions, with the person or collective the clerk chose for each
    row that could be several (`choices`: row -> id among that row's candidates). Refused, with the job
    left waiting, while any such row is unsettled (ImportFileError)."""
    require(user_can(actor, KIND_PERMISSION[ImportKind.DECISIONS]))
    if job.kind != ImportKind.DECISIONS or job.status != ImportStatus.CHECKED:
        raise ImportFileError("Lượt nhập này không chờ xác nhận (đã được xác nhận, đã hủy hoặc đã kết thúc).")
    candidates = {item["row"]: {c["id"] for c in item["candidates"]} for item in job.preview.get("ambiguous", [])}
    chosen = {}
    for row, pk in (choices or {}).items():
        try:
            chosen[int(row)] = int(pk)
        except (TypeError, ValueError):
            continue
    unsettled = [row for row, ids in sorted(candidates.items()) if chosen.get(row) not in ids]
    if unsettled:
        raise ImportFileError(
            f"Chưa chọn người hoặc tập thể cho {len(unsettled)} dòng trùng tên (dòng {rows_text(unsettled)}); "
            "không có dòng nào được ghi. Hãy chọn cho từng dòng rồi xác nhận lại."
        )
    preview = {**job.preview, "confirmed": True, "choices": {str(row): chosen[row] for row in candidates}}
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.QUEUED, processed_rows=0, preview=preview
    )
    if not claimed:
        raise ImportFileError("Lượt nhập này đã được xác nhận hoặc hủy.")
    job.refresh_from_db()
    return import_job_start(job=job)


def import_job_discard(*, actor, job: ImportJob) -> ImportJob:
    """Drop a checked file the clerk does not want written; its file goes with it."""
    require(user_can(actor, KIND_PERMISSION[job.kind]))
    if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.CHECKED).update(status=ImportStatus.VALIDATING):
        raise ImportFileError("Lượt nhập này không chờ xác nhận (đã được xác nhận, đã hủy hoặc đã kết thúc).")
    job.refresh_from_db()
    return _finish(job, ImportStatus.FAILED,
                   errors=[_file_error("Lượt nhập đã được hủy theo yêu cầu; không có dòng nào được ghi.")])


def _run(
    job: ImportJob,
    *,
    actor,
    validate,
    write,
    event_type,
    tables: tuple[str, ...],
    organization: Organization | None = None,
    read=None,
    hold=None,
) -> ImportJob:
    """Check the job's file whole and write it whole. `read` turns the stored file into what `validate`
    takes (by default the kind's one sheet); `hold`, given the clean result, may return a preview
    instead of writing: the job then waits, file kept, as "checked" for import_job_confirm."""
    # Claim the job first: a task delivered twice, or a second click, must not import twice.
    if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(status=ImportStatus.VALIDATING):
        job.refresh_from_db()
        return job
    job.status = ImportStatus.VALIDATING
    try:
        require(user_can(actor, KIND_PERMISSION[job.kind], organization))
        with job.file.open("rb") as handle:
            table = read(handle) if read is not None else read_table(handle, COLUMNS[job.kind])
        job.total_rows = table.row_count

        def progress(done: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=table.row_count)

        records, errors = validate(table, actor=actor, on_progress=progress)
        job.processed_rows = table.row_count
        if errors:
            return _finish(job, ImportStatus.FAILED, errors=errors)
        preview = hold(records) if hold is not None else None
        if preview is not None:
            job.status, job.preview = ImportStatus.CHECKED, preview
            job.save(update_fields=["status", "preview", "processed_rows", "total_rows"])
            return job
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
