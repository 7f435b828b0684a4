from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "tdkt.rules"
    label = "rules"
    verbose_name = "Điều kiện thi đua, khen thưởng"

    def ready(self):
        from . import freshness

        freshness.connect()
