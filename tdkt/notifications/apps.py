from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "tdkt.notifications"
    label = "notifications"
    verbose_name = "Thông báo và việc cần làm"

    def ready(self):
        # Each app above this one (movements, scoring, awards, …) registers what waits in a user's
        # inbox from its own `inbox` module: this app never imports them, it only finds them.
        autodiscover_modules("inbox")
