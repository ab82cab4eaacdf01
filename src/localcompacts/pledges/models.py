"""Pledges (future commitments) and practices (actions under way) submitted by local governments."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core import content_languages
from localcompacts.core.slugs import make_slug

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from localcompacts.core.people import Person
    from localcompacts.governments.models import LocalGovernment


class PledgeKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    PRACTICE = "practice", _("Practice")


class PledgeType(models.TextChoices):
    """The pledge types of the UN Network on Migration's pledging initiative."""

    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical or human resources")
    POLICY = "policy", _("Policy")
    PROCESS = "process", _("Process")


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def public_q(relation: str = "") -> models.Q:
    """The condition "the pledge is public" (the pledge workflow's "public" group), on pledges or,
    through `relation`, on rows that lead to them (`public_q("pledges")` for a compact objective)."""
    from localcompacts.core.workflow import workflow_for

    return workflow_for(Pledge).condition("public", relation)


def submitted_once_q() -> models.Q:
    """The condition "the pledge was submitted at least once": from then on reviewers and the
    secretariat see it (and its history); before, a draft is the government's private work.

    `submitted_at` is stamped by the first submission and by imports; the state clause also covers
    rows created directly in a later state (fixtures, old data) without the stamp. A pledge
    withdrawn before it was ever submitted stays private too."""
    never = [PledgeStatus.DRAFT, PledgeStatus.WITHDRAWN]
    return models.Q(submitted_at__isnull=False) | ~models.Q(status__in=never)


class PledgeQuerySet(models.QuerySet["Pledge"]):
    def public(self) -> "PledgeQuerySet":
        """What visitors, feeds, exports and figures show: the workflow's "public" group."""
        return self.filter(public_q())

    def published(self) -> "PledgeQuerySet":
        """The older name of `public()`."""
        return self.public()

    def owned_by_user(self, user: "Person") -> "PledgeQuerySet":
        return self.filter(owners__focal_points__user_id=user.pk).distinct()

    def visible_to(self, user: "Person | AnonymousUser | None") -> "PledgeQuerySet":
        """What a person may see: everything submitted at least once for reviewers (never a draft
        that was not submitted), own drafts for focal points, else published."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.is_reviewer:
            return self.filter(public_q() | submitted_once_q())
        if user.is_focal_point:
            own = self.filter(owners__focal_points__user_id=user.pk).values("pk")
            return self.filter(public_q() | models.Q(pk__in=own))
        return self.public()


class Pledge(models.Model):
    kind = models.CharField(
        _("kind"), max_length=10, choices=PledgeKind.choices, default=PledgeKind.PLEDGE
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=600, blank=True)
    # Rich text, sanitised with nh3 by the services before it is stored.
    description = models.TextField(_("description"), blank=True)
    # Any ISO 639-1 language, not only the site's own (core.content_languages).
    language = models.CharField(
        _("language of the text"),
        max_length=content_languages.MAX_LENGTH,
        choices=content_languages.choices,
        default="en",
    )
    pledge_type = models.CharField(_("type"), max_length=10, choices=PledgeType.choices, blank=True)
    owners: "models.ManyToManyField[LocalGovernment, PledgeOwner]" = models.ManyToManyField(
        "governments.LocalGovernment",
        through="PledgeOwner",
        related_name="pledges",
        verbose_name=_("owners"),
    )
    objectives = models.ManyToManyField(
        "compacts.Objective", blank=True, related_name="pledges", verbose_name=_("objectives")
    )
    guiding_principles = models.ManyToManyField(
        "compacts.GuidingPrinciple",
        blank=True,
        related_name="pledges",
        verbose_name=_("GCM guiding principles"),
    )
    refugee_support_areas = models.ManyToManyField(
        "compacts.RefugeeSupportArea",
        blank=True,
        related_name="pledges",
        verbose_name=_("GCR areas in need of support"),
    )
    sdgs = models.ManyToManyField(
        "compacts.SustainableDevelopmentGoal",
        blank=True,
        related_name="pledges",
        verbose_name=_("Sustainable Development Goals"),
    )
    population_groups = models.ManyToManyField(
        "compacts.PopulationGroup",
        blank=True,
        related_name="pledges",
        verbose_name=_("population groups"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("One partner organisation per line.")
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where the pledge happens: the whole territory, a district, a neighbourhood…"),
    )
    # A draft copy of a published pledge carrying proposed changes through review; publishing it
    # applies the changes to this pledge (the published version stays public until then).
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("proposed changes to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    # The editor's one-time form token: a second click or tab posting the same token gets the same pledge.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    announced_at = models.ForeignKey(
        "forums.ReviewForum",
        verbose_name=_("announced at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    matches = models.ForeignKey(
        "self",
        verbose_name=_("matches pledge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched_by",
    )
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("pledge")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="pledge_status_published"),
            models.Index(fields=["kind", "status"], name="pledge_kind_status"),
            # public pages' validators read the latest change of a published pledge
            models.Index(fields=["status", "updated_at"], name="pledge_status_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="pledge_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="pledge_budget_not_negative",
            ),
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=models.Q(revision_of__isnull=False)
                & ~models.Q(status__in=["published", "declined", "withdrawn"]),
                name="pledge_one_open_revision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pledges:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        """The readable part of the address, transliterated from the title in any script; the
        address is found by its id, so a title change redirects the old address (`views.detail`)."""
        return make_slug(self.title) or "pledge"

    @property
    def is_published(self) -> bool:
        return self.status == PledgeStatus.PUBLISHED

    @property
    def was_submitted(self) -> bool:
        """Python twin of `submitted_once_q()`: reviewers may see it."""
        return self.submitted_at is not None or self.status not in (
            PledgeStatus.DRAFT,
            PledgeStatus.WITHDRAWN,
        )

    @property
    def is_joint(self) -> bool:
        return self.owners.count() > 1

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None

    def text_for(self, ui_language: str) -> "PledgeText":
        """The title and summary a reader of `ui_language` sees: the owners' translation into that
        language when there is one (reads `translations`, prefetched by the selectors), else the
        original."""
        wanted = (ui_language or "").split("-")[0].lower()
        if wanted and wanted != self.language:
            for translation in self.translations.all():
                if translation.language == wanted:
                    return PledgeText(
                        translation.title,
                        translation.summary or self.summary,
                        translation.language,
                        original_language=self.language,
                        summary_translated=bool(translation.summary),
                    )
        return PledgeText(self.title, self.summary, self.language)

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


@dataclass(frozen=True)
class PledgeText:
    """A pledge's title and summary as shown to one reader, and in which language they are."""

    title: str
    summary: str
    language: str
    original_language: str = ""  # set when this is a translation
    summary_translated: bool = True

    @property
    def is_translation(self) -> bool:
        return bool(self.original_language)

    @property
    def summary_language(self) -> str:
        return self.language if self.summary_translated else self.original_language


