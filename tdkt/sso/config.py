"""Whether single sign-on is configured, and with what (settings TDKT_OIDC_*, from the environment)."""

from dataclasses import dataclass

from django.conf import settings

# ID token signatures the system accepts, whatever the provider advertises: never "none" or a
# shared-secret HMAC.
ALLOWED_ALGORITHMS = ("RS256", "ES256")


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    algorithms: tuple[str, ...]
    rp_logout: bool

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def oidc_config() -> OidcConfig | None:
    """The provider's settings, or None while single sign-on is off (any of the three missing)."""
    issuer = (getattr(settings, "TDKT_OIDC_ISSUER", "") or "").strip().rstrip("/")
    client_id = getattr(settings, "TDKT_OIDC_CLIENT_ID", "") or ""
    secret = getattr(settings, "TDKT_OIDC_CLIENT_SECRET", "") or ""
    if not (issuer and client_id and secret):
        return None
    wanted = getattr(settings, "TDKT_OIDC_ALGORITHMS", ALLOWED_ALGORITHMS)
    return OidcConfig(
        issuer=issuer,
        client_id=client_id,
        client_secret=secret,
        scopes=getattr(settings, "TDKT_OIDC_SCOPES", "openid email profile") or "openid",
        algorithms=tuple(a for a in wanted if a in ALLOWED_ALGORITHMS),
        rp_logout=bool(getattr(settings, "TDKT_OIDC_RP_LOGOUT", True)),
    )


def sso_enabled() -> bool:
    return oidc_config() is not None
