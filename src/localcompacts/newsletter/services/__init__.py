"""Every write of the newsletter: subscriptions (consent, preferences, leaving) and mailings."""

from .mailings import (
    compose_digest,
    dispatch_due_issues,
    issue_compose,
    issue_schedule,
    issue_send_test,
    record_bounce,
    render_issue,
    send_issue_batch,
    subscribers_delivery_problem,
)
from .subscriptions import (
    NewsletterError,
    confirm,
    erase,
    purge_unconfirmed,
    record_subscriber_export,
    subscribe,
    unsubscribe,
    update_preferences,
)

__all__ = [
    "NewsletterError",
    "compose_digest",
    "confirm",
    "dispatch_due_issues",
    "erase",
    "issue_compose",
    "issue_schedule",
    "issue_send_test",
    "purge_unconfirmed",
    "record_bounce",
    "record_subscriber_export",
    "render_issue",
    "send_issue_batch",
    "subscribers_delivery_problem",
    "subscribe",
    "unsubscribe",
    "update_preferences",
]
