"""The `tdkt` console command. Each app adds its subcommands in SUBCOMMANDS.

    tdkt manage ARGS...     run a Django management command (migrate, runserver, ...)

Later issues add `tdkt rules check` and `tdkt scoring compute` (shared/contracts).
"""

import argparse
import importlib
import os
import sys

# (name, "module:function that registers the subcommand on a subparsers object")
SUBCOMMANDS: list[str] = ["tdkt.rules.cli:register", "tdkt.scoring.cli:register", "tdkt.core.cli_backup:register"]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdkt manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tdkt", description="Hệ thống thi đua, khen thưởng (TĐKT)")
    sub = parser.add_subparsers(dest="command", required=True)
    manage = sub.add_parser("manage", help="Chạy lệnh quản trị Django")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)
    for target in SUBCOMMANDS:
        module_name, func_name = target.split(":")
        getattr(importlib.import_module(module_name), func_name)(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
