"""Micro-benchmark of the eligibility engine (pure Python, no database).

Builds N synthetic people (default 100,000) with ten years of history (2016–2025: ratings, LĐTT /
CSTĐCS / CSTĐ tỉnh titles, Bằng khen, initiatives, a few discipline periods and pending reviews),
then evaluates CSTDCS, CSTD_TINH and BK_TINH for every one of them through
``evaluate_subjects`` — the path the "who can be proposed" pages use. Prints the time to build
the facts, the evaluation time (total, per subject for the three awards, per subject and award),
the verdict counts, and the peak memory measured with tracemalloc in a second, separate run
(tracemalloc slows Python down, so it never runs during the timing).

    .venv/bin/python bench/bench_rules_engine.py [--people 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
import tracemalloc
from collections import Counter
from datetime import date

from tdkt.rules.domain import (
    Discipline,
    DisciplineForm,
    Initiative,
    InitiativeKind,
    Kind,
    Rating,
    Record,
    Scope,
    SubjectFacts,
    check,
    evaluate_subjects,
)

YEAR = 2025
ON_DATE = date(2025, 12, 10)
FIRST = YEAR - 9
AWARDS = ("CSTDCS", "CSTD_TINH", "BK_TINH")
RATINGS = (Rating.HTXSNV,) * 30 + (Rating.HTTNV,) * 55 + (Rating.HTNV,) * 12 + (Rating.KHTNV,) * 3


def raw_person(rng: random.Random) -> tuple:
    """Plain rows, as the ORM adapter would read them: (ratings, titles, awards, initiatives, discipline,
    pending)."""
    ratings = {}
    titles = []
    initiatives = []
    streak = 0
    for y in range(FIRST, YEAR + 1):
        r = rng.choice(RATINGS)
        ratings[y] = r
        if r >= Rating.HTTNV:
            titles.append(("LDTT", y))
            if r == Rating.HTXSNV or rng.random() < 0.1:
                titles.append(("CSTDCS", y))
                streak += 1
                if streak % 3 == 0 and rng.random() < 0.3:
                    titles.append(("CSTD_TINH", y))
            else:
                streak = 0
        else:
            streak = 0
        if rng.random() < 0.25:
            initiatives.append((y, rng.choice((Scope.CO_SO, Scope.CO_SO, Scope.CO_SO, Scope.TINH))))
    awards = [("BK_TINH", y) for y in range(FIRST, YEAR + 1) if rng.random() < 0.05]
    discipline = []
    if rng.random() < 0.03:
        start = date(rng.randint(FIRST, YEAR), rng.randint(1, 12), rng.randint(1, 28))
        discipline.append((DisciplineForm.KHIEN_TRACH, start, date(start.year + 1, start.month, start.day)))
    return ratings, titles, awards, initiatives, discipline, rng.random() < 0.01


def raw_population(n: int, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    return [raw_person(rng) for _ in range(n)]


def build(raw: list[tuple]) -> list[tuple[str, SubjectFacts]]:
    """Rows → frozen facts (records, then ``SubjectFacts`` with its indexes)."""
    out = []
    for i, (ratings, titles, awards, initiatives, discipline, pending) in enumerate(raw):
        out.append((f"p{i}", SubjectFacts(
            kind=Kind.INDIVIDUAL,
            ratings=ratings,
            titles=tuple(Record(code, y) for code, y in titles),
            awards=tuple(Record(code, y) for code, y in awards),
            initiatives=tuple(Initiative(y, scope, InitiativeKind.SANG_KIEN) for y, scope in initiatives),
            discipline=tuple(Discipline(form, start, end) for form, start, end in discipline),
            pending_review=pending,
        )))
    return out


def evaluate_all(people: list[tuple[str, SubjectFacts]]) -> Counter:
    verdicts: Counter = Counter()
    for award in AWARDS:
        for result in evaluate_subjects(people, award, year=YEAR, on_date=ON_DATE):
            verdicts[(award, result.verdict.value)] += 1
    return verdicts


def to_json(pid: str, s: SubjectFacts, award: str) -> dict:
    return {
        "id": pid, "award": award, "year": YEAR, "on_date": ON_DATE.isoformat(),
        "subject": {
            "kind": "individual",
            "ratings": {str(y): r.name for y, r in s.ratings.items()},
            "titles": [{"code": t.code, "year": t.year} for t in s.titles],
            "awards": [{"code": a.code, "year": a.year} for a in s.awards],
            "initiatives": [{"year": i.year, "scope": i.scope.name.lower(), "kind": i.kind.value}
                            for i in s.initiatives],
            "discipline": [{"form": d.form.name.lower(), "from": d.start.isoformat(),
                            "to": d.end.isoformat() if d.end else None} for d in s.discipline],
            "pending_review": s.pending_review,
        },
    }


def timed_build(raw: list[tuple], *, pause_gc: bool) -> tuple[list[tuple[str, SubjectFacts]], float]:
    gc.collect()
    if pause_gc:  # what a mass adapter should do: millions of new objects make the cyclic GC rescan the heap
        gc.disable()
    try:
        start = time.perf_counter()
        people = build(raw)
        return people, time.perf_counter() - start
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = args.people
    raw = raw_population(n, args.seed)

    people, with_gc = timed_build(raw, pause_gc=False)
    del people
    people, paused = timed_build(raw, pause_gc=True)
    gc.collect()
    t1 = time.perf_counter()
    verdicts = evaluate_all(people)
    evaluation = time.perf_counter() - t1
    print(f"subjects: {n:,} individuals, history {FIRST}–{YEAR}; awards: {', '.join(AWARDS)}")
    print(f"build facts from rows (records + SubjectFacts with its indexes): {paused:.2f} s with the cyclic GC "
          f"paused ({paused / n * 1e6:.1f} µs/subject); {with_gc:.2f} s with it running "
          f"({with_gc / n * 1e6:.1f} µs/subject)")
    print(f"evaluate {len(AWARDS)} awards: {evaluation:.2f} s total, {evaluation / n * 1e6:.1f} µs/subject, "
          f"{evaluation / (n * len(AWARDS)) * 1e6:.1f} µs/subject/award")
    for award in AWARDS:
        counts = {v: verdicts[(award, v)] for v in ("eligible", "ineligible", "unsupported") if verdicts[(award, v)]}
        print(f"  {award}: {counts}")

    sample = people[: min(n, 10_000)]
    payload = json.loads(json.dumps([to_json(pid, s, "BK_TINH") for pid, s in sample]))
    t3 = time.perf_counter()
    check(payload)
    t4 = time.perf_counter()
    print(f"contract path (validate + build facts + evaluate + to JSON objects), {len(sample):,} BK_TINH cases: "
          f"{(t4 - t3) / len(sample) * 1e6:.1f} µs/case")

    del people, verdicts, payload
    gc.collect()
    tracemalloc.start()
    people = build(raw)
    built, built_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    evaluate_all(people)
    _, eval_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory (tracemalloc, separate run): facts {built / 2**20:.0f} MiB "
          f"({built / n:.0f} B/subject, peak while building {built_peak / 2**20:.0f} MiB); "
          f"peak while evaluating {eval_peak / 2**20:.0f} MiB (results streamed, not kept)")


if __name__ == "__main__":
    main()
