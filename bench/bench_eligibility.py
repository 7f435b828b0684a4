"""Benchmark: eligibility of every person of a 100,000-person province with ten years of history.

    .venv/bin/python bench/bench_eligibility.py [--people 100000] [--award CSTDCS]

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… it creates
the throwaway test database test_<name> and drops it at the end. It builds the province with bulk
inserts (ratings every year, LĐTT/CSTĐCS titles, initiatives, some discipline and open reviews),
then times the real path the "who can be proposed" page uses: the set-based facts loader
(tdkt.rules.facts.people_facts) and the engine over every person, and prints the time per person
and the memory used.
"""

import argparse
import datetime
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
WORKDIR = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

YEAR = 2025
ON_DATE = datetime.date(2026, 1, 15)
RATINGS = ["HTXSNV"] * 2 + ["HTTNV"] * 6 + ["HTNV"] * 2


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(people: int) -> None:
    from tdkt.organizations.models import Organization, Person
    from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag

    rng = random.Random(7)
    province = Organization.objects.create(code="BE", name="UBND tỉnh Bench", kind="province", level="province")
    province.path = f"/{province.pk}/"
    province.save()
    units = []
    for i in range(100):
        unit = Organization.objects.create(code=f"BE-{i}", name=f"Đơn vị {i}", kind="department",
                                           level="department", parent=province, depth=1)
        unit.path = f"{province.path}{unit.pk}/"
        unit.save()
        units.append(unit)
    batch = 5000
    with transaction.atomic():
        Person.objects.bulk_create(
            (Person(full_name=f"Cán bộ {n}", search_text=f"can bo {n}", sex="nam", category="cong_chuc",
                    organization=units[n % 100]) for n in range(people)), batch_size=batch)
    ids = list(Person.objects.values_list("pk", flat=True))
    ratings, honours, initiatives, discipline, reviews = [], [], [], [], []
    for pid in ids:
        for year in range(YEAR - 9, YEAR + 1):
            rating = rng.choice(RATINGS)
            ratings.append(AnnualRating(person_id=pid, year=year, rating=rating))
            if rating != "HTNV":
                honours.append(HonourRecord(person_id=pid, code="LDTT", year=year))
                if rating == "HTXSNV":
                    honours.append(HonourRecord(person_id=pid, code="CSTDCS", year=year))
        if rng.random() < 0.3:
            initiatives.append(Initiative(person_id=pid, title="Sáng kiến", scope=rng.choice(["co_so", "tinh"]),
                                          year=rng.randint(YEAR - 3, YEAR)))
        if rng.random() < 0.1:
            honours.append(HonourRecord(person_id=pid, code="BK_TINH", year=rng.randint(YEAR - 9, YEAR - 5)))
        if rng.random() < 0.01:
            start = datetime.date(rng.randint(YEAR - 4, YEAR), 3, 1)
            discipline.append(DisciplineRecord(person_id=pid, form="khien_trach", start_date=start,
                                               end_date=start + datetime.timedelta(days=365)))
        if rng.random() < 0.005:
            reviews.append(ReviewFlag(person_id=pid, reason="thanh_tra", opened_on=datetime.date(YEAR, 6, 1)))
    with transaction.atomic():
        for model, rows in [(AnnualRating, ratings), (HonourRecord, honours), (Initiative, initiatives),
                            (DisciplineRecord, discipline), (ReviewFlag, reviews)]:
            model.objects.bulk_create(rows, batch_size=batch)
    print(f"history: {len(ratings):,} ratings, {len(honours):,} titles and awards, {len(initiatives):,} initiatives, "
          f"{len(discipline):,} discipline, {len(reviews):,} open reviews")


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
        build(args.people)
        print(f"built in {time.perf_counter() - start:.1f} s")
        for award in args.award or ["CSTDCS", "BK_TINH"]:
            measure(award)
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
