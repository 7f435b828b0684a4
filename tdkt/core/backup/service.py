"""Make an archive of the database and the files; restore one into the configured database and
storage and prove it: every row count and every file's sha256 checked against the manifest.

The database is dumped before the files are read, so every file a dumped row points at is
already stored (files are only added while the application runs; one uploaded during the backup
may come along without its row, which is harmless).
"""

import contextlib
import datetime
import getpass
import io
import json
import os
import socket
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from . import database, files
from .archive import (
    DATABASE_MEMBERS,
    FILES,
    FORMAT,
    MANIFEST,
    VERSION,
    BackupError,
    Entry,
    archive_name,
    archives_to_prune,
    copy_member,
    expected_members,
    hash_stream,
    open_archive,
    read_members,
)


def default_folder() -> Path:
    return Path(getattr(settings, "TDKT_BACKUP_DIR", None) or Path(settings.BASE_DIR) / "var" / "backups")


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    file_bytes: int
    pruned: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    tables: int = 0
    rows: int = 0
    files: int = 0
    file_bytes: int = 0
    problems: list[str] = field(default_factory=list)
    pending_migrations: bool = False


def _info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    return info


def backup_create(*, output: Path | None = None, keep: int | None = None) -> BackupResult:
    """Write one archive (to a .partial file, renamed when complete; readable by its owner only)
    and, with `keep`, delete the oldest archives of its folder beyond the newest `keep`."""
    now = timezone.localtime()
    output = Path(output) if output else default_folder() / archive_name(now)
    if output.exists():
        raise BackupError(_("%(path)s already exists: choose another --output.") % {"path": output})
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = output.with_name(output.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(
            _("%(path)s exists: another backup is writing it, or an interrupted one left it (delete it then).")
            % {"path": partial}
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as raw:
            # Level 6: most stored files (PDF, DOCX, XLSX) are compressed already; 9 costs time for nothing.
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT, compresslevel=6) as tar:
                manifest = _write_members(tar, now)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    pruned = _prune(output.parent, keep) if keep else []
    result = BackupResult(
        path=output,
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=len(manifest["files"]),
        file_bytes=sum(item["size"] for item in manifest["files"]),
        pruned=pruned,
    )
    # After the dump, so the archive does not hold its own event: it says what was made, once made.
    _audit(AuditEventType.BACKUP_CREATED, output, result, pruned=pruned)
    return result


def _write_members(tar: tarfile.TarFile, now: datetime.datetime) -> dict:
    mtime = now.timestamp()
    with tempfile.TemporaryDirectory(prefix="tdkt-backup-") as folder:
        dump = Path(folder) / "database"
        details = database.dump(dump)
        member = DATABASE_MEMBERS[details["database"]["vendor"]]
        with dump.open("rb") as handle:
            dumped = hash_stream(handle.read)
            handle.seek(0)
            tar.addfile(_info(member, dumped.size, mtime), handle)
    listed = []
    for name in files.walk(default_storage):
        with files.spool() as buffer:
            try:
                entry = files.read(default_storage, name, buffer)
            except FileNotFoundError:  # deleted since it was listed
                continue
            buffer.seek(0)
            tar.addfile(_info(FILES + name, entry.size, mtime), buffer)
        listed.append({"name": name, "size": entry.size, "sha256": entry.sha256})
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": now.isoformat(),
        "database": {**details["database"], "member": member, "size": dumped.size, "sha256": dumped.sha256},
        "migrations": details["migrations"],
        "tables": details["tables"],
        "files": listed,
    }
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    tar.addfile(_info(MANIFEST, len(raw), mtime), io.BytesIO(raw))
    return manifest


