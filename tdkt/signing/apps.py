from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "tdkt.signing"
    label = "signing"
    verbose_name = "Ký số"
