from functools import cache

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_audit import ReadOnlyAdmin
from .audit import all_actions
from .models import AuditEntry, StateTransition, SuppressedAddress


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only: entries are written by `core.audit.record` only."""

    list_display = ("created_at", "actor", "action", "action_label", "target_type", "target_label")
    list_filter = ("action", "target_type")
    search_fields = ("target_label", "target_id", "actor__email")
    date_hierarchy = "created_at"

    @admin.display(description=_("what happened"), ordering="action")
    def action_label(self, entry):
        """The action's translated label, as its app declares it (the raw value when unknown)."""
        return _action_labels().get(entry.action, entry.action)


@admin.register(StateTransition)
class StateTransitionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only: transitions are written by `core.workflow.apply_transition` only."""

    list_display = ("created_at", "content_type", "object_id", "action", "from_state", "to_state")
    list_filter = ("content_type", "action")
    search_fields = ("object_id", "actor__email", "comment")


@cache
def _action_labels() -> dict:
    # Built on first use, once every app's actions are declared; the labels stay lazy (translated).
    return {action.value: action.label for action in all_actions()}


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only: written by `core.bounces` from provider webhooks and bounce messages."""

    list_display = ("email", "reason", "source", "updated_at")
    list_filter = ("reason", "source")
    search_fields = ("email",)
