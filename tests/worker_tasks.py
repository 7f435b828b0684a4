"""Tasks and an entry point for the worker-shutdown tests (tests/test_worker_shutdown.py): the worker
runs in a child process, which imports these by their path like any task.

`python -m tests.worker_tasks <manage.py arguments>` runs a management command; with
TDKT_TEST_STUCK_IMPORT=<marker file> the import task hangs, as an import stuck in a cold
LibreOffice or a huge sheet would: it says it started (the marker), then never ends by itself."""

import os
import sys
import time
from pathlib import Path

from django.tasks import task


@task
def slow_task(marker: str, seconds: float) -> str:
    Path(marker).write_text("started")
    time.sleep(seconds)
    return f"slept {seconds}s"


def _stuck_import(*, job):
    job.status = "validating"
    job.save(update_fields=["status"])
    Path(os.environ["TDKT_TEST_STUCK_IMPORT"]).write_text("started")
    while True:
        try:
            time.sleep(3600)
        except Exception:  # noqa: S112 — a task that swallows errors must still be stoppable
            continue


def main(argv: list[str]) -> None:
    import django

    django.setup()
    if os.environ.get("TDKT_TEST_STUCK_IMPORT"):
        import tdkt.organizations.tasks

        tdkt.organizations.tasks.import_job_run = _stuck_import
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
