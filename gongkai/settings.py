"""Django settings, read from typed environment variables.

Environment:
- GONGKAI_ENV: `development` (default) or `production`. Production requires GONGKAI_SECRET_KEY and
  GONGKAI_ALLOWED_HOSTS and turns DEBUG off.
- DATABASE_URL: e.g. `postgres://postgres@127.0.0.1:5432/gongkai`; default: SQLite (WAL) at
  `<repo>/var/gongkai.sqlite3`.
- GONGKAI_VAR_DIR: where the SQLite file, uploads and the generated development key live.
- GONGKAI_DEBUG (refused in production), GONGKAI_SECRET_KEY, GONGKAI_ALLOWED_HOSTS (comma separated),
  GONGKAI_EMAIL_BACKEND, GONGKAI_DEFAULT_FROM_EMAIL.
- GONGKAI_DATA_KEY: key encrypting applicants' personal data at rest (gongkai/security/crypto.py);
  when unset, generated once into var/data_key (`gongkai keys` prints a new one).
- GONGKAI_HTTPS=true (TLS ends at the reverse proxy): HSTS, secure cookies, redirect to https and
  the proxy's X-Forwarded-Proto header. GONGKAI_HSTS_PRELOAD (default true with HTTPS).
- GONGKAI_CSRF_TRUSTED_ORIGINS: e.g. `https://gongkai.example.gov.cn` (comma separated).
- GONGKAI_TRUSTED_PROXIES: addresses/networks of the reverse proxies whose X-Forwarded-For is
  believed (comma separated, e.g. `127.0.0.1,10.0.0.0/8`); empty: REMOTE_ADDR is the client.
- GONGKAI_REDIS_URL: shared store for abuse limits (throttle cache); default: the database cache.
- GONGKAI_TWO_FACTOR: require TOTP for administrators (default: on in production, off in development).
- GONGKAI_LOG_DIR: where the application log is written, rotated daily, kept 190 days
  (网络安全法 Art. 21: at least six months); default: console only in development, var/log in production.
- GONGKAI_SMS_BACKEND (default: log only) and, for the 阿里云 adapter, GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID,
  GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET, GONGKAI_SMS_SIGN_NAME, GONGKAI_SMS_TEMPLATE_CODE
  (see gongkai/notify/sms.py and docs/letters.md).
Bad values stop start-up with a message naming the variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.settings_env import data_key, env_bool, env_list, secret_key, trusted_proxies

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


ENVIRONMENT = os.environ.get("GONGKAI_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"GONGKAI_ENV must be development or production, got {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"

VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR") or REPO_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("GONGKAI_DEBUG", False)
if PRODUCTION and DEBUG:
    # DEBUG shows settings and stack traces to anyone: never in production.
    raise ImproperlyConfigured("GONGKAI_DEBUG cannot be true when GONGKAI_ENV=production")


SECRET_KEY = secret_key(VAR_DIR, PRODUCTION)


# 个人信息保护法 Art. 51: applicants' identity numbers and contact details are encrypted at rest.
GONGKAI_DATA_KEY = data_key(VAR_DIR)

ALLOWED_HOSTS = env_list(
    "GONGKAI_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("GONGKAI_ALLOWED_HOSTS is required when GONGKAI_ENV=production")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "gongkai.audit",
    "gongkai.security",
    "gongkai.holidays",
    "gongkai.agencies",
    "gongkai.portal",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.reports",
    "gongkai.oversight",
    "gongkai.publishing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.routing.PublicReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A `Refused` no view absorbed: the Chinese error page (400/403) or JSON under /api/.
    "gongkai.boundary.refusals.RefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a login lockout (django-axes) into the 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.agencies.context.staff_navigation",
            ]
        },
    }
]

_SQLITE_PATH = VAR_DIR / "gongkai.sqlite3"
DATABASES = {
    "default": dj_database_url.config(env="DATABASE_URL", default=f"sqlite:///{_SQLITE_PATH}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the public portal read while staff write; IMMEDIATE avoids lock upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

if os.environ.get("PYTEST_VERSION") and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # One test database per pytest process, so parallel runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}

# Scale-out (docs/deploy.md). A PostgreSQL streaming replica for public reads (gongkai/routing.py).
GONGKAI_REPLICA_URL = os.environ.get("GONGKAI_REPLICA_URL", "")
GONGKAI_REPLICA_MAX_LAG = float(os.environ.get("GONGKAI_REPLICA_MAX_LAG", "5"))
GONGKAI_REPLICA_CHECK_SECONDS = float(os.environ.get("GONGKAI_REPLICA_CHECK_SECONDS", "2"))
GONGKAI_REPLICA_STICKY_SECONDS = int(os.environ.get("GONGKAI_REPLICA_STICKY_SECONDS", "30"))
if GONGKAI_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(GONGKAI_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["gongkai.routing.ReplicaRouter"]
# PgBouncer in transaction mode in front of PostgreSQL: no server-side prepared statements or
# cursors (they would outlive the transaction); the search's plan settings are SET LOCAL.
if env_bool("GONGKAI_PGBOUNCER", False):
    for _alias in DATABASES:
        if DATABASES[_alias]["ENGINE"].endswith("postgresql"):
            DATABASES[_alias].setdefault("OPTIONS", {})["prepare_threshold"] = None
            DATABASES[_alias]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process caches. "public_pages": rendered public catalog pages (gongkai/catalog/page_cache.py),
# keyed by each agency's publication generation, so no worker serves a page after it changed.
# "throttle": abuse limits shared by every worker and machine (gongkai/security/throttle.py):
# Redis when GONGKAI_REDIS_URL is set, else the database cache table `gongkai_cache` (created by
# the security app's migration, so `migrate` is enough).
REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "throttle": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "gongkai"}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gongkai_cache",
            "OPTIONS": {"MAX_ENTRIES": 100000},
        }
    ),
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "OPTIONS": {"MAX_ENTRIES": 3000, "CULL_FREQUENCY": 4},
    },
}
GONGKAI_PUBLIC_PAGE_CACHE = env_bool("GONGKAI_PUBLIC_PAGE_CACHE", True)
# Several application servers (docs/deploy.md): with Redis, the default cache and the sessions'
# cache are shared too, so every server agrees (sessions stay in the database as well).
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "gongkai-cache",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: a locked-out (account, address) is refused before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Login throttling (gongkai/security/): after 10 failures for one (account, address) the next
# attempt gets HTTP 429 at once, for 30 minutes; a generous per-address cap is kept separately.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "gongkai.security.client_ip.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.security.lockout.lockout_response"
AXES_VERBOSE = False
GONGKAI_LOGIN_ADDRESS_LIMIT = 50  # failures per address per window, any account
GONGKAI_LOGIN_ADDRESS_WINDOW = 30 * 60


GONGKAI_TRUSTED_PROXIES = trusted_proxies()

# Two-factor login (TOTP, django-otp): required for 机构管理员 and 平台管理员 in production
# (等保 2.0 三级), and for all staff of an agency whose security policy says so.
GONGKAI_TWO_FACTOR = env_bool("GONGKAI_TWO_FACTOR", PRODUCTION)
OTP_TOTP_ISSUER = "政府信息公开平台"

# Staff sessions end after a working day (8 h) without activity; every request extends them.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "agencies:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Static publishing (gongkai/publishing): public pages written as files for nginx to serve.
GONGKAI_PUBLISH_DIR = Path(os.environ.get("GONGKAI_PUBLISH_DIR") or VAR_DIR / "site")
GONGKAI_PUBLISH = os.environ.get("GONGKAI_PUBLISH") or ("off" if os.environ.get("PYTEST_VERSION") else "thread")
if GONGKAI_PUBLISH not in ("thread", "sync", "off"):
    raise ImproperlyConfigured("GONGKAI_PUBLISH must be thread, sync or off")
# The public address written into published pages (feeds, QR codes): host[:port] and scheme.
GONGKAI_SITE_HOST = os.environ.get("GONGKAI_SITE_HOST") or (
    ALLOWED_HOSTS[0].lstrip(".") if PRODUCTION else f"127.0.0.1:{os.environ.get('PORT', '8000')}"
)
GONGKAI_SITE_SCHEME = os.environ.get("GONGKAI_SITE_SCHEME", "http")
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: bounded (docs/uploads.md). Form fields other than files: at most 5 MB per request;
# a file above 2.5 MB is streamed to a temporary file, not held in memory, and its size is checked
# against the cap of its kind (gongkai.core.archive_limits.KINDS) before it is read; archives are
# checked before decompression and parsed in a bounded child process. The proxy in front
# (nginx client_max_body_size 60m) caps the request as a whole.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 200  # the report checker takes up to 200 files at once
GONGKAI_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # one attachment (= KINDS["attachment"].max_bytes)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# TLS terminated at the reverse proxy, which sets X-Forwarded-Proto (and must strip it from clients).
HTTPS = env_bool("GONGKAI_HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", True)


def _trusted_origins() -> list[str]:
    origins = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])
    for origin in origins:
        if not origin.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                f"GONGKAI_CSRF_TRUSTED_ORIGINS: {origin!r} must start with https:// (or http://)"
            )
    return origins


CSRF_TRUSTED_ORIGINS = _trusted_origins()

# Content-Security-Policy (django-csp): scripts only from our own origin (no inline script
# anywhere: tests/security/test_csp.py checks the templates); inline style attributes stay
# allowed (tree indentation, per-agency colours) because styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")

# Logs are kept at least six months (网络安全法 Art. 21): daily files, 190 kept.
_LOG_DIR = os.environ.get("GONGKAI_LOG_DIR") or (str(VAR_DIR / "log") if PRODUCTION else "")
# SMS to applicants (gongkai/notify/sms.py): the provider is configured here, never in code.
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.notify.sms.LoggingBackend")
GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID", "")
GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET", "")
GONGKAI_SMS_SIGN_NAME = os.environ.get("GONGKAI_SMS_SIGN_NAME", "")
GONGKAI_SMS_TEMPLATE_CODE = os.environ.get("GONGKAI_SMS_TEMPLATE_CODE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "WARNING"}},
}
if _LOG_DIR:
    Path(_LOG_DIR).mkdir(parents=True, exist_ok=True)
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.TimedRotatingFileHandler",
        "filename": str(Path(_LOG_DIR) / "gongkai.log"),
        "when": "midnight",
        "backupCount": 190,
        "encoding": "utf-8",
        "formatter": "plain",
    }
    LOGGING["root"]["handlers"].append("file")
    LOGGING["root"]["level"] = "INFO"
    LOGGING["loggers"]["axes"]["level"] = "INFO"  # every login failure and lockout
