"""gunicorn's settings protect the workers: a request timeout above the slowest page (a document
converted by a cold LibreOffice), workers recycled after a number of requests, with jitter."""

import os
import runpy
import subprocess
import sys

from django.conf import settings
from gunicorn.config import Config

CONF = settings.BASE_DIR / "config" / "gunicorn.conf.py"


def _config(env: dict | None = None) -> Config:
    """The file read as gunicorn reads it: each name it defines set on gunicorn's own Config."""
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        names = runpy.run_path(str(CONF))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    config = Config()
    for name, value in names.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_workers_are_protected():
    config = _config()
    assert config.timeout == 120  # above the slowest page: a DOCX converted to PDF by a cold `soffice`
    assert config.max_requests == 1000
    assert 0 < config.max_requests_jitter < config.max_requests
    assert config.control_socket_disable is True
    assert config.access_log_format.endswith("id=%({x-request-id}o)s")  # the id the logs carry


def test_recycling_follows_the_environment():
    config = _config({"GUNICORN_MAX_REQUESTS": "500", "GUNICORN_MAX_REQUESTS_JITTER": "50"})
    assert (config.max_requests, config.max_requests_jitter) == (500, 50)


def test_gunicorn_accepts_the_file():
    """gunicorn itself parses the file and prints its settings (--print-config), nothing served."""
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    result = subprocess.run([gunicorn, "-c", str(CONF), "--print-config", "config.wsgi"], capture_output=True,
                            text=True, cwd=settings.BASE_DIR, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = {line.split("=")[0].strip(): line.split("=", 1)[1].strip() for line in result.stdout.splitlines()
             if "=" in line}
    assert lines["max_requests"] == "1000"
    assert lines["max_requests_jitter"] == "100"
    assert lines["timeout"] == "120"
