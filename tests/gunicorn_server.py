"""gunicorn as production starts it (config/gunicorn.conf.py) on a free loopback port, for the tests
that fetch from it over HTTP: started, waited for until it answers, stopped with TERM. A missing
gunicorn is a failure, never a skip."""

import contextlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 90
STOP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _answers(url: str) -> bool:
    """Whether the server answers at all: any status, a redirect included, is an answer."""
    assert url.startswith("http://127.0.0.1:")
    # As the production proxy would say, so that the prod settings answer rather than redirect to https.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 — loopback only
    try:
        with _opener.open(request, timeout=60):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    base: str
    log: Path
    process: subprocess.Popen

    def output(self) -> str:
        return self.log.read_text()


@contextlib.contextmanager
def gunicorn_server(*, env: dict, log: Path, probe: str, args: tuple[str, ...] = ()) -> Iterator[Server]:
    """gunicorn with `args` (after config/gunicorn.conf.py) and `env`, its output in `log`; yields once
    `probe` (a path) answers, and stops it with TERM on the way out, waiting for the master to exit."""
    assert GUNICORN.is_file(), f"gunicorn is not installed in the virtualenv ({GUNICORN})"
    port = free_port()
    with log.open("w") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.conf.py", *args, "--bind", f"127.0.0.1:{port}", "config.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(base=f"http://127.0.0.1:{port}", log=log, process=process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(server.base + probe):
            assert process.poll() is None, f"gunicorn stopped:\n{server.output()}"
            assert time.monotonic() < deadline, f"gunicorn did not answer:\n{server.output()}"
            time.sleep(0.5)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
