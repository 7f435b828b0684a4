"""`manage.py sweep_jobs`: mark failed the import jobs, certificate batches and verdict runs whose background run
died (they would show "đang chạy" for ever). For cron every few minutes; `send_reminders` runs it too
once a day. Here, in the highest of the two apps, because it sweeps both."""

from django.core.management.base import BaseCommand

from tdkt.awards.services.sweep import certificate_batches_sweep
from tdkt.organizations.importers.sweep import import_jobs_sweep
from tdkt.rules.stored import verdict_runs_sweep


class Command(BaseCommand):
    help = "Đánh dấu thất bại các việc nhập dữ liệu và in bằng khen có tiến trình nền đã dừng giữa chừng."

    def handle(self, *args, **options):
        imports = import_jobs_sweep()
        batches = certificate_batches_sweep()
        runs = verdict_runs_sweep()
        self.stdout.write(
            f"Việc dừng giữa chừng đã đánh dấu thất bại: {len(imports)} lượt nhập dữ liệu, "
            f"{len(batches)} lượt in bằng khen, {len(runs)} lượt xét điều kiện khen thưởng."
        )
