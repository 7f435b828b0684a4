"""`tdkt scoring compute INPUT.json|-` (contracts/scoring.md, "Command").

Prints the output as JSON on stdout and exits 0; input that is not JSON, or an invalid template,
exits 2 with one line on stderr naming the problem. Invalid sheets are reported in the output.
Imports no Django: the command starts fast.
"""

from __future__ import annotations

from tdkt.core.json_command import run_json_command

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


def run_compute(args) -> int:
    return run_json_command(prog=PROG, path=args.path, compute=compute_json, input_error=TemplateError)
