"""Background tasks of the core app, run by `manage.py db_worker`."""

from django.tasks import task

HEARTBEAT_PRIORITY = 100  # the highest: a free worker runs it before any queued import or batch


@task(priority=HEARTBEAT_PRIORITY)
def worker_heartbeat_task() -> str:
    """Proof that a worker takes work off the queue (/healthz, tdkt/core/health.py): its finishing
    time is the heartbeat. Earlier finished heartbeats are deleted, so the table keeps one."""
    from django_tasks_db.models import DBTaskResult

    # This run's own row is still unfinished here, so it stays (the worker saves its result next).
    DBTaskResult.objects.filter(task_path=worker_heartbeat_task.module_path, finished_at__isnull=False).delete()
    return "ok"
