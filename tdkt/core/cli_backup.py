"""`tdkt backup` and `tdkt restore`: the management commands of the same names (tdkt/core/backup/),
under the settings in DJANGO_SETTINGS_MODULE (config.settings.dev when unset; a deployment sets
config.settings.prod and its DATABASE_URL)."""

import os
import sys


def register(subparsers) -> None:
    """Add `backup` and `restore` to the `tdkt` command's subparsers."""
    backup = subparsers.add_parser(
        "backup",
        help="Sao lưu CSDL và mọi tệp đã lưu vào một tệp .tar.gz",
        description="Mặc định ghi vào var/backups/tdkt-YYYYmmdd-HHMMSS.tar.gz; tệp chỉ chủ sở hữu đọc được.",
    )
    backup.add_argument("--output", metavar="PATH", help="tệp .tar.gz cần ghi")
    backup.add_argument("--keep", type=int, metavar="N", help="giữ N bản mới nhất trong thư mục, xóa bản cũ hơn")
    backup.set_defaults(func=lambda args: _call("backup", output=args.output, keep=args.keep))
    restore = subparsers.add_parser(
        "restore",
        help="Khôi phục một bản sao lưu rồi đối chiếu với manifest",
        description="Từ chối CSDL hoặc kho tệp đã có dữ liệu, trừ khi có --force; khác biệt: mã thoát khác 0.",
    )
    restore.add_argument("archive", metavar="ARCHIVE", help="tệp .tar.gz do tdkt backup tạo")
    restore.add_argument("--force", action="store_true", help="ghi đè cả khi đã có dữ liệu")
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
