"""The files half of a backup, only through the storage API (a local folder or an S3 bucket alike).

Names are the storage's own ("dossiers/2025/to-trinh.pdf"), kept as they are: the database rows
point at them.
"""

import tempfile
from collections.abc import Iterator

from django.core.files import File

from .archive import Entry, hash_stream, is_safe_name

SPOOL_BYTES = 16 * 1024 * 1024
# A storage whose folders link back into themselves would otherwise be walked for ever.
MAX_DEPTH = 32


def spool():
    """A buffer for one file: in memory up to SPOOL_BYTES, then on disk."""
    return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)


def walk(storage, folder: str = "", depth: int = 0) -> Iterator[str]:
    """Every file's name, in a stable order; names no archive could carry back are skipped."""
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(names):
        path = f"{folder}/{name}" if folder else name
        if is_safe_name(path):
            yield path
    if depth < MAX_DEPTH:
        for name in sorted(folders):
            yield from walk(storage, f"{folder}/{name}" if folder else name, depth + 1)


def is_empty(storage) -> bool:
    return next(walk(storage), None) is None


def read(storage, name: str, sink) -> Entry:
    with storage.open(name, "rb") as handle:
        return hash_stream(handle.read, sink=sink)


def stored(storage, name: str) -> Entry | None:
    """The size and sha256 of what the storage holds under `name`, or None when it has nothing."""
    try:
        return read(storage, name, None)
    except FileNotFoundError:
        return None


def write(storage, name: str, content) -> str:
    """Store `content` under exactly `name`, replacing a file of that name; returns the name the
    storage used (a storage that renames it has not restored it)."""
    if storage.exists(name):
        storage.delete(name)
    content.seek(0)
    return storage.save(name, File(content, name=name))
