from django.contrib import admin

from .models import AuditEntry, StateTransition


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target_type", "target_label")
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "target_id", "actor__email")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StateTransition)
class StateTransitionAdmin(admin.ModelAdmin):
    """Read-only: transitions are written by `core.workflow.apply_transition` only."""

    list_display = ("created_at", "content_type", "object_id", "action", "from_state", "to_state")
    list_filter = ("content_type", "action")
    search_fields = ("object_id", "actor__email", "comment")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
