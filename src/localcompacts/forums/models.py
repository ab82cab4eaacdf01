"""The forums where the Compacts are reviewed and pledges announced (IMRF, GRF, GFMD…), and what
happened there: the programme and its speakers, national delegations, high-level convenings and the
outcome text. The figures cities' advocacy is measured by are computed from these rows
(`selectors.forum_record_figures`, with the pledges announced there in
`explore.forum_selectors.forum_figures`), never typed in.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from localcompacts.governments.models import LocalGovernment


class ForumKind(models.TextChoices):
    IMRF = "imrf", _("International Migration Review Forum")
    GRF = "grf", _("Global Refugee Forum")
    GFMD = "gfmd", _("Global Forum on Migration and Development")
    REGIONAL = "regional", _("Regional review")
    OTHER = "other", _("Other")


class ReviewForum(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ForumKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo_data = models.BooleanField(
        _("programme and outcome are demo data"),
        default=False,
        help_text=_("Shown as a notice on the forum page; set by the demo seeder only."),
    )

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    link_list: list["ForumLink"]

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("review forum")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="forum_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:detail", kwargs={"slug": self.slug})


class ForumLink(models.Model):
    """A link about a forum edition: official site, programme, outcome, recordings."""

    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("forum link")

    def __str__(self) -> str:
        return self.label


# --- programme ----------------------------------------------------------------------------------


class SessionType(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    ROUND_TABLE = "round_table", _("Multi-stakeholder round table")
    POLICY_DEBATE = "policy_debate", _("Policy debate")
    SIDE_EVENT = "side_event", _("Side event")
    STAKEHOLDER_HEARING = "stakeholder_hearing", _("Stakeholder hearing")


class OrganisationType(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member state")
    LOCAL_GOVERNMENT = "local_government", _("Local or regional government")
    UN_SYSTEM = "un_system", _("UN system")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class ProgrammeSession(models.Model):
    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="sessions")
    session_type = models.CharField(_("type"), max_length=20, choices=SessionType.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    is_official = models.BooleanField(
        _("part of the official programme"),
        default=True,
        help_text=_("Side events never count towards the official-programme share."),
    )

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    speaker_list: list["Speaker"]
    counts_official: bool

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("programme session")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gte=models.F("start_time")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts_as_official(self) -> bool:
        return self.is_official and self.session_type != SessionType.SIDE_EVENT

    def clean(self):
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("The session cannot end before it starts.")})


class Speaker(models.Model):
    session = models.ForeignKey(ProgrammeSession, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("person"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices
    )
    governments = models.ManyToManyField(
        "governments.LocalGovernment",
        blank=True,
        related_name="forum_speakers",
        verbose_name=_("speaks for (local governments)"),
        help_text=_("One or more local or regional governments the speaker speaks for."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    government_list: list["LocalGovernment"]
    is_local: bool

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("speaker")

    def __str__(self) -> str:
        return self.name


# --- delegations --------------------------------------------------------------------------------


class NationalDelegation(models.Model):
    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(
        "compacts.Country",
        verbose_name=_("member state"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    member_list: list["DelegationMember"]
    local_members: list["DelegationMember"]

    class Meta:
        ordering = ["forum", "country__iso3"]
        verbose_name = _("national delegation")
        constraints = [
            models.UniqueConstraint(fields=["forum", "country"], name="delegation_unique_country")
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.forum}"


class DelegationMember(models.Model):
    delegation = models.ForeignKey(
        NationalDelegation, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("person"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    represents_local_government = models.BooleanField(
        _("represents a local or regional government"), default=False
    )
    government = models.ForeignKey(
        "governments.LocalGovernment",
        verbose_name=_("local government represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegation_memberships",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("delegation member")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(government__isnull=True)
                | models.Q(represents_local_government=True),
                name="delegation_member_government_implies_flag",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.government_id and not self.represents_local_government:
            raise ValidationError(
                {
                    "represents_local_government": _(
                        "Tick this box when the member represents a local government."
                    )
                }
            )


# --- convenings ---------------------------------------------------------------------------------


class HighLevelConvening(models.Model):
    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="convenings")
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    governments = models.ManyToManyField(
        "governments.LocalGovernment",
        blank=True,
        related_name="forum_convenings",
        verbose_name=_("participating governments"),
    )

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    cohost_list: list["ConveningCoHost"]
    government_list: list["LocalGovernment"]
    government_count: int

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("high-level convening")

    def __str__(self) -> str:
        return self.title


class ConveningCoHost(models.Model):
    """A co-host: a person (with their office) and/or an institution."""

    convening = models.ForeignKey(
        HighLevelConvening, on_delete=models.CASCADE, related_name="cohosts"
    )
    person = models.CharField(_("person"), max_length=200, blank=True)
    title = models.CharField(_("title or office"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("co-host")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.person, self.title, self.institution) if part)

    def clean(self):
        if not (self.person or self.title or self.institution):
            raise ValidationError(_("Name a person, an office or an institution."))


# --- outcome documents --------------------------------------------------------------------------


class OutcomeDocument(models.Model):
    forum = models.ForeignKey(ReviewForum, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(_("UN document symbol"), max_length=60, blank=True)

    # Not columns: filled in by `forums.selectors` for the pages that show them.
    draft_list: list["OutcomeDraft"]

    class Meta:
        ordering = ["id"]
        verbose_name = _("outcome document")

    def __str__(self) -> str:
        return self.title


class OutcomeDraft(models.Model):
    """One version of an outcome text; the highest sequence is the latest (usually the adopted one)."""

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="drafts")
    label = models.CharField(_("label"), max_length=120, help_text=_("e.g. Zero draft, Rev.1"))
    sequence = models.PositiveSmallIntegerField(_("order"), default=1)
    dated = models.DateField(_("date"), null=True, blank=True)
    is_adopted = models.BooleanField(_("adopted text"), default=False)

    class Meta:
        ordering = ["document", "sequence", "id"]
        verbose_name = _("outcome draft")
        constraints = [
            models.UniqueConstraint(fields=["document", "sequence"], name="outcome_draft_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.document} — {self.label}"


class OutcomeParagraph(models.Model):
    draft = models.ForeignKey(OutcomeDraft, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(_("paragraph"))
    text = models.TextField(_("text"))
    matched_terms = models.CharField(
        _("terms found"),
        max_length=500,
        blank=True,
        help_text=_("Local-government terms found automatically; empty when none."),
    )
    confirmed = models.BooleanField(
        _("mentions local governments (confirmed)"),
        null=True,
        blank=True,
        help_text=_("An editor's decision: yes, no, or not yet reviewed."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = _("outcome paragraph")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="outcome_paragraph_number")
        ]

    def __str__(self) -> str:
        return f"{self.draft} ¶{self.number}"

    @property
    def is_suggested(self) -> bool:
        return bool(self.matched_terms)

    @property
    def mentions_local(self) -> bool:
        """What the public sees: the editor's decision, else nothing is claimed."""
        return bool(self.confirmed)
