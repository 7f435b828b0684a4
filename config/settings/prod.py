"""Production: the same settings, with checks that refuse an unsafe start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DEBUG,
    DEMO_SECRET_KEY,
    LOGGING,
    MANIFEST_STORAGES,
    MIDDLEWARE,
    SECRET_KEY,
    USES_EMBEDDED_DATABASE,
)

if DEBUG:
    raise ImproperlyConfigured("DEBUG phải tắt trong môi trường vận hành (DEBUG=0).")
if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("SECRET_KEY phải được đặt riêng, dài ít nhất 40 ký tự, không dùng khóa demo.")
if USES_EMBEDDED_DATABASE:
    raise ImproperlyConfigured("Môi trường vận hành phải dùng DATABASE_URL, không dùng CSDL demo nhúng.")

# The demo's certificates (var/demo-pki) never sign or vouch for anything here; tdkt/signing also
# refuses any certificate carrying the demo mark outside the demo.
if "demo-pki" in os.environ.get("TDKT_SIGNERS_FILE", "") or "demo-pki" in os.environ.get("TDKT_TRUST_ROOTS", ""):
    raise ImproperlyConfigured("Không dùng chứng thư demo (var/demo-pki) trong môi trường vận hành.")

TDKT_DEMO = False
# Issue 15: the accounts that appraise, sign and administer sign in with a second factor, and an idle
# session ends after 30 minutes (OWASP ASVS 3.3.2, level 2); both can be set from the environment.
TDKT_TWO_FACTOR_REQUIRED_ROLES = tuple(
    r.strip()
    for r in os.environ.get("TDKT_TWO_FACTOR_REQUIRED_ROLES", "admin,approver,standing_office").split(",")
    if r.strip()
)
TDKT_SESSION_IDLE_MINUTES = int(os.environ.get("TDKT_SESSION_IDLE_MINUTES", "30"))
# A signed attachment's certificates are checked for revocation (OCSP, CRL) where the authority answers
# within the timeout; one that does not answer is soft-failed (judged on what the file carries), never
# blocks the upload.
TDKT_SIGNATURE_FETCH_REVOCATION = os.environ.get("TDKT_SIGNATURE_FETCH_REVOCATION", "1") == "1"
TDKT_SIGNATURE_FETCH_TIMEOUT = float(os.environ.get("TDKT_SIGNATURE_FETCH_TIMEOUT", "3"))
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
# A load balancer probes the application itself over plain http; the answer holds no secret.
# Prometheus scrapes /metrics the same way (only from its allowed addresses or with its token).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 31536000
# Every name under the site's host is served over https only (there are none served otherwise).
# `preload` only consents to the browsers' preload list: nothing is listed until someone submits
# the domain at hstspreload.org, so the header costs nothing until that deliberate step.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = MANIFEST_STORAGES

# Every request gets an id (the proxy's X-Request-ID, or a new one), returned in the response and
# written in each log line, which is one JSON object (tdkt/core/logs.py); LOG_FORMAT=text for plain lines.
MIDDLEWARE = ["tdkt.core.logs.RequestIdMiddleware", *MIDDLEWARE]
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING = {
        **LOGGING,
        "filters": {"request_id": {"()": "tdkt.core.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "tdkt.core.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}},
    }
