"""`/healthz`: can this deployment serve and finish work? The database answers a trivial query, a
background worker takes work off the queue, and the file storage writes, reads and deletes.

The worker heartbeat uses the task queue itself (no worker changes, no new table): the probe
queues a tiny top-priority task (tdkt/core/tasks.py) when the last one finished more than
HEARTBEAT_EVERY ago, and the check fails when a heartbeat has waited longer than HEARTBEAT_MAX_WAIT
without being finished — the worker is down, or busy with one job for longer than that, and either
way queued imports and certificates wait. A dead worker is seen at most HEARTBEAT_MAX_WAIT after a
probe, never before the first probe's heartbeat has had that long.

The answer names checks only: no versions, paths, hosts or error texts (those go to the log).
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.tasks import task_backends
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, FAILING, SKIPPED = "ok", "error", "skipped"


def _seconds(name: str, default: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, name, default))


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return OK if row and row[0] == 1 else FAILING


def check_worker(*, now: datetime.datetime | None = None) -> str:
    """"skipped" when tasks run in the request (the tests' immediate backend): there is no worker."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import worker_heartbeat_task

    backend = task_backends[worker_heartbeat_task.backend]
    if not isinstance(backend, DatabaseBackend):
        return SKIPPED
    now = now or timezone.now()
    beats = DBTaskResult.objects.filter(task_path=worker_heartbeat_task.module_path, backend_name=backend.alias)
    waiting = beats.filter(finished_at__isnull=True).order_by("enqueued_at").first()
    if waiting is not None:
        return FAILING if now - waiting.enqueued_at > _seconds("TDKT_WORKER_HEARTBEAT_MAX_WAIT", 300) else OK
    last = beats.order_by("-finished_at").values_list("finished_at", flat=True).first()
    if last is None or now - last > _seconds("TDKT_WORKER_HEARTBEAT_EVERY", 60):
        worker_heartbeat_task.enqueue()
    return OK


def check_storage() -> str:
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
    finally:
        default_storage.delete(name)
    return OK if content == b"ok" and not default_storage.exists(name) else FAILING


CHECKS = {"database": check_database, "worker": check_worker, "storage": check_storage}


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # any failure is the check's answer; the details stay in the log
            logger.exception("Health check %s failed", name)
            results[name] = FAILING
    return results


@login_not_required
@require_safe
@never_cache
def healthz(request):
    """200 {"status": "ok", "checks": {...}} or 503 {"status": "error", "failing": [...], "checks": {...}}."""
    checks = run_checks()
    failing = [name for name, result in checks.items() if result == FAILING]
    if failing:
        return JsonResponse({"status": "error", "failing": failing, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})
