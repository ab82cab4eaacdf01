from django.contrib import admin

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.translation import name_fields

from .audit import TaxonomyAction
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
class ObjectiveAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", "compact", "name_en")
    list_filter = ("compact",)
    search_fields = ("code", *NAMES)
    audit_added = TaxonomyAction.OBJECTIVE_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.OBJECTIVE_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.OBJECTIVE_DELETED_IN_ADMIN


class NumberedTaxonomyAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", *NAMES)
    search_fields = ("code", *NAMES)


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(NumberedTaxonomyAdmin):
    audit_added = TaxonomyAction.GUIDING_PRINCIPLE_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.GUIDING_PRINCIPLE_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.GUIDING_PRINCIPLE_DELETED_IN_ADMIN


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(NumberedTaxonomyAdmin):
    audit_added = TaxonomyAction.SDG_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.SDG_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.SDG_DELETED_IN_ADMIN


@admin.register(RefugeeSupportArea)
class RefugeeSupportAreaAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    search_fields = ("code", *NAMES)
    audit_added = TaxonomyAction.SUPPORT_AREA_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.SUPPORT_AREA_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.SUPPORT_AREA_DELETED_IN_ADMIN


@admin.register(PopulationGroup)
class PopulationGroupAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", *NAMES)
    audit_added = TaxonomyAction.POPULATION_GROUP_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.POPULATION_GROUP_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.POPULATION_GROUP_DELETED_IN_ADMIN


@admin.register(Region)
class RegionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("code", "name_en", "parent")
    list_filter = ("parent",)
    audit_added = TaxonomyAction.REGION_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.REGION_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.REGION_DELETED_IN_ADMIN


@admin.register(Country)
class CountryAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("iso3", "name_en", "region", "subregion")
    list_filter = ("region",)
    search_fields = ("iso3", "iso2", *NAMES)
    audit_added = TaxonomyAction.COUNTRY_ADDED_IN_ADMIN
    audit_changed = TaxonomyAction.COUNTRY_CHANGED_IN_ADMIN
    audit_deleted = TaxonomyAction.COUNTRY_DELETED_IN_ADMIN
