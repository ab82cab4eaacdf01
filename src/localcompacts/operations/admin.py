"""What the secretariat needs to see when something fails in the background: task results
(django-tasks-db's own admin, under "Tasks Database Backend") and the e-mail outbox."""

from django.contrib import admin

from localcompacts.core.admin_audit import ReadOnlyAdmin
from localcompacts.core.models import OutgoingEmail

from .models import Heartbeat


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only: the outbox is written by `core.email` and its sending task only."""

    list_display = ("created_at", "to", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only: the worker writes its heartbeat."""

    list_display = ("name", "beat_at")


admin.site.index_template = "admin/operations_index.html"
