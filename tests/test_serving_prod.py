"""Served the way production is: `collectstatic` under config.settings.prod (once: config.settings.demo,
what `make run` serves, collects the same, which a test here checks), then gunicorn under each with
DEBUG off on a free loopback port, fetched over HTTP like a browser would. Nothing here may be
skipped: a missing tool is a failure."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .gunicorn_server import gunicorn_server

BASE_DIR = Path(settings.BASE_DIR)
SECRET = "serving-test-" + "k" * 40
# The settings read these from the environment: none of the caller's may leak in.
CLEARED = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "STATIC_ROOT", "PORT", "TDKT_SITE_URL", "DJANGO_SETTINGS_MODULE"}


def _env(settings_module: str, database: Path, static_root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY=SECRET,
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(static_root),
    )
    return env


def _manage(env: dict, *args: str, timeout: int = 600) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) — error statuses are answers here, not exceptions."""
    # Production sits behind a TLS proxy that says so (SECURE_PROXY_SSL_HEADER); without it every
    # request would be redirected to https.
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(  # noqa: S310 — only the loopback server started here
        url, data=data, headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One migrated SQLite file for both servers (prod accepts any DATABASE_URL but the demo one)."""
    root = tmp_path_factory.mktemp("serving")
    database = root / "db.sqlite3"
    _manage(_env("config.settings.prod", database, root / "unused-static"), "migrate", "--noinput", "-v", "0")
    return database


@pytest.fixture(scope="module")
def static_root(database, tmp_path_factory):
    """collectstatic run once, under config.settings.prod, for both servers: the two settings modules
    collect the same files the same way (test_demo_collects_static_files_as_production_does), and
    each run costs some ten seconds of hashing and compressing."""
    static_root = tmp_path_factory.mktemp("static")
    _manage(_env("config.settings.prod", database, static_root), "collectstatic", "--noinput", "-v", "0")
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    stylesheet = static_root / manifest["vendor/bootstrap/bootstrap.min.css"]
    assert stylesheet.is_file(), "collectstatic wrote no hashed stylesheet"
    assert stylesheet.with_name(stylesheet.name + ".gz").is_file(), "collectstatic compressed nothing"
    return static_root


@pytest.fixture(scope="module", params=["config.settings.prod", "config.settings.demo"])
def server(request, database, static_root, tmp_path_factory):
    settings_module = request.param
    log = tmp_path_factory.mktemp("gunicorn") / f"{settings_module}.log"
    env = _env(settings_module, database, static_root)
    with gunicorn_server(env=env, log=log, probe="/accounts/login/", args=("--workers", "1")) as running:
        yield running.base
    output = log.read_text()
    # A clean stop: gunicorn shuts its workers down on TERM, and no request failed on the server.
    assert "Shutting down" in output, output
    assert "Traceback" not in output, output


def test_demo_collects_static_files_as_production_does(database, static_root):
    """What `make run` collects under config.settings.demo is what production collects: the settings
    collectstatic and WhiteNoise read are the same in both modules, so the one run above stands for
    both (a module that changed any of them would need a collectstatic of its own here)."""
    script = (
        "import importlib\n"
        "def static(name):\n"
        "    module = importlib.import_module(name)\n"
        "    found = {k: getattr(module, k) for k in dir(module) if k.startswith(('STATIC', 'WHITENOISE_'))}\n"
        "    found.update(INSTALLED_APPS=module.INSTALLED_APPS, storage=module.STORAGES['staticfiles'])\n"
        "    return found\n"
        "prod, demo = static('config.settings.prod'), static('config.settings.demo')\n"
        "print(sorted(k for k in prod.keys() | demo.keys() if prod.get(k, '?') != demo.get(k, '?')))\n"
        "print(sorted(prod))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_env("config.settings.prod", database, static_root),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    differing, compared = result.stdout.splitlines()
    assert differing == "[]", f"the static settings differ between prod and demo: {differing}"
    for name in ("STATIC_ROOT", "STATICFILES_DIRS", "WHITENOISE_KEEP_ONLY_HASHED_FILES", "storage"):
        assert f"'{name}'" in compared, compared


def test_login_page_with_hashed_static_files(server):
    status, headers, body = fetch(server + "/accounts/login/")
    assert status == 200, body[:2000]
    assert headers["Server"].startswith("gunicorn")
    page = body.decode()
    assert "Đăng nhập" in page
    hashed = re.findall(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    assert hashed, "the stylesheet is not named from the manifest"
    status, headers, css = fetch(server + hashed[0], headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    for script in re.findall(r'src="(/static/[^"]+\.[0-9a-f]{12}\.js)"', page):
        assert fetch(server + script)[0] == 200, script


def test_unknown_address_is_a_vietnamese_404_without_url_patterns(server):
    status, _, body = fetch(server + "/khong-co-trang-nay/?x=<b>")
    page = body.decode()
    assert status == 404
    assert "Không tìm thấy trang" in page
    assert "/khong-co-trang-nay/" in page
    assert 'href="/"' in page  # the way home
    for leak in ("URLconf", "urlpatterns", "admin/", "api/v1/", "Page not found", "DEBUG = True", "<b>"):
        assert leak not in page, leak


def test_refused_form_is_a_vietnamese_csrf_page(server):
    status, _, body = fetch(
        server + "/accounts/login/",
        data=b"username=admin&password=demo",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    page = body.decode()
    assert status == 403
    assert "Không gửi được biểu mẫu" in page
    assert "CSRF verification failed" not in page
    assert 'href="/"' in page


def test_api_errors_stay_json(server):
    status, headers, _ = fetch(server + "/api/v1/people")
    assert status == 401
    assert headers["Content-Type"].startswith("application/json")


def test_demo_accounts_never_exist_in_production(database):
    """The production settings never load the demo accounts (password \"demo\"), whatever the database."""
    env = _env("config.settings.prod", database, database.parent / "unused-static")
    _manage(env, "load_demo")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.contrib.auth import get_user_model; print(get_user_model().objects.count())"],
        env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_every_static_file_a_template_names_exists():
    """Under the manifest storage a {% static %} naming a missing file is a 500 on every page that
    uses it (the test settings would not notice): each name must be found by the finders."""
    from django.contrib.staticfiles import finders

    pattern = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")
    missing = []
    for path in [*BASE_DIR.glob("templates/**/*.html"), *BASE_DIR.glob("tdkt/**/templates/**/*.html")]:
        for name in pattern.findall(path.read_text(encoding="utf-8")):
            if not finders.find(name):
                missing.append(f"{path.relative_to(BASE_DIR)}: {name}")
    assert not missing, missing
