"""The forums where the Compacts are reviewed and pledges announced (IMRF, GRF, GFMD…)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
