"""`tdkt scoring compute INPUT.json|-` (contracts/scoring.md, "Command").

Prints the output as JSON on stdout and exits 0; input that is not JSON, or an invalid template,
exits 2 with one line on stderr naming the problem. Invalid sheets are reported in the output.
Imports no Django: the command starts fast.
"""

from __future__ import annotations

import json
import sys

from .domain.engine import compute_json
from .domain.template import TemplateError

PROG = "tdkt scoring compute"


def register(subparsers) -> None:
    """Add `scoring compute` to the `tdkt` command's subparsers."""
    scoring = subparsers.add_parser("scoring", help="Chấm điểm thi đua theo bảng tiêu chí, xếp hạng, xếp loại")
    commands = scoring.add_subparsers(dest="scoring_command", required=True)
    compute = commands.add_parser(
        "compute",
        help="Tính điểm, xếp hạng từ tệp JSON (hoặc - để đọc từ stdin), in kết quả JSON",
        description="Tính theo contracts/scoring.md; không phải JSON hoặc mẫu tiêu chí sai: mã thoát 2.",
    )
    compute.add_argument("path", metavar="PATH", help="tệp INPUT.json, hoặc - để đọc từ đầu vào chuẩn")
    compute.set_defaults(func=run_compute)


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


def run_compute(args) -> int:
    try:
        raw = _read(args.path)
    except OSError as exc:
        return _error(f"không đọc được {args.path}: {exc.strerror or exc}")
    try:
        output = compute_json(raw)
    except TemplateError as exc:
        return _error(exc.one_line())
    _write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0
