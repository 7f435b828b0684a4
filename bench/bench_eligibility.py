"""Benchmark: eligibility of every person of a 100,000-person province with ten years of history.

    .venv/bin/python bench/bench_eligibility.py [--people 100000] [--award CSTDCS]

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… it creates
the throwaway test database test_<name> and drops it at the end. It builds the province with bulk
inserts (bench/province.py: ratings every year, LĐTT/CSTĐCS titles, initiatives, some discipline and
open reviews),
then times the real path the "who can be proposed" page uses: the set-based facts loader
(tdkt.rules.facts.people_facts) and the engine over every person, and prints the time per person
and the memory used.
"""

import argparse
import datetime
import os
import resource
import shutil
import time
import tracemalloc

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from province import YEAR, build_province  # noqa: E402

ON_DATE = datetime.date(2026, 1, 15)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(award: str) -> None:
    from tdkt.organizations.models import Person
    from tdkt.rules import facts
    from tdkt.rules.domain import Kind, evaluate_subjects
    from tdkt.rules.domain.needs import needs_for

    people = Person.objects.all()
    rss_before = rss_mb()
    start = time.perf_counter()
    subject_facts = facts.people_facts(people, on_date=ON_DATE, needs=needs_for(award, Kind.INDIVIDUAL), year=YEAR)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    results = list(evaluate_subjects(((str(k), v) for k, v in subject_facts.items()), award, year=YEAR,
                                     on_date=ON_DATE))
    evaluated = time.perf_counter() - start
    eligible = sum(1 for r in results if r.verdict == "eligible")
    n = len(results)
    total = loaded + evaluated
    print(f"{award}: {n:,} people, {eligible:,} eligible")
    print(f"  load facts (set-based queries): {loaded:8.2f} s")
    print(f"  evaluate:                       {evaluated:8.2f} s")
    print(f"  total:                          {total:8.2f} s  = {total / n * 1e6:,.1f} µs per person")
    print(f"  peak RSS: {rss_mb():,.0f} MB (was {rss_before:,.0f} MB before loading)")
    del results, subject_facts
    tracemalloc.start()
    sample = people.filter(pk__in=people.values("pk")[:10_000])
    facts.people_facts(sample, on_date=ON_DATE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  traced memory for 10,000 people's facts: {peak / 1024 / 1024:,.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--award", action="append")
    args = parser.parse_args()
    vendor, test_db = connection.vendor, None
    try:
        if vendor == "postgresql":
            # A name of its own, so that two benchmarks running at once never share or drop each other's.
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_tdkt_bench_rules_{os.getpid()}"
            test_db = connection.settings_dict["NAME"]
            connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False)
        else:
            call_command("migrate", verbosity=0)
        print(f"== {vendor}: building a province of {args.people:,} people with ten years of history")
        start = time.perf_counter()
        build_province(args.people)
        print(f"built in {time.perf_counter() - start:.1f} s")
        for award in args.award or ["CSTDCS", "BK_TINH"]:
            measure(award)
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
