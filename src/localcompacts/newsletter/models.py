"""Newsletter subscribers (with the proof of their consent), issues and deliveries."""

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from localcompacts.core import languages
from localcompacts.core.translation import localized

if TYPE_CHECKING:
    from localcompacts.compacts.models import Objective
    from localcompacts.governments.models import LocalGovernment
    from localcompacts.pledges.models import Pledge

# Bump when the consent text shown next to the subscribe form changes; stored with each consent.
CONSENT_TEXT_VERSION = "2026-11"


Language = models.TextChoices(  # type: ignore[call-overload]  # members come from core.languages
    "Language",
    [
        (language.field_suffix.upper(), (language.code, language.name))
        for language in languages.LANGUAGES
    ],
)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    ACTIVE = "active", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Hard bounce")
    COMPLAINED = "complained", _("Complaint")


class ConsentForm(models.TextChoices):
    FOOTER = "footer", _("Site footer")
    PAGE = "page", _("Newsletter page")


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """A person on the mailing list. Inactive (pending) until they follow the confirmation link.

    The consent fields are the proof of a double opt-in: when and from where the form was sent,
    which version of the consent text it showed, and when and from where the link was followed.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=7, choices=Language.choices, default=Language.EN
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    # Interests. Empty means "everything" for compacts, objectives and regions.
    compacts = models.JSONField(_("compacts"), default=list, blank=True)
    objectives = models.ManyToManyField(
        "compacts.Objective", blank=True, related_name="+", verbose_name=_("objectives")
    )
    regions = models.ManyToManyField(
        "compacts.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    wants_publications = models.BooleanField(_("publications"), default=True)
    wants_forum_news = models.BooleanField(_("forum news"), default=True)
    # Signed links carry this random token too, so a link never outlives an erased subscriber.
    token = models.CharField(max_length=32, default=new_token, editable=False)
    # Proof of consent.
    consent_at = models.DateTimeField(_("consent given"))
    consent_ip = models.GenericIPAddressField(_("consent IP address"), null=True, blank=True)
    consent_form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    consent_text_version = models.CharField(_("consent text version"), max_length=20)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_ip = models.GenericIPAddressField(_("confirmation IP address"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounce or complaint recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subscriber")
        indexes = [models.Index(fields=["status", "consent_at"], name="subscriber_status_consent")]

    def __str__(self) -> str:
        # Never the address: this label ends up in the audit log, which outlives an erasure.
        return gettext("Subscriber #%(number)s") % {"number": self.pk}

    @property
    def is_active(self) -> bool:
        return self.status == SubscriberStatus.ACTIVE


class IssueKind(models.TextChoices):
    DIGEST = "digest", _("Digest")
    EDITORIAL = "editorial", _("Editorial issue")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


def public_pledges():
    """Featured pledges are chosen among public ones (the pledge workflow's "public" group)."""
    from localcompacts.pledges.models import public_q

    return public_q()


class Issue(models.Model):
    """One mailing: an editorial issue written by the secretariat, or a digest composed by a task.

    Digests carry the period they cover; their content is chosen per subscriber at sending time.
    """

    kind = models.CharField(
        _("kind"), max_length=10, choices=IssueKind.choices, default=IssueKind.EDITORIAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    subject_fr = models.CharField(_("subject (French)"), max_length=200, blank=True)
    subject_es = models.CharField(_("subject (Spanish)"), max_length=200, blank=True)
    subject_ar = models.CharField(_("subject (Arabic)"), max_length=200, blank=True)
    subject_ru = models.CharField(_("subject (Russian)"), max_length=200, blank=True)
    subject_zh_hans = models.CharField(
        _("subject (Simplified Chinese)"), max_length=200, blank=True
    )
    # Rich text, sanitised with nh3 before it is stored.
    body_en = models.TextField(_("body (English)"), blank=True)
    body_fr = models.TextField(_("body (French)"), blank=True)
    body_es = models.TextField(_("body (Spanish)"), blank=True)
    body_ar = models.TextField(_("body (Arabic)"), blank=True)
    body_ru = models.TextField(_("body (Russian)"), blank=True)
    body_zh_hans = models.TextField(_("body (Simplified Chinese)"), blank=True)
    featured_pledges = models.ManyToManyField(
        "pledges.Pledge",
        blank=True,
        related_name="+",
        verbose_name=_("featured pledges"),
        limit_choices_to=public_pledges,
    )
    period_start = models.DateTimeField(_("period start"), null=True, blank=True)
    period_end = models.DateTimeField(_("period end"), null=True, blank=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("newsletter issue")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period_end"],
                condition=models.Q(kind="digest"),
                name="issue_one_digest_per_period",
            )
        ]

    def __str__(self) -> str:
        if self.kind == IssueKind.DIGEST and self.period_end:
            return gettext("Digest of %(date)s") % {"date": f"{self.period_end:%Y-%m-%d}"}
        return next(
            filter(None, (self.subject_in(code) for code in languages.CODES)), f"#{self.pk}"
        )

    def subject_in(self, language: str) -> str:
        return localized(self, "subject", language)

    def body_in(self, language: str) -> str:
        return localized(self, "body", language)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SKIPPED = "skipped", _("Nothing to send")
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Complaint")


class Delivery(models.Model):
    """One issue for one subscriber. The unique pair, written in the same transaction as the outbox
    row, is what makes a mailing go out at most once per person even across worker crashes."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    email = models.OneToOneField(
        "core.OutgoingEmail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("outgoing e-mail"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once_per_issue")
        ]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"


class FollowKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    GOVERNMENT = "government", _("Local government")
    OBJECTIVE = "objective", _("Objective")
    SEARCH = "search", _("Catalogue search")


class FollowStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    ACTIVE = "active", _("Active")


class Follow(models.Model):
    """Someone who wants to be told when a pledge, a government, an objective or a saved catalogue
    search changes. A signed-in person follows from their account (active at once); a visitor gives
    an e-mail address and confirms it (double opt-in, like a subscriber). Stopping a follow deletes
    it. Followers and their number are shown to nobody but the follower (and the secretariat)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=7, choices=Language.choices, default=Language.EN
    )
    kind = models.CharField(_("follows a"), max_length=10, choices=FollowKind.choices)
    pledge = models.ForeignKey(
        "pledges.Pledge", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    government = models.ForeignKey(
        "governments.LocalGovernment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    objective = models.ForeignKey(
        "compacts.Objective", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A saved catalogue search: the catalogue's own query string, normalised.
    search = models.CharField(_("catalogue search"), max_length=1000, blank=True)
    # "<kind>:<id, code or query>": what is followed, as one value an address follows once.
    target = models.CharField(max_length=1100, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=FollowStatus.choices, default=FollowStatus.PENDING
    )
    token = models.CharField(max_length=32, default=new_token, editable=False)
    consent_at = models.DateTimeField(_("consent given"))
    consent_ip = models.GenericIPAddressField(_("consent IP address"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("follow")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "target"], name="one_follow_per_address_and_thing"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "status"], name="follow_kind_status"),
            models.Index(fields=["pledge"], name="follow_pledge"),
            models.Index(fields=["government"], name="follow_government"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"

    @staticmethod
    def target_of(
        kind: str,
        *,
        pledge: "Pledge | None" = None,
        government: "LocalGovernment | None" = None,
        objective: "Objective | None" = None,
        search: str = "",
    ) -> str:
        values: dict[str, str] = {
            FollowKind.PLEDGE: str(getattr(pledge, "pk", "")),
            FollowKind.GOVERNMENT: str(getattr(government, "pk", "")),
            FollowKind.OBJECTIVE: str(getattr(objective, "pk", "")),
            FollowKind.SEARCH: search,
        }
        return f"{kind}:" + values[kind]


class FollowNotice(models.Model):
    """One event told to one follow, at most once (the unique key); sent alone, or in the daily
    digest when the follower has many."""

    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="notices")
    event = models.CharField(max_length=100)  # e.g. "progress_report.accepted:42"
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["follow", "event"], name="one_notice_per_event")
        ]

    def __str__(self) -> str:
        return self.title


class FollowCursor(models.Model):
    """How far the worker has read the audit log for follow events (one row)."""

    name = models.CharField(max_length=50, unique=True)
    last_audit_id = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_audit_id}"
