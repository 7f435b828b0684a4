"""The test's database for a child process (a worker, a gunicorn): PostgreSQL's test database as it
is (tests using it are transaction=True, so their rows are committed), or SQLite's in-memory test
database copied to a file for the child (``send``) and copied back when the child is done
(``receive``), with SQLite's online backup."""

import os
import sqlite3
from pathlib import Path

from django.db import connection

# Set for this process only (the browser tests' conftest, a caller's shell); the child gets its own.
CLEARED = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "PROMETHEUS_MULTIPROC_DIR",
    "TDKT_WORKER_GRACE_SECONDS",
    "TDKT_METRICS_ALLOWED_ADDRESSES",
    "TDKT_METRICS_TOKEN",
}


class SharedDatabase:
    def __init__(self, folder: Path):
        self.file = folder / "db.sqlite3"
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.url = f"sqlite:///{self.file}"
        else:
            s = connection.settings_dict
            password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
            self.url = f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def child_env(self, **extra: str) -> dict:
        """The environment of a child on this database, under the base settings (the database-backed
        task queue; the test settings run tasks in the request)."""
        env = {k: v for k, v in os.environ.items() if k not in CLEARED}
        env.update(DJANGO_SETTINGS_MODULE="config.settings.base", DATABASE_URL=self.url, **extra)
        return env

    def send(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def receive(self) -> None:
        if self.sqlite:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()
