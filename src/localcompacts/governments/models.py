"""Local and regional governments, the people who act for them, and their declaration endorsements."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from localcompacts.core.people import Person


class GovernmentKind(models.TextChoices):
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    METROPOLITAN_AREA = "metropolitan_area", _("Metropolitan area")
    REGION = "region", _("Region or province")
    ASSOCIATION = "association", _("Association of local governments")


class LocalGovernment(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GovernmentKind.choices, default=GovernmentKind.CITY
    )
    country = models.ForeignKey(
        "compacts.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier from an imported spreadsheet or a partner system."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: every public page reads MAX(updated_at) for its ETag (core.caching.public_state).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("local government")
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governments:detail", kwargs={"slug": self.slug})

    @property
    def region(self):
        """The M49 sub-region, through the country (select_related('country__subregion'))."""
        return self.country.subregion


class FocalPoint(models.Model):
    """A person who acts for a local government: drafts its pledges and endorsements."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point_roles"
    )
    government = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="focal_points"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("focal point")
        constraints = [
            models.UniqueConstraint(fields=["user", "government"], name="focal_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.government}"


class EndorsementStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def public(self) -> "EndorsementQuerySet":
        """What visitors, the map and open data show: verified endorsements."""
        return self.filter(status=EndorsementStatus.VERIFIED)

    def verified(self) -> "EndorsementQuerySet":
        """The same rows as `public()`: an endorsement is public once verified."""
        return self.public()

    def pending(self) -> "EndorsementQuerySet":
        return self.filter(status=EndorsementStatus.PENDING)

    def visible_to(self, user: "Person | AnonymousUser | None") -> "EndorsementQuerySet":
        """Verified endorsements are public; the government's focal points and reviewers see all."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.verified()
        if user.is_reviewer:
            return self
        return self.filter(
            models.Q(status=EndorsementStatus.VERIFIED)
            | models.Q(government__focal_points__user=user)
        ).distinct()


class Endorsement(models.Model):
    """A government's endorsement of the Marrakech Mayors Declaration (December 2018)."""

    government = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="endorsements"
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200)
    signatory_title = models.CharField(_("signatory title"), max_length=200)
    signed_on = models.DateField(_("date signed"))
    letter = models.FileField(_("signed letter (PDF)"), upload_to="endorsements/%Y/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EndorsementStatus.choices,
        default=EndorsementStatus.PENDING,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True, db_index=True)  # read for ETags
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("declaration endorsement")
        indexes = [models.Index(fields=["status", "signed_on"])]

    def __str__(self) -> str:
        return f"{self.government} ({self.signed_on})"

    def get_absolute_url(self) -> str:
        return reverse("declaration:endorsement", kwargs={"pk": self.pk})


class FormerSlug(models.Model):
    """An address a government's profile had before its slug changed: old links (citations, the
    UN's own pages, search engines) are redirected to the current address instead of a 404."""

    government = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")

    def __str__(self) -> str:
        return f"{self.slug} → {self.government.slug}"
