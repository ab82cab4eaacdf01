import time

import pytest

from localcompacts.newsletter.tokens import form_timestamp


def form_data(email="fatou@example.org", **extra) -> dict:
    """What a person's browser posts, ten seconds after the form was shown."""
    return {
        "email": email,
        "name": "Fatou Diop",
        "language": "fr",
        "source": "page",
        "shown": form_timestamp(time.time() - 10),
        "website": "",
        "wants_publications": "on",
        "wants_forum_news": "on",
        **extra,
    }


@pytest.fixture
def run_worker(task_worker, django_capture_on_commit_callbacks):
    """Run the real worker until nothing is left. Tasks enqueue work with on_commit; in a test
    everything happens inside one transaction, so each round releases what the last one queued
    (as commits do in production), and then fails the test if any task failed."""

    def run() -> None:
        from django_tasks_db.models import DBTaskResult

        for _ in range(20):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                task_worker()
            if not callbacks:
                break
        failed = DBTaskResult.objects.filter(status="FAILED")
        assert not failed.exists(), [r.exception_class_path for r in failed]

    return run


def subscribe_and_confirm(email: str, **kwargs):
    from localcompacts.newsletter import services
    from localcompacts.newsletter.models import Subscriber

    services.subscribe(email=email, ip="192.0.2.1", form="page", **kwargs)
    subscriber = Subscriber.objects.get(email=email)
    services.confirm(subscriber=subscriber, ip="192.0.2.2")
    subscriber.refresh_from_db()
    return subscriber


@pytest.fixture
def task_worker(task_worker, monkeypatch):
    """The shared worker fixture, kept from closing the test's connection on PostgreSQL.

    `db_worker` calls `close_old_connections()` between tasks; inside a test's transaction that
    closes the PostgreSQL connection (autocommit differs from the setting) and loses the test's
    data. SQLite's in-memory test database ignores the close, so only PostgreSQL needs this.
    """
    from django.db import connection
    from django_tasks_db.management.commands import db_worker

    original = db_worker.close_old_connections

    def close_unless_in_test_transaction(**kwargs):
        if not connection.in_atomic_block:
            original(**kwargs)

    monkeypatch.setattr(db_worker, "close_old_connections", close_unless_in_test_transaction)
    return task_worker
