from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from localcompacts.accounts.admin_actions import apply_each, apply_with_reason
from localcompacts.core.audit import record

from . import services
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

    def save_formset(self, request, form, formset, change):
        """Who acts for a government is an account change: audit added and removed focal points."""
        super().save_formset(request, form, formset, change)
        if formset.model is not FocalPoint:
            return
        for link in formset.new_objects:
            record(actor=request.user, action="focal_point.added", target=link, user=link.user_id)
        for link in formset.deleted_objects:
            record(actor=request.user, action="focal_point.removed", target=link, user=link.user_id)


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("government", "signatory_name", "signed_on", "status")
    list_select_related = ("government",)
    list_filter = ("status",)
    search_fields = ("government__name", "signatory_name")
    autocomplete_fields = ("government",)
    readonly_fields = ("status", "rejection_reason", "submitted_by", "verified_by", "verified_at")
    actions = ["verify", "reject"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            actor=request.user,
            action="endorsement.changed_in_admin" if change else "endorsement.added_in_admin",
            target=obj,
            fields=sorted(form.changed_data),
        )

    def delete_model(self, request, obj):
        record(actor=request.user, action="endorsement.deleted_in_admin", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(actor=request.user, action="endorsement.deleted_in_admin", target=obj)
        super().delete_queryset(request, queryset)

    @admin.action(description=_("Verify the selected endorsements"))
    def verify(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda item: services.endorsement_verify(endorsement=item, by=request.user),
            error_class=services.EndorsementError,
        )

    @admin.action(description=_("Reject the selected endorsements (asks for a reason)"))
    def reject(self, request, queryset):
        return apply_with_reason(
            self,
            request,
            queryset,
            title=_("Reject endorsements"),
            apply=lambda item, reason: services.endorsement_reject(
                endorsement=item, by=request.user, reason=reason
            ),
            error_class=services.EndorsementError,
        )
