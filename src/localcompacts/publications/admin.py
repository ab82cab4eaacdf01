from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from localcompacts.core.admin_workflow import transition_action

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "language", "status", "progress", "attempts", "created_at")
    list_filter = ("kind", "status", "language")
    readonly_fields = ("cache_key", "file_name", "file_size", "heartbeat_at", "finished_at")
    exclude = ("data",)
    actions = [transition_action("retry", _("Generate the selected failed editions again"))]
