from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "tdkt.public"
    label = "public"
    verbose_name = "Công khai"
