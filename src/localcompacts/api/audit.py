"""What the audit log says about API tokens (the API's writes are recorded by the services they call)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class ApiAction(AuditAction):
    TOKEN_CREATED = "api_token.created", _("API token created")
    TOKEN_REVOKED = "api_token.revoked", _("API token revoked")
    # Edits in the Django admin (a token's name, or revoking it there).
    TOKEN_ADMIN_CHANGED = "api_token.changed_in_admin", _("API token changed in the admin")
    TOKEN_ADMIN_DELETED = "api_token.deleted_in_admin", _("API token deleted in the admin")
