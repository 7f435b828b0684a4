"""`tdkt backup` and `tdkt restore`: the management commands of the same names (tdkt/core/backup/),
under the settings in DJANGO_SETTINGS_MODULE (config.settings.dev when unset; a deployment sets
config.settings.prod and its DATABASE_URL).

What both entry points share lives here: the options, declared once for the `tdkt` subcommand and
the management command alike (so `tdkt backup --help` and `manage.py backup --help` cannot drift
apart), the failures an operator is told in one line rather than a traceback, and the figures each
command reports."""

import contextlib
import os
import sys
from pathlib import Path

# Django is imported inside the functions: `tdkt rules check` and `tdkt scoring compute` build the same
# parser and must run without Django loaded (their purity tests say so).


def add_backup_arguments(parser) -> None:
    parser.add_argument(
        "--output", type=Path, metavar="PATH", help="tệp .tar.gz (mặc định var/backups/tdkt-YYYYmmdd-HHMMSS.tar.gz)"
    )
    parser.add_argument(
        "--keep", type=int, metavar="N", help="giữ N bản sao lưu mới nhất trong thư mục, xóa bản cũ hơn"
    )


def add_restore_arguments(parser) -> None:
    parser.add_argument("archive", type=Path, metavar="ARCHIVE", help="tệp .tar.gz do tdkt backup tạo")
    parser.add_argument("--force", action="store_true", help="ghi đè cả khi CSDL hoặc kho tệp đã có dữ liệu")


@contextlib.contextmanager
def operator_errors():
    """A refused backup or restore, a full disk, a storage that refuses: a CommandError with the
    reason, said without a traceback."""
    from django.core.management.base import CommandError
    from django.utils.translation import gettext as _

    from tdkt.core.backup.archive import BackupError

    try:
        yield
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(_("A file could not be read or written: %(error)s") % {"error": exc}) from None


def figures(result) -> dict:
    """The tables, rows, files and their size of a BackupResult or RestoreResult, for a message."""
    from django.template.defaultfilters import filesizeformat

    return {
        "tables": result.tables,
        "rows": result.rows,
        "files": result.files,
        "size": filesizeformat(result.file_bytes),
    }


def register(subparsers) -> None:
    """Add `backup` and `restore` to the `tdkt` command's subparsers."""
    backup = subparsers.add_parser(
        "backup",
        help="Sao lưu CSDL và mọi tệp đã lưu vào một tệp .tar.gz",
        description="Mặc định ghi vào var/backups/tdkt-YYYYmmdd-HHMMSS.tar.gz; tệp chỉ chủ sở hữu đọc được.",
    )
    add_backup_arguments(backup)
    backup.set_defaults(func=lambda args: _call("backup", output=args.output, keep=args.keep))
    restore = subparsers.add_parser(
        "restore",
        help="Khôi phục một bản sao lưu rồi đối chiếu với manifest",
        description="Từ chối CSDL hoặc kho tệp đã có dữ liệu, trừ khi có --force; khác biệt: mã thoát khác 0.",
    )
    add_restore_arguments(restore)
    restore.set_defaults(func=lambda args: _call("restore", args.archive, force=args.force))


def _call(name: str, *args, **options) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    options = {key: value for key, value in options.items() if value is not None}
    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        print(f"tdkt {name}: {exc}", file=sys.stderr)
        return exc.returncode
    return 0
