"""Import jobs whose run died (worker killed or restarted, request timed out) stay "checking" or
"writing" for ever: the sweeper marks them failed with the reason, so the user uploads the file
again. Nothing of them was written: the rows are written in one transaction, rolled back with the
process that died."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.jobs import STALLED_REASON, is_stalled, task_runs

from ..models import ImportJob, ImportKind, ImportStatus

logger = logging.getLogger(__name__)

RUNNING = (ImportStatus.VALIDATING, ImportStatus.WRITING)
NOT_CONFIRMED = ("Tệp đã được kiểm tra nhưng không được xác nhận trong {days} ngày; không có dòng nào được ghi và "
                 "tệp đã được xóa. Hãy nhập lại nếu cần.")
EVENT = {
    ImportKind.PEOPLE: AuditEventType.PEOPLE_IMPORTED,
    ImportKind.ORGANIZATIONS: AuditEventType.ORGANIZATIONS_IMPORTED,
    ImportKind.RECORDS: AuditEventType.RECORDS_IMPORTED,
    ImportKind.DECISIONS: AuditEventType.RECORDS_IMPORTED,
}


def checked_kept() -> datetime.timedelta:
    # A checked file of past decisions waits for the clerk, with its personal data, for a week at most.
    return datetime.timedelta(days=getattr(settings, "TDKT_IMPORT_CHECKED_KEPT_DAYS", 7))


def stalled_after() -> datetime.timedelta:
    # 50,000 people are checked and written in about a minute (bench/bench_people.py): hours mean dead.
    return datetime.timedelta(seconds=getattr(settings, "TDKT_IMPORT_STALLED_AFTER_SECONDS", 2 * 3600))


def import_jobs_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark failed every import job left running by a dead run (tdkt/core/jobs.is_stalled) and every
    queued one whose task the worker finished without it, and every checked file left unconfirmed past
    checked_kept() (its file removed); one audit event each. Returns their ids."""
    from ..tasks import import_job_run_task  # the task module imports the services

    now = now or timezone.now()
    swept = []
    expired = ImportJob.objects.filter(status=ImportStatus.CHECKED, created_at__lt=now - checked_kept())
    for pk in expired.values_list("pk", flat=True):
        if _fail(pk, now=now, statuses=(ImportStatus.CHECKED,), reason=NOT_CONFIRMED.format(
                days=checked_kept().days)):
            swept.append(pk)
    bound = stalled_after()
    candidates = list(ImportJob.objects.filter(status__in=(ImportStatus.QUEUED, *RUNNING))
                      .values_list("pk", "status", "created_at"))
    if not candidates:
        return swept
    runs = task_runs(import_job_run_task, ids=[pk for pk, _, _ in candidates],
                     since=min(created for _, _, created in candidates))
    for pk, status, created_at in candidates:
        run = runs.get(pk)
        if status == ImportStatus.QUEUED:
            stalled = run is not None and run.finished  # waiting for a worker is not dead
        else:
            stalled = is_stalled(run, since=created_at, now=now, bound=bound)
        if stalled and _fail(pk, now=now):
            swept.append(pk)
    return swept


def _fail(pk: int, *, now: datetime.datetime, statuses=(ImportStatus.QUEUED, *RUNNING), reason=STALLED_REASON) -> bool:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=pk, status__in=statuses).first()
        if job is None:  # it finished meanwhile
            return False
        was = job.status
        name, storage = job.file.name, job.file.storage
        job.status = ImportStatus.FAILED
        job.errors = [{"row": None, "column": "", "message": reason}]
        job.error_count = 1
        job.finished_at = now
        job.file = ""  # personal data is not kept in files (as when a job finishes)
        job.save(update_fields=["status", "errors", "error_count", "finished_at", "file"])
        audit_record(
            event_type=EVENT[job.kind],
            target=job,
            organization=job.organization,
            extra={"file": job.original_name, "job_id": job.pk, "created": 0, "outcome": "failed",
                   "reason": "stalled" if reason == STALLED_REASON else "not confirmed", "status_was": was},
        )
        if name:
            transaction.on_commit(lambda: _delete(storage, name))
    logger.warning("Import job %s was left %s (%s): marked failed", pk, was, reason)
    return True


def _delete(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not delete the file %s of a swept import job", name, exc_info=True)
