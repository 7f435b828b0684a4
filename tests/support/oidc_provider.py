"""A small OpenID Connect provider that the tests start: a real HTTP server on a free loopback port.

It stands in for the province's identity provider (issue 15 point 5). It serves discovery, the JWKS,
an authorization endpoint that consents at once for the configured user (the code goes back to the
redirect URI with the state), a token endpoint that checks the client secret and the PKCE verifier
and returns an ID token signed with RS256 (or ES256), a userinfo endpoint and an end-session endpoint.

Tests break it on purpose through `id_token_claims` (e.g. a wrong nonce, audience or expiry) and
`sign_with` ("unknown": a key the JWKS does not publish).

    with OidcProvider(client_id="tdkt", client_secret="s3cret") as provider:
        provider.user = {"sub": "0123", "email": "a@b.vn", "name": "Nguyễn Văn A"}
        ... settings TDKT_OIDC_ISSUER = provider.issuer ...
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class OidcProvider:
    def __init__(
        self,
        *,
        client_id: str = "tdkt-test",
        client_secret: str = "test-secret",  # noqa: S107 (a test provider's)
        alg: str = "RS256",
    ):
        self.client_id = client_id
        self.client_secret = client_secret
        self.alg = alg
        self.keys = {
            "RS256": RSAKey.generate_key(2048, parameters={"kid": "rsa-1", "use": "sig", "alg": "RS256"}),
            "ES256": ECKey.generate_key("P-256", parameters={"kid": "ec-1", "use": "sig", "alg": "ES256"}),
        }
        # Same kid as the published RSA key, different key material: a signature the JWKS cannot verify.
        self.unknown_key = RSAKey.generate_key(2048, parameters={"kid": "rsa-1"})
        self.user = {"sub": "cccd-001", "email": "nguoidung@quangtri.gov.vn", "name": "Nguyễn Văn Tỉnh"}
        self.id_token_claims: dict = {}  # merged into the next ID tokens (tests break them this way)
        self.sign_with: str | None = None  # "unknown": sign with a key the JWKS does not publish
        self.advertise_end_session = True
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.log: list[tuple[str, dict]] = []  # (endpoint, parameters) of every request, for assertions
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- the endpoints -------------------------------------------------------------------------

    def discovery(self) -> dict:
        doc = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }
        if self.advertise_end_session:
            doc["end_session_endpoint"] = f"{self.issuer}/logout"
        return doc

    def jwks(self) -> dict:
        return {"keys": [key.as_dict(private=False) for key in self.keys.values()]}

    def authorize(self, params: dict) -> tuple[int, dict, str]:
        if params.get("client_id") != self.client_id or params.get("response_type") != "code":
            return 400, {}, "unknown client or response type"
        if "openid" not in params.get("scope", "").split() or not params.get("redirect_uri"):
            return 400, {}, "openid scope and redirect_uri required"
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "redirect_uri": params["redirect_uri"],
            "nonce": params.get("nonce"),
            "code_challenge": params.get("code_challenge"),
            "code_challenge_method": params.get("code_challenge_method"),
            "user": dict(self.user),
        }
        query = {"code": code}
        if params.get("state"):
            query["state"] = params["state"]
        sep = "&" if "?" in params["redirect_uri"] else "?"
        return 302, {"Location": params["redirect_uri"] + sep + urlencode(query)}, ""

    def token(self, form: dict, authorization: str | None) -> tuple[int, dict]:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            raw = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = raw.partition(":")
            from urllib.parse import unquote

            client_id, secret = unquote(client_id), unquote(secret)
        if client_id != self.client_id or secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        if grant["code_challenge"]:
            verifier = form.get("code_verifier") or ""
            if grant["code_challenge_method"] != "S256" or _s256(verifier) != grant["code_challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access = secrets.token_urlsafe(24)
        self.access_tokens[access] = grant["user"]
        return 200, {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant["user"], nonce=grant["nonce"]),
        }

    def id_token(self, user: dict, *, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300, "auth_time": now, **user}
        if nonce:
            claims["nonce"] = nonce
        claims.update(self.id_token_claims)
        claims = {k: v for k, v in claims.items() if v is not None}
        key = self.unknown_key if self.sign_with == "unknown" else self.keys[self.alg]
        return jwt.encode({"alg": self.alg, "kid": key.kid, "typ": "JWT"}, claims, key)

    def userinfo(self, authorization: str | None) -> tuple[int, dict]:
        token = (authorization or "").removeprefix("Bearer ")
        user = self.access_tokens.get(token)
        return (200, user) if user else (401, {"error": "invalid_token"})

    # --- HTTP plumbing -------------------------------------------------------------------------

    def _handler_class(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, body="", headers=None, content_type="application/json"):
                data = (json.dumps(body) if not isinstance(body, str) else body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                provider.log.append((url.path, params))
                if url.path == "/.well-known/openid-configuration":
                    self._send(200, provider.discovery())
                elif url.path == "/jwks":
                    self._send(200, provider.jwks())
                elif url.path == "/authorize":
                    status, headers, text = provider.authorize(params)
                    self._send(status, text, headers, "text/plain; charset=utf-8")
                elif url.path == "/userinfo":
                    self._send(*provider.userinfo(self.headers.get("Authorization")))
                elif url.path == "/logout":
                    target = params.get("post_logout_redirect_uri")
                    if target:
                        sep = "&" if "?" in target else "?"
                        target += sep + urlencode({"state": params["state"]}) if params.get("state") else ""
                        self._send(302, "", {"Location": target}, "text/plain")
                    else:
                        self._send(200, "signed out", None, "text/plain")
                else:
                    self._send(404, {"error": "not_found"})

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.log.append((self.path, form))
                if self.path == "/token":
                    self._send(*provider.token(form, self.headers.get("Authorization")))
                else:
                    self._send(404, {"error": "not_found"})

        return Handler


def main(argv=None):
    """Serve the provider by hand to try single sign-on locally (`make dev` in another terminal):

    .venv/bin/python -m tests.support.oidc_provider --port 9000 --sub cccd-001 --email a@quangtri.gov.vn
    """
    import argparse

    parser = argparse.ArgumentParser(description="A local OpenID provider for trying TĐKT's single sign-on.")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--sub", default="cccd-045201000123")
    parser.add_argument("--email", default="canbo@quangtri.gov.vn")
    parser.add_argument("--name", default="Nguyễn Văn Cán")
    parser.add_argument("--alg", choices=["RS256", "ES256"], default="RS256")
    args = parser.parse_args(argv)
    provider = OidcProvider(client_id="tdkt-local", client_secret="local-only-secret", alg=args.alg)  # noqa: S106
    provider._server.server_close()
    provider._server = ThreadingHTTPServer(("127.0.0.1", args.port), provider._handler_class())
    provider.user = {"sub": args.sub, "email": args.email, "name": args.name}
    print(
        f"TDKT_OIDC_ISSUER={provider.issuer} TDKT_OIDC_CLIENT_ID={provider.client_id} "
        f"TDKT_OIDC_CLIENT_SECRET={provider.client_secret}",
        flush=True,
    )
    try:
        provider._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
