"""Every case of contracts/eligibility-examples.json, through the Python API and through
`tdkt rules check` run in-process: expected verdict and failing codes (as a multiset)."""

import json
from collections import Counter
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.rules.domain import evaluate, evaluate_many, load_cases

# The shared contract's file when the checkout sits beside it, else the copy kept with these tests.
SHARED = Path(__file__).resolve().parents[4] / "shared" / "contracts" / "eligibility-examples.json"
EXAMPLES_PATH = SHARED if SHARED.exists() else Path(__file__).with_name("eligibility-examples.json")
EXAMPLES = json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))


def _failed_codes(conditions) -> Counter:
    return Counter(c["code"] for c in conditions if c["passed"] is False)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_example_through_python_api(example):
    result = evaluate(example)
    assert result.id == example["id"]
    assert str(result.verdict) == example["expect"]["verdict"]
    assert Counter(result.failed) == Counter(example["expect"]["failed"])


def test_examples_through_the_command(capsys):
    assert main(["rules", "check", str(EXAMPLES_PATH)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    results = json.loads(out)
    assert [r["id"] for r in results] == [e["id"] for e in EXAMPLES]
    for example, result in zip(EXAMPLES, results, strict=True):
        assert result["award"] == example["award"]
        assert result["verdict"] == example["expect"]["verdict"], example["id"]
        assert _failed_codes(result["conditions"]) == Counter(example["expect"]["failed"]), example["id"]
        assert set(result) == {"id", "award", "regime", "verdict", "conditions"}
        for c in result["conditions"]:
            assert set(c) == {"code", "passed", "message", "legal_ref"}


def test_examples_from_stdin(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLES_PATH.read_bytes()), encoding="utf-8"))
    assert main(["rules", "check", "-"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["verdict"] for r in results] == [e["expect"]["verdict"] for e in EXAMPLES]


def test_api_and_command_agree_exactly(capsys):
    main(["rules", "check", str(EXAMPLES_PATH)])
    printed = json.loads(capsys.readouterr().out)
    assert printed == [r.to_dict() for r in evaluate_many(load_cases(EXAMPLES_PATH.read_bytes()))]


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/contracts beside the checkout")
def test_bundled_copy_matches_the_shared_contract():
    bundled = Path(__file__).with_name("eligibility-examples.json")
    assert json.loads(bundled.read_text(encoding="utf-8")) == EXAMPLES
