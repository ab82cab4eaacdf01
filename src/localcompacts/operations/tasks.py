"""The worker heartbeat: a periodic task whose timestamp `/readyz` reads."""

import datetime

from django.utils import timezone
from django_tasks import task

from localcompacts.core.scheduling import periodic

from .models import Heartbeat

WORKER = "worker"


@periodic(every=datetime.timedelta(minutes=1))
@task(queue_name="default")
def worker_heartbeat() -> str:
    now = timezone.now()
    Heartbeat.objects.update_or_create(name=WORKER, defaults={"beat_at": now})
    return now.isoformat()
