from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tdkt.core.backup.service import backup_create
from tdkt.core.cli_backup import add_backup_arguments, figures, operator_errors


class Command(BaseCommand):
    help = "Sao lưu CSDL và mọi tệp đã lưu vào một tệp .tar.gz, kèm manifest để kiểm tra khi khôi phục."

    def add_arguments(self, parser):
        add_backup_arguments(parser)

    def handle(self, *args, output=None, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep must be at least 1."))
        with operator_errors():
            result = backup_create(output=output, keep=keep)
        self.stdout.write(
            _("Backup written to %(path)s: %(tables)s tables, %(rows)s rows, %(files)s files (%(size)s).")
            % {"path": result.path, **figures(result)}
        )
        for name in result.pruned:
            self.stdout.write(_("Deleted the older backup %(name)s.") % {"name": name})
