"""The production profile, loaded in a fresh interpreter with production-like environment variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "k8#Zq2!vR9@mW4tY7^pL1&nB6*xC3(dF5)gH0_jK2+sA8-eU-Wq7~rT5"

DUMP = """
import json, sys
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "exempt": settings.SECURE_REDIRECT_EXEMPT,
    "frame": settings.X_FRAME_OPTIONS,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media": settings.STORAGES["default"],
    "middleware": settings.MIDDLEWARE,
    "csp": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
    "formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "idle": settings.SESSION_IDLE_TIMEOUT,
    "databases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "sentry_loaded": "sentry_sdk" in sys.modules,
    "shared_cache": settings.CACHES["shared"],
}, default=str))
"""


def production_settings(**env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not k.startswith(("S3_", "SENTRY_", "DATABASE_REPLICA", "LOG_", "SHARED_CACHE"))
    }
    full_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.production",
            "SECRET_KEY": STRONG_SECRET,
            "ALLOWED_HOSTS": "compacts.example.org",
            **env,
        }
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", DUMP],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_profile_is_hardened():
    config = production_settings()
    assert config["debug"] is False
    assert config["session_secure"] and config["csrf_secure"] and config["session_httponly"]
    assert config["hsts"] >= 31536000
    assert config["ssl_redirect"] is True
    assert r"^healthz$" in config["exempt"] and r"^readyz$" in config["exempt"]
    assert config["frame"] == "DENY"
    assert config["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert config["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    for middleware in (
        "csp.middleware.CSPMiddleware",
        "localcompacts.operations.middleware.RequestLogMiddleware",
        "localcompacts.operations.middleware.PermissionsPolicyMiddleware",
        "localcompacts.operations.middleware.IdleSessionTimeoutMiddleware",
        "localcompacts.operations.middleware.DatabaseUnavailableMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ):
        assert middleware in config["middleware"]
    assert config["middleware"][0] == "localcompacts.operations.middleware.RequestLogMiddleware"
    assert "'unsafe-inline'" not in config["csp"]
    assert config["formatter"] == "json"
    assert config["idle"] == 1800
    assert config["databases"] == ["default"]
    assert config["routers"] == []
    assert config["sentry_loaded"] is False


def test_production_profile_takes_object_storage_replica_and_idle_timeout_from_the_environment():
    config = production_settings(
        S3_BUCKET="compacts-media",
        S3_ENDPOINT_URL="https://s3.example.org",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        DATABASE_URL="postgres://app@db1.example.org/localcompacts",
        DATABASE_REPLICA_URL="postgres://app@db2.example.org/localcompacts",
        SESSION_IDLE_TIMEOUT="600",
        LOG_FORMAT="text",
    )
    assert config["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["media"]["OPTIONS"]["bucket_name"] == "compacts-media"
    assert config["media"]["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert config["media"]["OPTIONS"]["default_acl"] is None
    assert config["databases"] == ["default", "replica"]
    assert config["routers"] == ["localcompacts.operations.routers.ReplicaRouter"]
    assert config["idle"] == 600
    assert config["formatter"] == "text"


def test_rate_limits_count_in_the_database_unless_redis_is_configured():
    shared = production_settings()["shared_cache"]
    assert shared["BACKEND"].endswith("DatabaseCache")
    assert shared["LOCATION"] == "localcompacts_cache"
    redis = production_settings(SHARED_CACHE_URL="redis://127.0.0.1:6379/2")["shared_cache"]
    assert redis["BACKEND"].endswith("RedisCache")
