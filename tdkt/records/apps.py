from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "tdkt.records"
    label = "records"
    verbose_name = "Sổ theo dõi thi đua, khen thưởng"
