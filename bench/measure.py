"""What the page benchmarks share (imported after ``django.setup()``): a median of timed runs with the
number of SQL statements, and the planner statistics refreshed after a bulk build."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def median_of(runs: int, fn) -> tuple[float, int]:
    """Median seconds of ``runs`` calls of ``fn`` and the statements the last one ran."""
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(times), queries


def analyze() -> None:
    """After bulk inserts PostgreSQL's planner still thinks the tables are empty: refresh its statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
