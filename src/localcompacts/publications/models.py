"""Generated publications: each row is one edition, a snapshot of its input data and one file.

The `cache_key` is a hash of the snapshot and the template version, unique: asking again for the
same data finds the existing edition (and its file) instead of generating a second one.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report on Localizing the Global Compacts")
    FORUM_SUMMARY = "forum_summary", _("Forum summary report")


class PublicationStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Publication(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=7, default="en")
    params = models.JSONField(_("parameters"), default=dict)
    # The input data as it was when the edition was requested; the file is rendered from it.
    data = models.JSONField(default=dict)
    cache_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # Scripts of the report's text that no installed font covers (publications.fonts): printed as
    # empty boxes, so the status page warns the secretariat. [{"script", "characters", "sample"}]
    font_warnings = models.JSONField(default=list, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("generated"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("publication")
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="publication_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:status", kwargs={"pk": self.pk})

    @property
    def missing_scripts(self) -> list[dict]:
        """The font warnings with each script's name in the reader's language."""
        from .fonts import script_name

        return [{**w, "name": script_name(w["script"])} for w in self.font_warnings or []]

    @property
    def is_done(self) -> bool:
        return self.status == PublicationStatus.DONE

    @property
    def is_pending(self) -> bool:
        return self.status in (PublicationStatus.QUEUED, PublicationStatus.RUNNING)


class ImportColumnMapping(models.Model):
    """The field the secretariat matched a spreadsheet column name to (empty: ignored), proposed
    again the next time a file has a column of that name."""

    column = models.CharField(_("column name"), max_length=200, unique=True)
    field = models.CharField(_("field"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")

    def __str__(self) -> str:
        return f"{self.column} → {self.field or '—'}"
