"""Settings shared by every profile. Everything that differs between machines comes from the environment.

Every variable read here is listed in README.md ("Configuration").
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from localcompacts.core import languages as site_languages

SRC_DIR = Path(__file__).resolve().parents[3]
BASE_DIR = SRC_DIR.parent
# The layout's strings (config/templates) have their catalogues here; each app keeps its own.
LOCALE_PATHS = [SRC_DIR / "localcompacts" / "config" / "locale"]
VAR_DIR = Path(os.environ.get("LOCALCOMPACTS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def site_url(environ=os.environ) -> str:
    """The address links in e-mail and citations use: SITE_URL, or else the local address on the
    port the site is served on (`make serve` exports PORT), so `PORT=8201 make serve` never mails
    links to port 8000."""
    if environ.get("SITE_URL"):
        return environ["SITE_URL"].rstrip("/")
    return f"http://127.0.0.1:{environ.get('PORT') or '8000'}"


SITE_URL = site_url()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its sitemap.xml templates
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Local Compacts, one app per thing the product is about.
    "localcompacts.core",
    "localcompacts.accounts",
    "localcompacts.compacts",
    "localcompacts.governments",
    "localcompacts.forums",
    "localcompacts.pledges",
    "ninja",  # serves the API docs' Swagger UI assets from static files (no CDN)
    "localcompacts.api",
    "localcompacts.newsletter",
    "localcompacts.progress",
    "localcompacts.matching",
    "localcompacts.operations",
    "localcompacts.publications",
    "localcompacts.explore",
    "localcompacts.demo",  # demo data and its commands: the top layer, it may use every app
]

MIDDLEWARE = [
    "localcompacts.operations.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "localcompacts.operations.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "localcompacts.operations.middleware.IdleSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "localcompacts.api.middleware.ApiMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "localcompacts.operations.middleware.ReadReplicaMiddleware",
    "localcompacts.operations.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "localcompacts.config.urls"
WSGI_APPLICATION = "localcompacts.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's layout (base.html) links every app, so it lives at the top, with config.
        "DIRS": [SRC_DIR / "localcompacts" / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localcompacts.core.context_processors.site",
                "localcompacts.core.context_processors.csrf",
                "localcompacts.explore.context_processors.alternate_feeds",
                "localcompacts.newsletter.context_processors.follow_targets",
                "localcompacts.operations.context_processors.csp_nonce",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------------
# SQLite under var/ by default; PostgreSQL (production) through DATABASE_URL.
SQLITE_INIT_COMMAND = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-64000;"
    "PRAGMA mmap_size=268435456;"
)


def cache_from_url(url: str) -> dict:
    """A cache from `locmem://`, `db://<table>` or `redis://host:port/db` (SHARED_CACHE_URL)."""
    from django.core.exceptions import ImproperlyConfigured

    scheme, _, rest = url.partition("://")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme == "db" and rest:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"SHARED_CACHE_URL must be locmem://, db://<table> or redis://…, not {url!r}"
    )


# `default`: this process's memory, for computed page parts (statistics, facet counts) that are
# keyed by the public content's fingerprint. `shared`: rate-limit counters, which must be the
# same for every server process in production (core.ratelimit).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Whole public pages as anonymous visitors get them, per process (core.caching.public_cache).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
    },
    "shared": cache_from_url(os.environ.get("SHARED_CACHE_URL", "locmem://shared")),
}


def database_from_env(default_sqlite_path: Path) -> dj_database_url.DBConfig:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{default_sqlite_path}"
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": SQLITE_INIT_COMMAND,
        }
    else:
        postgres_options(config)
    return config


def postgres_options(config: dj_database_url.DBConfig) -> None:
    """Parallel plans give one web request several PostgreSQL processes: with many concurrent
    requests on a few cores that only adds contention (bench/README.md, Catalogue). An empty
    DB_PARALLEL_WORKERS_PER_QUERY keeps the server's own setting (needed behind PgBouncer, which
    refuses startup options)."""
    config["CONN_HEALTH_CHECKS"] = True
    parallel = os.environ.get("DB_PARALLEL_WORKERS_PER_QUERY", "0").strip()
    if parallel and "postgresql" in config["ENGINE"]:
        config.setdefault("OPTIONS", {})["options"] = (
            f"-c max_parallel_workers_per_gather={int(parallel)}"
        )


DATABASES = {"default": database_from_env(VAR_DIR / "localcompacts.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "explore:home"
LOGOUT_REDIRECT_URL = "explore:home"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
# Per account and address (AXES_FAILURE_LIMIT), and per account from every address together
# (AXES_ACCOUNT_FAILURE_LIMIT): see accounts/lockout.py.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "localcompacts.accounts.lockout.AccountLockoutHandler"
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Internationalisation -----------------------------------------------------------------------
# The list lives in localcompacts/core/languages.py; the names are Django's own translated ones.
LANGUAGE_CODE = site_languages.DEFAULT_LANGUAGE
LANGUAGES = [(language.code, _(language.english_name)) for language in site_languages.LANGUAGES]
LANGUAGES_BIDI = [
    language.code for language in site_languages.LANGUAGES if language.direction == "rtl"
]
LANGUAGE_COOKIE_NAME = "localcompacts_language"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Each app keeps its own catalogue in <app>/locale/ (see `make makemessages`).

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded files live outside the static root and are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:port (add ?tls=1 or ?ssl=1), or console:// / locmem://.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Local Compacts <no-reply@localcompacts.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Bounces and complaints from the e-mail provider's webhook (core/webhooks.py): the basic-auth
# credentials ("user:password") the provider sends; without them the webhook URLs answer 404.
# Mailgun also signs its webhooks: its signing key.
ANYMAIL = {
    "WEBHOOK_SECRET": os.environ.get("EMAIL_WEBHOOK_SECRET", ""),
    "MAILGUN_WEBHOOK_SIGNING_KEY": os.environ.get("MAILGUN_WEBHOOK_SIGNING_KEY", ""),
}


def email_settings_from_url(url: str) -> dict:
    from urllib.parse import parse_qs, unquote, urlparse

    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme in {"smtp", "smtps", "submission"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtps" or query.get("ssl") == ["1"],
            "EMAIL_USE_TLS": parsed.scheme == "submission" or query.get("tls") == ["1"],
            "EMAIL_TIMEOUT": 10,
        }
    raise ValueError(f"EMAIL_URL has an unknown scheme: {parsed.scheme!r}")


globals().update(email_settings_from_url(EMAIL_URL))

# --- Background tasks ---------------------------------------------------------------------------
# Figures over the whole catalogue (facet counts, map, statistics) are recomputed by the worker
# after a change while visitors get the previous ones (core.figures); False computes them in the
# request that finds them out of date (the tests, unless they run the worker).
PUBLIC_FIGURES_ON_WORKER = os.environ.get("PUBLIC_FIGURES_ON_WORKER", "true").lower() != "false"
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email", "reports"],
    }
}

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Logging ------------------------------------------------------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
PROFILE = "development"

# --- API (/api/v1/) -----------------------------------------------------------------------------
# Requests per window ("N/s", "N/min", "N/hour", "N/day"), counted in the default cache.
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "60/min")  # per client IP address
API_THROTTLE_TOKEN = os.environ.get("API_THROTTLE_TOKEN", "600/min")  # per API token
# Behind N trusted proxies the client address is the N-th from the right of X-Forwarded-For.
NINJA_NUM_PROXIES = (
    int(os.environ["API_NUM_PROXIES"]) if os.environ.get("API_NUM_PROXIES") else None
)
# --- Imports (publications.exchange) -------------------------------------------------------------
# Spreadsheets with more data rows than this are checked and imported by the worker, with a
# progress page; smaller ones within the request. File limits are checked in the request either way.
IMPORT_IN_REQUEST_MAX_ROWS = int(os.environ.get("IMPORT_IN_REQUEST_MAX_ROWS", "300"))
# --- Newsletter ---------------------------------------------------------------------------------
# How often the digest of new pledges, forums… is composed (hours; 168 = weekly).
NEWSLETTER_DIGEST_INTERVAL_HOURS = int(os.environ.get("NEWSLETTER_DIGEST_INTERVAL_HOURS", "168"))
# Subscriptions per IP address and hour (counted in the `shared` cache, see CACHES).
NEWSLETTER_SUBSCRIBE_RATE_PER_HOUR = int(os.environ.get("NEWSLETTER_SUBSCRIBE_RATE_PER_HOUR", "5"))
# Forms that e-mail an address nobody has confirmed (focal-point application, newsletter,
# password reset; core.ratelimit): posts per form and IP address, and mails per address, per hour.
MAIL_FORM_RATE_PER_IP_PER_HOUR = int(os.environ.get("MAIL_FORM_RATE_PER_IP_PER_HOUR", "5"))
MAIL_RATE_PER_ADDRESS_PER_HOUR = int(os.environ.get("MAIL_RATE_PER_ADDRESS_PER_HOUR", "3"))
# --- Accounts: lockout page and two-factor authentication ---------------------------------------
AXES_LOCKOUT_CALLABLE = "localcompacts.accounts.views.lockout"
OTP_TOTP_ISSUER = "Local Compacts"
# --- Operations (localcompacts.operations) ------------------------------------------------------
# Content-Security-Policy (django-csp 4): no inline scripts; the one script tag that needs it
# (`{% htmx_script %}`) carries the per-request nonce. Inline *styles* stay allowed: style
# attributes cannot run code, and htmx adds its indicator styles inline.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Staff, reviewers and focal points are logged out after this many idle seconds (0 = never).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", "1800"))
# /readyz answers 503 when the worker's heartbeat (a task every minute) is older than this.
READYZ_HEARTBEAT_MAX_AGE = int(os.environ.get("READYZ_HEARTBEAT_MAX_AGE", "300"))
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

# Optional read replica for anonymous reads of the public catalogue and API.
if os.environ.get("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"].strip(),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
    postgres_options(DATABASES["replica"])
    DATABASE_ROUTERS = ["localcompacts.operations.routers.ReplicaRouter"]
DATABASE_REPLICA_ENABLED = "replica" in DATABASES
# Apps whose rows the public pages show and may be read from the replica; sessions, users, tasks
# and the outbox always use the primary (operations.routers.ReplicaRouter).
REPLICA_READ_APPS = frozenset(
    {"pledges", "governments", "compacts", "forums", "progress", "publications", "matching"}
)
DATABASE_REPLICA_PATHS = env_list("DATABASE_REPLICA_PATHS", "/pledges/,/governments/,/api/")
# After a write, the same browser reads the primary for this long (read-your-writes); keep it well
# above the replication lag (measured by bench/scaleout.py, see bench/README.md).
DATABASE_REPLICA_READ_YOUR_WRITES_SECONDS = int(
    os.environ.get("DATABASE_REPLICA_READ_YOUR_WRITES_SECONDS", "30")
)


# Uploaded files on S3-compatible object storage (pip install 'localcompacts[s3]') when a bucket
# is named; on disk under MEDIA_ROOT otherwise.
def s3_storage(
    *,
    bucket: str,
    endpoint_url: str | None,
    region: str | None,
    access_key: str | None,
    secret_key: str | None,
    prefix: str,
) -> dict:
    """The default storage on an S3-compatible bucket (the tests use it with their own server)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": region,
            "access_key": access_key,
            "secret_key": secret_key,
            "location": prefix,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("S3_BUCKET", "").strip():
    MEDIA_STORAGE = s3_storage(
        bucket=os.environ["S3_BUCKET"].strip(),
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region=os.environ.get("S3_REGION") or None,
        access_key=os.environ.get("S3_ACCESS_KEY_ID") or None,
        secret_key=os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        prefix=os.environ.get("S3_PREFIX", "media"),
    )
STORAGES["default"] = MEDIA_STORAGE

# Logs: LOG_FORMAT=json (production default) writes one JSON object per line, with the request id
# and user id of the request that logged it; `text` is easier to read in a terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")


def logging_config(log_format: str, level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "localcompacts.operations.jsonlog.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "localcompacts.operations.jsonlog.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "text",
                "filters": ["request"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # RequestLogMiddleware writes one line per request, with the status and duration.
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
