"""The database half of a backup: a dump, the row count of every table and the applied
migrations, all from one snapshot, and the load of a dump into the configured database.

PostgreSQL: pg_dump --format=custom from PATH, run with --snapshot on a snapshot exported by a
REPEATABLE READ transaction that also counts the rows, so the counts describe exactly what was
dumped while the application keeps writing. pg_restore --clean --if-exists --no-owner in one
transaction loads it (all or nothing).
SQLite: the online backup API copies the live database page by page (safe beside writers in WAL
mode); the counts are read from the copy. Loading copies the file back with the same API, so a
reader of the target never sees half a file and no stale -wal file is replayed over it.

Connection settings reach the PostgreSQL tools through PG* environment variables, never their
command line (where `ps` would show a password).
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from .archive import BackupError

_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")
_SQLITE_TABLES = r"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _list_tables(cursor) -> list[str]:
    if connection.vendor == "sqlite":
        cursor.execute(_SQLITE_TABLES)
        return sorted(row[0] for row in cursor.fetchall())
    return sorted(connection.introspection.table_names(cursor))


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (names from the catalogue, quoted)
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables: list[str]) -> dict:
    """How many migrations were applied and the last one of each app."""
    if "django_migrations" not in tables:
        return {"applied": 0, "latest": {}}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    rows = cursor.fetchall()
    return {"applied": len(rows), "latest": dict(sorted({app: name for app, name in rows}.items()))}


def dump(destination: Path) -> dict:
    """Write the dump to `destination`; returns the manifest's "database" details (without the
    member's size and hash), "tables" and "migrations"."""
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot run inside a database transaction."))
    if connection.vendor == "postgresql":
        return _dump_postgresql(destination)
    if connection.vendor == "sqlite":
        return _dump_sqlite(destination)
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor})


def _dump_sqlite(destination: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(destination)
    try:
        connection.connection.backup(copy)
        # One self-contained file: no -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        cursor = copy.cursor()
        tables = _list_tables(cursor)
        return {
            "database": {"vendor": "sqlite", "sqlite_version": sqlite3.sqlite_version},
            "tables": _counts(cursor, tables),
            "migrations": _migrations(cursor, tables),
        }
    finally:
        copy.close()


def _tool(name: str) -> tuple[str, int, str]:
    """The PostgreSQL client program on PATH, its major version and its version line."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "%(tool)s was not found: install the PostgreSQL client programs (Debian: postgresql-client) "
                "of the server's version or newer and put them on PATH."
            )
            % {"tool": name}
        )
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=False, timeout=60)  # noqa: S603
    line = version.stdout.strip()
    match = _VERSION.search(line)
    if match is None:
        raise BackupError(_("Cannot tell the version of %(tool)s (%(line)s).") % {"tool": path, "line": line[:100]})
    return path, int(match.group(1)), line


def require_client(client: int, server: int) -> None:
    """pg_dump refuses a server newer than itself: say so before it runs, naming what to install."""
    if server > client:
        raise BackupError(
            _(
                "pg_dump %(tool)s cannot dump a PostgreSQL %(server)s server: install the PostgreSQL client "
                "version %(server)s or newer."
            )
            % {"tool": client, "server": server}
        )


def _pg_env() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    env["PGDATABASE"] = str(settings["NAME"])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(settings["OPTIONS"]["sslmode"])
    return env


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        error = " ".join(result.stderr.strip().splitlines()[-5:])[:1000]
        raise BackupError(_("%(tool)s failed: %(error)s") % {"tool": Path(args[0]).name, "error": error})


def _dump_postgresql(destination: Path) -> dict:
    pg_dump, major, line = _tool("pg_dump")
    connection.ensure_connection()
    server = connection.pg_version // 10000
    require_client(major, server)
    # The counts and the dump read one snapshot: pg_dump imports it while this transaction is open.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _list_tables(cursor)
        details = {
            "database": {"vendor": "postgresql", "tool": line, "tool_major": major, "server_major": server},
            "tables": _counts(cursor, tables),
            "migrations": _migrations(cursor, tables),
        }
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={destination}"])
    return details


def load(source: Path, database: dict) -> None:
    """Replace the configured database's content by the dump at `source` (already verified, and of
    this database's kind)."""
    if connection.vendor == "postgresql":
        _load_postgresql(source, database)
    else:
        _load_sqlite(source)


def _load_postgresql(source: Path, database: dict) -> None:
    pg_restore, major, _line = _tool("pg_restore")
    made_by = database.get("tool_major")
    if isinstance(made_by, int) and made_by > major:
        raise BackupError(
            _(
                "The archive was made by pg_dump %(made)s, which pg_restore %(ours)s cannot read: install the "
                "PostgreSQL client version %(made)s or newer."
            )
            % {"made": made_by, "ours": major}
        )
    connection.close()
    # --no-privileges: the roles granted on the old server need not exist on this one.
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ]
    )


def _load_sqlite(source: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError(_("Cannot restore into an in-memory SQLite database."))
    connection.close()
    copy, target = sqlite3.connect(source), sqlite3.connect(name, timeout=20)
    try:
        copy.backup(target)
    finally:
        target.close()
        copy.close()


def tables_with_rows() -> list[str]:
    with connection.cursor() as cursor:
        tables = _list_tables(cursor)
        found = []
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608 (names from the catalogue, quoted)
            if cursor.fetchone():
                found.append(table)
    return found


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor, _list_tables(cursor))


def has_pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
