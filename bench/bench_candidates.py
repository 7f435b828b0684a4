"""Benchmark: the "who can be proposed" page (/candidates/) at a province's size, page-level.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_candidates.py
    .venv/bin/python bench/bench_candidates.py --sizes 10000          # SQLite, one size

For each size (10,000, 50,000 and 100,000 people by default) it builds the province of
bench/province.py in a throwaway database and times, through the Django test client (the whole
request: middleware, scoping, template), with the number of queries and the peak memory the request
allocated (tracemalloc, in a separate run from the timed ones):

1. the unit officer's page on their own department (what the page opens on), first look (the
   department's verdicts computed in the request) and later looks;
2. the province office's page on the whole province, first look: the request starts a background
   run and answers with its progress; then the run itself, as the worker does it (seconds and peak
   memory); then later looks: page 1, the last page, eligible only, a name search, and the API;
3. for comparison, what the page did before (issue 12): the engine over the whole province inside
   the request (evaluation.candidate_table), seconds and peak memory, at sizes up to --old-max.
"""

import argparse
import os
import resource
import statistics
import time
import tracemalloc

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from province import YEAR, build_province  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker: the bench runs it


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call, runs: int) -> tuple[float, int]:
    seconds, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            seconds.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(seconds), queries


def peak_mb(call) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def get(client: Client, url: str, params: dict, status: int = 200):
    def call():
        response = client.get(url, params, headers={"accept-language": "vi"})
        assert response.status_code == status, (url, params, response.status_code)
        return response

    return call


def measure(size: int, runs: int, old_max: int) -> list[tuple]:
    from tdkt.organizations.models import Organization
    from tdkt.organizations.selectors import PersonFilters, person_list
    from tdkt.records.domain.codes import Target
    from tdkt.rules.evaluation import candidate_table
    from tdkt.rules.models import StoredVerdict, VerdictRun
    from tdkt.rules.stored import run_verdicts

    start = time.perf_counter()
    made = build_province(size)
    print(f"  built {size:,} people in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    unit, office = Client(), Client()
    unit.login(username=made["users"]["unit_officer"], password=made["password"])
    office.login(username=made["users"]["standing_office"], password=made["password"])
    province = made["province_id"]
    page = {"year": YEAR, "award": "CSTDCS"}
    rows = []

    def row(label, call, *, once=False):
        seconds, queries = timed(call, 1 if once else runs)
        rows.append((size, label, seconds, queries))

    # 1. The unit's own page: the first look computes the department's verdicts in the request.
    row("unit page, first look (computes ~1% of people)", get(unit, "/candidates/", page), once=True)
    row("unit page, later looks", get(unit, "/candidates/", page))
    # 2. The whole province: a background run, then pages read from the stored verdicts.
    whole = {**page, "org": province}
    with override_settings(TASKS=QUEUED_ONLY):
        row("province page, first look (starts the run)", get(office, "/candidates/", whole), once=True)
    run = VerdictRun.objects.filter(organization_id=province).order_by("pk").last()
    if run is not None:  # none when the province is small enough to be computed in the request
        started = time.perf_counter()
        run_verdicts(run)
        rows.append((size, f"background run: {run.total:,} verdicts (worker)", time.perf_counter() - started, None))
        # Its memory: chunks of CHUNK people, so 10,000 recomputed show the peak of any size.
        from tdkt.rules.stored import VerdictKey, compute_verdicts

        key = VerdictKey(run.award, run.year, run.basis, run.on_date)
        sample = list(StoredVerdict.objects.order_by("person_id").values_list("person_id", flat=True)[:10_000])
        run_peak = peak_mb(lambda: compute_verdicts(sample, key))
        print(f"  background run: peak memory traced while recomputing {len(sample):,} verdicts: {run_peak:,.0f} MB")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    last = (size + 99) // 100
    cases = [
        ("province page 1", whole),
        (f"province page {last} (last)", {**whole, "page": last}),
        ("province, eligible only", {**whole, "verdict": "eligible"}),
        ("province, name search 'nguyen van an'", {**whole, "q": "nguyen van an"}),
    ]
    for label, params in cases:
        row(label, get(office, "/candidates/", params))
    api = {"organization_id": province, "year": YEAR, "award": "CSTDCS", "limit": 100}
    row("API /eligibility/candidates, province", get(office, "/api/v1/eligibility/candidates", api))
    memory = [
        ("unit page", peak_mb(get(unit, "/candidates/", page))),
        ("province page 1", peak_mb(get(office, "/candidates/", whole))),
        ("province last page", peak_mb(get(office, "/candidates/", {**whole, "page": last}))),
    ]
    for label, mb in memory:
        print(f"  peak memory allocated by the request, {label}: {mb:,.1f} MB")
    print(f"  stored verdicts: {StoredVerdict.objects.count():,}")
    if size <= old_max:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=made["users"]["standing_office"])
        root = Organization.objects.get(pk=province)
        people = person_list(user, filters=PersonFilters(organization_id=province), permission="record.view")

        def old():
            candidate_table(
                people=people,
                organizations=Organization.objects.none(),
                root=root,
                award="CSTDCS",
                year=YEAR,
                target=Target.INDIVIDUAL,
            )

        row("before: the engine over the province in the request", old, once=True)
        print(f"  before: peak memory of that request's work: {peak_mb(old):,.0f} MB")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old-max", type=int, default=100_000, help="largest size to time the old path at")
    args = parser.parse_args()
    table = []
    for size in args.sizes:
        connection.close()
        WORKDIR.mkdir(exist_ok=True)  # SQLite: a fresh file in it for each size (the last one removed it)
        with (
            throwaway_database(f"candidates_{size}", WORKDIR) as vendor,
            override_settings(ALLOWED_HOSTS=["testserver"], MEDIA_ROOT=WORKDIR / "media"),
        ):
            print(f"== {vendor}: {size:,} people")
            table.extend(measure(size, args.runs, args.old_max))
    load = os.getloadavg()
    print(f"\n{'people':>8}  {'page':<55} {'seconds':>8} {'queries':>8}   (load average {load[0]:.1f})")
    for size, label, seconds, queries in table:
        print(f"{size:>8,}  {label:<55} {seconds:>8.3f} {queries if queries is not None else '':>8}")


if __name__ == "__main__":
    main()
