"""`load_demo()` for the test suite: the demo loaded through the services once, copied back after.

Loading the demo through the services costs about 10 s of a busy 2-core machine (thousands of
audited service calls), and some forty tests each start from a fresh demo: that was a third of a
SQLite run. The first call from a given starting point (the rows of every table, the day, the
overridden settings, the language) loads the demo for real and keeps what the load added: the new
rows of each table and the files it stored. Each later call from the same starting point writes
those rows (same ids, same values) and files back in a fraction of a second, in one transaction, so
each test still starts from its own fresh demo and rolls or flushes it away as before.

Anything else goes to the real loader: the demo already there (it answers False), the demo refused
(TDKT_DEMO off), a load that changed rows it found, storage other than the filesystem.
Tests only: production and demo databases use `tdkt.core.demo.loader.load_demo`.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from tdkt.organizations.models import Organization

from .loader import load_demo as load_demo_through_the_services


@dataclass
class Snapshot:
    rows: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)  # table: columns, added rows
    files: dict[str, bytes] = field(default_factory=dict)  # path under the storage's root: content


_snapshots: dict[str, Snapshot | None] = {}  # starting point: what the load added (None: load each time)


def load_demo(*, stdout=None) -> bool:
    """The demo's loader, answering as it does; from a starting point seen before, a copy of its work."""
    if stdout is not None or not settings.TDKT_DEMO or Organization.objects.filter(code="QT").exists():
        return load_demo_through_the_services(stdout=stdout)
    if not isinstance(default_storage, FileSystemStorage):
        return load_demo_through_the_services()
    before = _tables_now()
    key = _starting_point(before)
    if key in _snapshots:
        snapshot = _snapshots[key]
        if snapshot is None:
            return load_demo_through_the_services()
        _restore(snapshot)
        return True
    files_before = _files_now()
    loaded = load_demo_through_the_services()
    _snapshots[key] = _added(before, _tables_now(), files_before) if loaded else None
    return loaded


def _renumbered_tables() -> set[str]:
    """Content types and permissions come back with new ids after each flush of a transactional test
    (Django's post_migrate makes them again): compared without their ids, and a load that adds rows
    pointing at them is not copied."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    tables = {ContentType._meta.db_table, Permission._meta.db_table}
    for model in apps.get_models(include_auto_created=True):
        if any(f.is_relation and f.related_model in (ContentType, Permission) for f in model._meta.concrete_fields):
            tables.add(model._meta.db_table)
    return tables


def _starting_point(tables: dict) -> str:
    digest = hashlib.sha256()
    renumbered = _renumbered_tables()
    for table, (columns, rows) in sorted(tables.items()):
        if table in renumbered:
            keep = [i for i, column in enumerate(columns) if not column.endswith("id")]
            columns, rows = [columns[i] for i in keep], [tuple(row[i] for i in keep) for row in rows]
        digest.update(repr((table, columns, sorted(map(repr, rows)))).encode())
    digest.update(repr((connection.vendor, datetime.date.today(), translation.get_language())).encode())
    digest.update(_overridden_settings().encode())
    return digest.hexdigest()


def _overridden_settings() -> str:
    """The settings a test changed (override_settings, pytest-django's `settings`), storage root aside:
    the stored files are written back wherever it points."""
    names, holder = set(), settings._wrapped
    while hasattr(holder, "default_settings"):  # UserSettingsHolder: one level per override
        names |= {name for name in vars(holder) if name.isupper() and name != "MEDIA_ROOT"}
        holder = holder.default_settings
    changed = [(name, repr(getattr(settings, name))) for name in sorted(names)]
    return repr([(name, value) for name, value in changed if value != repr(getattr(holder, name, None))])


def _tables_now() -> dict[str, tuple[list[str], list[tuple]]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the schema
            tables[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return tables


def _root() -> Path:
    return Path(default_storage.location)


def _files_now() -> dict[str, float]:
    root = _root()
    if not root.exists():
        return {}
    return {str(path.relative_to(root)): path.stat().st_mtime for path in root.rglob("*") if path.is_file()}


def _added(before: dict, after: dict, files_before: dict) -> Snapshot | None:
    snapshot = Snapshot()
    for table, (columns, rows) in after.items():
        old_columns, old_rows = before.get(table, (columns, []))
        if old_columns != columns:
            return None
        old = set(map(repr, old_rows))
        now = set(map(repr, rows))
        if not old <= now:  # the load changed or removed a row it found: only the loader can redo that
            return None
        new = [row for row in rows if repr(row) not in old]
        if new:
            snapshot.rows[table] = (columns, new)
    if snapshot.rows.keys() & _renumbered_tables():
        return None
    root = _root()
    for name, mtime in _files_now().items():
        if files_before.get(name) != mtime:
            snapshot.files[name] = (root / name).read_bytes()
    return snapshot


@transaction.atomic
def _restore(snapshot: Snapshot) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.rows.items():
            names = ", ".join(map(quote, columns))
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
        if connection.vendor == "postgresql":  # the next id after the copied ones, as after a real load
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in snapshot.rows]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    root = _root()
    for name, content in snapshot.files.items():
        path = root / name
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
