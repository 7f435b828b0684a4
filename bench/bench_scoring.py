"""Benchmark: scoring and ranking on seed 000's 450-point sheet.

    .venv/bin/python bench/bench_scoring.py [--runs 5]

Times `tdkt.scoring.domain.compute` (the same computation `tdkt scoring compute` runs) for a
15-member block and a 500-member province-wide ranking, every sheet with a self-score and three
reviews, and prints the median of the runs and the peak memory. Pure Python: no database.
"""

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt.scoring.domain import compute  # noqa: E402

EXAMPLES = ROOT / "tdkt" / "scoring" / "tests" / "scoring-examples.json"


def seed_template() -> dict:
    """The example whose template is seed 000's sheet (the one with the largest max total)."""
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    return max((e["input"]["template"] for e in examples), key=lambda t: len(json.dumps(t)))


def leaves(items):
    for item in items:
        if item.get("children"):
            yield from leaves(item["children"])
        else:
            yield item


def random_scores(template: dict, rng: random.Random) -> dict:
    out = {}
    for leaf in leaves(template["items"]):
        rule = (leaf.get("rule") or {}).get("type", "points")
        if rule == "points":
            out[leaf["code"]] = {"points": round(rng.uniform(0.6, 1.0) * leaf["max"], 2)}
        else:
            out[leaf["code"]] = {"count": rng.randint(0, 6)}
    return out


def build(template: dict, members: int, rng: random.Random) -> dict:
    sheets = []
    for n in range(members):
        reviews = [{"reviewer": f"Thẩm định {r + 1}", "scores": random_scores(template, rng)} for r in range(3)]
        sheets.append({"unit": f"Đơn vị {n + 1}", "self": random_scores(template, rng), "reviews": reviews})
    return {"template": template, "sheets": sheets}


def measure(data: dict, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compute(data)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    compute(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    template = seed_template()
    rng = random.Random(2022)
    print(f"template: {len(list(leaves(template['items'])))} leaves, bands {[b['label'] for b in template['bands']]}")
    print(f"{'case':<38}{'median':>10}{'per sheet':>12}{'peak mem':>11}")
    for label, members in [("15-member block, 3 reviews each", 15), ("500-member ranking, 3 reviews each", 500)]:
        data = build(template, members, rng)
        median, peak = measure(data, args.runs)
        print(f"{label:<38}{median * 1000:>8.1f} ms{median / members * 1e6:>9.0f} µs{peak:>8.1f} MB")


if __name__ == "__main__":
    main()
