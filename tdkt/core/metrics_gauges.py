"""The gauges an operator watches, read from the database at each scrape (so every web process
answers the same, whichever one Prometheus reaches): the task queue here; the import jobs and the
certificate batches in tdkt/awards/metrics.py (core does not import the apps above it: the setting
TDKT_METRICS_GAUGES names each source).

A source that fails (the database is down) is left out of that scrape and
tdkt_metrics_gauges_up{source} says 0; the error goes to the log.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.module_loading import import_string
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

DEFAULT_SOURCES = ["tdkt.core.metrics_gauges.task_gauges"]
TASK_STATUSES = ("READY", "RUNNING", "FAILED", "SUCCESSFUL")


def _age(now: datetime.datetime, since: datetime.datetime | None) -> float:
    return max(0.0, (now - since).total_seconds()) if since else 0.0


def task_gauges(*, now: datetime.datetime):
    """django-tasks-db's table: rows by queue and status, how long the oldest task ready to run has
    waited for a worker, and how long the longest running one has run."""
    from django_tasks_db.models import DBTaskResult

    tasks = GaugeMetricFamily(
        "tdkt_tasks",
        "Background tasks by queue and status: READY waits for a worker, RUNNING is being run; FAILED and "
        "SUCCESSFUL are kept until pruned (prune_db_task_results).",
        labels=["queue", "status"],
    )
    counts = {
        (queue, status): n
        for queue, status, n in DBTaskResult.objects.values_list("queue_name", "status")
        .annotate(n=Count("pk"))
        .order_by("queue_name", "status")
    }
    for queue in sorted({"default", *(queue for queue, _ in counts)}):
        for status in TASK_STATUSES:
            tasks.add_metric([queue, status], counts.get((queue, status), 0))
    yield tasks
    oldest_ready = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    yield GaugeMetricFamily(
        "tdkt_tasks_oldest_ready_age_seconds",
        "Seconds the oldest task ready to run has waited for a worker (0: none waits). Growing: no worker "
        "runs, or the workers are too few.",
        value=_age(now, oldest_ready),
    )
    oldest_running = DBTaskResult.objects.running().aggregate(oldest=Min("started_at"))["oldest"]
    yield GaugeMetricFamily(
        "tdkt_tasks_longest_running_seconds",
        "Seconds the longest running task has run (0: none runs). Hours: its worker died (sweep_jobs).",
        value=_age(now, oldest_running),
    )


class AppGauges:
    """A prometheus_client collector over the sources of TDKT_METRICS_GAUGES."""

    def collect(self):
        now = timezone.now()
        up = GaugeMetricFamily(
            "tdkt_metrics_gauges_up",
            "1 when this source's gauges were read at this scrape, 0 when it failed.",
            labels=["source"],
        )
        for path in getattr(settings, "TDKT_METRICS_GAUGES", DEFAULT_SOURCES):
            name = path.rsplit(".", 1)[-1]
            try:
                families = list(import_string(path)(now=now))
            except Exception:  # a scrape still answers with what it could read; the cause is logged
                logger.exception("Metrics source %s failed", path)
                up.add_metric([name], 0)
                continue
            up.add_metric([name], 1)
            yield from families
        yield up
