"""The archive's layout and the checks a restore makes before it trusts one.

    manifest.json              written last: it holds the sizes and sha256 of everything before it
    database/tdkt.pgdump       pg_dump --format=custom (PostgreSQL), or
    database/tdkt.sqlite3      a copy made with SQLite's online backup API
    files/<name>               every file of the storage, under its storage name

An archive to restore is untrusted input: before anything is written, every member must be a
regular file whose name the manifest lists (no absolute path, no "..", no link, no device, no
duplicate) and whose size is exactly the manifest's; tarfile itself reads through CappedReader, so
a forged header (a pax or long-name record claiming gigabytes) cannot make it allocate more than
MAX_READ at once.
"""

import gzip
import hashlib
import io
import json
import re
import tarfile
import zlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

FORMAT = "tdkt-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES = "files/"
DATABASE_MEMBERS = {"postgresql": "database/tdkt.pgdump", "sqlite": "database/tdkt.sqlite3"}
CHUNK = 1024 * 1024
MAX_READ = 4 * CHUNK
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 2_000_000
MAX_NAME = 1024
_ARCHIVE_NAME = re.compile(r"tdkt-\d{8}-\d{6}\.tar\.gz")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup or restore cannot go on; the message is for the operator, in their language."""


class ArchiveError(BackupError):
    """The archive cannot be trusted or read."""


@dataclass(frozen=True)
class Entry:
    size: int
    sha256: str


def archive_name(moment) -> str:
    return moment.strftime("tdkt-%Y%m%d-%H%M%S.tar.gz")


def archives_to_prune(names: list[str], *, keep: int) -> list[str]:
    """The archives to delete so that the newest `keep` remain; only names `archive_name` makes
    (the timestamp sorts them), so nothing else in the folder is ever touched."""
    ours = sorted(name for name in names if _ARCHIVE_NAME.fullmatch(name))
    return ours[: max(len(ours) - keep, 0)]


def is_safe_name(name: str) -> bool:
    """A relative POSIX name with no empty, "." or ".." part, no backslash and no NUL."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME or "\\" in name or "\0" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def hash_stream(read, *, sink=None, limit: int | None = None) -> Entry:
    """Size and sha256 of what `read(n)` yields, copied to `sink` on the way; more than `limit`
    bytes raises ArchiveError."""
    digest, size = hashlib.sha256(), 0
    while chunk := read(CHUNK):
        size += len(chunk)
        if limit is not None and size > limit:
            raise ArchiveError(_("A member of the archive is larger than its manifest says."))
        digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
    return Entry(size=size, sha256=digest.hexdigest())


def _entry(value, what: str) -> Entry:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("size"), int)
        or isinstance(value.get("size"), bool)
        or value["size"] < 0
        or not isinstance(value.get("sha256"), str)
        or not _SHA256.fullmatch(value["sha256"])
    ):
        raise ArchiveError(_("The archive's manifest is malformed (%(what)s).") % {"what": what})
    return Entry(size=value["size"], sha256=value["sha256"])


def parse_manifest(raw: bytes) -> dict:
    """The manifest, checked: its format and version, the database member, the tables' counts and
    each file's safe, unique name with size and sha256."""
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError(_("The archive's manifest is not valid JSON.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(_("This file is not a TĐKT backup archive."))
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            _("The archive's format version %(version)s is not supported (this program reads version %(ours)s).")
            % {"version": manifest.get("version"), "ours": VERSION}
        )
    database = manifest.get("database")
    if not isinstance(database, dict) or DATABASE_MEMBERS.get(database.get("vendor")) != database.get("member"):
        raise ArchiveError(_("The archive's manifest is malformed (%(what)s).") % {"what": "database"})
    _entry(database, "database")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(name, str) and isinstance(count, int) and not isinstance(count, bool) and count >= 0
        for name, count in tables.items()
    ):
        raise ArchiveError(_("The archive's manifest is malformed (%(what)s).") % {"what": "tables"})
    files = manifest.get("files")
    if not isinstance(files, list):
        raise ArchiveError(_("The archive's manifest is malformed (%(what)s).") % {"what": "files"})
    seen = set()
    for item in files:
        name = item.get("name") if isinstance(item, dict) else None
        if not is_safe_name(name):
            raise ArchiveError(_("The archive names a file with an unsafe path: %(name)s") % {"name": repr(name)[:200]})
        if name in seen:
            raise ArchiveError(_("The archive lists the file %(name)s twice.") % {"name": name})
        seen.add(name)
        _entry(item, name)
    return manifest


