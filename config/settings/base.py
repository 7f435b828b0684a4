"""Settings shared by every environment.

Everything is read from the environment so that one code base serves the demo, the tests and
production; `prod.py` only adds the checks that refuse an unsafe start.
"""

import os
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The demo secret is public on purpose: prod.py refuses to start with it.
DEMO_SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = os.environ.get("DEBUG", "0").lower() in {"1", "true", "yes", "on"}
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# The embedded SQLite file is the demo database; any DATABASE_URL replaces it.
EMBEDDED_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'tdkt.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL", EMBEDDED_DATABASE_URL)
USES_EMBEDDED_DATABASE = DATABASE_URL == EMBEDDED_DATABASE_URL
if USES_EMBEDDED_DATABASE:
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions keep the web process and the task worker from
    # failing with "database is locked" when both write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Demo accounts (password "demo") may exist only on the embedded demo database.
TDKT_DEMO = USES_EMBEDDED_DATABASE

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "django_tasks_db",
    # Two-factor sign-in (tdkt/accounts/two_factor.py): TOTP apps and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "tdkt.core",
    "tdkt.audit",
    "tdkt.accounts",
    "tdkt.organizations",
    "tdkt.records",
    "tdkt.rules",
    "tdkt.notifications",
    "tdkt.movements",
    "tdkt.scoring",
    "tdkt.awards",
    "tdkt.titles",
    "tdkt.search",
    "tdkt.reports",
    "tdkt.stats",
    "tdkt.public",
    "tdkt.documents",
    "tdkt.signing",
    "tdkt.sso",
]

MIDDLEWARE = [
    # First, so a request's latency covers every other middleware (tdkt/core/metrics.py).
    "tdkt.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor verified this session; idle sessions end; unverified ones that need the
    # second factor go to it (whatever signed them in: password, single sign-on…).
    "django_otp.middleware.OTPMiddleware",
    "tdkt.accounts.middleware.SessionActivityMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "tdkt.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "tdkt.accounts.context_processors.roles",
                "tdkt.notifications.context_processors.notifications",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# Passwords, and provincial single sign-on for identities an administrator linked (tdkt/sso/backends.py).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "tdkt.sso.backends.LinkedIdentityBackend",
]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (tdkt/accounts/domain/throttle.py). A name is throttled per address, never from
# every address: after LOGIN_FREE_FAILURES consecutive failures at one address it waits 1 s, 2 s,
# 4 s… up to LOGIN_DELAY_MAX_SECONDS there; failures are remembered for LOGIN_FAILURE_MEMORY_SECONDS.
# One address that fails LOGIN_ADDRESS_LIMIT times within LOGIN_FAILURE_WINDOW_SECONDS (whatever the
# names) is refused until the window passes; other addresses are not affected.
LOGIN_FREE_FAILURES = 3
LOGIN_DELAY_BASE_SECONDS = 1
LOGIN_DELAY_MAX_SECONDS = 15 * 60
LOGIN_FAILURE_MEMORY_SECONDS = 24 * 3600
LOGIN_ADDRESS_LIMIT = 100
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated); none by
# default, so a client cannot pick its own address by sending the header.
TDKT_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TDKT_TRUSTED_PROXIES", "").split(",") if p.strip()]
API_TOKEN_LIFETIME_HOURS = 12

# Provincial single sign-on by OpenID Connect (tdkt/sso; README "Đăng nhập một lần"). Off unless the
# issuer, the client id and the client secret all come from the environment; the endpoints and keys
# are discovered at $TDKT_OIDC_ISSUER/.well-known/openid-configuration. Only RS256/ES256 ID tokens.
TDKT_OIDC_ISSUER = os.environ.get("TDKT_OIDC_ISSUER", "").strip().rstrip("/")
TDKT_OIDC_CLIENT_ID = os.environ.get("TDKT_OIDC_CLIENT_ID", "").strip()
TDKT_OIDC_CLIENT_SECRET = os.environ.get("TDKT_OIDC_CLIENT_SECRET", "")
TDKT_OIDC_SCOPES = os.environ.get("TDKT_OIDC_SCOPES", "openid email profile")
# Offer to end the provider's session too on logout through /sso/logout/ (when it advertises one).
TDKT_OIDC_RP_LOGOUT = os.environ.get("TDKT_OIDC_RP_LOGOUT", "1").lower() in {"1", "true", "yes", "on"}

