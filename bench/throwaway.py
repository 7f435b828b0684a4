"""A throwaway database for a benchmark run (imported after ``django.setup()``).

On PostgreSQL (DATABASE_URL) a test database of the benchmark's own name, so that benchmarks running
side by side never share or drop one another's; on SQLite the file in the run's work directory,
migrated. Both, and the work directory, are removed at the end.
"""

import os
import shutil
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection


@contextmanager
def throwaway_database(label: str, workdir):
    base_name = None
    try:
        if connection.vendor == "postgresql":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = (
                f"test_{connection.settings_dict['NAME']}_{label}_{os.getpid()}")
            name = connection.settings_dict["NAME"]
            connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False, autoclobber=True)
            base_name = name  # only now is there a test database of ours to drop
        else:
            call_command("migrate", verbosity=0)
        yield connection.vendor
    finally:
        if base_name is not None:
            connection.creation.destroy_test_db(base_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
