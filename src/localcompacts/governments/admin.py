from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.admin_workflow import transition_action
from localcompacts.core.audit import record

from .audit import EndorsementAction, FocalPointAction, GovernmentAction
from .models import Endorsement, FocalPoint, LocalGovernment
from .services import government_keep_former_slug


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = GovernmentAction.ADDED_IN_ADMIN
    audit_changed = GovernmentAction.CHANGED_IN_ADMIN
    audit_deleted = GovernmentAction.DELETED_IN_ADMIN
    list_display = ("name", "kind", "country", "population")
    list_filter = ("kind", "country__region")
    search_fields = ("name", "slug", "external_id")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)
    inlines = [FocalPointInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            government_keep_former_slug(government=obj, old_slug=form.initial.get("slug", ""))

    def save_formset(self, request, form, formset, change):
        """Who acts for a government is an account change: besides the government's own entry
        (`AuditedAdmin`), each added and removed focal point is recorded."""
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
class EndorsementAdmin(AuditedAdmin, admin.ModelAdmin):
    audit_added = EndorsementAction.ADDED_IN_ADMIN
    audit_changed = EndorsementAction.CHANGED_IN_ADMIN
    audit_deleted = EndorsementAction.DELETED_IN_ADMIN
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
