"""Every example of contracts/scoring-examples.json through the Python API, through `tdkt scoring
compute` in-process (file and stdin) and once through the installed console script.

An expected ``errors`` entry is the item code the message must name (one message per fault)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.cli import main
from tdkt.scoring.domain import compute, compute_json

ROOT = Path(__file__).resolve().parents[3]
# The shared contract's file when the checkout sits beside it, else the copy kept with these tests.
SHARED = ROOT.parent / "shared" / "contracts" / "scoring-examples.json"
EXAMPLES_PATH = SHARED if SHARED.exists() else Path(__file__).with_name("scoring-examples.json")
EXAMPLES = json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
IDS = [f"{i}-{e['input']['template'].get('code')}" for i, e in enumerate(EXAMPLES)]
UNIT_KEYS = ["unit", "self_total", "final_total", "sections", "band", "rank", "errors"]


def assert_matches(output: dict, expect: dict) -> None:
    assert list(output) == ["template", "units"]
    assert output["template"] == expect["template"]
    assert list(output["template"]) == ["code", "max_total"]
    assert len(output["units"]) == len(expect["units"])
    for got, want in zip(output["units"], expect["units"], strict=True):
        assert list(got) == UNIT_KEYS
        assert {k: v for k, v in got.items() if k != "errors"} == {k: v for k, v in want.items() if k != "errors"}
        if got["sections"] is not None:
            assert list(got["sections"]) == list(want["sections"])
        assert len(got["errors"]) == len(want["errors"]), got["errors"]
        for message, code in zip(got["errors"], want["errors"], strict=True):
            assert f"'{code}'" in message, (message, code)
        for key in ("self_total", "final_total"):
            assert got[key] is None or isinstance(got[key], float)


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_example_through_python_api(example):
    assert_matches(compute(example["input"]), example["expect"])


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_example_through_the_command(example, tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(example["input"], ensure_ascii=False), encoding="utf-8")
    assert main(["scoring", "compute", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert_matches(json.loads(out), example["expect"])


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_example_from_stdin(example, capsys, monkeypatch):
    data = json.dumps(example["input"], ensure_ascii=False).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["scoring", "compute", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    printed = json.loads(out)
    assert_matches(printed, example["expect"])
    assert printed == compute_json(data)


def test_examples_through_the_console_script(tmp_path):
    tdkt = ROOT / ".venv" / "bin" / "tdkt"
    command = [str(tdkt)] if tdkt.exists() else [sys.executable, "-m", "tdkt.cli"]
    for example in EXAMPLES:
        done = subprocess.run(  # noqa: S603 - fixed argv, our own console script
            [*command, "scoring", "compute", "-"],
            input=json.dumps(example["input"]).encode("utf-8"),
            capture_output=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8")
        assert done.stderr == b""
        assert_matches(json.loads(done.stdout.decode("utf-8")), example["expect"])
    assert "Sở Nội vụ" in done.stdout.decode("utf-8")  # UTF-8, not \u escapes


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/contracts beside the checkout")
def test_bundled_copy_matches_the_shared_contract():
    bundled = Path(__file__).with_name("scoring-examples.json")
    assert json.loads(bundled.read_text(encoding="utf-8")) == EXAMPLES