def _operator() -> str:
    """Who ran the command: a backup or restore runs from a shell or a timer, as a system account on a
    machine, not as a user of the application."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # a container's uid with no name
        account = str(os.getuid())
    return f"{account}@{socket.gethostname()}"


def _audit(event_type: AuditEventType, archive: Path, result: BackupResult | RestoreResult, **details) -> None:
    archive = Path(archive)
    audit_record(
        event_type=event_type,
        target_label=archive.name,
        after={
            "operator": _operator(),
            "archive": str(archive),
            "size": archive.stat().st_size,
            "tables": result.tables,
            "rows": result.rows,
            "files": result.files,
            "file_bytes": result.file_bytes,
            **details,
        },
    )


def _prune(folder: Path, keep: int) -> list[str]:
    names = [path.name for path in folder.iterdir() if path.is_file() and not path.is_symlink()]
    pruned = archives_to_prune(names, keep=keep)
    for name in pruned:
        (folder / name).unlink(missing_ok=True)
    return pruned


def restore_archive(*, archive: Path, force: bool = False) -> RestoreResult:
    """Check the whole archive, refuse a target holding data unless `force`, load the database,
    write the files back, then compare the result with the manifest (RestoreResult.problems)."""
    with contextlib.closing(open_archive(archive)) as tar:
        manifest, members = read_members(tar)
        expected = expected_members(manifest)
        if manifest["database"]["vendor"] != connection.vendor:
            raise BackupError(
                _("The archive holds a %(theirs)s database but the configured database is %(ours)s.")
                % {"theirs": manifest["database"]["vendor"], "ours": connection.vendor}
            )
        # Every byte is checked before anything is written: a damaged archive changes nothing.
        problems = [
            _("%(name)s: its content differs from the manifest (sha256).") % {"name": member.name}
            for member in members
            if copy_member(tar, member, None, limit=member.size) != expected[member.name]
        ]
        if problems:
            raise RestoreRefused(problems)
        if not force:
            _refuse_unless_empty()
        result = RestoreResult()
        with tempfile.TemporaryDirectory(prefix="tdkt-restore-") as folder:
            dump = Path(folder) / "database"
            member = next(m for m in members if m.name == manifest["database"]["member"])
            with dump.open("wb") as sink:
                if copy_member(tar, member, sink, limit=member.size) != expected[member.name]:
                    raise RestoreRefused([_("The database dump changed while it was read.")])
            database.load(dump, manifest["database"])
        for member in members:
            if member.name.startswith(FILES):
                result.problems += _restore_file(tar, member, expected[member.name])
    _verify(manifest, result)
    # Written into the restored database, after the load and the count check: written before, the
    # load would replace it, and the manifest's counts would not include it.
    _audit(
        AuditEventType.BACKUP_RESTORED,
        archive,
        result,
        backup_made=manifest.get("created_at"),
        forced=force,
        problems=len(result.problems),
    )
    return result


class RestoreRefused(BackupError):
    """The archive's content does not match its manifest; nothing was restored."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _refuse_unless_empty() -> None:
    tables = database.tables_with_rows()
    if tables:
        raise BackupError(
            _(
                "The database is not empty (%(count)s tables hold rows, %(table)s among them): a restore would "
                "replace its content. Run it again with --force to do so."
            )
            % {"count": len(tables), "table": tables[0]}
        )
    if not files.is_empty(default_storage):
        raise BackupError(
            _(
                "The file storage is not empty: a restore would replace files of the same names. "
                "Run it again with --force to do so."
            )
        )


def _restore_file(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: Entry) -> list[str]:
    name = member.name.removeprefix(FILES)
    with files.spool() as buffer:
        if copy_member(tar, member, buffer, limit=member.size) != entry:
            return [_("%(name)s: its content differs from the manifest (sha256).") % {"name": name}]
        saved = files.write(default_storage, name, buffer)
    if saved != name:
        return [_("%(name)s: the storage saved it as %(saved)s.") % {"name": name, "saved": saved}]
    return []


def _verify(manifest: dict, result: RestoreResult) -> None:
    counts = database.current_counts()
    for table, count in manifest["tables"].items():
        if table not in counts:
            result.problems.append(_("Table %(table)s is missing after the restore.") % {"table": table})
        elif counts[table] != count:
            result.problems.append(
                _("Table %(table)s holds %(found)s rows, the backup %(count)s.")
                % {"table": table, "found": counts[table], "count": count}
            )
    result.tables = len(manifest["tables"])
    result.rows = sum(counts.get(table, 0) for table in manifest["tables"])
    for item in manifest["files"]:
        found = files.stored(default_storage, item["name"])
        if found is None:
            result.problems.append(_("%(name)s: missing from the storage after the restore.") % {"name": item["name"]})
        elif found != Entry(size=item["size"], sha256=item["sha256"]):
            result.problems.append(
                _("%(name)s: the stored file differs from the backup (size or sha256).") % {"name": item["name"]}
            )
        else:
            result.files += 1
            result.file_bytes += found.size
    result.pending_migrations = database.has_pending_migrations()
