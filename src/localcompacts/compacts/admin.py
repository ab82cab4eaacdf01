from django.contrib import admin

from .models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    Region,
    SustainableDevelopmentGoal,
)

NAMES = ("name_en", "name_fr", "name_es")


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "compact", "name_en")
    list_filter = ("compact",)
    search_fields = ("code", *NAMES)


@admin.register(GuidingPrinciple, SustainableDevelopmentGoal)
class NumberedTaxonomyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_fr", "name_es")
    search_fields = ("code", *NAMES)


@admin.register(RefugeeSupportArea)
class RefugeeSupportAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    search_fields = ("code", *NAMES)


@admin.register(PopulationGroup)
class PopulationGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_fr", "name_es")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    list_filter = ("parent",)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("iso3", "name_en", "region", "subregion")
    list_filter = ("region",)
    search_fields = ("iso3", "iso2", *NAMES)
