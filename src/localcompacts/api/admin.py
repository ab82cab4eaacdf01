from django.contrib import admin
from django.http import HttpRequest

from localcompacts.core.admin_audit import AuditedAdmin

from .audit import ApiAction
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin, admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]
    exclude = ["secret_hash"]
    audit_changed = ApiAction.TOKEN_ADMIN_CHANGED
    audit_deleted = ApiAction.TOKEN_ADMIN_DELETED

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are created by their owner, who alone sees the secret
