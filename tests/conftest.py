"""Shared fixtures: role clients as in STYLE.md, and the demo password; system needs."""

import functools
import os
import shutil
import subprocess

import pytest
from django.test import Client

from .factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    ReviewerFactory,
    SecretariatFactory,
)


def _fonts_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(  # noqa: S603 — a fixed command
        ["fc-list", ":", "family"],
        capture_output=True,
        text=True,
        check=False,  # noqa: S607
    ).stdout.lower()
    return all(name in families for name in ("noto sans cjk", "noto sans arabic", "noto sans"))


def _chromium_installed() -> bool:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return bool(shutil.which(path)) or os.path.exists(path)


def _postgresql_in_use() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


# What a test may need from the system: how to tell it is there, what to install, and whether a
# CI run (CI=true) must have it. Mark a test `@pytest.mark.needs("noto-fonts")`: where the thing is
# missing the test is skipped with this reason, except under CI=true, where it fails (CI must
# prove every test). PostgreSQL is the one exception: CI runs the suite twice, on SQLite and on
# PostgreSQL, and those tests are proved by the second run. One mechanism for every test.
SYSTEM_NEEDS = {
    "chromium": (
        _chromium_installed,
        "Chromium (Debian package chromium) for browser tests",
        True,
    ),
    "noto-fonts": (
        _fonts_installed,
        "Noto Sans, Arabic and CJK fonts (Debian packages fonts-noto-core, fonts-noto-cjk) "
        "for the PDF report's embedded fonts",
        True,
    ),
    "postgresql": (
        _postgresql_in_use,
        "PostgreSQL (run with DATABASE_URL=postgres://…; CI's PostgreSQL stage does)",
        False,
    ),
}


@functools.cache
def system_has(name: str) -> bool:
    return SYSTEM_NEEDS[name][0]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "needs(*names): needs something from the system (SYSTEM_NEEDS in tests/conftest.py); "
        "skipped where missing, a failure under CI=true",
    )


def pytest_runtest_setup(item):
    for marker in item.iter_markers("needs"):
        for name in marker.args:
            if name not in SYSTEM_NEEDS:
                pytest.fail(f"unknown system need {name!r} (see SYSTEM_NEEDS in tests/conftest.py)")
            if system_has(name):
                continue
            _check, what, required_in_ci = SYSTEM_NEEDS[name]
            reason = f"needs {what}"
            if required_in_ci and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
                pytest.fail(f"CI=true: {reason}", pytrace=False)
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _rate_limit_clock_mid_window(monkeypatch):
    """Rate limits count per clock hour (core.ratelimit): pinned half-way through the current
    day, so a test never straddles the end of a window."""
    import time

    from localcompacts.core import ratelimit

    pinned = (int(time.time()) // 86400) * 86400 + 43200 + 1800
    monkeypatch.setattr(ratelimit, "clock", lambda: pinned)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts with empty caches: computed page parts and rate-limit counters."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request in French activates French for the
    thread (LocaleMiddleware does not switch back), which would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def government(db):
    return LocalGovernmentFactory(name="Dakar", slug="dakar")


@pytest.fixture
def other_government(db):
    return LocalGovernmentFactory(name="Medellín", slug="medellin")


@pytest.fixture
def focal_point(government):
    return FocalPointUserFactory(email="focal@example.org", government=government)


@pytest.fixture
def other_focal_point(other_government):
    return FocalPointUserFactory(email="focal2@example.org", government=other_government)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(email="reviewer@example.org")


@pytest.fixture
def secretariat(db):
    return SecretariatFactory(email="admin@example.org")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client(db):
    return Client()


@pytest.fixture
def focal_point_client(focal_point):
    return _client_for(focal_point)


@pytest.fixture
def other_focal_point_client(other_focal_point):
    return _client_for(other_focal_point)


@pytest.fixture
def reviewer_client(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def admin_client(secretariat):
    return _client_for(secretariat)


@pytest.fixture
def role_clients(
    anonymous_client, focal_point_client, other_focal_point_client, reviewer_client, admin_client
):
    """Every role, by name, for permission matrices."""
    return {
        "anonymous": anonymous_client,
        "owner_focal_point": focal_point_client,
        "other_focal_point": other_focal_point_client,
        "reviewer": reviewer_client,
        "secretariat": admin_client,
    }


class ReceivedMail:
    """What the test SMTP server received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str):
        return [m for m in self.messages if address in m.envelope_recipients]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django sends to it through the SMTP backend."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = ReceivedMail()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def task_worker(db, monkeypatch, django_capture_on_commit_callbacks):
    """Run the real database worker (`manage.py db_worker --batch`) until the queue is empty.

    Work is enqueued with transaction.on_commit, which never fires inside a test's transaction:
    wrap the service call in `django_capture_on_commit_callbacks(execute=True)`. Tasks that
    enqueue further tasks on commit (a reminder task queueing e-mails) are handled here: the worker
    runs again while running it produced new on-commit callbacks.

    The worker calls `close_old_connections()` between tasks. Inside a test's transaction that
    closes a PostgreSQL connection (autocommit differs from the settings) and the test's
    transaction is lost; SQLite's in-memory test database ignores it. So, only while a test
    transaction is open, the worker's check is skipped; everything else is the real worker.
    """
    from django.core.management import call_command
    from django.db import close_old_connections, connection
    from django_tasks_db.management.commands import db_worker

    def close_unless_in_test_transaction(**kwargs):
        if not connection.in_atomic_block:
            close_old_connections(**kwargs)

    monkeypatch.setattr(db_worker, "close_old_connections", close_unless_in_test_transaction)

    def run() -> None:
        for _ in range(10):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                call_command(
                    "db_worker",
                    batch=True,
                    queue_name="*",
                    startup_delay=False,
                    interval=0,
                    verbosity=0,
                )
            if not callbacks:
                return

    return run


# Real Redis and S3-compatible servers on loopback, started once per session when a test asks.
from .services import object_storage, redis_url, s3_endpoint  # noqa: E402, F401
