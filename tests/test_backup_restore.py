"""The restore drill: data made here is backed up, restored by a separate `tdkt restore` process into a
FRESH database (a new SQLite file, or a new database on the same PostgreSQL server) and a fresh, empty
media folder (and once from an S3-compatible bucket into a new bucket), and every table's row count
and every file's bytes are compared with the original.
Also: a non-empty target is refused without --force, and an archive whose file was changed is
refused with that file named and a non-zero exit, nothing restored."""

import contextlib
import datetime
import getpass
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tdkt import cli
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.backup import files
from tdkt.organizations.models import ImportJob, ImportKind, ImportStatus
from tdkt.records.models import AnnualRating, HonourRecord

pytestmark = pytest.mark.django_db(transaction=True)

# The child is a fresh process configured by its environment only (the browser tests set
# DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a restore never runs with it).
CLEARED = {
    "DATABASE_URL",
    "MEDIA_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "TDKT_STORAGE",
    "TDKT_S3_BUCKET",
    "TDKT_S3_ENDPOINT_URL",
    "TDKT_S3_REGION",
}
BINARY = bytes(range(256)) * 64
UPLOAD = b"PK\x03\x04 an uploaded workbook " + BINARY


@pytest.fixture
def data(world):
    """Organisations, people, users and a block (world), records, an upload and a clerk's template."""
    for year, person in enumerate(world.people.values(), start=2020):
        AnnualRating.objects.create(person=person, year=year, rating="HTXSNV")
        HonourRecord.objects.create(person=person, code="CSTDCS", year=year, decision_number=f"{year}/QĐ-UBND")
    job = ImportJob(
        kind=ImportKind.PEOPLE,
        status=ImportStatus.QUEUED,
        original_name="nhân sự.xlsx",
        created_by=world.users["unit_officer"],
    )
    job.file.save("upload.xlsx", ContentFile(UPLOAD), save=False)
    job.save()
    default_storage.save("document_templates/kế hoạch.docx", ContentFile(b"docx " + BINARY[::-1]))
    return world


@pytest.fixture(scope="session")
def drill_database():
    """PostgreSQL: a database created for this session's drills on the suite's server, dropped at its
    end (DROP DATABASE waits for a checkpoint, seconds on a busy server: once, not per test)."""
    server = connection.settings_dict
    params = {
        "host": server["HOST"] or None,
        "port": server["PORT"] or None,
        "user": server["USER"] or None,
        "password": server["PASSWORD"] or None,
    }
    name = f"tdkt_drill_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = quote(server["USER"] or "") + (":" + quote(server["PASSWORD"]) if server["PASSWORD"] else "")
    url = f"postgres://{auth}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{name}"
    try:
        yield {"url": url, "connect": lambda: psycopg.connect(dbname=name, autocommit=True, **params)}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh(tmp_path, request):
    """An empty database of the suite's kind (a new SQLite file; on PostgreSQL the session's drill
    database, emptied to its state when created) and an empty media folder, for the restoring process."""
    media = tmp_path / "media-fresh"
    media.mkdir()
    if connection.vendor == "sqlite":
        path = tmp_path / "fresh.sqlite3"
        yield {"url": f"sqlite:///{path}", "media": media, "connect": lambda: contextlib.closing(sqlite3.connect(path))}
        return
    database = request.getfixturevalue("drill_database")
    with database["connect"]() as empty:
        empty.execute("DROP SCHEMA public CASCADE")
        empty.execute("CREATE SCHEMA public")
        assert not _tables(empty.cursor())
    yield {**database, "media": media}


def _restore_in_child(archive, fresh, *extra, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=fresh["url"], MEDIA_ROOT=str(fresh["media"]))
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "tdkt.cli", "restore", str(archive), *extra],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def _tables(cursor) -> list[str]:
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    return [row[0] for row in cursor.fetchall()]


def _counts(cursor) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _stored(storage) -> dict[str, bytes]:
    contents = {}
    for name in files.walk(storage):
        with storage.open(name, "rb") as handle:
            contents[name] = handle.read()
    return contents


def _events(cursor) -> list[tuple[int, str, dict, datetime.datetime]]:
    """(event type, object, recorded values, time) of every audit event, oldest first."""
    cursor.execute("SELECT event_type, target_label, after, created_at FROM audit_auditevent ORDER BY id")
    events = []
    for event_type, label, after, moment in cursor.fetchall():
        if isinstance(moment, str):  # SQLite read by sqlite3 itself
            moment = datetime.datetime.fromisoformat(moment)
        if moment.tzinfo is None:  # SQLite keeps UTC without its zone
            moment = moment.replace(tzinfo=datetime.UTC)
        events.append((event_type, label, json.loads(after) if isinstance(after, str) else after, moment))
    return events


def _assert_operation_event(event, event_type, archive, since: datetime.datetime) -> None:
    """Who (the system account and machine), when, which archive and its size."""
    kind, label, after, moment = event
    assert kind == event_type
    assert label == archive.name
    assert after["archive"] == str(archive)
    assert after["size"] == archive.stat().st_size
    assert after["operator"] == f"{getpass.getuser()}@{socket.gethostname()}"
    assert since <= moment <= datetime.datetime.now(datetime.UTC)


def _without_audit(counts: dict[str, int]) -> dict[str, int]:
    return {table: count for table, count in counts.items() if table != "audit_auditevent"}