def expected_members(manifest: dict) -> dict[str, Entry]:
    database = manifest["database"]
    members = {database["member"]: _entry(database, "database")}
    members.update({FILES + item["name"]: _entry(item, item["name"]) for item in manifest["files"]})
    return members


class CappedReader(io.RawIOBase):
    """The decompressed archive for tarfile, refusing any single read above MAX_READ: tarfile
    reads a pax or GNU long-name record whole, so a forged size would otherwise be allocated."""

    def __init__(self, raw):
        self._raw = raw

    def readable(self):
        return True

    def seekable(self):
        return True

    def read(self, size=-1):
        if size is None or size < 0 or size > MAX_READ:
            raise ArchiveError(_("The archive holds a record too large to be a TĐKT backup."))
        return self._raw.read(size)

    def seek(self, offset, whence=io.SEEK_SET):
        return self._raw.seek(offset, whence)

    def tell(self):
        return self._raw.tell()

    def close(self):
        self._raw.close()
        super().close()


def open_archive(path) -> tarfile.TarFile:
    try:
        return tarfile.open(fileobj=CappedReader(gzip.open(path, "rb")), mode="r:")
    except (OSError, EOFError, zlib.error, tarfile.TarError) as exc:
        raise ArchiveError(_("The archive cannot be read: %(error)s") % {"error": exc}) from None


def read_members(tar: tarfile.TarFile) -> tuple[dict, list[tarfile.TarInfo]]:
    """The manifest and the data members in archive order, refused unless each member is a regular
    file the manifest lists, once, with exactly the manifest's size."""
    members, names = [], set()
    try:
        for member in tar:
            if len(members) >= MAX_MEMBERS:
                raise ArchiveError(_("The archive holds too many members."))
            if not is_safe_name(member.name):
                raise ArchiveError(
                    _("The archive holds a member with an unsafe path: %(name)s") % {"name": repr(member.name)[:200]}
                )
            if member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or member.issparse():
                raise ArchiveError(
                    _("The archive holds a link or special file, refused: %(name)s") % {"name": member.name}
                )
            if member.name in names:
                raise ArchiveError(_("The archive holds %(name)s twice.") % {"name": member.name})
            names.add(member.name)
            members.append(member)
    except (OSError, EOFError, zlib.error, tarfile.TarError) as exc:
        raise ArchiveError(_("The archive cannot be read: %(error)s") % {"error": exc}) from None
    manifest_member = next((m for m in members if m.name == MANIFEST), None)
    if manifest_member is None:
        raise ArchiveError(_("The archive has no manifest.json: it is not a TĐKT backup."))
    if manifest_member.size > MANIFEST_MAX_BYTES:
        raise ArchiveError(_("The archive's manifest is too large."))
    manifest = parse_manifest(read_member(tar, manifest_member, limit=manifest_member.size))
    expected = expected_members(manifest)
    data = [m for m in members if m is not manifest_member]
    for member in data:
        entry = expected.get(member.name)
        if entry is None:
            raise ArchiveError(
                _("The archive holds %(name)s, which its manifest does not list.") % {"name": member.name}
            )
        if member.size != entry.size:
            raise ArchiveError(
                _("The size of %(name)s in the archive differs from its manifest.") % {"name": member.name}
            )
    missing = sorted(set(expected) - {m.name for m in data})
    if missing:
        raise ArchiveError(_("The archive lacks %(name)s, which its manifest lists.") % {"name": missing[0]})
    return manifest, data


def read_member(tar: tarfile.TarFile, member: tarfile.TarInfo, *, limit: int) -> bytes:
    sink = io.BytesIO()
    copy_member(tar, member, sink, limit=limit)
    return sink.getvalue()


def copy_member(tar: tarfile.TarFile, member: tarfile.TarInfo, sink, *, limit: int) -> Entry:
    try:
        handle = tar.extractfile(member)
        return hash_stream(handle.read, sink=sink, limit=limit)
    except (OSError, EOFError, zlib.error, tarfile.TarError) as exc:
        raise ArchiveError(_("The archive cannot be read: %(error)s") % {"error": exc}) from None
