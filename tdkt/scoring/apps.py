from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "tdkt.scoring"
    label = "scoring"
    verbose_name = "Chấm điểm thi đua"
