"""/metrics under gunicorn with several workers recycled every few requests (config/gunicorn.conf.py):
the counts add up over every worker that served, the dead ones included (folded into an archive
file, so the folder does not grow), to exactly the requests sent; a stale count left in the folder
is cleared at start; the gauges read the shared database; the folder is emptied at stop. Nothing
here may be skipped: a missing tool is a failure."""

import runpy
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from gunicorn.config import Config
from prometheus_client.mmap_dict import MmapedDict, mmap_key
from prometheus_client.parser import text_string_to_metric_families

from tdkt.core.tasks import worker_heartbeat_task

from .child_db import SharedDatabase
from .gunicorn_server import gunicorn_server

pytestmark = pytest.mark.django_db(transaction=True)
DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
LOGIN = {"method": "GET", "status": "200", "view": "login"}
SENT = 12


def _get(url: str) -> tuple[int, str]:
    assert url.startswith("http://127.0.0.1:")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 — the loopback server started here
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _stale_count(folder: Path) -> None:
    """What a previous server left: 1,000 logins counted by a process long gone."""
    stale = MmapedDict(str(folder / "counter_99999.db"))
    key = mmap_key(
        "django_http_requests",
        "django_http_requests_total",
        list(LOGIN),
        list(LOGIN.values()),
        "Requests answered, by view, method and status.",
    )
    stale.write_value(key, 1000.0, 0.0)
    stale.close()


def test_counts_add_up_across_recycled_workers(tmp_path):
    shared = SharedDatabase(tmp_path)
    with DB_TASKS:  # heartbeats: /healthz, polled below, queues no other while one waits
        worker_heartbeat_task.enqueue()
        worker_heartbeat_task.enqueue()
    shared.send()
    folder = tmp_path / "metrics"
    folder.mkdir()
    _stale_count(folder)
    env = shared.child_env(
        PROMETHEUS_MULTIPROC_DIR=str(folder),
        GUNICORN_MAX_REQUESTS="3",
        GUNICORN_MAX_REQUESTS_JITTER="0",
        WEB_CONCURRENCY="2",
    )
    log = tmp_path / "gunicorn.log"
    with gunicorn_server(env=env, log=log, probe="/healthz") as server:
        for _ in range(SENT):
            assert _get(server.base + "/accounts/login/")[0] == 200
        files = sorted(name.name for name in folder.glob("*.db"))
        status, text = _get(server.base + "/metrics")
        assert status == 200, text[:2000]
        # 14 requests at 3 per worker need 5 workers; a replacement writes its boot line a moment after
        # the request that ended its predecessor, so wait for the line rather than count too early.
        deadline = time.monotonic() + 60
        while log.read_text().count("Booting worker") < 5 and time.monotonic() < deadline:
            time.sleep(0.2)
    output = log.read_text()
    assert "Traceback" not in output, output
    found = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    assert found[("django_http_requests_total", tuple(sorted(LOGIN.items())))] == SENT  # not 1,012
    # 2 workers, each replaced after 3 requests: 14 requests or more, 5 processes or more, yet no more
    # files than an archive and 2 live workers' (dead workers' counts are folded into the archive).
    assert "counter_archive.db" in files, files
    assert len([name for name in files if name.startswith("counter_")]) <= 3, files
    assert len([name for name in files if name.startswith("histogram_")]) <= 3, files
    assert output.count("Booting worker") >= 5, output
    assert found[("tdkt_tasks", (("queue", "default"), ("status", "READY")))] == 2
    assert not list(folder.glob("*.db")), "the counts were not cleared when gunicorn stopped"


def test_workers_finish_their_requests_on_stop_and_the_master_keeps_the_metrics_folder():
    """Read as gunicorn reads the file: a stopping or recycled worker may finish any request it holds
    (graceful_timeout = timeout), and the master's hooks prepare, prune and clear the metrics folder."""
    names = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    config = Config()
    for name, value in names.items():
        if name in config.settings:
            config.set(name, value)
    assert config.graceful_timeout == config.timeout == 120
    assert config.on_starting.__module__ == config.child_exit.__module__ == config.on_exit.__module__ == "<run_path>"
