from django.conf import settings
from django.core.management.base import BaseCommand

from tdkt.core.demo.loader import load_demo


class Command(BaseCommand):
    help = "Nạp tỉnh demo từ các văn bản mẫu (chỉ trên CSDL demo nhúng)."

    def handle(self, *args, **options):
        if not settings.TDKT_DEMO:
            self.stderr.write("Bỏ qua dữ liệu demo: chỉ nạp vào CSDL demo nhúng, không nạp khi dùng DATABASE_URL.\n")
            return
        if not load_demo(stdout=self.stdout):
            self.stdout.write("Dữ liệu demo đã có sẵn.\n")
