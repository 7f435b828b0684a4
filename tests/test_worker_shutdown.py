"""`manage.py tdkt_worker` stops cleanly on TERM: it takes no new task, lets the running one finish
and exits 0; a task past the grace time is stopped, recorded failed, and its import job marked failed
at once (no "đang chạy" for ever). The worker runs as a real child process on this test's database
(PostgreSQL: the test database itself; SQLite: a file copy of it, copied back afterwards)."""

import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tdkt.core.jobs import STALLED_REASON
from tdkt.core.management.commands.tdkt_worker import GracefulWorker
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus
from tdkt.organizations.tasks import import_job_run_task

from .child_db import SharedDatabase
from .worker_tasks import slow_task

pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
STARTUP = 90  # seconds for a child to start Django and take its first task on a loaded 2-core machine


@pytest.fixture
def shared(tmp_path):
    return SharedDatabase(tmp_path)


def start_worker(shared: SharedDatabase, log: Path, *, grace: float, env: dict | None = None) -> subprocess.Popen:
    shared.send()
    return subprocess.Popen(
        [sys.executable, "-m", "tests.worker_tasks", "tdkt_worker", "--queue-name", "*", "--interval", "0.2"]
        + ["--no-startup-delay", "--no-reload", "--grace", str(grace)],
        cwd=settings.BASE_DIR,
        env=shared.child_env(**(env or {})),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_for(path: Path, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP
    while not path.exists():
        assert process.poll() is None, f"the worker stopped:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"the task did not start:\n{log.read_text()}"
        time.sleep(0.1)


def stop(process: subprocess.Popen, log: Path, *, within: float, signals=(signal.SIGTERM,)) -> float:
    """Send the signals (a tenth of a second apart), then the seconds until the process exited (it
    must exit within ``within``)."""
    sent = time.monotonic()
    for number in signals:
        process.send_signal(number)
        time.sleep(0.1)
    try:
        process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"the worker did not exit within {within}s of TERM:\n{log.read_text()}")
    return time.monotonic() - sent


# Ctrl-C under `make run`: INT from the terminal to the process group, then TERM from the Makefile.
@pytest.mark.parametrize("signals", [(signal.SIGTERM,), (signal.SIGINT, signal.SIGTERM)], ids=["TERM", "Ctrl-C"])
def test_term_lets_the_running_task_finish_takes_no_new_one_and_exits_0(shared, tmp_path, signals):
    marker, log = tmp_path / "started", tmp_path / "worker.log"
    with DB_TASKS:
        running = slow_task.enqueue(str(marker), 4)
        waiting = slow_task.using(priority=-10).enqueue(str(tmp_path / "never"), 0)
    process = start_worker(shared, log, grace=60)
    wait_for(marker, process, log)
    took = stop(process, log, within=45, signals=signals)
    output = log.read_text()
    assert process.returncode == 0, output
    assert took > 2, output  # it waited for the task (4 s) rather than dropping it
    assert "taking no new task" in output
    shared.receive()
    row = DBTaskResult.objects.get(pk=running.id)
    assert (row.status, row.return_value) == ("SUCCESSFUL", "slept 4s"), row.traceback
    assert DBTaskResult.objects.get(pk=waiting.id).status == "READY"  # left for the next worker
    assert not (tmp_path / "never").exists()


def test_a_task_past_the_grace_time_is_stopped_and_its_import_job_failed_at_once(shared, tmp_path, world):
    marker, log = tmp_path / "started", tmp_path / "worker.log"
    job = ImportJob.objects.create(
        kind=ImportKind.PEOPLE,
        status=ImportStatus.QUEUED,
        original_name="nhan-su.xlsx",
        created_by=world.users["unit_officer"],
    )
    with DB_TASKS:
        result = import_job_run_task.enqueue(job.pk)
    process = start_worker(shared, log, grace=2, env={"TDKT_TEST_STUCK_IMPORT": str(marker)})
    wait_for(marker, process, log)
    took = stop(process, log, within=45)
    output = log.read_text()
    assert process.returncode == 0, output
    assert took >= 2, output  # the grace time was given
    assert "Grace time of 2.0s is over" in output
    shared.receive()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "tdkt.core.management.commands.tdkt_worker.GraceTimeExpired"
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED  # the clerk sees it failed, with what to do, not "đang chạy"
    assert job.errors == [{"row": None, "column": "", "message": STALLED_REASON}]


def test_a_claim_left_behind_goes_back_to_the_queue_and_a_started_task_is_recorded_failed():
    """A TERM landing between the claim and the start (or a stop before the result was saved) leaves
    rows RUNNING under this worker's id; on its way out the worker puts them straight."""
    with DB_TASKS:
        claimed, started, other = (uuid.UUID(slow_task.enqueue("unused", 0).id) for _ in range(3))
    worker = GracefulWorker(
        grace=1,
        queue_names=["*"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-1",
        excluded_queue_names=[],
    )
    for pk, worker_id in ((claimed, "w-1"), (started, "w-1"), (other, "w-2")):
        DBTaskResult.objects.get(pk=pk).claim(worker_id)
    worker.started.add(started)  # the worker's own ids are the rows' (UUIDs)
    worker.release_claims()
    rows = {r.pk: r for r in DBTaskResult.objects.order_by("enqueued_at")}
    assert (rows[claimed].status, rows[claimed].started_at) == ("READY", None)
    assert rows[started].status == "FAILED"
    assert rows[other].status == "RUNNING"  # another worker's task is not this worker's business
    assert worker.stopped == {started}
