"""`tdkt rules check CASES.json|-` (contracts/eligibility.md, "Command").

Prints the results as a JSON array on stdout and exits 0; malformed input exits 2 with one line
on stderr naming the case id and the field. Imports no Django: the command starts fast.
"""

from __future__ import annotations

from tdkt.core.json_command import run_json_command

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


def run_check(args) -> int:
    return run_json_command(prog=PROG, path=args.path, compute=check_json, input_error=MalformedInput)
