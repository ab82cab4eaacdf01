import datetime

from django.utils import timezone
from django_tasks import task

from localcompacts.core.scheduling import periodic

from .models import ReportingRound
from .services import reminders_due, send_round_reminders


@periodic(every=datetime.timedelta(hours=1))
@task(queue_name="email")
def send_progress_reminders() -> int:
    """Opening, 14-day, 3-day and overdue reminders for every round; idempotent per person and kind."""
    now = timezone.now()
    sent = 0
    recent = ReportingRound.objects.filter(closes_at__gte=now - datetime.timedelta(days=60))
    for reporting_round in recent:
        for kind in reminders_due(reporting_round, now):
            sent += send_round_reminders(reporting_round=reporting_round, kind=kind)
    return sent
