"""Benchmark: a block's ranking read from the database, as the pages, the API and publication do.

    .venv/bin/python bench/bench_scoring_db.py [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1/tdkt bench/bench_scoring_db.py   # a throwaway test DB

Builds a 15-member block and a 500-member province-wide ranking on seed 000's 450-point sheet (30
leaves), every sheet submitted with three completed reviews (head, deputy, one assigned reviewer),
then times `round_standings` (load sheets and reviews + compute + flags), and `result_publish` once
(the frozen result with its rows). Prints medians, query counts and peak memory of the standings.
"""

import argparse
import os
import random
import statistics
import time
import tracemalloc
from decimal import Decimal

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

from tdkt.accounts.models import RoleGrant, User  # noqa: E402
from tdkt.organizations.models import BlockMembership, EmulationBlock, Organization  # noqa: E402
from tdkt.scoring.domain import RuleType, template_from_markdown  # noqa: E402
from tdkt.scoring.models import (  # noqa: E402
    Review,
    ReviewEntry,
    ReviewerAssignment,
    ReviewStatus,
    ScoreSheet,
    ScoringRound,
    SheetEntry,
    SheetStatus,
)
from tdkt.scoring.services.rounds import result_publish  # noqa: E402
from tdkt.scoring.services.templates import template_create  # noqa: E402
from tdkt.scoring.standings import parsed_template, round_standings  # noqa: E402

SEED = ROOT / "tdkt" / "scoring" / "seeds" / "seed000_criteria.md"


def _org(code, name, parent=None, kind="department"):
    org = Organization.objects.create(code=code, name=name, kind=kind, level=kind, parent=parent)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.save(update_fields=["path", "depth"])
    return org


def build(size: int, admin, province, template, rng) -> ScoringRound:
    block = EmulationBlock.objects.create(organizer=province, name=f"Khối {size} đơn vị", year=2022)
    members = [_org(f"B{size}-{i}", f"Đơn vị số {i} của khối {size}", province) for i in range(size)]
    for position, org in enumerate(members):
        role = "head" if position == 0 else "deputy" if position == 1 else "member"
        BlockMembership.objects.create(block=block, organization=org, role=role, position=position)
    scoring_round = ScoringRound.objects.create(block=block, template=template, self_deadline="2022-12-10",
                                                created_by=admin)
    ReviewerAssignment.objects.create(round=scoring_round, reviewer=province, assigned_by=admin)
    reviewers = [members[0], members[1], province]
    leaves = list(parsed_template(template).leaves())

    def value(leaf):
        if leaf.rule is RuleType.PER_COUNT:
            return Decimal(rng.randint(0, int(leaf.max / leaf.points_each)))
        return Decimal(rng.randint(int(leaf.max) // 2, int(leaf.max)))

    for org in members:
        sheet = ScoreSheet.objects.create(round=scoring_round, organization=org, status=SheetStatus.SUBMITTED)
        SheetEntry.objects.bulk_create(
            SheetEntry(sheet=sheet, item_code=leaf.code, value=value(leaf)) for leaf in leaves
        )
        for reviewer in reviewers:
            if reviewer == org:
                reviewer = members[2]  # the head's and deputy's own sheets go to another member
            review = Review.objects.create(sheet=sheet, reviewer=reviewer, status=ReviewStatus.COMPLETED)
            ReviewEntry.objects.bulk_create(
                ReviewEntry(review=review, item_code=leaf.code, value=value(leaf)) for leaf in leaves
            )
    return scoring_round


def time_standings(scoring_round, runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        standings = round_standings(scoring_round)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        round_standings(scoring_round)
    tracemalloc.start()
    round_standings(scoring_round)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"median": statistics.median(times), "queries": len(queries), "peak_mb": peak / 1024 / 1024,
            "lines": len(standings.lines)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database("scoring", WORKDIR) as vendor:
        admin = User.objects.create_superuser(username="bench", password="x-bench-only")
        RoleGrant.objects.create(user=admin, role="admin")
        province = _org("P", "UBND tỉnh", kind="province")
        definition = template_from_markdown(SEED.read_text(encoding="utf-8"), code="KTMTH-2022")
        template = template_create(actor=admin, owner=province, code="KTMTH-2022", name="Seed 000",
                                   definition=definition)
        rng = random.Random(5)  # noqa: S311
        print(f"\n== {vendor}: seed 000's sheet ({len(list(parsed_template(template).leaves()))} leaves), "
              f"3 completed reviews per sheet; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs ==")
        for size in (15, 500):
            start = time.perf_counter()
            scoring_round = build(size, admin, province, template, rng)
            built = time.perf_counter() - start
            figures = time_standings(scoring_round, args.runs)
            start = time.perf_counter()
            result = result_publish(actor=admin, scoring_round=scoring_round, reason="bench")
            published = time.perf_counter() - start
            print(f"{size:>4} members: standings {figures['median'] * 1000:7.1f} ms median of {args.runs} "
                  f"({figures['queries']} queries, peak {figures['peak_mb']:.1f} MB, {figures['lines']} ranked); "
                  f"publish {published * 1000:7.1f} ms ({result.rows.count()} rows); data built in {built:.1f} s")


if __name__ == "__main__":
    main()
