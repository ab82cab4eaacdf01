"""What the audit log records about governments, who acts for them, and their endorsements."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class GovernmentAction(AuditAction):
    CREATED = "government.created", _("Government created")
    ADDED_IN_ADMIN = "government.added_in_admin", _("Government added in the admin")
    CHANGED_IN_ADMIN = "government.changed_in_admin", _("Government changed in the admin")
    DELETED_IN_ADMIN = "government.deleted_in_admin", _("Government deleted in the admin")


@audit_actions
class FocalPointAction(AuditAction):
    ADDED = "focal_point.added", _("Focal point added to a government")
    REMOVED = "focal_point.removed", _("Focal point removed from a government")


@audit_actions
class EndorsementAction(AuditAction):
    SUBMITTED = "endorsement.submitted", _("Endorsement submitted")
    VERIFIED = "endorsement.verified", _("Endorsement verified")
    REJECTED = "endorsement.rejected", _("Endorsement rejected")
    WITHDRAWN = "endorsement.withdrawn", _("Endorsement withdrawn")
    ADDED_IN_ADMIN = "endorsement.added_in_admin", _("Endorsement added in the admin")
    CHANGED_IN_ADMIN = "endorsement.changed_in_admin", _("Endorsement changed in the admin")
    DELETED_IN_ADMIN = "endorsement.deleted_in_admin", _("Endorsement deleted in the admin")
