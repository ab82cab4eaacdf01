"""The production profile refuses insecure configuration; checked in a fresh interpreter each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "k8#Zq2!vR9@mW4tY7^pL1&nB6*xC3(dF5)gH0_jK2+sA8-eU-Wq7~rT5"


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update({"DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.production", **env})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "compacts.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "compacts.example.org"}, "SECRET_KEY"),
        (
            {"SECRET_KEY": "django-insecure-" + "x" * 50, "ALLOWED_HOSTS": "compacts.example.org"},
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_insecure_configuration(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="compacts.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_email_url_configures_smtp():
    from localcompacts.config.settings.base import email_settings_from_url

    config = email_settings_from_url("smtp://user:p%40ss@mail.example.org:2525?tls=1")
    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    with pytest.raises(ValueError, match="unknown scheme"):
        email_settings_from_url("carrier-pigeon://nowhere")


@pytest.mark.django_db
def test_sqlite_is_tuned_for_concurrent_writes(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_postgresql_connections_run_without_parallel_workers_unless_configured(monkeypatch):
    from pathlib import Path

    from localcompacts.config.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example.org/localcompacts")
    config = database_from_env(Path("unused.sqlite3"))
    assert config["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=0"
    monkeypatch.setenv("DB_PARALLEL_WORKERS_PER_QUERY", "")  # behind PgBouncer
    assert "options" not in database_from_env(Path("unused.sqlite3")).get("OPTIONS", {})
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/x.sqlite3")
    monkeypatch.setenv("DB_PARALLEL_WORKERS_PER_QUERY", "2")
    assert "options" not in database_from_env(Path("unused.sqlite3"))["OPTIONS"]
