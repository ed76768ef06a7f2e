"""Django settings, read from typed environment variables.

Environment:
- GONGKAI_ENV: `development` (default) or `production`. Production requires GONGKAI_SECRET_KEY and
  GONGKAI_ALLOWED_HOSTS and turns DEBUG off.
- DATABASE_URL: e.g. `postgres://postgres@127.0.0.1:5432/gongkai`; default: SQLite (WAL) at
  `<repo>/var/gongkai.sqlite3`.
- GONGKAI_VAR_DIR: where the SQLite file, uploads and the generated development key live.
- GONGKAI_DEBUG, GONGKAI_SECRET_KEY, GONGKAI_ALLOWED_HOSTS (comma separated),
  GONGKAI_EMAIL_BACKEND, GONGKAI_DEFAULT_FROM_EMAIL.
Bad values stop start-up with a message naming the variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


ENVIRONMENT = os.environ.get("GONGKAI_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"GONGKAI_ENV must be development or production, got {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"

VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR") or REPO_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = _env_bool("GONGKAI_DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY is required when GONGKAI_ENV=production")
    # Development: one random key per installation, kept in var/ (never committed).
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = _env_list(
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
    "django_htmx",
    "gongkai.audit",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
            ],
        },
    }
]

_SQLITE_PATH = VAR_DIR / "gongkai.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{_SQLITE_PATH}", conn_max_age=60
    )
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
if _env_bool("GONGKAI_PGBOUNCER", False):
    for _alias in DATABASES:
        if DATABASES[_alias]["ENGINE"].endswith("postgresql"):
            DATABASES[_alias].setdefault("OPTIONS", {})["prepare_threshold"] = None
            DATABASES[_alias]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process caches. "public_pages": rendered public catalog pages (gongkai/catalog/page_cache.py),
# keyed by each agency's publication generation, so no worker serves a page after it changed.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "public_pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public-pages",
                     "OPTIONS": {"MAX_ENTRIES": 3000, "CULL_FREQUENCY": 4}},
}
GONGKAI_PUBLIC_PAGE_CACHE = _env_bool("GONGKAI_PUBLIC_PAGE_CACHE", True)
# Several application servers: Redis as the one cache (rate limits, throttles) and session store
# they all agree on (docs/deploy.md).
GONGKAI_REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
if GONGKAI_REDIS_URL:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": GONGKAI_REDIS_URL,
                         "KEY_PREFIX": "gongkai"}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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
    ALLOWED_HOSTS[0].lstrip(".") if PRODUCTION else f"127.0.0.1:{os.environ.get('PORT', '8000')}")
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
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
