from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_workflow import transition_action
from localcompacts.core.audit import record

from .audit import EndorsementAction, FocalPointAction
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
            record(
                actor=request.user, action=FocalPointAction.ADDED, target=link, user=link.user_id
            )
        for link in formset.deleted_objects:
            record(
                actor=request.user, action=FocalPointAction.REMOVED, target=link, user=link.user_id
            )


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("government", "signatory_name", "signed_on", "status")
    list_select_related = ("government",)
    list_filter = ("status",)
    search_fields = ("government__name", "signatory_name")
    autocomplete_fields = ("government",)
    readonly_fields = ("status", "rejection_reason", "submitted_by", "verified_by", "verified_at")
    actions = [
        transition_action("verify", _("Verify the selected endorsements")),
        transition_action(
            "reject",
            _("Reject the selected endorsements (asks for a reason)"),
            title=_("Reject endorsements"),
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            actor=request.user,
            action=(
                EndorsementAction.CHANGED_IN_ADMIN if change else EndorsementAction.ADDED_IN_ADMIN
            ),
            target=obj,
            fields=sorted(form.changed_data),
        )

    def delete_model(self, request, obj):
        record(actor=request.user, action=EndorsementAction.DELETED_IN_ADMIN, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(actor=request.user, action=EndorsementAction.DELETED_IN_ADMIN, target=obj)
        super().delete_queryset(request, queryset)
