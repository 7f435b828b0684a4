"""An archive to restore is untrusted: members outside the archive's folder, links, sizes beyond the
manifest, unlisted or doubled members and forged header records are refused before anything is
written. Also the pruning of old archives and the safe-name rule."""

import gzip
import hashlib
import io
import json
import tarfile

import pytest
from django.utils import translation

from tdkt.core.backup.archive import (
    MANIFEST,
    ArchiveError,
    archives_to_prune,
    hash_stream,
    is_safe_name,
    open_archive,
    read_members,
)

DB = b"SQLite format 3\0 pretend"


@pytest.fixture(autouse=True)
def _english():
    """The checks are what is tested here, not their Vietnamese wording (the catalogue's business)."""
    with translation.override("en"):
        yield


def _entry(content: bytes) -> dict:
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def _manifest(stored: dict[str, bytes], **changes) -> bytes:
    manifest = {
        "format": "tdkt-backup",
        "version": 1,
        "created_at": "2026-12-06T20:00:00+07:00",
        "database": {"vendor": "sqlite", "member": "database/tdkt.sqlite3", **_entry(DB)},
        "migrations": {"applied": 0, "latest": {}},
        "tables": {"organizations_organization": 3},
        "files": [{"name": name, **_entry(content)} for name, content in stored.items()],
        **changes,
    }
    return json.dumps(manifest).encode()


def _member(name: str, content: bytes = b"", **attributes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    for key, value in attributes.items():
        setattr(info, key, value)
    return info, content


def _archive(path, members, *, manifest: bytes | None = None):
    files = {info.name.removeprefix("files/"): content for info, content in members if info.name.startswith("files/")}
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for info, content in [_member("database/tdkt.sqlite3", DB), *members]:
            tar.addfile(info, io.BytesIO(content) if info.isreg() else None)
        tar.addfile(*_as_member(MANIFEST, manifest if manifest is not None else _manifest(files)))
    return path


def _as_member(name, content):
    info, data = _member(name, content)
    return info, io.BytesIO(data)


def _read(path):
    tar = open_archive(path)
    try:
        return read_members(tar)
    finally:
        tar.close()


def test_a_sound_archive_is_read(tmp_path):
    path = _archive(tmp_path / "a.tar.gz", [_member("files/dossiers/2025/tờ trình.pdf", b"%PDF")])
    manifest, members = _read(path)
    assert [m.name for m in members] == ["database/tdkt.sqlite3", "files/dossiers/2025/tờ trình.pdf"]
    assert manifest["tables"] == {"organizations_organization": 3}


@pytest.mark.parametrize("name", ["../x", "files/../../x", "/etc/cron.d/x", "files/a/./b", "files/a\\..\\b"])
def test_a_member_outside_the_archive_is_refused(tmp_path, name):
    path = _archive(tmp_path / "a.tar.gz", [_member(name, b"evil")])
    with pytest.raises(ArchiveError, match="unsafe path"):
        _read(path)


@pytest.mark.parametrize(
    "kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.DIRTYPE, tarfile.FIFOTYPE, tarfile.CONTTYPE]
)
def test_links_folders_and_devices_are_refused(tmp_path, kind):
    path = _archive(tmp_path / "a.tar.gz", [_member("files/x", type=kind, linkname="/etc/passwd")])
    with pytest.raises(ArchiveError, match="link or special file"):
        _read(path)


def test_a_member_larger_than_its_manifest_says_is_refused(tmp_path):
    manifest = _manifest({"x": b"small"})
    path = _archive(tmp_path / "a.tar.gz", [_member("files/x", b"small" * 1000)], manifest=manifest)
    with pytest.raises(ArchiveError, match="size of files/x"):
        _read(path)


def test_unlisted_missing_and_doubled_members_are_refused(tmp_path):
    unlisted = _archive(tmp_path / "a.tar.gz", [_member("files/x", b"1")], manifest=_manifest({}))
    with pytest.raises(ArchiveError, match="does not list"):
        _read(unlisted)
    missing = _archive(tmp_path / "b.tar.gz", [], manifest=_manifest({"x": b"1"}))
    with pytest.raises(ArchiveError, match="lacks files/x"):
        _read(missing)
    doubled = _archive(tmp_path / "c.tar.gz", [_member("files/x", b"1"), _member("files/x", b"1")])
    with pytest.raises(ArchiveError, match="twice"):
        _read(doubled)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "zip"}, "not a TĐKT backup"),
        ({"version": 99}, "version 99"),
        ({"files": [{"name": "../../etc/passwd", "size": 1, "sha256": "0" * 64}]}, "unsafe path"),
        ({"tables": {"t": -1}}, "malformed"),
        ({"database": {"vendor": "sqlite", "member": "../db", "size": 1, "sha256": "0" * 64}}, "malformed"),
    ],
)
def test_a_malformed_manifest_is_refused(tmp_path, changes, message):
    path = _archive(tmp_path / "a.tar.gz", [], manifest=_manifest({}, **changes))
    with pytest.raises(ArchiveError, match=message):
        _read(path)


def test_a_forged_header_record_is_not_allocated(tmp_path):
    """A pax record claiming 1 GB: tarfile would read it whole; the capped reader refuses first."""
    header = tarfile.TarInfo("././@PaxHeader")
    header.type, header.size = tarfile.XHDTYPE, 1024**3
    path = tmp_path / "a.tar.gz"
    with gzip.open(path, "wb") as raw:
        raw.write(header.tobuf(format=tarfile.USTAR_FORMAT))
        raw.write(b"\0" * 4096)
    with pytest.raises(ArchiveError, match="too large"):
        _read(path)


def test_a_file_that_is_no_archive_is_refused(tmp_path):
    path = tmp_path / "a.tar.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(ArchiveError, match="cannot be read"):
        _read(path)
    with pytest.raises(ArchiveError, match="cannot be read"):
        _read(tmp_path / "missing.tar.gz")


def test_reading_beyond_a_limit_is_refused():
    with pytest.raises(ArchiveError):
        hash_stream(io.BytesIO(b"x" * 10).read, limit=9)
    assert hash_stream(io.BytesIO(b"abc").read).sha256 == hashlib.sha256(b"abc").hexdigest()


def test_only_our_oldest_archives_are_pruned():
    names = [
        "tdkt-20250103-000000.tar.gz",
        "notes.txt",
        "tdkt-20250101-000000.tar.gz",
        "tdkt-x.tar.gz",
        "tdkt-20250102-000000.tar.gz",
        "tdkt-20250104-000000.tar.gz.partial",
    ]
    assert archives_to_prune(names, keep=2) == ["tdkt-20250101-000000.tar.gz"]
    assert archives_to_prune(names, keep=5) == []


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("dossiers/2025/tờ trình.pdf", True),
        ("a..b/c", True),
        ("", False),
        ("/a", False),
        ("a//b", False),
        ("a/../b", False),
        ("..", False),
        ("a\0b", False),
        ("a\\b", False),
        ("a/", False),
    ],
)
def test_safe_names(name, safe):
    assert is_safe_name(name) is safe
