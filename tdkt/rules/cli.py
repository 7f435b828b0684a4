"""`tdkt rules check CASES.json|-` (contracts/eligibility.md, "Command").

Prints the results as a JSON array on stdout and exits 0; malformed input exits 2 with one line
on stderr naming the case id and the field. Imports no Django: the command starts fast.
"""

from __future__ import annotations

import json
import sys

from .domain.engine import check_json
from .domain.parsing import MalformedInput

PROG = "tdkt rules check"


def register(subparsers) -> None:
    """Add `rules check` to the `tdkt` command's subparsers."""
    rules = subparsers.add_parser("rules", help="Xét điều kiện danh hiệu thi đua, hình thức khen thưởng")
    commands = rules.add_subparsers(dest="rules_command", required=True)
    check = commands.add_parser(
        "check",
        help="Xét các hồ sơ trong tệp JSON (hoặc - để đọc từ stdin), in kết quả JSON",
        description="Xét điều kiện theo contracts/eligibility.md; lỗi dữ liệu: mã thoát 2.",
    )
    check.add_argument("path", metavar="PATH", help="tệp CASES.json, hoặc - để đọc từ đầu vào chuẩn")
    check.set_defaults(func=run_check)


def _read(path: str) -> bytes:
    if path == "-":
        stream = sys.stdin
        buffer = getattr(stream, "buffer", None)
        return buffer.read() if buffer is not None else stream.read().encode("utf-8")
    with open(path, "rb") as handle:
        return handle.read()


def _write(text: str) -> None:
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        out.flush()
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _error(message: str) -> int:
    line = " ".join(message.split())
    print(f"{PROG}: {line}", file=sys.stderr)
    return 2


def run_check(args) -> int:
    try:
        raw = _read(args.path)
    except OSError as exc:
        return _error(f"không đọc được {args.path}: {exc.strerror or exc}")
    try:
        results = check_json(raw)
    except MalformedInput as exc:
        return _error(exc.one_line())
    _write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return 0
