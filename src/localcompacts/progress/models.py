"""Progress on published pledges, reported by their focal points in rounds tied to review forums."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.pledges.models import PledgeKind


class DeliveryStatus(models.TextChoices):
    """Where a pledge stands, as its owners report it (GRF: planning / in progress / fulfilled)."""

    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    DISCONTINUED = "discontinued", _("Discontinued")


FINAL_DELIVERY_STATUSES = frozenset(
    {DeliveryStatus.FULFILLED, DeliveryStatus.PARTIALLY_FULFILLED, DeliveryStatus.DISCONTINUED}
)


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


class EvidenceLevel(models.TextChoices):
    """How far an accepted report's claims have been backed (Net Zero Tracker: "self-declared" or
    "externally validated"). Declared once; a report's level follows from its own data, see
    `ProgressReport.derived_evidence_level`, and is stored so facets and figures can count it."""

    SELF_REPORTED = "self_reported", _("Self-reported")
    EVIDENCE_ATTACHED = "evidence_attached", _("Evidence attached")
    VERIFIED = "verified", _("Verified")


class VerificationMethod(models.TextChoices):
    DOCUMENT_REVIEW = "document_review", _("Review of the documents provided")
    SITE_VISIT = "site_visit", _("Site visit")
    INDEPENDENT_DATA = "independent_data", _("Comparison with independent data")
    PARTNER_CONFIRMATION = "partner_confirmation", _("Confirmation by a partner organisation")


class ReportingRound(models.Model):
    """A period in which focal points report on their pledges, e.g. "Progress towards IMRF 2026"."""

    title = models.CharField(_("title"), max_length=200)
    forum = models.ForeignKey(
        "forums.ReviewForum",
        verbose_name=_("review forum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_rounds",
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Which published pledges are due: all, or only those matching these filters.
    due_compact = models.CharField(
        _("only pledges for this compact"),
        max_length=3,
        blank=True,
        choices=[("GCM", "GCM"), ("GCR", "GCR")],
    )
    due_forum = models.ForeignKey(
        "forums.ReviewForum",
        verbose_name=_("only pledges announced at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_kind = models.CharField(
        _("only this kind"), max_length=10, blank=True, choices=PledgeKind.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("reporting round")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_overdue(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


def public_report_q(relation: str = "") -> models.Q:
    """The condition "the report is public" (the progress workflow's "public" group: accepted), on
    reports or, through `relation`, on rows that lead to them (`"progress_reports"` from a pledge)."""
    from localcompacts.core.workflow import workflow_for

    return workflow_for(ProgressReport).condition("public", relation)


class ProgressReportQuerySet(models.QuerySet):
    def public(self):
        """Accepted reports (of any pledge: combine with `pledges.models.public_q("pledge")`)."""
        return self.filter(public_report_q())


class ProgressReport(models.Model):
    pledge = models.ForeignKey(
        "pledges.Pledge", on_delete=models.CASCADE, related_name="progress_reports"
    )
    reporting_round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
    )
    delivery_status = models.CharField(
        _("status of the pledge"), max_length=20, choices=DeliveryStatus.choices
    )
    discontinued_reason = models.TextField(_("why it was discontinued"), blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        _("percentage complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("what changed"))  # sanitised rich text
    challenges = models.TextField(_("challenges"), blank=True)
    support_needed = models.TextField(_("support needed"), blank=True)
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One address per line.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # Indexed (as verified_at): the public fingerprint reads their latest value on every page view.
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, db_index=True)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.SELF_REPORTED,
        db_index=True,
    )
    # Who verified the report, how and when (set by `progress.services.report_verify`; cleared,
    # with the reason kept, by `report_verification_withdraw`). The audit log keeps the history.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, db_index=True)
    verification_method = models.CharField(
        _("how it was verified"), max_length=30, blank=True, choices=VerificationMethod.choices
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verification_withdrawn_reason = models.TextField(
        _("why the verification was withdrawn"), blank=True
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("progress report")
        constraints = [
            # A round needs one report per pledge; a returned one is corrected and resubmitted.
            models.UniqueConstraint(
                fields=["pledge", "reporting_round"],
                condition=models.Q(reporting_round__isnull=False),
                name="one_report_per_pledge_and_round",
            )
        ]
        indexes = [
            models.Index(fields=["pledge", "status", "-accepted_at"], name="report_pledge_status")
        ]

    def __str__(self) -> str:
        return (
            f"{self.pledge} — {self.get_delivery_status_display()} ({self.submitted_at:%Y-%m-%d})"
        )

    def derived_evidence_level(self, *, has_attachments: bool | None = None) -> str:
        """The one rule: verified when a reviewer verified it, evidence attached when it has files
        or links, self-reported otherwise."""
        if self.verified_at:
            return EvidenceLevel.VERIFIED
        if has_attachments is None:
            has_attachments = self.pk is not None and self.attachments.exists()
        if has_attachments or self.evidence_link_list:
            return EvidenceLevel.EVIDENCE_ATTACHED
        return EvidenceLevel.SELF_REPORTED

    @property
    def evidence_link_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class IndicatorValue(models.Model):
    """A measured value of one of the pledge's indicators, in the indicator's own unit."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        "pledges.Indicator", on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50)
    measured_on = models.DateField(_("date measured"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value} {self.unit}"


class ProgressAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="progress/%Y/")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
