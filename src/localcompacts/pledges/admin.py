from django.contrib import admin

from .models import Indicator, Pledge, PledgeOwner


class PledgeOwnerInline(admin.TabularInline):
    model = PledgeOwner
    extra = 0
    autocomplete_fields = ("government",)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "kind", "status", "published_at")
    list_filter = ("status", "kind", "pledge_type", "announced_at")
    search_fields = ("title", "external_id")
    autocomplete_fields = ("matches",)
    filter_horizontal = (
        "objectives",
        "guiding_principles",
        "refugee_support_areas",
        "sdgs",
        "population_groups",
    )
    inlines = [PledgeOwnerInline, IndicatorInline]
    # The workflow status changes only through the review workflow's services.
    readonly_fields = ("status", "submitted_at", "published_at", "created_by")
