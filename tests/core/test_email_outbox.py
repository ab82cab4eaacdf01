import datetime

import pytest
from django.utils import timezone

from localcompacts.core.email import queue_email, send_outgoing
from localcompacts.core.models import OutgoingEmail, PeriodicRun
from localcompacts.core.scheduling import PERIODIC_JOBS, enqueue_due

pytestmark = pytest.mark.django_db


def _queue(key="test:1", to="fatou@example.org", language="fr"):
    return queue_email(
        key=key, to=to, language=language, template="core/email/test", context={"name": "Fatou"}
    )


def test_queued_email_is_sent_once_through_smtp_by_the_worker(
    smtp_server, task_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
        assert _queue() is None  # same key: not queued twice
    task_worker()
    received = smtp_server.to("fatou@example.org")
    assert len(received) == 1
    assert received[0]["Subject"] == "Message de test pour Fatou"
    assert "Bonjour Fatou" in smtp_server.text(received[0])
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT and message.attempts == 1
    # A retried task finds it sent and sends nothing.
    assert send_outgoing(message.pk) is False
    assert len(smtp_server.messages) == 1


def test_failed_delivery_stays_pending_and_is_retried(settings, smtp_server):
    message = _queue()
    settings.EMAIL_PORT = 9  # nothing listens there
    assert send_outgoing(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.PENDING and message.attempts == 1
    assert message.last_error
    assert smtp_server.messages == []


def test_retry_task_sends_what_a_crashed_worker_left(smtp_server, task_worker):
    from localcompacts.core.tasks import retry_unsent_email

    message = _queue(language="es")
    OutgoingEmail.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    retry_unsent_email.enqueue()
    task_worker()
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Subject"] == "Mensaje de prueba para Fatou"


def test_periodic_jobs_are_enqueued_once_per_slot():
    assert "localcompacts.core.tasks.retry_unsent_email" in PERIODIC_JOBS
    now = timezone.now()
    first = enqueue_due(now)
    assert "localcompacts.core.tasks.retry_unsent_email" in first
    assert enqueue_due(now) == []
    assert "localcompacts.core.tasks.retry_unsent_email" in enqueue_due(
        now + datetime.timedelta(minutes=6)
    )
    assert (
        PeriodicRun.objects.filter(name="localcompacts.core.tasks.retry_unsent_email").count() == 2
    )
