"""What every app shares: the audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change to pledges, endorsements, accounts…: who did what to which object, and when.

    Written by services (never by signals), inside the same transaction as the change.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=80)
    target_id = models.CharField(_("object id"), max_length=64)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class OutgoingEmail(models.Model):
    """An e-mail to send, written in the same transaction as the change that causes it.

    `key` makes each notification unique (e.g. "pledge-published:42:user:7"): writing the same key
    twice is a no-op, so a retried service or task never sends the same notification twice. The
    worker's `deliver_email` task sends it and marks it sent; `retry_unsent_email` re-enqueues what
    a crashed worker left behind.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SUPPRESSED = "suppressed", _("Not sent: the address bounced or complained")

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=7, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_email_status")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class SuppressedAddress(models.Model):
    """An address the outbox no longer mails: it bounced for good, or its owner reported our mail
    as spam. Written by `core.bounces` from the e-mail provider's webhook or a bounce message;
    deleting the row (admin) lets mail flow again once the address is fixed."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Hard bounce")
        COMPLAINED = "complained", _("Spam complaint")

    email = models.EmailField(_("e-mail address"), unique=True)  # lower case
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    source = models.CharField(_("reported by"), max_length=60)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("first reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last reported"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"


class PeriodicRun(models.Model):
    """One slot of a periodic job that has been enqueued; the unique pair stops double scheduling."""

    name = models.CharField(max_length=100)
    slot = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="periodic_run_unique")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot}"


class StateTransition(models.Model):
    """One step of an object through its workflow (see `core.workflow`): who, when, from, to, why.

    Generic (content type + object id) so pledges, pledge revisions and progress reports share it.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    from_state = models.CharField(_("from"), max_length=40)
    to_state = models.CharField(_("to"), max_length=40)
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("state transition")
        indexes = [models.Index(fields=["content_type", "object_id"], name="transition_object")]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class PublicChange(models.Model):
    """One row counting changes to public records that have no timestamp of their own (forum
    programmes, speakers, delegations, reporting rounds…), so that `core.caching.public_state`
    sees them: without it, a page showing them could be answered "304 Not Modified" after an edit.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("public change counter")

    def __str__(self) -> str:
        return f"{self.version} ({self.changed_at})"


class StoredFigure(models.Model):
    """The latest value of a figure over public content (`core.figures`), computed by the worker,
    with a digest of the public fingerprint it was computed at: shared by every process."""

    key = models.CharField(max_length=200, unique=True)  # "name:language", or "name"
    state = models.CharField(max_length=64)
    value = models.BinaryField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored public figure")

    def __str__(self) -> str:
        return f"{self.key} ({self.computed_at})"
