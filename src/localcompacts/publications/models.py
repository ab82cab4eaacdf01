"""Generated publications: each row is one edition, a snapshot of its input data and one file.

The `cache_key` is a hash of the snapshot and the template version, unique: asking again for the
same data finds the existing edition (and its file) instead of generating a second one.

An `ImportJob` is a spreadsheet import too large for a request, run by the worker
(`exchange.jobs`).
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
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


class ImportJobKind(models.TextChoices):
    """What an imported file holds (the values are `exchange.importing.ImportKind`'s)."""

    GOVERNMENTS = "governments", _("Local governments")
    PLEDGES = "pledges", _("Pledges and practices")


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportJobStage(models.TextChoices):
    """Where a running job is: the bar counts rows checked, then rows written in the one write
    transaction where the database lets the page see that (see `exchange.jobs`)."""

    READING = "reading", _("Reading the file")
    CHECKING = "checking", _("Checking every row")
    WRITING = "writing", _("Writing every row in one transaction")


class ImportJob(models.Model):
    """One import of a spreadsheet with more rows than a request should handle
    (`IMPORT_IN_REQUEST_MAX_ROWS`), checked and written by the worker under the same rules: a dry
    run writes nothing, and one problem anywhere means nothing is imported.

    Its result is kept as the in-request import shows it (`result`: counts, the preview and the
    governments to create; `problems`: one {"row", "column", "message"} each), in the language of
    the person who started it."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportJobKind.choices)
    dry_run = models.BooleanField(_("dry run"), default=True)
    # The workflow state new pledges enter, and the column mapping of a file that has its own
    # column names ({column: field}; empty for the export's names).
    state = models.CharField(max_length=20, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    language = models.CharField(_("language"), max_length=7, default="en")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportJobStatus.choices,
        default=ImportJobStatus.QUEUED,
    )
    stage = models.CharField(max_length=10, choices=ImportJobStage.choices, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    # Rows written so far while the write transaction is open; only where another connection may
    # write meanwhile (PostgreSQL), see `exchange.jobs`.
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    result = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    # The uploaded file in the default storage until the job ends, and its name on the person's
    # computer.
    file_name = models.CharField(max_length=200)
    original_name = models.CharField(_("file"), max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="import_job_status")]

    def __str__(self) -> str:
        return f"import #{self.pk} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("publications:import-job", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status in (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)

    @property
    def is_writing(self) -> bool:
        return self.status == ImportJobStatus.RUNNING and self.stage == ImportJobStage.WRITING
