"""The UN taxonomies pledges are tagged with. Loaded by migrations; codes are the UN's own."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from localcompacts.core.translation import TranslatedNameModel


class Compact(models.TextChoices):
    GCM = "GCM", _("Global Compact for Migration")
    GCR = "GCR", _("Global Compact on Refugees")


class Objective(TranslatedNameModel):
    """One of the 23 GCM objectives (`GCM-1`…) or the 4 GCR objectives (`GCR-1`…)."""

    code = models.CharField(max_length=10, unique=True)
    compact = models.CharField(max_length=3, choices=Compact.choices)
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["compact", "number"]
        constraints = [
            models.UniqueConstraint(fields=["compact", "number"], name="objective_unique_number")
        ]


def objective_order(code: str) -> tuple[str, int, str]:
    """Sort key of an objective code in the UN's order: GCM-1, GCM-2 … GCM-23, GCR-1 … (as text,
    GCM-10 would come before GCM-2)."""
    prefix, _, number = code.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (code, 0, code)


class GuidingPrinciple(TranslatedNameModel):
    """The GCM's 10 cross-cutting guiding principles (`GCM-P1`…`GCM-P10`)."""

    code = models.CharField(max_length=10, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["number"]


class RefugeeSupportArea(TranslatedNameModel):
    """A GCR "area in need of support" (`GCR-A1`, `GCR-A2.3`…); sub-areas point to their group."""

    code = models.CharField(max_length=12, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]


class SustainableDevelopmentGoal(TranslatedNameModel):
    code = models.CharField(max_length=10, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")


class PopulationGroup(TranslatedNameModel):
    code = models.SlugField(max_length=40, unique=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]


class Region(TranslatedNameModel):
    """A UN M49 region (Africa, Americas…) or sub-region (Western Africa…)."""

    code = models.CharField("M49 code", max_length=3, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subregions"
    )

    class Meta:
        ordering = ["code"]

    @property
    def is_subregion(self) -> bool:
        return self.parent_id is not None


class Country(TranslatedNameModel):
    """An ISO 3166 country (from pycountry), placed in its M49 region and sub-region."""

    iso3 = models.CharField("ISO 3166 alpha-3", max_length=3, unique=True)
    iso2 = models.CharField("ISO 3166 alpha-2", max_length=2, unique=True)
    m49 = models.CharField("M49 numeric code", max_length=3)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="countries"
    )
    subregion = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="subregion_countries"
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return self.iso3
