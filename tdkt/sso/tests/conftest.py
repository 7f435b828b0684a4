"""A local OpenID provider (tests/support/oidc_provider.py) on a free port, and the settings that
point single sign-on at it."""

from urllib.parse import urlsplit

import pytest
import requests

from tests.support.oidc_provider import OidcProvider

CLIENT_ID = "tdkt-quangtri"
CLIENT_SECRET = "local-test-secret"


@pytest.fixture(scope="session")
def oidc_provider_server():
    with OidcProvider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as provider:
        yield provider


@pytest.fixture
def provider(oidc_provider_server, settings):
    p = oidc_provider_server
    p.alg = "RS256"
    p.user = {"sub": "cccd-045201000123", "email": "canbo@quangtri.gov.vn", "name": "Nguyễn Văn Cán"}
    p.id_token_claims = {}
    p.sign_with = None
    p.advertise_end_session = True
    p.codes.clear()
    p.access_tokens.clear()
    p.log.clear()
    settings.TDKT_OIDC_ISSUER = p.issuer
    settings.TDKT_OIDC_CLIENT_ID = CLIENT_ID
    settings.TDKT_OIDC_CLIENT_SECRET = CLIENT_SECRET
    return p


def follow(client, provider, url, *, max_hops=10):
    """GET `url` in the Django test client and follow every redirect: those to the provider over real
    HTTP (requests), those back to the site in the test client, as a browser would."""
    response = client.get(url)
    for _ in range(max_hops):
        if response.status_code not in (301, 302, 303):
            return response
        location = response["Location"]
        if location.startswith(provider.issuer):
            answer = requests.get(location, allow_redirects=False, timeout=10)
            assert answer.status_code == 302, answer.text
            location = answer.headers["Location"]
        parts = urlsplit(location)
        assert parts.netloc in ("", "testserver"), location
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    raise AssertionError("too many redirects")
