"""Gauges of the background jobs a clerk waits for (tdkt/core/metrics_gauges.py reads them at each
scrape, through TDKT_METRICS_GAUGES): import jobs and certificate batches not finished yet, by
state. Here, in the higher of the two apps, like `sweep_jobs`, because it reads both. Counts only:
no file name, user or organisation."""

import datetime

from django.db.models import Count, Min
from prometheus_client.core import GaugeMetricFamily

from tdkt.organizations.models import ImportJob, ImportStatus

from .models import CertificateBatch, CertificateBatchStatus

IMPORT_UNFINISHED = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.WRITING)
BATCH_UNFINISHED = (CertificateBatchStatus.QUEUED, CertificateBatchStatus.RUNNING)


def _by_status(queryset, statuses) -> dict[str, int]:
    rows = queryset.filter(status__in=statuses).values_list("status").annotate(n=Count("pk")).order_by("status")
    return dict(rows)


# (gauge, help, model, unfinished statuses): one gauge a kind of job, a sample a status.
UNFINISHED_GAUGES = (
    (
        "tdkt_import_jobs_unfinished",
        "Excel imports not finished: queued (waiting for a worker), validating, writing.",
        ImportJob,
        IMPORT_UNFINISHED,
    ),
    (
        "tdkt_certificate_batches_unfinished",
        "Decisions' certificate batches not finished: queued (waiting for a worker), running.",
        CertificateBatch,
        BATCH_UNFINISHED,
    ),
)


def job_gauges(*, now: datetime.datetime):
    for name, documentation, model, statuses in UNFINISHED_GAUGES:
        gauge = GaugeMetricFamily(name, documentation, labels=["status"])
        counts = _by_status(model.objects.all(), statuses)
        for status in statuses:
            gauge.add_metric([status.value], counts.get(status.value, 0))
        yield gauge
    oldest = CertificateBatch.objects.filter(status=CertificateBatchStatus.RUNNING).aggregate(oldest=Min("started_at"))[
        "oldest"
    ]
    yield GaugeMetricFamily(
        "tdkt_certificate_batches_longest_running_seconds",
        "Seconds the longest running certificate batch has run (0: none runs).",
        value=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
    )
