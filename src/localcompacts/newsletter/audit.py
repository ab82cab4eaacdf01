"""What the audit log records about the newsletter: subscriptions and issues."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class NewsletterAction(AuditAction):
    """Subscribers: consent, preferences, leaving, erasure, bounces and exports."""

    SUBSCRIPTION_REQUESTED = "newsletter.subscription_requested", _("Subscription requested")
    SUBSCRIPTION_CONFIRMED = "newsletter.subscription_confirmed", _("Subscription confirmed")
    UNSUBSCRIBED = "newsletter.unsubscribed", _("Unsubscribed")
    PREFERENCES_CHANGED = "newsletter.preferences_changed", _("Newsletter preferences changed")
    SUBSCRIBER_ERASED = "newsletter.subscriber_erased", _("Subscriber erased")
    UNCONFIRMED_PURGED = "newsletter.unconfirmed_purged", _("Unconfirmed subscription purged")
    SUBSCRIBERS_EXPORTED = "newsletter.subscribers_exported", _("Subscribers exported")
    BOUNCE_RECORDED = "newsletter.bounce_recorded", _("Hard bounce recorded")
    COMPLAINT_RECORDED = "newsletter.complaint_recorded", _("Spam complaint recorded")


@audit_actions
class IssueAction(AuditAction):
    CREATED = "newsletter_issue.created", _("Newsletter issue created")
    CHANGED = "newsletter_issue.changed", _("Newsletter issue changed")
    TEST_SENT = "newsletter_issue.test_sent", _("Newsletter issue test sent")
    SCHEDULED = "newsletter_issue.scheduled", _("Newsletter issue scheduled")
    SENDING_STARTED = "newsletter_issue.sending_started", _("Newsletter issue sending started")
    SENT = "newsletter_issue.sent", _("Newsletter issue sent")
    DIGEST_COMPOSED = "newsletter_issue.digest_composed", _("Newsletter digest composed")
    DELETED_IN_ADMIN = (
        "newsletter_issue.deleted_in_admin",
        _("Newsletter issue deleted in the admin"),
    )


@audit_actions
class FollowAction(AuditAction):
    """Following a pledge, a government, an objective or a catalogue search."""

    REQUESTED = "follow.requested", _("Follow requested (awaiting confirmation)")
    STARTED = "follow.started", _("Follow started")
    CONFIRMED = "follow.confirmed", _("Follow confirmed")
    STOPPED = "follow.stopped", _("Follow stopped")
