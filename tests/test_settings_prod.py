"""Production settings refuse to start unsafe; demo accounts never exist outside the demo database."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

STRONG = "x" * 50


CLEARED = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "PORT", "TDKT_SITE_URL", "DJANGO_SETTINGS_MODULE"}


def _start(env_overrides: dict, code: str = "import django; django.setup(); print('started')"):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": STRONG, "DATABASE_URL": "postgres://u@127.0.0.1/x", "DEBUG": "1"}, "DEBUG"),
        ({"DATABASE_URL": "postgres://u@127.0.0.1/x"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "DATABASE_URL": "postgres://u@127.0.0.1/x"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG}, "DATABASE_URL"),
    ],
)
def test_production_refuses_unsafe_settings(env, message):
    result = _start(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = _start({"SECRET_KEY": STRONG, "DATABASE_URL": "postgres://u@127.0.0.1/x"})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.TDKT_DEMO, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
    "s.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[1], s.TDKT_SITE_URL or '-')"
)


def test_demo_serving_settings_are_production_behaviour_on_the_embedded_database():
    """`make run` (config.settings.demo): DEBUG off whatever DEBUG says, manifest static files, the
    demo accounts; plain http on 127.0.0.1, so no redirect to https and no secure-only cookies."""
    result = _start({"DJANGO_SETTINGS_MODULE": "config.settings.demo", "DEBUG": "1"}, PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "False", "False", "CompressedManifestStaticFilesStorage", "-"]


def test_demo_serving_settings_refuse_the_demo_key_on_another_database():
    result = _start({"DJANGO_SETTINGS_MODULE": "config.settings.demo", "DATABASE_URL": "postgres://u@127.0.0.1/x"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    elsewhere = {"DJANGO_SETTINGS_MODULE": "config.settings.demo", "DATABASE_URL": "postgres://u@127.0.0.1/x"}
    result = _start({**elsewhere, "SECRET_KEY": STRONG}, PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "False"]  # no demo accounts off the embedded database


def test_production_settings_serve_manifest_static_files_over_https_only():
    result = _start({"SECRET_KEY": STRONG, "DATABASE_URL": "postgres://u@127.0.0.1/x"}, PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:5] == ["False", "False", "True", "True", "CompressedManifestStaticFilesStorage"]


@pytest.mark.parametrize(
    ("env", "site_url"),
    [
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "TDKT_SITE_URL": "https://tdkt.quangtri.gov.vn"}, "https://tdkt.quangtri.gov.vn"),
        ({}, "-"),
    ],
)
def test_site_url_follows_the_port_served(env, site_url):
    """Certificate QR codes and e-mail links point where `make run`/`make dev` serve (PORT)."""
    result = _start({"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}, PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == site_url


def test_wsgi_entry_point_defaults_to_production_settings():
    """`gunicorn config.wsgi` without DJANGO_SETTINGS_MODULE gets the settings that refuse an unsafe start."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_certificate_qr_codes_and_email_links_follow_the_port_served():
    code = (
        "import django; django.setup(); "
        "from tdkt.awards.certificates import site_url as qr; from tdkt.movements.reminders import site_url as mail; "
        "print(qr(), mail())"
    )
    result = _start({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "PORT": "8123"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8123", "http://127.0.0.1:8123"]
