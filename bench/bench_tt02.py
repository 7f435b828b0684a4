"""Benchmark: the five statistical forms of Thông tư 02/2023/TT-BNV (issue 14.1–2 and 14.6) for 100,000
people with about 1,000,000 records of titles and awards — seconds per form on SQLite and PostgreSQL;
the goal is under 5 s a form.

    .venv/bin/python bench/bench_tt02.py [--people 100000] [--runs 3]
    BENCH_SIZE=10000 .venv/bin/python bench/bench_tt02.py        # a smaller province
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_tt02.py

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… on a throwaway
test database next to the named one (bench/throwaway.py). The province is bench/province.py's (100
departments, ten years of ratings and titles: about ten records per person). On top of it, with bulk
inserts and set-based updates, what the forms count in the report year: province- and state-level awards
for about 16% of the people (and a tenth of the departments), the decided dossiers' awardees linked to
theirs, leaders among the people, 2% of the people TĐKT officers with an education, a date of birth and a
start in the field, 20 departments marked as TĐKT units, and 400 movements of every kind and length.

Times, for the province's standing office, each form's computation (tdkt.reports.selectors.report_compute:
one GROUP BY), its page (Django test client), its Excel file, and the records behind its largest cell;
median of --runs runs with the number of queries.
"""

import argparse
import datetime
import os
import random
import time

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from measure import analyze, median_of  # noqa: E402
from province import YEAR, _insert, build_province  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

GOAL = 5.0
# Share of the people given each award in the report year (province level, then state level).
AWARDS = [("BK_TINH", 0.08), ("CSTD_TINH", 0.03), ("KNC", 0.04), ("BK_TTG", 0.01), ("HCLD3", 0.003),
          ("CSTD_TQ", 0.002)]
EDUCATION = ["so_cap", "trung_cap", "cao_dang", "dai_hoc", "dai_hoc", "tren_dai_hoc"]


def _tt02_data(made: dict, rng: random.Random) -> dict:
    from tdkt.awards.models import Awardee
    from tdkt.movements.models import Movement
    from tdkt.organizations.models import Organization, Person
    from tdkt.records.models import HonourRecord

    person_ids = list(Person.objects.filter(organization__path__startswith=f"/{made['province_id']}/")
                      .order_by("pk").values_list("pk", flat=True))
    departments = made["department_ids"]
    rows = [{"person_id": pk, "code": code, "year": YEAR}
            for pk in person_ids for code, share in AWARDS if rng.random() < share]
    rows += [{"organization_id": d, "code": code, "year": YEAR}
             for i, d in enumerate(departments) for code in (("CO_TINH",) if i % 10 == 0 else ())
             + (("BK_TINH",) if i % 3 == 0 else ()) + (("CO_CP",) if i % 50 == 0 else ())]
    with transaction.atomic():
        _insert(HonourRecord, rows)
        # The decided dossiers' awardees: each linked to a record of its person (the round's kind gives the method).
        for awardee in Awardee.objects.select_related("nominee").order_by("pk"):
            record = HonourRecord.objects.create(person_id=awardee.nominee.person_id, code="BK_TINH", year=YEAR)
            Awardee.objects.filter(pk=awardee.pk).update(honour_record=record)
        # Leaders (one in eight), TĐKT officers (one in fifty) with their facts, in a few set-based updates.
        Person.objects.filter(pk__in=person_ids[::8]).update(is_manager=True)
        officers = person_ids[::50]
        for k, education in enumerate(EDUCATION):
            chunk = officers[k::len(EDUCATION)]
            Person.objects.filter(pk__in=chunk[0::2]).update(
                is_tdkt_officer=True, education_level=education, date_of_birth=datetime.date(1965 + 5 * k, 3, 1),
                in_tdkt_work_since=datetime.date(2005 + 3 * k, 1, 1))
            Person.objects.filter(pk__in=chunk[1::2]).update(
                is_tdkt_officer=True, education_level=education, date_of_birth=datetime.date(1990 - 2 * k, 7, 1),
                in_tdkt_work_since=datetime.date(2024 - k, 1, 1))
        Organization.objects.filter(pk__in=departments[:10]).update(tdkt_unit_kind="ban_snv")
        Organization.objects.filter(pk__in=departments[10:20]).update(tdkt_unit_kind="phong_snv")
        kinds = ["regular", "thematic", "special"]
        lengths = [90, 364, 500, 1400, 2200]
        Movement.objects.bulk_create(
            Movement(organization_id=made["province_id"] if n % 10 == 0 else departments[n % len(departments)],
                     title=f"Phong trào Bench {n}", kind=kinds[n % 3], status="issued",
                     start_date=datetime.date(YEAR, 1, 1) - datetime.timedelta(days=n % 200),
                     end_date=datetime.date(YEAR, 1, 1) - datetime.timedelta(days=n % 200)
                     + datetime.timedelta(days=lengths[n % 5]))
            for n in range(400))
    return {"records": len(rows), "officers": len(officers)}