class PledgeTranslation(models.Model):
    """The owners' translation of a pledge's title and summary into another language.

    Edited with the pledge (the editor's first step, or a revision of a published pledge) and so
    reviewed with it; the catalogue searches translations and shows the reader's language when
    there is one, marked as a translation with a link to the original."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"), max_length=content_languages.MAX_LENGTH, choices=content_languages.choices
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=600, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("pledge translation")
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "language"], name="pledge_translation_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class PledgeOwner(models.Model):
    """A government owning a pledge; a joint pledge has several, the lead entered it."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="ownerships")
    government = models.ForeignKey(
        "governments.LocalGovernment", on_delete=models.CASCADE, related_name="pledge_ownerships"
    )
    is_lead = models.BooleanField(_("lead owner"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pledge", "government"], name="pledge_owner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.government} · {self.pledge}"


class Indicator(models.Model):
    """A measurable indicator of a pledge: what is counted, from where to where, by when."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class PledgeComment(models.Model):
    """A message in the thread between reviewers and the owner's focal points about one pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return f"{self.author} · {self.created_at:%Y-%m-%d}"


class PledgeAttachment(models.Model):
    """A supporting document (≤ 25 MB, type checked by content), served by a permission-checked view."""

    MAX_PER_PLEDGE = 5

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="pledges/%Y/%m/")
    name = models.CharField(_("file name"), max_length=130)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "pledges:attachment", kwargs={"pk": self.pledge_id, "attachment_id": self.pk}
        )


def published_year():
    """The UTC year of publication, read from the stored text of the timestamp.

    `ExtractYear` runs a Python function per row on SQLite (slow on large tables); the first four
    characters of the timestamp in UTC (the connection's time zone on both databases) are the year.
    """
    return Cast(Substr(Cast("published_at", CharField()), 1, 4), IntegerField())
