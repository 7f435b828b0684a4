"""Start-up shared by the benchmarks; import it before anything from Django.

    from bootstrap import WORKDIR  # the run's scratch folder (removed by throwaway_database)

Puts the project on the path, takes the base settings, and without DATABASE_URL points Django at a
throwaway SQLite file in WORKDIR; with DATABASE_URL=postgres://… the benchmark makes its own test
database next to the named one (throwaway.py). Then django.setup().
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
WORKDIR = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()
