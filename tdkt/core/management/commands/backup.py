from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tdkt.core.backup.archive import BackupError
from tdkt.core.backup.service import backup_create


class Command(BaseCommand):
    help = "Sao lưu CSDL và mọi tệp đã lưu vào một tệp .tar.gz, kèm manifest để kiểm tra khi khôi phục."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, metavar="PATH", help="tệp .tar.gz (mặc định var/backups/tdkt-YYYYmmdd-HHMMSS.tar.gz)"
        )
        parser.add_argument(
            "--keep", type=int, metavar="N", help="giữ N bản sao lưu mới nhất trong thư mục, xóa bản cũ hơn"
        )

    def handle(self, *args, output=None, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep must be at least 1."))
        try:
            result = backup_create(output=output, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:  # a full disk, a storage that refuses: said without a traceback
            raise CommandError(_("A file could not be read or written: %(error)s") % {"error": exc}) from None
        self.stdout.write(
            _("Backup written to %(path)s: %(tables)s tables, %(rows)s rows, %(files)s files (%(size)s).")
            % {
                "path": result.path,
                "tables": result.tables,
                "rows": result.rows,
                "files": result.files,
                "size": filesizeformat(result.file_bytes),
            }
        )
        for name in result.pruned:
            self.stdout.write(_("Deleted the older backup %(name)s.") % {"name": name})
