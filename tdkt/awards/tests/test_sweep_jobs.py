"""The sweeper of jobs whose worker died: import jobs and certificate batches left "running" are
marked failed with the reason once the worker is done with their task or their run outlasts the
bound; waiting for a worker is not dead; each sweep is audited; `manage.py sweep_jobs` and the daily
`send_reminders` run it."""

import datetime

import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.models import CertificateBatch, CertificateBatchStatus
from tdkt.awards.services.sweep import certificate_batches_sweep
from tdkt.awards.tasks import certificates_build_task
from tdkt.core.jobs import STALLED_REASON
from tdkt.organizations.importers.sweep import import_jobs_sweep
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus
from tdkt.organizations.tasks import import_job_run_task

from .test_certificate_batch import decision, fake_pdf  # noqa: F401 (fixtures)

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def at(moment):
    return time_machine.travel(moment, tick=False)


def _job(world, status, **extra) -> ImportJob:
    job = ImportJob(kind=ImportKind.PEOPLE, status=status, original_name="nhan-su.xlsx", total_rows=5000,
                    processed_rows=1200, created_by=world.users["unit_officer"], **extra)
    job.file.save("upload.xlsx", ContentFile(b"PK fake"), save=False)
    job.save()
    return job


def _task(task, pk, *, started=None, finished=None) -> None:
    """The task's row as the worker leaves it: queued, taken (started) or done with (finished)."""
    with DB_TASKS:
        result = task.enqueue(pk)
    status = "FAILED" if finished else "RUNNING" if started else "READY"
    DBTaskResult.objects.filter(pk=result.id).update(status=status, started_at=started, finished_at=finished)


def test_an_import_left_checking_is_failed_after_the_bound(world, django_capture_on_commit_callbacks):
    with at(START):
        job = _job(world, ImportStatus.VALIDATING)  # run in the request, which died: no task
        stored = job.file.name
    with at(START + HOUR):
        assert import_jobs_sweep() == []
    with at(START + 2 * HOUR + datetime.timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        assert import_jobs_sweep() == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.errors == [{"row": None, "column": "", "message": "Tiến trình nền dừng giữa chừng; hãy chạy lại."}]
    assert job.error_count == 1
    assert job.finished_at == START + 2 * HOUR + datetime.timedelta(minutes=1)
    assert not job.file  # the personal data goes, as when a job finishes
    assert not job.file.storage.exists(stored)
    event = AuditEvent.objects.get(target_type="organizations.importjob", target_id=str(job.pk))
    assert event.event_type == AuditEventType.PEOPLE_IMPORTED
    assert event.actor is None
    assert event.extra == {"file": "nhan-su.xlsx", "job_id": job.pk, "created": 0, "outcome": "failed",
                           "reason": "stalled", "status_was": "validating"}
    with at(START + 3 * HOUR):
        assert import_jobs_sweep() == []  # once


def test_an_import_whose_task_the_worker_ended_is_failed_at_once(world):
    with at(START):
        writing = _job(world, ImportStatus.WRITING)
        _task(import_job_run_task, writing.pk, started=START, finished=START + datetime.timedelta(minutes=2))
        orphan = _job(world, ImportStatus.QUEUED)  # its task failed before taking it
        _task(import_job_run_task, orphan.pk, started=START, finished=START)
    with at(START + datetime.timedelta(minutes=3)):
        assert sorted(import_jobs_sweep()) == sorted([writing.pk, orphan.pk])
    assert set(ImportJob.objects.values_list("status", flat=True)) == {ImportStatus.FAILED}


def test_waiting_for_a_worker_or_running_within_the_bound_is_not_dead(world):
    with at(START):
        waiting = _job(world, ImportStatus.QUEUED)
        _task(import_job_run_task, waiting.pk)
        late_start = _job(world, ImportStatus.VALIDATING)  # queued while the worker was down
        _task(import_job_run_task, late_start.pk, started=START + 5 * HOUR)
        done = _job(world, ImportStatus.DONE, finished_at=START)
    with at(START + 6 * HOUR):
        assert import_jobs_sweep() == []
    with at(START + 7 * HOUR + datetime.timedelta(minutes=1)):
        assert import_jobs_sweep() == [late_start.pk]  # two hours after its worker took it
    assert ImportJob.objects.get(pk=waiting.pk).status == ImportStatus.QUEUED
    assert ImportJob.objects.get(pk=done.pk).status == ImportStatus.DONE


@override_settings(TDKT_IMPORT_STALLED_AFTER_SECONDS=600)
def test_the_import_bound_is_a_setting(world):
    with at(START):
        job = _job(world, ImportStatus.VALIDATING)
    with at(START + datetime.timedelta(minutes=11)):
        assert import_jobs_sweep() == [job.pk]


def test_a_certificate_batch_left_running_is_failed_after_an_hour(decision):  # noqa: F811
    with at(START):
        batch = CertificateBatch.objects.create(decision=decision, status=CertificateBatchStatus.RUNNING,
                                                queued_at=START, started_at=START)
        _task(certificates_build_task, batch.pk, started=START)
    with at(START + datetime.timedelta(minutes=59)):
        assert certificate_batches_sweep() == []
    with at(START + HOUR + datetime.timedelta(minutes=1)):
        assert certificate_batches_sweep() == [batch.pk]
    batch.refresh_from_db()
    assert (batch.status, batch.error) == (CertificateBatchStatus.FAILED, STALLED_REASON)
    assert batch.finished_at == START + HOUR + datetime.timedelta(minutes=1)
    event = AuditEvent.objects.get(event_type=AuditEventType.DOCUMENT_GENERATED, target_id=str(decision.pk),
                                   after__outcome="failed")
    assert event.after == {"file": "certificates", "outcome": "failed", "reason": "stalled", "batch_id": batch.pk,
                           "status_was": "running"}
    assert event.organization_id == decision.issuer_id


def test_a_queued_batch_waits_unless_its_task_ended(decision):  # noqa: F811
    with at(START):
        batch = CertificateBatch.objects.create(decision=decision, status=CertificateBatchStatus.QUEUED,
                                                queued_at=START)
        _task(certificates_build_task, batch.pk)
    with at(START + 10 * HOUR):
        assert certificate_batches_sweep() == []
        DBTaskResult.objects.update(status="FAILED", started_at=START, finished_at=START + HOUR)
        assert certificate_batches_sweep() == [batch.pk]


def test_the_command_and_the_daily_reminders_sweep(world, capsys, django_capture_on_commit_callbacks):
    with at(START):
        first = _job(world, ImportStatus.WRITING)
    with at(START + 3 * HOUR), django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_jobs")
        assert "1 lượt nhập dữ liệu, 0 lượt in bằng khen" in capsys.readouterr().out
        second = _job(world, ImportStatus.VALIDATING)
    with at(START + 6 * HOUR), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now")
    assert ImportJob.objects.get(pk=first.pk).status == ImportStatus.FAILED
    assert ImportJob.objects.get(pk=second.pk).status == ImportStatus.FAILED
