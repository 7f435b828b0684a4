"""/healthz: database, worker heartbeat and file storage; 503 naming what fails, nothing leaked."""

import datetime
import os
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tdkt.core.tasks import worker_heartbeat_task

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = pytest.mark.django_db


def _beats():
    return DBTaskResult.objects.filter(task_path=worker_heartbeat_task.module_path)


def test_healthz_answers_ok_without_login_and_leaves_no_file(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "worker": "skipped", "storage": "ok"}}
    assert "no-cache" in response["Cache-Control"]
    assert not os.listdir(settings.MEDIA_ROOT / "healthz")


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_a_failing_database_is_named_and_its_error_kept_in_the_log(client, caplog):
    with mock.patch("tdkt.core.health.connection.cursor", side_effect=OperationalError("db.internal:5432 refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert response.json()["status"] == "error"
    assert b"db.internal" not in response.content
    assert "db.internal" in caplog.text


def test_a_failing_storage_is_named(client):
    with mock.patch("tdkt.core.health.default_storage.save", side_effect=PermissionError("/srv/tdkt/var/media")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]
    assert b"/srv" not in response.content


@override_settings(TASKS=DB_TASKS, TDKT_WORKER_HEARTBEAT_EVERY=60, TDKT_WORKER_HEARTBEAT_MAX_WAIT=300)
def test_worker_heartbeat_is_queued_and_its_wait_bounded(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/healthz").json()["checks"]["worker"] == "ok"
        assert _beats().count() == 1  # queued for the worker
        client.get("/healthz")
        assert _beats().count() == 1  # not queued twice while one waits
    with time_machine.travel(start + datetime.timedelta(seconds=301), tick=False):
        response = client.get("/healthz")  # nobody took it off the queue: no worker
        assert response.status_code == 503
        assert response.json()["failing"] == ["worker"]


@override_settings(TASKS=DB_TASKS, TDKT_WORKER_HEARTBEAT_EVERY=60, TDKT_WORKER_HEARTBEAT_MAX_WAIT=300)
# The worker closes the database connection between tasks as a real one does; inside a test's
# transaction that would lose it on PostgreSQL, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_running_worker_keeps_the_check_green_and_one_heartbeat_row(client):
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        client.get("/healthz")
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*", verbosity=0)
        assert _beats().get().finished_at is not None
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=True):
        assert client.get("/healthz").status_code == 200
        assert _beats().count() == 1  # beat recently: nothing new queued
    with time_machine.travel(start + datetime.timedelta(seconds=120), tick=True):
        assert client.get("/healthz").status_code == 200
        assert _beats().count() == 2  # the last beat is old: a new one is queued
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*", verbosity=0)
        assert _beats().count() == 1  # the new beat deleted the old one
        assert _beats().get().status == "SUCCESSFUL"
    with time_machine.travel(start + datetime.timedelta(seconds=1000), tick=True):
        assert client.get("/healthz").status_code == 200  # an old beat only asks for a new one

