from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.admin_workflow import transition_action

from .audit import PublicationAction
from .models import Publication


@admin.register(Publication)
class PublicationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("title", "kind", "language", "status", "progress", "attempts", "created_at")
    list_filter = ("kind", "status", "language")
    readonly_fields = ("cache_key", "file_name", "file_size", "heartbeat_at", "finished_at")
    exclude = ("data",)
    actions = [transition_action("retry", _("Generate the selected failed editions again"))]
    audit_added = PublicationAction.ADDED_IN_ADMIN
    audit_changed = PublicationAction.CHANGED_IN_ADMIN
    audit_deleted = PublicationAction.DELETED_IN_ADMIN
