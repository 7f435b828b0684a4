"""`manage.py check --deploy` is clean under the production settings (HSTS, secure cookies,
referrer policy, framing, sniffing) — run as production starts: a fresh process, the environment only."""

import json
import os
import subprocess
import sys

from django.conf import settings

# DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest for their own process: production never has it.
CLEARED = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "PORT", "TDKT_SITE_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_HOST",
           "DJANGO_ALLOW_ASYNC_UNSAFE"}
# What a production environment sets: its own long random key, its database, its SMTP relay
# (without one the console mail backend is an error: reminders would never leave the server).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "k3!Qz9#vR2@mW7$pL5%tY8^bN4&cX6*dF1(gH0)jS-_=+aZ" * 2,
    "DATABASE_URL": "postgres://u@127.0.0.1/x",
    "EMAIL_HOST": "smtp.example.invalid",
    "ALLOWED_HOSTS": "tdkt.example.gov.vn",
}


def _check_deploy(env_overrides: dict | None = None):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update({**PRODUCTION_ENV, **(env_overrides or {})})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_names_a_missing_smtp_relay():
    """Production without EMAIL_HOST would print reminders to the console: the check says so."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_HOST"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], env=env, capture_output=True, text=True,
        cwd=settings.BASE_DIR, timeout=120,
    )
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_production_probes_healthz_over_plain_http_and_redirects_the_rest():
    """/healthz answers a load balancer's plain-http probe (SECURE_REDIRECT_EXEMPT); checks stubbed."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(PRODUCTION_ENV)
    code = (
        "import django; django.setup(); import tdkt.core.health as h; h.CHECKS.clear(); "
        "from django.test import Client; c = Client(HTTP_HOST='tdkt.example.gov.vn'); "
        "print(c.get('/healthz').status_code, c.get('/').status_code)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            cwd=settings.BASE_DIR, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]


def test_production_logs_json_lines_with_the_request_id():
    env = {k: v for k, v in os.environ.items() if k not in CLEARED | {"LOG_FORMAT"}}
    env.update(PRODUCTION_ENV)
    code = (
        "import django, logging; django.setup(); import tdkt.core.health as h; h.CHECKS.clear(); "
        "from django.test import Client; response = Client(HTTP_HOST='tdkt.example.gov.vn').get('/healthz'); "
        "print(len(response['X-Request-ID'])); logging.getLogger('tdkt').warning('thử')"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            cwd=settings.BASE_DIR, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["32"]
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["level"], line["message"], line["request_id"]) == ("WARNING", "thử", "-")
