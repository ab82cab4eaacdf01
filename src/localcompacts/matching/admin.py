"""Needs, offers and matches are changed through the workspace (services and the workflow); the
admin shows them read-only."""

from django.contrib import admin

from localcompacts.core.admin_audit import ReadOnlyAdmin

from .models import Match, NeedOffer


@admin.register(NeedOffer)
class NeedOfferAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("__str__", "pledge", "partner", "is_open", "updated_at")
    list_filter = ("direction", "item_type", "is_open")
    raw_id_fields = ("pledge",)


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "score", "updated_at")
    list_filter = ("kind", "status")
    raw_id_fields = ("first_pledge", "second_pledge", "need", "offer")
