"""Reads of the newsletter: who is due an issue, delivery counts, a subscriber's own data."""

import datetime

from django.db.models import Count, Q, QuerySet

from .models import Delivery, DeliveryStatus, Issue, Subscriber, SubscriberStatus


def subscribers_awaiting_issue(issue: Issue) -> QuerySet[Subscriber]:
    """Confirmed subscribers who have no delivery of this issue yet, oldest first."""
    return (
        Subscriber.objects.filter(status=SubscriberStatus.ACTIVE)
        .exclude(pk__in=Delivery.objects.filter(issue=issue).values("subscriber_id"))
        .prefetch_related("objectives", "regions")
        .order_by("pk")
    )


def issues_with_delivery_counts(queryset: QuerySet[Issue] | None = None) -> QuerySet[Issue]:
    """Issues annotated with how many messages were sent, are pending, failed, bounced, skipped."""
    queryset = queryset if queryset is not None else Issue.objects.all()
    return queryset.annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__email__status="sent")),
        pending_count=Count("deliveries", filter=Q(deliveries__email__status="pending")),
        failed_count=Count("deliveries", filter=Q(deliveries__email__status="failed")),
        bounced_count=Count(
            "deliveries",
            filter=Q(deliveries__status__in=[DeliveryStatus.BOUNCED, DeliveryStatus.COMPLAINED]),
        ),
        skipped_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SKIPPED)),
    )


def subscriber_export(subscriber: Subscriber) -> dict[str, object]:
    """Everything stored about one subscriber, for their own download (GDPR art. 15 and 20)."""
    deliveries = (
        Delivery.objects.filter(subscriber=subscriber)
        .exclude(status=DeliveryStatus.SKIPPED)
        .select_related("issue", "email")
        .order_by("created_at")
    )

    def when(value: datetime.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "status": subscriber.status,
        "interests": {
            "compacts": list(subscriber.compacts or []),
            "objectives": [o.code for o in subscriber.objectives.order_by("compact", "number")],
            "regions": [r.code for r in subscriber.regions.order_by("code")],
            "publications": subscriber.wants_publications,
            "forum_news": subscriber.wants_forum_news,
        },
        "consent": {
            "given_at": when(subscriber.consent_at),
            "ip_address": subscriber.consent_ip,
            "form": subscriber.consent_form,
            "consent_text_version": subscriber.consent_text_version,
            "confirmed_at": when(subscriber.confirmed_at),
            "confirmation_ip_address": subscriber.confirmed_ip,
        },
        "unsubscribed_at": when(subscriber.unsubscribed_at),
        "bounce_or_complaint_at": when(subscriber.bounced_at),
        "created_at": when(subscriber.created_at),
        "mailings": [
            {
                "issue": str(delivery.issue),
                "subject": delivery.email.subject if delivery.email else None,
                "queued_at": when(delivery.created_at),
                "sent_at": when(delivery.email.sent_at) if delivery.email else None,
                "status": delivery.status,
            }
            for delivery in deliveries
        ],
    }