# Two-factor sign-in (tdkt/accounts/two_factor.py). Users holding any of these roles must enrol a TOTP
# app before anything else; anyone else may enrol, and then always signs in with it. None here
# (the demo and development); prod.py requires it of admin, approver and standing_office.
TDKT_TWO_FACTOR_REQUIRED_ROLES = tuple(
    r.strip() for r in os.environ.get("TDKT_TWO_FACTOR_REQUIRED_ROLES", "").split(",") if r.strip()
)
OTP_TOTP_ISSUER = "TĐKT"
# Wrong codes are throttled per user by tdkt/accounts (the login's growing delay, audited), not by
# django-otp's silent per-device delay, which would refuse a right code without saying why.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# A signed-in session that makes no request for this long ends (measured on the server; the last
# activity is written at most once a minute). 120 minutes here, 30 in prod.py (OWASP ASVS 3.3.2).
TDKT_SESSION_IDLE_MINUTES = int(os.environ.get("TDKT_SESSION_IDLE_MINUTES", "120"))

# Prometheus metrics at /metrics (tdkt/core/metrics.py), never public: served to these addresses or
# CIDRs connecting directly (comma-separated; loopback by default), or to a scraper that sends
# "Authorization: Bearer $TDKT_METRICS_TOKEN" (no token set: none accepted); a 404 to anyone else.
TDKT_METRICS_ALLOWED_ADDRESSES = [
    a.strip() for a in os.environ.get("TDKT_METRICS_ALLOWED_ADDRESSES", "127.0.0.1,::1").split(",") if a.strip()
]
TDKT_METRICS_TOKEN = os.environ.get("TDKT_METRICS_TOKEN", "")
# The gauges read at each scrape: the task queue, then the import jobs and certificate batches.
TDKT_METRICS_GAUGES = ["tdkt.core.metrics_gauges.task_gauges", "tdkt.awards.metrics.job_gauges"]
# `manage.py tdkt_worker` on TERM: the running task gets this long to finish, then it is stopped
# and recorded failed (tdkt/core/management/commands/tdkt_worker.py).
TDKT_WORKER_GRACE_SECONDS = int(os.environ.get("TDKT_WORKER_GRACE_SECONDS", "60"))

# Vietnamese everywhere: dates dd/mm/yyyy, thousands grouped with "." (config/formats/vi).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` writes (and WhiteNoise serves from); STATIC_ROOT lets a test or a second
# instance collect elsewhere.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# MEDIA_ROOT lets a second instance (or a restore drill) keep its files elsewhere.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
# Uploads, generated documents and certificates go through Django's storage API only: the folder
# MEDIA_ROOT by default; with TDKT_STORAGE=s3 an S3-compatible bucket (django-storages), which several
# web nodes share. The files are private: no ACL, no public URL; every download is streamed through
# a view that checks access. The keys come from the environment (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY), never from this file. A name already taken gets a suffix (file_overwrite
# off), as on the filesystem; files over 4 MB spool to disk when read, not to memory.
TDKT_STORAGE = os.environ.get("TDKT_STORAGE", "filesystem").strip().lower()
if TDKT_STORAGE == "s3":
    if not os.environ.get("TDKT_S3_BUCKET"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("TDKT_STORAGE=s3 cần TDKT_S3_BUCKET (tên bucket lưu tệp).")
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["TDKT_S3_BUCKET"],
            "endpoint_url": os.environ.get("TDKT_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("TDKT_S3_REGION") or None,
            # An endpoint of one's own (MinIO, Ceph, a test server) rarely has a DNS name per bucket.
            "addressing_style": os.environ.get("TDKT_S3_ADDRESSING_STYLE")
            or ("path" if os.environ.get("TDKT_S3_ENDPOINT_URL") else None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "max_memory_size": 4 * 1024 * 1024,
        },
    }
elif TDKT_STORAGE in {"", "filesystem"}:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"TDKT_STORAGE={TDKT_STORAGE!r}: chỉ nhận filesystem hoặc s3.")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Served the production way (config.settings.prod and config.settings.demo): hashed names from the
# manifest, so browsers may cache them for ever, compressed once by collectstatic.
MANIFEST_STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Pages name static files only through {% static %} (hashed names), so the unhashed copies need not
# be kept. Source maps are fetched only by a browser's developer tools; compressing them (and the
# unhashed copies) took three quarters of collectstatic's time.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: files larger than this are refused before they reach a parser.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
TDKT_IMPORT_MAX_BYTES = 20 * 1024 * 1024

