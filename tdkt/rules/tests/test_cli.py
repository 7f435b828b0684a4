"""`tdkt rules check`: output shape, exit 2 with one line naming case and field, unsupported."""

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.cli import main

from .builders import case, discipline, initiative, members, ratings, titles

ROOT = Path(__file__).resolve().parents[3]


def run_cli(capsys, monkeypatch, payload: str | bytes) -> tuple[int, str, str]:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["rules", "check", "-"])
    out, err = capsys.readouterr()
    return code, out, err


def good_case(**overrides) -> dict:
    c = case("CSTDCS", ratings=ratings(2024, 2025), titles=titles("CSTDCS", 2024),
             initiatives=[initiative(2025)], discipline=[discipline("2022-03-01", "2023-03-01")],
             awards=titles("BK_TINH", 2019), case_id="ok-1")
    c.update(overrides)
    return c


def test_prints_results_in_input_order(capsys, monkeypatch):
    cases = [good_case(id=f"c{i}", award=award) for i, award in enumerate(["LDTT", "CSTDCS", "BK_TTG", "CSTT"])]
    code, out, err = run_cli(capsys, monkeypatch, json.dumps(cases))
    assert (code, err) == (0, "")
    results = json.loads(out)
    assert [r["id"] for r in results] == ["c0", "c1", "c2", "c3"]
    assert [r["verdict"] for r in results] == ["eligible", "eligible", "ineligible", "unsupported"]
    assert results[3]["conditions"] == []
    assert results[0]["conditions"][0]["code"] == "GATE_PENDING_REVIEW"


def test_empty_array_gives_empty_array(capsys, monkeypatch):
    assert run_cli(capsys, monkeypatch, "[]")[:2] == (0, "[]\n")


