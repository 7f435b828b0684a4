"""What the task queue knows about a job's background run (django-tasks-db's result rows), for the
sweepers of jobs whose worker died (organizations/importers/sweep.py, awards/services/sweep.py)."""

import datetime
from dataclasses import dataclass

from django.tasks import Task

STALLED_REASON = "Tiến trình nền dừng giữa chừng; hãy chạy lại."


@dataclass(frozen=True)
class TaskRun:
    started_at: datetime.datetime | None
    finished: bool  # the worker is done with it (succeeded or failed), whatever the job's row says


def task_runs(task: Task, *, ids, since: datetime.datetime) -> dict[int, TaskRun]:
    """The latest run of ``task`` queued since ``since`` for each of ``ids`` (the task's first
    argument). A job run in the request has none."""
    from django_tasks_db.models import DBTaskResult

    wanted = set(ids)
    runs: dict[int, TaskRun] = {}
    rows = (DBTaskResult.objects.filter(task_path=task.module_path, enqueued_at__gte=since)
            .order_by("enqueued_at").values_list("args_kwargs", "started_at", "finished_at"))
    for args_kwargs, started_at, finished_at in rows:
        args = (args_kwargs or {}).get("args") or [None]
        if args[0] in wanted:
            runs[args[0]] = TaskRun(started_at=started_at, finished=finished_at is not None)
    return runs


def is_stalled(run: TaskRun | None, *, since: datetime.datetime, now: datetime.datetime,
               bound: datetime.timedelta) -> bool:
    """A job still marked as running is stalled when the worker is done with its task (it died or was
    stopped inside it), or when it has run — since its task started, else since ``since`` — longer
    than ``bound``: its models keep no progress time, so the bound sits well above the slowest run."""
    if run is not None and run.finished:
        return True
    start = run.started_at if run is not None and run.started_at else since
    return now - start > bound