# Digital signatures (tdkt/signing; README "Ký số"). Who signs for an issuing organisation: a JSON file
# named by TDKT_SIGNERS_FILE (organisation code → PKCS#12 file and the NAME of the environment variable,
# or of the TDKT_SECRETS_FILE key, holding its password; or a remote signing bridge). The roots a
# signed attachment must chain to: PEM files, separated by ":" in TDKT_TRUST_ROOTS. Revocation (OCSP,
# CRL) is fetched only when TDKT_SIGNATURE_FETCH_REVOCATION=1, each request within the timeout.
TDKT_SIGNERS: dict = {}
TDKT_SIGNERS_FILE = os.environ.get("TDKT_SIGNERS_FILE", "")
TDKT_TRUST_ROOTS = [p for p in os.environ.get("TDKT_TRUST_ROOTS", "").split(":") if p.strip()]
TDKT_SIGNATURE_FETCH_REVOCATION = os.environ.get("TDKT_SIGNATURE_FETCH_REVOCATION", "0") == "1"
TDKT_SIGNATURE_FETCH_TIMEOUT = float(os.environ.get("TDKT_SIGNATURE_FETCH_TIMEOUT", "5"))
# The demo's certification authority and signer, made when the demo loads (never committed).
TDKT_DEMO_PKI_DIR = Path(os.environ.get("TDKT_DEMO_PKI_DIR") or BASE_DIR / "var" / "demo-pki")
# Files with more data rows than this are imported by the background worker.
TDKT_IMPORT_BACKGROUND_ROWS = 2000
# Decisions with more awardees than this have their certificates rendered by the background worker
# (WeasyPrint: about 55 ms and 0.5 MB per certificate); smaller ones in the request. Both are kept.
TDKT_CERTIFICATES_INLINE_MAX = int(os.environ.get("TDKT_CERTIFICATES_INLINE_MAX", "50"))
# "Who can be proposed": when more people than this lack a current verdict (a whole province), the
# verdicts are computed by the background worker and the page shows its progress (tdkt/rules/stored.py).
TDKT_CANDIDATES_INLINE_MAX = int(os.environ.get("TDKT_CANDIDATES_INLINE_MAX", "2000"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: reminders and notices. SMTP in production (EMAIL_HOST=…); the console in the demo.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The address links in emails and calendar feeds and the certificates' QR codes point to. `make run`
# and `make dev` serve on 127.0.0.1:$PORT, so without TDKT_SITE_URL the links follow that port
# (empty: the callers fall back to http://127.0.0.1:8000, the default port).
TDKT_SITE_URL = os.environ.get("TDKT_SITE_URL") or (
    f"http://127.0.0.1:{os.environ['PORT']}" if os.environ.get("PORT", "").isdigit() else ""
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TĐKT <tdkt@localhost>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# A refused form says so in Vietnamese, inside the site's layout (tdkt/core/errors.py).
CSRF_FAILURE_VIEW = "tdkt.core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
