from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "tdkt.sso"
    label = "sso"
    verbose_name = "Đăng nhập một lần"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