def test_reads_a_file_path(tmp_path, capsys):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([good_case()], ensure_ascii=False), encoding="utf-8")
    assert main(["rules", "check", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["verdict"] == "eligible"


def test_output_is_utf8_vietnamese(capsys, monkeypatch):
    _, out, _ = run_cli(capsys, monkeypatch, json.dumps([good_case()]))
    assert "xếp loại" in out  # not \u escapes


def _mutate(path: str, value=..., *, delete=False) -> dict:
    c = copy.deepcopy(good_case())
    keys = path.split(".")
    target = c
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if delete:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return c


MALFORMED = [
    ("missing id", _mutate("id", delete=True), "id"),
    ("missing award", _mutate("award", delete=True), "award"),
    ("missing year", _mutate("year", delete=True), "year"),
    ("missing on_date", _mutate("on_date", delete=True), "on_date"),
    ("missing subject", _mutate("subject", delete=True), "subject"),
    ("missing kind", _mutate("subject.kind", delete=True), "subject.kind"),
    ("missing ratings", _mutate("subject.ratings", delete=True), "subject.ratings"),
    ("missing titles", _mutate("subject.titles", delete=True), "subject.titles"),
    ("missing pending_review", _mutate("subject.pending_review", delete=True), "subject.pending_review"),
    ("unknown award", _mutate("award", "BK_XYZ"), "award"),
    ("lower-case award", _mutate("award", "cstdcs"), "award"),
    ("unknown title code", _mutate("subject.titles.0.code", "CSTD"), "subject.titles[0].code"),
    ("unknown award code", _mutate("subject.awards.0.code", "HCLD4"), "subject.awards[0].code"),
    ("bad date format", _mutate("on_date", "10/12/2025"), "on_date"),
    ("impossible date", _mutate("on_date", "2025-02-30"), "on_date"),
    ("compact date", _mutate("on_date", "20251210"), "on_date"),
    ("date not a string", _mutate("on_date", 20251210), "on_date"),
    ("bad discipline date", _mutate("subject.discipline.0.from", "2022-13-01"), "subject.discipline[0].from"),
    ("discipline ends before it starts", _mutate("subject.discipline.0.to", "2021-01-01"), "subject.discipline[0].to"),
    ("missing discipline end", _mutate("subject.discipline.0.to", delete=True), "subject.discipline[0].to"),
    ("unknown discipline form", _mutate("subject.discipline.0.form", "phat_tien"), "subject.discipline[0].form"),
    ("bad rating", _mutate("subject.ratings.2025", "XS"), "subject.ratings.2025"),
    ("bad rating year", _mutate("subject.ratings", {"năm 2025": "HTXSNV"}), "subject.ratings"),
    ("bad scope", _mutate("subject.initiatives.0.scope", "huyen"), "subject.initiatives[0].scope"),
    ("bad initiative kind", _mutate("subject.initiatives.0.kind", "sach"), "subject.initiatives[0].kind"),
    ("bad kind", _mutate("subject.kind", "household"), "subject.kind"),
    ("bad basis", _mutate("basis", "yearly"), "basis"),
    ("year as text", _mutate("year", "2025"), "year"),
    ("year as float", _mutate("year", 2025.0), "year"),
    ("pending_review as text", _mutate("subject.pending_review", "no"), "subject.pending_review"),
    ("id not a string", _mutate("id", 7), "id"),
    ("titles not a list", _mutate("subject.titles", {"CSTDCS": 2024}), "subject.titles"),
]


@pytest.mark.parametrize(("label", "bad", "field"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_case_exits_2_with_one_line_naming_case_and_field(capsys, monkeypatch, label, bad, field):
    cases = [good_case(id="first"), bad]
    code, out, err = run_cli(capsys, monkeypatch, json.dumps(cases, ensure_ascii=False))
    assert code == 2
    assert out == ""
    assert err.endswith("\n"), err
    assert err.count("\n") == 1, err
    assert field in err
    assert "hồ sơ thứ 2" in err
    if "id" in bad and isinstance(bad["id"], str):
        assert '"ok-1"' in err


@pytest.mark.parametrize("payload", ["", "{", "[1,]", "NaN", "[NaN]", "not json", b"\xff\xfe[]"])
def test_not_json_exits_2(capsys, monkeypatch, payload):
    code, out, err = run_cli(capsys, monkeypatch, payload)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "JSON" in err or "UTF-8" in err


@pytest.mark.parametrize("payload", ['{"id": "x"}', '"cases"', "[1]", '[["LDTT"]]'])
def test_wrong_shapes_exit_2(capsys, monkeypatch, payload):
    code, out, err = run_cli(capsys, monkeypatch, payload)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1


def test_collective_without_members_for_ttldtt_is_malformed(capsys, monkeypatch):
    c = case("TTLDTT", kind="collective", ratings=ratings(2025, 2025), leads_block=False, case_id="tt-1")
    code, _, err = run_cli(capsys, monkeypatch, json.dumps([c]))
    assert code == 2
    assert "subject.members" in err
    assert '"tt-1"' in err


def test_members_larger_than_total_is_malformed(capsys, monkeypatch):
    c = case("TTLDTT", kind="collective", ratings=ratings(2025, 2025), members=members(total=10, completed=10, ldtt=12))
    code, _, err = run_cli(capsys, monkeypatch, json.dumps([c]))
    assert code == 2
    assert "subject.members.ldtt" in err


def test_newline_in_id_stays_on_one_line(capsys, monkeypatch):
    bad = _mutate("on_date", "2025-13-01")
    bad["id"] = "line\nbreak"
    code, _, err = run_cli(capsys, monkeypatch, json.dumps([bad]))
    assert code == 2
    assert err.count("\n") == 1


def test_missing_file_exits_2(capsys, tmp_path):
    assert main(["rules", "check", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_extra_keys_are_ignored(capsys, monkeypatch):
    c = good_case()
    c["expect"] = {"verdict": "eligible"}
    c["subject"]["note"] = "x"
    assert run_cli(capsys, monkeypatch, json.dumps([c]))[0] == 0


UNSUPPORTED = [
    case("CSTT", ratings=ratings(2025, 2025)),
    case("BK_TINH", 2023, "2023-12-01", ratings=ratings(2022, 2023), titles=titles("CSTDCS", 2022, 2023)),
    case("GK", 2023, "2023-06-01"),
    case("CSTD_TINH", 2023, "2023-12-01"),
    case("TTLDTT", 2023, "2023-12-01", kind="collective", members=members()),
    case("LDTT", kind="collective", members=members()),
    case("TTLDXS", members=members()),
    case("HCLD2", kind="collective", members=members()),
    case("HCLD1", kind="collective", awards=titles("HCLD2", 2015), members=members()),
]


UNSUPPORTED_IDS = [f"{c['award']}-{c['on_date']}-{c['subject']['kind']}" for c in UNSUPPORTED]


@pytest.mark.parametrize("c", UNSUPPORTED, ids=UNSUPPORTED_IDS)
def test_well_formed_but_uncovered_is_unsupported(capsys, monkeypatch, c):
    code, out, _ = run_cli(capsys, monkeypatch, json.dumps([c]))
    assert code == 0
    [result] = json.loads(out)
    assert result["verdict"] == "unsupported"
    assert result["conditions"] == []


def test_console_script_through_a_real_process():
    """The installed command path: `python -m tdkt.cli` with stdin, exit codes and streams."""
    ok = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-m", "tdkt.cli", "rules", "check", "-"], input=json.dumps([good_case()]).encode(),
        capture_output=True, cwd=ROOT, timeout=60, check=False,
    )
    assert ok.returncode == 0, ok.stderr.decode()
    assert json.loads(ok.stdout.decode("utf-8"))[0]["verdict"] == "eligible"
    bad = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tdkt.cli", "rules", "check", "-"],
        input=json.dumps([_mutate("on_date", "2025-02-30")]).encode(),
        capture_output=True, cwd=ROOT, timeout=60, check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == b""
    err = bad.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert "on_date" in err
    assert "ok-1" in err
