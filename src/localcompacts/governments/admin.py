from django.contrib import admin

from .models import Endorsement, FocalPoint, LocalGovernment


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "population")
    list_filter = ("kind", "country__region")
    search_fields = ("name", "slug", "external_id")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)
    inlines = [FocalPointInline]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("government", "signatory_name", "signed_on", "status")
    list_filter = ("status",)
    search_fields = ("government__name", "signatory_name")
    autocomplete_fields = ("government",)
    readonly_fields = ("submitted_by", "verified_by", "verified_at")
