from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tdkt.core.backup.archive import BackupError
from tdkt.core.backup.service import RestoreRefused, restore_archive


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (tdkt backup) vào CSDL và kho tệp đang cấu hình, rồi đối chiếu số dòng "
        "từng bảng và sha256 từng tệp với manifest; khác biệt: mã thoát khác 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, metavar="ARCHIVE", help="tệp .tar.gz do tdkt backup tạo")
        parser.add_argument("--force", action="store_true", help="ghi đè cả khi CSDL hoặc kho tệp đã có dữ liệu")

    def handle(self, *args, archive, force=False, **options):
        try:
            result = restore_archive(archive=archive, force=force)
        except RestoreRefused as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(_("The archive does not match its manifest: nothing was restored.")) from None
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:  # a full disk, a storage that refuses: said without a traceback
            raise CommandError(_("A file could not be read or written: %(error)s") % {"error": exc}) from None
        self.stdout.write(
            _("Restored %(tables)s tables (%(rows)s rows) and %(files)s files (%(size)s) from %(path)s.")
            % {
                "tables": result.tables,
                "rows": result.rows,
                "files": result.files,
                "size": filesizeformat(result.file_bytes),
                "path": archive,
            }
        )
        if result.pending_migrations:
            self.stdout.write(_("The backup predates this version's migrations: run `tdkt manage migrate` now."))
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("The restore differs from the backup in %(count)s places (listed above).")
                % {"count": len(result.problems)}
            )
        self.stdout.write(_("Checked: every table's row count and every file's sha256 match the backup."))
