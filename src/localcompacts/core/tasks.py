"""Background work shared by every app; run by `manage.py db_worker`."""

import datetime

from django.utils import timezone
from django_tasks import task

from .email import send_outgoing
from .models import OutgoingEmail
from .scheduling import periodic


@task(queue_name="email")
def deliver_email(message_id: int) -> bool:
    return send_outgoing(message_id)


@periodic(every=datetime.timedelta(minutes=5))
@task(queue_name="email")
def retry_unsent_email() -> int:
    """Re-send what a crashed worker or a failed SMTP call left pending for more than two minutes."""
    cutoff = timezone.now() - datetime.timedelta(minutes=2)
    pending = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, created_at__lt=cutoff
    ).values_list("pk", flat=True)[:500]
    return sum(1 for pk in pending if send_outgoing(pk))


@task()
def refresh_public_figures(language: str) -> list[str]:
    """Recompute the figures over public content that changed (core.figures), in `language`."""
    from .figures import refresh_figures

    return refresh_figures(language)
