"""Run every benchmark (bench/bench_*.py) on SQLite and, when PostgreSQL answers on
127.0.0.1:5432, on PostgreSQL.

    .venv/bin/python bench/run_all.py            # all of them
    .venv/bin/python bench/run_all.py people     # only bench_people.py
    .venv/bin/python bench/run_all.py load       # bench_load.py (PostgreSQL; never run without its name)

PostgreSQL is reached as postgres@127.0.0.1 (trust authentication, as in CI); each benchmark
creates its own throwaway test database next to tdkt_bench and drops it. Each runs in its own
process with its defaults; run one directly to change its options.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/tdkt_bench"
ON_ITS_OWN = {"bench_load"}


def postgres_answers(host="127.0.0.1", port=5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main(names: list[str]) -> int:
    benchmarks = sorted(HERE.glob("bench_*.py"))
    if names:
        benchmarks = [b for b in benchmarks if b.stem.removeprefix("bench_") in names or b.stem in names]
    else:
        # Minutes, PostgreSQL only and the whole machine: run on its own (bench/README.md), or by name here.
        benchmarks = [b for b in benchmarks if b.stem not in ON_ITS_OWN]
    environments = [("SQLite", {k: v for k, v in os.environ.items() if k != "DATABASE_URL"})]
    if postgres_answers():
        environments.append(("PostgreSQL", {**os.environ, "DATABASE_URL": POSTGRES_URL}))
    else:
        print("PostgreSQL does not answer on 127.0.0.1:5432: SQLite only.")
    failed = []
    for bench in benchmarks:
        for label, env in environments:
            if label == "SQLite" and bench.stem in ON_ITS_OWN:
                continue  # it refuses SQLite
            print(f"\n### {bench.name} on {label}", flush=True)
            result = subprocess.run([sys.executable, "-W", "ignore", str(bench)], env=env, check=False)
            if result.returncode:
                failed.append(f"{bench.name} on {label}")
    if failed:
        print("\nFailed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
