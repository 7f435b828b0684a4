"""`manage.py send_reminders [--date dd/mm/yyyy] [--now]`: the daily reminder run, for cron or a
systemd timer. By default it enqueues `send_reminders_task` for the background worker
(`manage.py db_worker`); `--now` sends in this process instead (no worker needed)."""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tdkt.movements.reminders import send_reminders
from tdkt.movements.tasks import send_reminders_task


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (dạng dd/mm/yyyy, ví dụ 15/03/2022).") from None


class Command(BaseCommand):
    help = "Gửi nhắc hạn (đăng ký, báo cáo, công việc) trong ngày: mỗi người một bản tổng hợp."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày nhắc, dạng dd/mm/yyyy (mặc định: hôm nay)")
        parser.add_argument("--now", action="store_true", help="gửi ngay trong tiến trình này, không qua worker")

    def handle(self, *args, date=None, now=False, **options):
        day = parse_date(date) if date else timezone.localdate()
        # The daily run also fails the jobs whose worker died (awards' `sweep_jobs`, called by name:
        # movements sits below awards).
        call_command("sweep_jobs", stdout=self.stdout)
        if now:
            result = send_reminders(today=day)
            self.stdout.write(
                f"Nhắc hạn ngày {day:%d/%m/%Y}: {result['reminders']} nhắc hạn, gửi cho {result['users']} người."
            )
            return
        queued = send_reminders_task.enqueue(date=day.isoformat())
        self.stdout.write(f"Đã xếp việc nhắc hạn ngày {day:%d/%m/%Y} cho worker (mã {queued.id}).")
