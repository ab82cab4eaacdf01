import time

import pytest
from django.core.cache import cache

from localcompacts.newsletter.tokens import form_timestamp


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


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
