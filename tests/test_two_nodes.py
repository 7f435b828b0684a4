"""Two web nodes, one database and one file store (issue 12, point 3): two gunicorn processes on free
ports share the suite's database (PostgreSQL's test database, or a file copy of SQLite's in-memory one)
and one S3 bucket (moto's server, tests/conftest.py), each with a local MEDIA_ROOT of its own that must
stay empty. A user logs in through node A, uploads a file there and downloads it through node B with
the same session cookie; a logout through B ends the session on A; failed logins counted on both
nodes lock the name on both. Nothing may be skipped: a missing tool is a failure."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tdkt.awards.services.dossiers import dossier_create, nominee_add
from tdkt.awards.tests.conftest import PDF, awards  # noqa: F401 - the fixture

from .conftest import free_port

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")
THROTTLED = "Đăng nhập sai quá nhiều lần"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class Browser:
    """One browser: its cookies go to whichever node it talks to, as behind a load balancer."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, url: str, *, data: bytes | None = None, content_type: str = ""):
        assert url.startswith("http://127.0.0.1:")
        headers = {"Content-Type": content_type} if content_type else {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - loopback only
        try:
            with _opener.open(request, timeout=30) as response:
                status, answer, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, body = error.code, error.headers, error.read()
        for cookie in answer.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            if "max-age=0" in rest.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, answer, body

    def post(self, url: str, fields: dict):
        fields = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.request(
            url, data=urllib.parse.urlencode(fields).encode(), content_type="application/x-www-form-urlencoded"
        )

    def login(self, node: str, username: str, password: str):
        status, _, _ = self.request(node + reverse("login"))
        assert status == 200
        return self.post(node + reverse("login"), {"username": username, "password": password})


def _database_url(tmp_path: Path) -> str:
    """The database both nodes open. SQLite's test database lives in this process's memory, so it
    is copied, migrated and with this test's rows, into a file both nodes share."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "nodes.sqlite3"
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{path}"
    assert connection.vendor == "postgresql", connection.vendor
    db = connection.settings_dict
    auth = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_node(name: str, env: dict, tmp_path: Path):
    assert GUNICORN.is_file(), f"gunicorn is not installed in the virtualenv ({GUNICORN})"
    port = free_port()
    media = tmp_path / f"media-{name}"
    media.mkdir()
    log = (tmp_path / f"node-{name}.log").open("w+")
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "-c",
            "config/gunicorn.conf.py",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "config.wsgi",
        ],
        env={**env, "MEDIA_ROOT": str(media)},
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return process, f"http://127.0.0.1:{port}", log, media


def _wait(process, base: str, log) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"node {base} stopped:\n{Path(log.name).read_text()}"
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5).read()  # noqa: S310 - loopback only
            return
        except OSError:
            assert time.monotonic() < deadline, f"node {base} did not answer:\n{Path(log.name).read_text()}"
            time.sleep(0.2)


@pytest.fixture
def dossier(awards):  # noqa: F811
    officer = awards.world.users["unit_officer"]
    dossier = dossier_create(
        actor=officer,
        round=awards.round,
        organization=awards.world.orgs["FIN"],
        title="Tờ trình đề nghị khen thưởng năm 2025",
    )
    nominee_add(actor=officer, dossier=dossier, award=awards.forms["GK_STC"], person=awards.world.people["fin"])
    return dossier


def _multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "----tdkt-two-nodes"
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db(transaction=True)
def test_two_nodes_share_sessions_files_and_login_throttling(awards, dossier, s3, tmp_path):  # noqa: F811
    users = awards.world.users
    officer, viewer = users["unit_officer"].username, users["viewer"].username
    cleared = {
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "MEDIA_ROOT",
        "SECRET_KEY",
        "DEBUG",
        "PORT",
        "DJANGO_SETTINGS_MODULE",
        "WEB_CONCURRENCY",
    }
    env = {k: v for k, v in os.environ.items() if k not in cleared and not k.startswith(("TDKT_", "AWS_"))}
    env.update(s3.environment, DJANGO_SETTINGS_MODULE="tests.two_nodes_settings", DATABASE_URL=_database_url(tmp_path))
    nodes = [_start_node(name, env, tmp_path) for name in ("a", "b")]
    try:
        with ThreadPoolExecutor(len(nodes)) as pool:  # both start at once: half the wait
            list(pool.map(lambda node: _wait(*node[:3]), nodes))
        (_, a, _, media_a), (_, b, _, media_b) = nodes

        # Log in through A; the same cookie is a session on B.
        browser = Browser()
        status, answer, _ = browser.login(a, officer, "pw-" + officer)
        assert status == 302, answer
        assert "sessionid" in browser.cookies
        dossier_page = reverse("awards:dossier", args=[dossier.pk])
        status, _, page = browser.request(b + dossier_page)
        assert status == 200, page[:500]

        # Upload through A, download through B: the file is in the bucket, on neither node's disk.
        body, content_type = _multipart(
            {"component": "to_trinh", "csrfmiddlewaretoken": browser.cookies["csrftoken"]}, "Tờ trình.pdf", PDF
        )
        status, _, page = browser.request(
            a + reverse("awards:attachment_add", args=[dossier.pk]), data=body, content_type=content_type
        )
        assert status == 302, page[:2000]
        assert len(s3.keys("dossiers/")) == 1
        assert s3.read(s3.keys("dossiers/")[0]) == PDF
        status, _, page = browser.request(b + dossier_page)
        prefix = reverse("awards:attachment", args=[1])[: -len("1/")]
        links = re.findall(re.escape(prefix) + r"(\d+)/\"", page.decode())
        assert len(links) == 1, page.decode()[:3000]
        status, answer, data = browser.request(b + f"{prefix}{links[0]}/")
        assert status == 200
        assert data == PDF
        assert answer["Content-Disposition"].startswith("attachment")
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Content-Security-Policy"] == "sandbox"
        assert not [p for p in (*media_a.rglob("*"), *media_b.rglob("*")) if p.is_file()]

        # A logout through B ends the session on A.
        status, _, _ = browser.post(b + reverse("logout"), {})
        assert status == 302
        status, answer, _ = browser.request(a + dossier_page)
        assert status == 302
        assert reverse("login") in answer["Location"]

        # Failed logins of one name, alternately on A and B: LOGIN_FREE_FAILURES (3) are free, the
        # fourth locks the name at this address on both nodes, even with the right password. Counted
        # per process, each node would have seen two failures and let it in.
        assert settings.LOGIN_FREE_FAILURES == 3
        intruder = Browser()
        for node in (a, b, a, b):
            status, _, page = intruder.login(node, viewer, "wrong password")
            assert status == 200
            assert THROTTLED not in page.decode()
        for node in (a, b):
            status, _, page = intruder.login(node, viewer, "pw-" + viewer)
            assert status == 200, "logged in despite the lock-out"
            assert THROTTLED in page.decode()
            assert "sessionid" not in intruder.cookies
    finally:
        for process, *_ in nodes:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: nothing is in flight now
        outputs = []
        for process, _, log, _ in nodes:
            process.wait(timeout=30)
            log.seek(0)
            outputs.append(log.read())
            log.close()
    for output in outputs:
        assert "Traceback" not in output, output


def test_no_state_lives_in_one_process():
    """Sessions in the database; login failures in the database (tdkt/accounts/models.LoginFailure);
    import and certificate jobs in the database (ImportJob, CertificateBatch, django-tasks-db). The
    cache is per process (local memory), so nothing may depend on it: no module of the application
    uses it."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.fallback.FallbackStorage"
    assert settings.TASKS["default"]["BACKEND"] != "django.tasks.backends.dummy.DummyBackend"
    users_of_cache = [
        str(path.relative_to(BASE_DIR))
        for folder in ("tdkt", "config")
        for path in sorted((BASE_DIR / folder).rglob("*.py"))
        if "/tests/" not in str(path)
        and re.search(r"django\.core\.cache|cache_page|cache_control\(.*public|ninja\.throttling", path.read_text())
    ]
    assert users_of_cache == []
