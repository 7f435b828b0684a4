"""Production settings refuse to start unsafe; demo accounts never exist outside the demo database."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

STRONG = "x" * 50


def _start(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
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
