"""Benchmark: the statistics page (issue 14.4 and 14.6) for 100,000 people with about 1,000,000 records
of titles and awards — seconds per section on SQLite and PostgreSQL; the goal is under 5 s a page.

    .venv/bin/python bench/bench_stats.py [--people 100000] [--runs 3]
    BENCH_SIZE=10000 .venv/bin/python bench/bench_stats.py        # a smaller province
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_stats.py

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… on a throwaway
test database next to the named one (bench/throwaway.py). The province is bench/province.py's (bulk
inserts, COPY on PostgreSQL): 100 departments, ten years of ratings and the LĐTT/CSTĐCS titles they earn
(about ten records per person), a BK_TINH for a tenth, one dossier per department at every step. On top
of it, with bulk inserts: the dossiers' workflow steps (transitions dated over 60 days, a return with one of
four reasons for a third), one movement of all the departments with registrations and two milestones'
reports, on time, late or missing.

Times each section's queries (tdkt.stats.sections: titles and awards, movements, dossiers) and the
whole page (/stats/, Django test client) for the province's standing office: the whole province over
all years, one department, and a five-year range; median of --runs runs with the number of queries.
"""

import argparse
import datetime
import os
import time

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from measure import analyze, median_of  # noqa: E402
from province import YEAR, _insert, build_province  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

REASONS = ["Thiếu biên bản họp xét", "Thiếu báo cáo thành tích", "Sai mẫu tờ trình", "Quá hạn gửi"]
ORDER = ["submitted", "received", "appraised", "voting", "notice", "awaiting_decision", "decided"]
GOAL = 5.0


def _steps(pk: int, n: int, state: str, at: datetime.datetime) -> list[dict]:
    """One dossier's steps: sent, (returned and sent again for a third), then each step up to its state."""
    rows, previous = [], "draft"
    plan = [("submit", "submitted", 0, "")]
    if n % 3 == 0 or state == "returned":
        plan.append(("return", "returned", 2 + n % 5, REASONS[n % len(REASONS)]))
        if state != "returned":
            plan.append(("submit", "submitted", 3, ""))
    if state in ORDER:
        plan += [(to, to, 3 + n % 7, "") for to in ORDER[1: ORDER.index(state) + 1]]
    for action, to, days, reason in plan:
        at += datetime.timedelta(days=days)
        rows.append({"dossier_id": pk, "action": action, "from_state": previous, "to_state": to, "at": at,
                     "reason": reason})
        previous = to
    return rows


def _workflow(made: dict) -> int:
    """The workflow steps of every dossier past the unit, a few days apart."""
    from tdkt.awards.models import Dossier, Transition

    start = timezone.now() - datetime.timedelta(days=120)
    rows = []
    dossiers = Dossier.objects.filter(pk__in=made["dossier_ids"]).order_by("pk").values_list("pk", "state")
    for n, (pk, state) in enumerate(dossiers):
        if state not in ("draft", "awaiting_signoff"):
            rows += _steps(pk, n, state, start)
    with transaction.atomic():
        _insert(Transition, rows)
        if connection.vendor != "postgresql":
            # bulk_create stamps the auto_now_add "at" with now (COPY keeps the row's): put the dates back.
            pks = Transition.objects.order_by("pk").values_list("pk", flat=True)
            for row, pk in zip(rows, pks, strict=True):
                Transition.objects.filter(pk=pk).update(at=row["at"])
    return len(rows)


def _movement(made: dict) -> None:
    from tdkt.movements.models import Milestone, Movement, Participant, Registration, ReportSubmission

    province = made["province_id"]
    movement = Movement.objects.create(organization_id=province, title="Phong trào thi đua năm Bench",
                                       status="issued", start_date=datetime.date(YEAR, 1, 1),
                                       end_date=datetime.date(YEAR, 12, 31),
                                       registration_deadline=datetime.date(YEAR, 3, 15))
    milestones = [Milestone.objects.create(movement=movement, kind="mid_year", name="Sơ kết",
                                           report_deadline=datetime.date(YEAR, 6, 15)),
                  Milestone.objects.create(movement=movement, kind="year_end", name="Tổng kết",
                                           report_deadline=datetime.date(YEAR, 11, 30))]
    now = timezone.now()
    departments = made["department_ids"]
    Participant.objects.bulk_create(Participant(movement=movement, organization_id=d) for d in departments)
    Registration.objects.bulk_create(
        Registration(movement=movement, organization_id=d, registered_at=now,
                     status=["registered", "registered", "accepted_late", "late_pending"][i % 4])
        for i, d in enumerate(departments) if i % 5)
    ReportSubmission.objects.bulk_create(
        ReportSubmission(milestone=m, organization_id=d, status="accepted" if i % 4 else "late", was_late=not i % 4,
                         file="reports/bench.pdf", original_name="bench.pdf", content_type="application/pdf",
                         size=1000, submitted_at=now)
        for m in milestones for i, d in enumerate(departments) if i % 6)


def measure(made: dict, runs: int) -> list[float]:
    from tdkt.accounts.models import User
    from tdkt.organizations.models import Organization
    from tdkt.stats import sections
    from tdkt.stats.selectors import StatsFilters

    user = User.objects.get(username=made["users"]["standing_office"])
    department = Organization.objects.get(pk=made["department_ids"][0])
    cases = [("whole province, all years", StatsFilters(), {}),
             ("one department", StatsFilters(organization=department), {"organization": department.pk}),
             (f"years {YEAR - 4}–{YEAR}", StatsFilters(year_from=YEAR - 4, year_to=YEAR),
              {"year_from": YEAR - 4, "year_to": YEAR})]
    client = Client()
    client.force_login(user)
    client.get("/stats/", {"year_from": YEAR})  # warm up: URL resolvers, templates, translations
    pages = []
    for label, filters, query in cases:
        print(f"-- {label}")
        for key, _title, build in sections.SECTIONS:
            seconds, queries = median_of(runs, lambda b=build, f=filters: [c.geometry for c in b(user, f)])
            print(f"  {key:<10} {seconds:7.2f} s  ({queries} queries)")
        seconds, queries = median_of(runs, lambda q=query: client.get("/stats/", q))
        status = client.get("/stats/", query).status_code
        print(f"  {'page':<10} {seconds:7.2f} s  ({queries} queries, HTTP {status})"
              f"{'' if seconds < GOAL else f'  OVER THE {GOAL:.0f} s GOAL'}")
        pages.append(seconds)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_SIZE", 100_000)))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with throwaway_database("stats", WORKDIR) as vendor, override_settings(ALLOWED_HOSTS=["*"]):
        print(f"== {vendor}: a province of {args.people:,} people")
        start = time.perf_counter()
        made = build_province(args.people)
        steps = _workflow(made)
        _movement(made)
        analyze()
        from tdkt.records.models import HonourRecord

        print(f"built in {time.perf_counter() - start:.0f} s: {HonourRecord.objects.count():,} records of titles "
              f"and awards, {steps} workflow steps")
        pages = measure(made, args.runs)
        print(f"slowest page: {max(pages):.2f} s (goal: under {GOAL:.0f} s)")


if __name__ == "__main__":
    main()
