"""`manage.py check --deploy`: single sign-on, when configured, must talk to its provider over HTTPS."""

from urllib.parse import urlsplit

from django.core import checks

from .config import oidc_config

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@checks.register(checks.Tags.security, deploy=True)
def oidc_issuer_https(app_configs, **kwargs):
    config = oidc_config()
    if config is None:
        return []
    url = urlsplit(config.issuer)
    if url.scheme == "https" or (url.scheme == "http" and url.hostname in LOOPBACK):
        return []
    return [
        checks.Error(
            f"TDKT_OIDC_ISSUER={config.issuer!r}: nhà cung cấp định danh phải dùng https.",
            hint="Đặt địa chỉ https của nhà cung cấp OpenID Connect của tỉnh, hoặc bỏ các biến TDKT_OIDC_*.",
            id="tdkt_sso.E001",
        )
    ]
