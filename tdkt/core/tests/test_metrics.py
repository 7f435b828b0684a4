"""/metrics: refused (404) to anyone but an allowed address connecting directly or a scraper with
the token; requests counted by view, method and status; queries counted; the task queue's gauges
read at each scrape; a failing source is named and the rest still served; no user's data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from tdkt.core.tasks import worker_heartbeat_task

pytestmark = pytest.mark.django_db
DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
TOKEN = "metrics-token-" + "x" * 30
NOW = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, (label, value) pairs sorted): value} of a scrape."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def scrape(client, **extra) -> dict[tuple, float]:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    return samples(response.content.decode())


def test_refused_from_an_address_not_listed_and_without_the_token(client):
    response = client.get("/metrics", REMOTE_ADDR="10.20.30.40")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()  # the site's own 404: nothing says it exists
    assert b"django_http" not in response.content


def test_served_to_loopback_by_default_but_never_through_a_proxy(client):
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::ffff:127.0.0.1").status_code == 200  # a dual-stack socket
    # A reverse proxy on the same machine connects from loopback on behalf of anyone outside.
    for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"):
        assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", **{header: "203.0.113.9"}).status_code == 404


@override_settings(TDKT_METRICS_ALLOWED_ADDRESSES=["10.0.5.0/24", "192.0.2.7"])
def test_served_to_the_configured_addresses_only(client):
    assert client.get("/metrics", REMOTE_ADDR="10.0.5.77").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.8").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404  # the list replaces loopback


@override_settings(TDKT_METRICS_TOKEN=TOKEN)
def test_served_with_the_bearer_token_from_anywhere(client):
    outside = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, **outside).status_code == 200
    assert client.get("/metrics", headers={"Authorization": f"bearer {TOKEN}"}, **outside).status_code == 200
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}x"}, **outside).status_code == 404
    assert client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"}, **outside).status_code == 404
    assert client.get("/metrics", **outside).status_code == 404


@override_settings(TDKT_METRICS_TOKEN="")
def test_an_empty_token_setting_accepts_no_token(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer "}).status_code == 404


def test_refuses_writes(client):
    assert client.post("/metrics").status_code == 405


def test_counts_requests_by_view_method_status_and_their_queries(client, world):
    login = ("django_http_requests_total", (("method", "GET"), ("status", "200"), ("view", "login")))
    missing = ("django_http_requests_total", (("method", "GET"), ("status", "404"), ("view", "<unresolved>")))
    before = scrape(client)
    client.get("/accounts/login/")
    client.get("/accounts/login/")
    client.get("/khong-co-trang-nay/")
    client.force_login(world.users["admin"])
    client.get("/")  # reads the session and the user: queries
    after = scrape(client)
    assert after[login] - before.get(login, 0) == 2
    assert after[missing] - before.get(missing, 0) == 1
    latency = ("django_http_requests_latency_seconds_by_view_method_count", (("method", "GET"), ("view", "login")))
    assert after[latency] - before.get(latency, 0) == 2
    vendor = (("alias", "default"), ("vendor", connection.vendor))
    assert after[("django_db_execute_total", vendor)] > before.get(("django_db_execute_total", vendor), 0)
    assert after[("django_db_query_duration_seconds_count", vendor)] > 0


def test_task_queue_gauges(client):
    with time_machine.travel(NOW - datetime.timedelta(minutes=10), tick=False), DB_TASKS:
        waiting = worker_heartbeat_task.enqueue()
    with time_machine.travel(NOW - datetime.timedelta(minutes=4), tick=False), DB_TASKS:
        worker_heartbeat_task.enqueue()
        running = worker_heartbeat_task.enqueue()
        failed = worker_heartbeat_task.enqueue()
        later = worker_heartbeat_task.using(run_after=NOW + datetime.timedelta(hours=1)).enqueue()
    DBTaskResult.objects.filter(pk=running.id).update(status="RUNNING", started_at=NOW - datetime.timedelta(seconds=90))
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED", finished_at=NOW)
    assert waiting.id
    assert later.id
    with time_machine.travel(NOW, tick=False):
        found = scrape(client)
    queue = {
        status: found[("tdkt_tasks", (("queue", "default"), ("status", status)))]
        for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL")
    }
    assert queue == {"READY": 3, "RUNNING": 1, "FAILED": 1, "SUCCESSFUL": 0}  # `later` is READY, not yet due
    assert found[("tdkt_tasks_oldest_ready_age_seconds", ())] == 600
    assert found[("tdkt_tasks_longest_running_seconds", ())] == 90
    assert found[("tdkt_metrics_gauges_up", (("source", "task_gauges"),))] == 1
    assert found[("tdkt_metrics_gauges_up", (("source", "job_gauges"),))] == 1


def test_gauges_are_zero_on_an_empty_queue(client):
    found = scrape(client)
    assert found[("tdkt_tasks", (("queue", "default"), ("status", "READY")))] == 0
    assert found[("tdkt_tasks_oldest_ready_age_seconds", ())] == 0
    assert found[("tdkt_tasks_longest_running_seconds", ())] == 0


def _broken(*, now):
    raise RuntimeError("db.internal:5432 refused")


@override_settings(TDKT_METRICS_GAUGES=["tdkt.core.tests.test_metrics._broken", "tdkt.core.metrics_gauges.task_gauges"])
def test_a_failing_source_is_named_and_the_rest_served(client, caplog):
    found = scrape(client)
    assert found[("tdkt_metrics_gauges_up", (("source", "_broken"),))] == 0
    assert found[("tdkt_metrics_gauges_up", (("source", "task_gauges"),))] == 1
    assert ("tdkt_tasks_oldest_ready_age_seconds", ()) in found
    assert "db.internal" in caplog.text  # the cause is in the log, not in the answer


def test_no_user_data_in_the_answer(client, world):
    client.force_login(world.users["unit_officer"])
    client.get("/")
    client.logout()
    text = client.get("/metrics").content.decode()
    for user in world.users.values():
        assert f'"{user.username}"' not in text
    ours = [f for f in text_string_to_metric_families(text) if f.name.startswith(("django_", "tdkt_"))]
    labels = {name for family in ours for sample in family.samples for name in sample.labels}
    assert labels <= {"view", "method", "status", "alias", "vendor", "type", "queue", "source", "le"}
