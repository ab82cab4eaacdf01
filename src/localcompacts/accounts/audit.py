"""What the audit log records about people's accounts, partner organisations and focal-point
requests."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class UserAction(AuditAction):
    CREATED = "user.created", _("Account created")
    INVITED = "user.invited", _("Reviewer invited")
    ROLE_CHANGED = "user.role_changed", _("Role changed")
    PASSWORD_CHANGED = "user.password_changed", _("Password changed")
    PASSWORD_RESET = "user.password_reset", _("Password reset")
    TWO_FACTOR_ENABLED = "user.two_factor_enabled", _("Two-factor authentication turned on")
    TWO_FACTOR_DISABLED = "user.two_factor_disabled", _("Two-factor authentication turned off")
    ADDED_IN_ADMIN = "user.added_in_admin", _("Account added in the admin")
    CHANGED_IN_ADMIN = "user.changed_in_admin", _("Account changed in the admin")
    DELETED_IN_ADMIN = "user.deleted_in_admin", _("Account deleted in the admin")
    PASSWORD_CHANGED_IN_ADMIN = "user.password_changed_in_admin", _("Password set in the admin")
    UNLOCKED = "user.unlocked", _("Login lockout lifted from every address")


@audit_actions
class PartnerOrganisationAction(AuditAction):
    ADDED_IN_ADMIN = (
        "partner_organisation.added_in_admin",
        _("Partner organisation added in the admin"),
    )
    CHANGED_IN_ADMIN = (
        "partner_organisation.changed_in_admin",
        _("Partner organisation changed in the admin"),
    )
    DELETED_IN_ADMIN = (
        "partner_organisation.deleted_in_admin",
        _("Partner organisation deleted in the admin"),
    )


@audit_actions
class FocalPointRequestAction(AuditAction):
    SUBMITTED = "focal_point_request.submitted", _("Focal-point request received")
    APPROVED = "focal_point_request.approved", _("Focal-point request approved")
    DECLINED = "focal_point_request.declined", _("Focal-point request declined")


@audit_actions
class AccessAction(AuditAction):
    """Admin edits of what third-party apps keep about access: permission groups, two-factor
    devices, login lockouts (deleting one unlocks the account)."""

    GROUP_ADDED_IN_ADMIN = (
        "permission_group.added_in_admin",
        _("Permission group added in the admin"),
    )
    GROUP_CHANGED_IN_ADMIN = (
        "permission_group.changed_in_admin",
        _("Permission group changed in the admin"),
    )
    GROUP_DELETED_IN_ADMIN = (
        "permission_group.deleted_in_admin",
        _("Permission group deleted in the admin"),
    )
    DEVICE_ADDED_IN_ADMIN = (
        "two_factor_device.added_in_admin",
        _("Two-factor device added in the admin"),
    )
    DEVICE_CHANGED_IN_ADMIN = (
        "two_factor_device.changed_in_admin",
        _("Two-factor device changed in the admin"),
    )
    DEVICE_DELETED_IN_ADMIN = (
        "two_factor_device.deleted_in_admin",
        _("Two-factor device deleted in the admin"),
    )
    LOCKOUT_DELETED_IN_ADMIN = (
        "login_lockout.deleted_in_admin",
        _("Login lockout removed in the admin (account unlocked)"),
    )
