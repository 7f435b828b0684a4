from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TitlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tdkt.titles"
    verbose_name = _("Year-end vote on titles")