def _assert_restored_with_its_event(fresh, original, archived_events, archive, since) -> None:
    """The restored database holds the original's rows; its audit log, the events the archive holds
    and, after them, the restore's own (written after the load, so the load could not replace it)."""
    with fresh["connect"]() as restored:
        counts, events = _counts(restored.cursor()), _events(restored.cursor())
    assert _without_audit(counts) == _without_audit(original)
    assert events[:-1] == archived_events
    _assert_operation_event(events[-1], AuditEventType.BACKUP_RESTORED, archive, since)
    assert events[-1][2]["tables"] == len(original)
    assert events[-1][2]["problems"] == 0


def _backup_with_its_event(archive, **options) -> list:
    """`backup` into `archive`, its event checked; returns the events the archive holds."""
    with connection.cursor() as cursor:
        before = _events(cursor)
    since = datetime.datetime.now(datetime.UTC)
    call_command("backup", output=archive, **options)
    with connection.cursor() as cursor:
        after = _events(cursor)
    # Written after the dump: the archive does not hold it.
    assert after[:-1] == before
    _assert_operation_event(after[-1], AuditEventType.BACKUP_CREATED, archive, since)
    return before


def test_restore_drill_into_a_fresh_database_and_store(data, fresh, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20250101-010101", "20250102-010101"):
        (folder / f"tdkt-{stamp}.tar.gz").write_bytes(b"old")
    (folder / "notes.txt").write_text("not an archive: kept")
    archive = folder / "tdkt-20991231-235959.tar.gz"
    archived_events = _backup_with_its_event(archive, keep=2)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "tdkt-20250102-010101.tar.gz", archive.name]
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with connection.cursor() as cursor:
        original = _counts(cursor)
    original_files = _stored(default_storage)
    assert original["organizations_organization"] == 7
    assert original["records_annualrating"] == 5
    assert original["records_honourrecord"] == 5
    assert original_files["document_templates/kế hoạch.docx"].startswith(b"docx ")
    assert UPLOAD in original_files.values()

    since = datetime.datetime.now(datetime.UTC)
    result = _restore_in_child(archive, fresh)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "sha256" in result.stdout
    _assert_restored_with_its_event(fresh, original, archived_events, archive, since)
    assert _stored(FileSystemStorage(location=fresh["media"])) == original_files

    # Now the target holds data: only --force restores over it (the refusal: the next test). The
    # first restore's event goes with the data it replaces; the second restore writes its own.
    since = datetime.datetime.now(datetime.UTC)
    forced = _restore_in_child(archive, fresh, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    _assert_restored_with_its_event(fresh, original, archived_events, archive, since)


def test_restore_drill_from_a_bucket_into_a_fresh_bucket(s3, data, fresh, tmp_path):
    """The same drill with the files in an S3-compatible store (moto's server): read back through the
    storage API, written into a new, empty bucket by the restoring process."""
    archive = tmp_path / "s3.tar.gz"
    archived_events = _backup_with_its_event(archive)
    with connection.cursor() as cursor:
        original = _counts(cursor)
    original_files = {key: s3.read(key) for key in s3.keys()}
    assert UPLOAD in original_files.values()
    assert "document_templates/kế hoạch.docx" in original_files
    target = f"{s3.bucket}-restored"
    s3.client.create_bucket(Bucket=target)
    since = datetime.datetime.now(datetime.UTC)

    result = _restore_in_child(archive, fresh, env_extra={**s3.environment, "TDKT_S3_BUCKET": target})

    assert result.returncode == 0, result.stdout + result.stderr
    _assert_restored_with_its_event(fresh, original, archived_events, archive, since)
    listed = s3.client.list_objects_v2(Bucket=target).get("Contents", [])
    restored_files = {
        item["Key"]: s3.client.get_object(Bucket=target, Key=item["Key"])["Body"].read() for item in listed
    }
    assert restored_files == original_files
    assert not any(fresh["media"].iterdir())


def _tampered(archive, target, change):
    """A copy of `archive` with `change(name, data) -> data` applied to every member, manifest kept."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as out:
        for member in source:
            content = change(member.name, source.extractfile(member).read())
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))


def test_a_target_holding_data_and_a_changed_file_are_refused(data, tmp_path, capsys):
    name = default_storage.save("dossiers/2025/tờ trình.pdf", ContentFile(b"%PDF-1.7 original"))
    archive = tmp_path / "a.tar.gz"
    call_command("backup", output=archive)
    AnnualRating.objects.create(person=data.people["q"], year=2030, rating="HTNV")

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", archive)
    assert AnnualRating.objects.filter(year=2030).count() == 1
    assert not AuditEvent.objects.filter(event_type=AuditEventType.BACKUP_RESTORED).exists()  # nothing restored

    # Same size, other bytes: only the sha256 tells. Checked before anything is written.
    tampered = tmp_path / "tampered.tar.gz"
    _tampered(archive, tampered, lambda member, content: b"%PDF-1.7 forgery!" if member == f"files/{name}" else content)
    status = cli.main(["restore", "--force", str(tampered)])

    assert status != 0
    assert name in capsys.readouterr().err
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.7 original"
    assert AnnualRating.objects.filter(year=2030).count() == 1
    assert not AuditEvent.objects.filter(event_type=AuditEventType.BACKUP_RESTORED).exists()  # nothing restored
