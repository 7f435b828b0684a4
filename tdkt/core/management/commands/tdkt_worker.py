"""`manage.py tdkt_worker`: django-tasks-db's `db_worker` (same options) with a bounded, clean stop.

What `db_worker` (django-tasks-db 0.13) does on TERM, INT or QUIT: idle, it exits 0 at once; running
a task, it takes no new one and exits 0 once the task ends — however long that is. A task stuck in a
cold LibreOffice keeps it until the service manager kills it, and a killed worker leaves the task
RUNNING and its import or certificate batch "đang chạy" until `sweep_jobs`' bound (hours). A second
signal raises SystemExit inside the task, recorded failed, but the job row still says running. And a
signal that lands between claiming a task and starting it exits with the task claimed and never run.

Here, on the first signal: no new task; the running one has --grace seconds (TDKT_WORKER_GRACE_SECONDS)
to finish, then GraceTimeExpired is raised inside it (a BaseException, so the task's own
`except Exception` cannot swallow it; its transaction rolls back) and the queue records it failed. A
second signal stops it at once the same way, unless it comes within SAME_STOP_SECONDS of the first
(Ctrl-C under `make run` sends INT to the whole process group, then the Makefile sends TERM).

Before exiting, a task this worker claimed but never started goes back to the queue, one it started
and left unrecorded is recorded failed, and if one was stopped `sweep_jobs` runs, so its import job or
certificate batch says failed ("hãy chạy lại") at once. The exit status is 0 whenever the stop went
this way.

With --reload (development) the task runs in the reloader's thread, out of reach of signals: it
behaves exactly as `db_worker`.
"""

import logging
import signal
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("django_tasks_db")
# A second signal this soon after the first is the same request to stop, not "stop now".
SAME_STOP_SECONDS = 2.0


class GraceTimeExpired(BaseException):  # noqa: N818 — raised into a task, named for what happened
    """The worker was told to stop and the task was still running when the grace time ran out."""


class GracefulWorker(db_worker.Worker):
    def __init__(self, *, grace: float, **options):
        super().__init__(**options)
        self.grace = grace
        self.started: set = set()  # ids of the tasks this worker began to run
        self.stopped: set = set()  # ids of the tasks it interrupted
        self._current = None
        self._stop_asked = 0.0

    def configure_signals(self) -> None:
        super().configure_signals()
        signal.signal(signal.SIGALRM, self._grace_expired)

    def shutdown(self, signum, frame) -> None:
        if not self.running and time.monotonic() - self._stop_asked < SAME_STOP_SECONDS:
            return  # Ctrl-C under `make run`: INT from the terminal, TERM from the Makefile's trap
        if not self.running:
            logger.warning("Received %s again - stopping the current task now.", signal.strsignal(signum))
            self._interrupt()
            return
        self.running = False
        self._stop_asked = time.monotonic()
        if not self.running_task:
            logger.warning("Received %s - no task running, exiting.", signal.strsignal(signum))
            sys.exit(0)  # idle or asleep; a claim caught half-way is put back by release_claims()
        logger.warning(
            "Received %s - taking no new task; the running one has %ss to finish.", signal.strsignal(signum), self.grace
        )
        signal.setitimer(signal.ITIMER_REAL, max(self.grace, 0.001))  # 0 would disarm the timer

    def _grace_expired(self, signum, frame) -> None:
        logger.warning("Grace time of %ss is over - stopping the current task.", self.grace)
        self._interrupt()

    def _interrupt(self) -> None:
        if self.running_task:  # else it has just ended: the loop exits by itself
            self.stopped.add(self._current)
            raise GraceTimeExpired(f"Worker stopped: the task outlasted the grace time of {self.grace}s.")

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self._current = db_task_result.id
        self.started.add(db_task_result.id)
        try:
            super().run_task(db_task_result)  # records GraceTimeExpired as the task's failure
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def release_claims(self) -> None:
        """Tasks this worker claimed and left RUNNING: back to the queue when never started, else failed."""
        # A task stopped inside a query may leave its connection mid-statement: start afresh.
        connections.close_all()
        for row in DBTaskResult.objects.running().filter(backend_name=self.backend_name).order_by("started_at"):
            if not row.worker_ids or row.worker_ids[-1] != self.worker_id:
                continue
            if row.id in self.started:
                logger.warning("Task id=%s was left running by this worker: recorded failed.", row.id)
                row.set_failed(GraceTimeExpired("Worker stopped before the task's end was recorded."))
                self.stopped.add(row.id)
            else:
                logger.warning("Task id=%s was claimed but not started: back in the queue.", row.id)
                DBTaskResult.objects.filter(pk=row.pk, status=row.status).update(status="READY", started_at=None)


class Command(db_worker.Command):
    help = (
        "Chạy tiến trình nền; khi nhận TERM thì không nhận việc mới, chờ việc đang chạy xong trong thời gian cho phép."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--grace",
            type=db_worker.valid_interval,
            default=settings.TDKT_WORKER_GRACE_SECONDS,
            help="Seconds the running task gets to finish after TERM/INT before it is stopped "
            "(default: TDKT_WORKER_GRACE_SECONDS, %(default)s).",
        )

    def handle(self, *, grace: float, **options) -> None:
        if options["reload"]:
            return super().handle(**options)
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = GracefulWorker(
            grace=grace,
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        try:
            worker.run()
        except GraceTimeExpired:
            pass  # raised just as the task ended, outside it: its result is checked below
        finally:
            worker.reset_signals()
            worker.release_claims()
            if worker.stopped:
                logger.warning("Stopped %d task(s): marking their jobs failed.", len(worker.stopped))
                call_command("sweep_jobs", stdout=self.stdout)  # by name: the sweepers live in higher apps
        return None