def measure(made: dict, runs: int) -> float:
    from tdkt.accounts.models import User
    from tdkt.organizations.models import Organization
    from tdkt.reports import selectors
    from tdkt.reports.domain.forms import FORMS

    user = User.objects.get(username=made["users"]["standing_office"])
    province = Organization.objects.get(pk=made["province_id"])
    client = Client()
    client.force_login(user)
    query = {"year": YEAR, "organization": province.pk}
    client.get("/reports/tt02/0601/", query)  # warm up: URL resolvers, templates, translations
    slowest = 0.0
    for code, form in FORMS.items():
        report = selectors.report_compute(form, year=YEAR, organization=province)
        largest = max(((row, key, v) for row, cells in report.cells.items() for key, v in cells.items() if v),
                      key=lambda x: x[2], default=("01", form.columns[0].key, 0))
        print(f"-- {form.number}: total {report.cells['01'][form.columns[0].key]:,}")
        compute, q1 = median_of(runs, lambda f=form: selectors.report_compute(f, year=YEAR, organization=province))
        page, q2 = median_of(runs, lambda c=code: client.get(f"/reports/tt02/{c}/", query))
        xlsx, q3 = median_of(runs, lambda c=code: client.get(f"/reports/tt02/{c}/", {**query, "format": "xlsx"}))
        cell_url = f"/reports/tt02/{code}/cell/{largest[0]}/{largest[1]}/"
        cell, q4 = median_of(runs, lambda u=cell_url: client.get(u, query))
        status = client.get(f"/reports/tt02/{code}/", query).status_code
        for label, seconds, queries in (("compute", compute, q1), ("page", page, q2), ("excel", xlsx, q3),
                                        (f"cell {largest[0]}×{largest[1]} ({largest[2]:,})", cell, q4)):
            print(f"  {label:<28} {seconds:7.2f} s  ({queries} queries)"
                  f"{'' if seconds < GOAL else f'  OVER THE {GOAL:.0f} s GOAL'}")
        print(f"  page HTTP {status}")
        slowest = max(slowest, compute, page, xlsx, cell)
    return slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_SIZE", 100_000)))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with throwaway_database("tt02", WORKDIR) as vendor, override_settings(ALLOWED_HOSTS=["*"]):
        print(f"== {vendor}: a province of {args.people:,} people")
        start = time.perf_counter()
        made = build_province(args.people)
        added = _tt02_data(made, random.Random(11))
        analyze()
        from tdkt.records.models import HonourRecord

        print(f"built in {time.perf_counter() - start:.0f} s: {HonourRecord.objects.count():,} records of titles "
              f"and awards ({added['records']:,} TT02 awards in {YEAR}), {added['officers']:,} TĐKT officers")
        slowest = measure(made, args.runs)
        print(f"slowest: {slowest:.2f} s (goal: under {GOAL:.0f} s)")


if __name__ == "__main__":
    main()
