from django.contrib import admin

from localcompacts.core.translation import name_fields

from .models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    Region,
    SustainableDevelopmentGoal,
)

NAMES = name_fields()  # name_en, name_fr… one per site language


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "compact", "name_en")
    list_filter = ("compact",)
    search_fields = ("code", *NAMES)


@admin.register(GuidingPrinciple, SustainableDevelopmentGoal)
class NumberedTaxonomyAdmin(admin.ModelAdmin):
    list_display = ("code", *NAMES)
    search_fields = ("code", *NAMES)


@admin.register(RefugeeSupportArea)
class RefugeeSupportAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    search_fields = ("code", *NAMES)


@admin.register(PopulationGroup)
class PopulationGroupAdmin(admin.ModelAdmin):
    list_display = ("code", *NAMES)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    list_filter = ("parent",)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("iso3", "name_en", "region", "subregion")
    list_filter = ("region",)
    search_fields = ("iso3", "iso2", *NAMES)
