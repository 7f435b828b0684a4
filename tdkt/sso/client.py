"""The OpenID Connect relying party, through Authlib's Django client.

Authlib does the protocol: discovery from the issuer's /.well-known/openid-configuration, the
authorization request with state, nonce and PKCE (S256) kept in the session, the code exchange with
the client secret, and the ID token's signature checked against the provider's JWKS. This module
adds what the province needs on top: the discovered issuer must be the configured one, only RS256
and ES256 signatures count, and the ID token's issuer, audience, subject and expiry are checked
again here whatever the provider advertises.

The client is built for each request from the settings (no process-wide state: several web
processes behind a load balancer each do the same); a sign-in costs one discovery fetch at each end.
"""

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from joserfc.errors import JoseError
from requests import RequestException

from .config import OidcConfig

NAME = "province"
# Seconds of clock difference tolerated between the provider and this server.
LEEWAY_SECONDS = 60
TIMEOUT_SECONDS = 10


class SsoError(Exception):
    """The sign-in could not be completed; `reason` is a short English code for the audit log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _app(config: OidcConfig):
    oauth = OAuth()
    return oauth.register(
        name=NAME,
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.discovery_url,
        client_kwargs={"scope": config.scopes, "code_challenge_method": "S256", "default_timeout": TIMEOUT_SECONDS},
    )


def _metadata(app, config: OidcConfig) -> dict:
    try:
        metadata = app.load_server_metadata()
    except (RequestException, ValueError) as exc:
        raise SsoError(f"discovery failed: {exc.__class__.__name__}") from exc
    if (metadata.get("issuer") or "").rstrip("/") != config.issuer:
        raise SsoError("discovery issuer differs from the configured issuer")
    advertised = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [a for a in advertised if a in config.algorithms]
    if not algorithms:
        raise SsoError("provider signs ID tokens with no accepted algorithm")
    # Authlib verifies with the algorithms the metadata lists: only the accepted ones stay.
    metadata["id_token_signing_alg_values_supported"] = algorithms
    return metadata


def start(request, config: OidcConfig, redirect_uri: str):
    """The redirect to the provider's authorization endpoint (state, nonce, PKCE kept in the session)."""
    app = _app(config)
    _metadata(app, config)
    return app.authorize_redirect(request, redirect_uri)


def sign_in_started(request) -> bool:
    """Whether this session holds the state of a sign-in it started (Authlib's "_state_<name>_<state>")."""
    return any(key.startswith(f"_state_{NAME}_") for key in request.session.keys())


def finish(request, config: OidcConfig) -> dict:
    """The verified ID token claims of the provider's answer at the callback, or SsoError."""
    app = _app(config)
    metadata = _metadata(app, config)
    claims_options = {
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": config.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
    }
    try:
        token = app.authorize_access_token(request, claims_options=claims_options, leeway=LEEWAY_SECONDS)
    except OAuthError as exc:
        raise SsoError(f"provider or state: {exc.error}") from exc
    except JoseError as exc:
        raise SsoError(f"ID token refused: {exc}") from exc
    except (RequestException, ValueError, KeyError, RuntimeError) as exc:
        raise SsoError(f"token exchange failed: {exc.__class__.__name__}") from exc
    claims = token.get("userinfo")
    if not claims:
        raise SsoError("no ID token in the token response")
    claims = dict(claims)
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("iss") != metadata["issuer"] or config.client_id not in audiences or not claims.get("sub"):
        raise SsoError("ID token issuer, audience or subject wrong")
    claims["iss"] = config.issuer  # the configured spelling (no trailing slash), as links store it
    return {**claims, "_id_token": token.get("id_token", "")}


def end_session_url(config: OidcConfig, *, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's RP-initiated logout address, or None when it advertises none."""
    app = _app(config)
    try:
        metadata = _metadata(app, config)
    except SsoError:
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    result = app.create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token or None, client_id=config.client_id
    )
    return result["url"]
