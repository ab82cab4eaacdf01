"""Newsletter background work: batches of a mailing, the digest, the purge of unconfirmed requests."""

import datetime

from django.conf import settings
from django_tasks import task

from localcompacts.core.scheduling import periodic

from . import services


@task(queue_name="email")
def send_issue(issue_id: int) -> int:
    """Send one batch, then enqueue the next until everyone has had the issue."""
    handled = services.send_issue_batch(issue_id=issue_id)
    if handled:
        send_issue.enqueue(issue_id)
    return handled


@periodic(every=datetime.timedelta(minutes=5))
@task(queue_name="email")
def dispatch_due_issues() -> int:
    return len(services.dispatch_due_issues())


@periodic(every=datetime.timedelta(hours=settings.NEWSLETTER_DIGEST_INTERVAL_HOURS))
@task(queue_name="email")
def compose_digest() -> int | None:
    issue = services.compose_digest()
    return issue.pk if issue else None


@periodic(every=datetime.timedelta(days=1))
@task()
def purge_unconfirmed_subscriptions() -> int:
    return services.purge_unconfirmed()


@periodic(every=datetime.timedelta(minutes=10))
@task(queue_name="email")
def process_follow_events() -> dict:
    """Tell followers what happened (read from the audit log; see `services.follows`)."""
    from .services.follows import process_follow_events as process

    return process()


@periodic(every=datetime.timedelta(days=1))
@task(queue_name="email")
def follow_daily() -> dict:
    """Pledges that went stale, then the digest of everything still waiting."""
    from .services.follows import collect_stale_events, send_follow_digests

    return {"stale": collect_stale_events(), "digests": send_follow_digests()}
