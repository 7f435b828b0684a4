"""`tdkt scoring compute`: JSON on stdout and exit 0; not JSON or an invalid template exits 2 with
one line on stderr naming the problem; invalid sheets are reported, not fatal."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.cli import main

from .builders import FULL, leaf, pts, section, sheet, template

ROOT = Path(__file__).resolve().parents[3]


def run_cli(capsys, monkeypatch, payload: str | bytes) -> tuple[int, str, str]:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["scoring", "compute", "-"])
    out, err = capsys.readouterr()
    return code, out, err


def payload(t: dict, *sheets: dict) -> str:
    return json.dumps({"template": t, "sheets": list(sheets)}, ensure_ascii=False)


def test_prints_output_and_exits_0(capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, payload(FULL, sheet("Sở Nội vụ", {"I.2": pts(28.5)})))
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "template": {"code": "T", "max_total": 100.0},
        "units": [
            {
                "unit": "Sở Nội vụ",
                "self_total": 28.5,
                "final_total": 28.5,
                "sections": {"I": 28.5, "II": 0.0, "III": 0.0},
                "band": "Khá",
                "rank": 1,
                "errors": [],
            }
        ],
    }
    assert "Sở Nội vụ" in out  # UTF-8, not \u escapes
    assert '"max_total": 100.0' in out  # a JSON number with its decimal


def test_invalid_sheet_still_exits_0(capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, payload(FULL, sheet("u", {"I.2": pts(99)})))
    assert (code, err) == (0, "")
    [unit] = json.loads(out)["units"]
    assert unit["rank"] is None
    assert "'I.2'" in unit["errors"][0]


def test_reads_a_file_path(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(payload(FULL), encoding="utf-8")
    assert main(["scoring", "compute", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["units"] == []


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["scoring", "compute", str(tmp_path / "nope.json")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "nope.json" in err


@pytest.mark.parametrize("text", ["", "{", '{"template": 1,}', "NaN", '{"x": Infinity}', "not json", b"\xff\xfe{}"])
def test_not_json_exits_2(capsys, monkeypatch, text):
    code, out, err = run_cli(capsys, monkeypatch, text)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("tdkt scoring compute: ")
    assert "JSON" in err or "UTF-8" in err


BAD_TEMPLATES = [
    (
        "duplicate code",
        template(section("I", 10, leaf("I.1", 5), leaf("I.1", 5))),
        "mẫu tiêu chí: mã mục trùng lặp 'I.1'",
    ),
    ("leaf without positive max", template(leaf("A.1", 0)), "'A.1'"),
    ("per_count without points_each", template(leaf("B.2", 10, "per_count")), "'B.2'"),
    ("deduction with negative points_each", template(leaf("C.3", 10, "deduction", -2)), "'C.3'"),
    ("no bands", template(leaf("A", 10), bands=[]), "bands"),
    ("template not an object", [], "mẫu tiêu chí"),
]


@pytest.mark.parametrize(("label", "bad", "named"), BAD_TEMPLATES, ids=[b[0] for b in BAD_TEMPLATES])
def test_invalid_template_exits_2_with_one_line(capsys, monkeypatch, label, bad, named):
    code, out, err = run_cli(capsys, monkeypatch, payload(bad, sheet("u", {})))
    assert (code, out) == (2, "")
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert named in err


@pytest.mark.parametrize("text", ["[]", '"x"', "{}", '{"sheets": []}', json.dumps({"template": FULL, "sheets": {}})])
def test_wrong_shapes_exit_2(capsys, monkeypatch, text):
    code, out, err = run_cli(capsys, monkeypatch, text)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1


def test_newline_in_a_code_stays_on_one_line(capsys, monkeypatch):
    bad = template(leaf("A\nB", 10), leaf("A\nB", 5))
    code, _, err = run_cli(capsys, monkeypatch, payload(bad))
    assert code == 2
    assert err.count("\n") == 1


def test_console_script_exit_2_through_a_real_process():
    tdkt = ROOT / ".venv" / "bin" / "tdkt"
    command = [str(tdkt)] if tdkt.exists() else [sys.executable, "-m", "tdkt.cli"]
    bad = payload(template(section("I", 10, leaf("I.1", 5), leaf("I.1", 5))))
    done = subprocess.run(  # noqa: S603 - fixed argv, our own console script
        [*command, "scoring", "compute", "-"],
        input=bad.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert "mã mục trùng lặp 'I.1'" in err
