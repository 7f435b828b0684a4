"""The local provider the tests rely on refuses what a real one refuses (or the sign-in tests would
prove nothing): a wrong client secret, a wrong PKCE verifier, a code used twice, another redirect URI."""

import base64
import hashlib

import requests


def _authorize(provider, verifier="v" * 50, redirect_uri="http://testserver/sso/callback/"):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    answer = requests.get(
        f"{provider.issuer}/authorize",
        params={
            "client_id": provider.client_id,
            "response_type": "code",
            "scope": "openid email",
            "redirect_uri": redirect_uri,
            "state": "s1",
            "nonce": "n1",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(redirect_uri)
    assert "state=s1" in location
    return location.split("code=")[1].split("&")[0]


def _token(provider, code, *, secret=None, verifier="v" * 50, redirect_uri="http://testserver/sso/callback/"):
    return requests.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
        auth=(provider.client_id, secret or provider.client_secret),
        timeout=10,
    )


def test_the_right_request_gets_an_id_token_once(provider):
    code = _authorize(provider)
    answer = _token(provider, code)
    assert answer.status_code == 200
    assert answer.json()["id_token"].count(".") == 2
    assert _token(provider, code).status_code == 400  # a code is good once
    userinfo = requests.get(
        f"{provider.issuer}/userinfo", headers={"Authorization": f"Bearer {answer.json()['access_token']}"}, timeout=10
    )
    assert userinfo.json()["sub"] == provider.user["sub"]


def test_a_wrong_secret_verifier_or_redirect_uri_is_refused(provider):
    assert _token(provider, _authorize(provider), secret="wrong").status_code == 401
    assert _token(provider, _authorize(provider), verifier="w" * 50).status_code == 400
    assert _token(provider, _authorize(provider), redirect_uri="http://evil/cb").status_code == 400


def test_discovery_and_keys(provider):
    doc = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=10).json()
    assert doc["issuer"] == provider.issuer
    assert doc["code_challenge_methods_supported"] == ["S256"]
    keys = requests.get(doc["jwks_uri"], timeout=10).json()["keys"]
    assert {k["kty"] for k in keys} == {"RSA", "EC"}
    assert all("d" not in k for k in keys)
