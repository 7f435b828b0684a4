from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tdkt.core.backup.service import RestoreRefused, restore_archive
from tdkt.core.cli_backup import add_restore_arguments, figures, operator_errors


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (tdkt backup) vào CSDL và kho tệp đang cấu hình, rồi đối chiếu số dòng "
        "từng bảng và sha256 từng tệp với manifest; khác biệt: mã thoát khác 0."
    )

    def add_arguments(self, parser):
        add_restore_arguments(parser)

    def handle(self, *args, archive, force=False, **options):
        with operator_errors():
            try:
                result = restore_archive(archive=archive, force=force)
            except RestoreRefused as exc:
                for problem in exc.problems:
                    self.stderr.write(problem)
                raise CommandError(_("The archive does not match its manifest: nothing was restored.")) from None
        self.stdout.write(
            _("Restored %(tables)s tables (%(rows)s rows) and %(files)s files (%(size)s) from %(path)s.")
            % {**figures(result), "path": archive}
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
