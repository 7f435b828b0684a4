"""The jobs' gauges on /metrics: import jobs and certificate batches not finished, by state, and how
long the running batch has run — counts only, no file name or user."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from prometheus_client.parser import text_string_to_metric_families

from tdkt.awards.models import CertificateBatch, CertificateBatchStatus
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus

from .test_certificate_batch import decision, fake_pdf  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)


def _scrape(client) -> dict[tuple, float]:
    response = client.get("/metrics")  # the test client connects from 127.0.0.1: allowed by default
    assert response.status_code == 200
    return {
        (s.name, tuple(s.labels.values())): s.value
        for f in text_string_to_metric_families(response.content.decode())
        for s in f.samples
    }


def _job(world, status) -> ImportJob:
    job = ImportJob(
        kind=ImportKind.PEOPLE,
        status=status,
        original_name="nhan-su-bi-mat.xlsx",
        created_by=world.users["unit_officer"],
    )
    job.file.save("upload.xlsx", ContentFile(b"PK fake"), save=False)
    job.save()
    return job


def test_unfinished_jobs_by_state(client, world, decision):  # noqa: F811 (fixture)
    for status in (
        ImportStatus.QUEUED,
        ImportStatus.QUEUED,
        ImportStatus.WRITING,
        ImportStatus.DONE,
        ImportStatus.FAILED,
    ):
        _job(world, status)
    CertificateBatch.objects.create(
        decision=decision, status=CertificateBatchStatus.RUNNING, started_at=NOW - datetime.timedelta(minutes=5)
    )
    with time_machine.travel(NOW, tick=False):
        found = _scrape(client)
    assert {s: found[("tdkt_import_jobs_unfinished", (s,))] for s in ("queued", "validating", "writing")} == {
        "queued": 2,
        "validating": 0,
        "writing": 1,
    }
    assert ("tdkt_import_jobs_unfinished", ("done",)) not in found  # finished jobs are history, not load
    assert found[("tdkt_certificate_batches_unfinished", ("queued",))] == 0
    assert found[("tdkt_certificate_batches_unfinished", ("running",))] == 1
    assert found[("tdkt_certificate_batches_longest_running_seconds", ())] == 300
    assert found[("tdkt_metrics_gauges_up", ("job_gauges",))] == 1
    assert b"nhan-su-bi-mat" not in client.get("/metrics").content


def test_no_jobs_reads_zero(client):
    found = _scrape(client)
    assert found[("tdkt_import_jobs_unfinished", ("queued",))] == 0
    assert found[("tdkt_certificate_batches_unfinished", ("running",))] == 0
    assert found[("tdkt_certificate_batches_longest_running_seconds", ())] == 0
