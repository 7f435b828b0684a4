"""The folder of prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR), kept small.

Every gunicorn worker counts in its own files (counter_<pid>.db, histogram_<pid>.db) and a scrape
reads every file there. Workers are recycled every thousand requests or so, and a dead worker's
counts must stay (totals never drop while the server runs), so left alone the folder would grow by
two files per recycled worker — thousands after weeks, each read at every scrape. When a worker
ends, the master adds its counts into one archive file per kind and removes its files
(config/gunicorn.conf.py, child_exit). Under an exclusive lock, which every scrape takes shared
(tdkt/core/metrics.py), so no scrape sees a count both in the archive and in the dead worker's file,
or in neither.

No Django here: the gunicorn master imports it without setting Django up.
"""

import contextlib
import fcntl
import os

from prometheus_client.mmap_dict import MmapedDict

LOCK_NAME = "merge.lock"  # not *.db: prometheus_client reads only those
KINDS = ("counter", "histogram")  # every value of these is a sum: a dead worker's adds up


@contextlib.contextmanager
def folder_lock(folder: str, *, exclusive: bool):
    with open(os.path.join(folder, LOCK_NAME), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def merge_dead_process(folder: str, pid: int) -> None:
    """Add the dead process's counters and histograms into the archive files, then remove its files."""
    with folder_lock(folder, exclusive=True):
        for kind in KINDS:
            dead = os.path.join(folder, f"{kind}_{pid}.db")
            if not os.path.exists(dead):
                continue
            archive = MmapedDict(os.path.join(folder, f"{kind}_archive.db"))
            try:
                for key, value, timestamp, _ in MmapedDict.read_all_values_from_file(dead):
                    total, _ = archive.read_value(key)
                    archive.write_value(key, total + value, timestamp)
            finally:
                archive.close()
            os.remove(dead)
