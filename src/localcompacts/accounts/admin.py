from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from localcompacts.core.admin_audit import AuditedAdmin, ReadOnlyAdmin
from localcompacts.core.admin_workflow import transition_action
from localcompacts.core.audit import record

from .audit import AccessAction, PartnerOrganisationAction, UserAction
from .models import FocalPointRequest, PartnerOrganisation, User
from .services import login_lockout_lift


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("acronym", "name", "website")
    search_fields = ("acronym", "name")
    audit_added = PartnerOrganisationAction.ADDED_IN_ADMIN
    audit_changed = PartnerOrganisationAction.CHANGED_IN_ADMIN
    audit_deleted = PartnerOrganisationAction.DELETED_IN_ADMIN


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    audit_added = UserAction.ADDED_IN_ADMIN
    audit_changed = UserAction.CHANGED_IN_ADMIN
    audit_deleted = UserAction.DELETED_IN_ADMIN
    ordering = ("email",)
    list_display = ("email", "full_name", "role", "partner_organisation", "is_active")
    list_filter = ("role", "is_active", "partner_organisation")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Role"), {"fields": ("role", "partner_organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "role")}),
    )

    def construct_change_message(self, request, form, formsets, add=False):
        # The "set password" page saves outside save_model; Django builds its log message right
        # after the password form is saved, so it is recorded here (the form never is).
        if isinstance(form, self.change_password_form):
            record(
                actor=request.user,
                action=UserAction.PASSWORD_CHANGED_IN_ADMIN,
                target=form.user,
                usable=form.user.has_usable_password(),
            )
        return super().construct_change_message(request, form, formsets, add)


@admin.register(FocalPointRequest)
class FocalPointRequestAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("full_name", "email", "government_name", "status", "created_at")
    list_select_related = ("government",)
    list_filter = ("status",)
    search_fields = ("full_name", "email", "proposed_name", "government__name")
    readonly_fields = (
        "full_name",
        "position",
        "email",
        "language",
        "government",
        "proposed_name",
        "proposed_country",
        "proposed_latitude",
        "proposed_longitude",
        "status",
        "decline_reason",
        "user",
        "decided_by",
        "decided_at",
        "created_at",
    )
    actions = [
        transition_action("approve", _("Approve the selected requests")),
        transition_action(
            "decline",
            _("Decline the selected requests (asks for a reason)"),
            title=_("Decline focal-point requests"),
        ),
    ]

    # Read-only: requests are decided by the actions above (the workflow records each decision).


def _login_through_accounts(request, extra_context=None):
    """The admin signs in through our login page, so lockout and two-factor apply there too."""
    return redirect_to_login(request.GET.get("next") or request.get_full_path())


admin.site.login = _login_through_accounts  # type: ignore[method-assign]  # our login page, for every admin


# What third-party apps keep about access is edited in the admin too: the same audit applies.

for _model in (Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    audit_added = AccessAction.GROUP_ADDED_IN_ADMIN
    audit_changed = AccessAction.GROUP_CHANGED_IN_ADMIN
    audit_deleted = AccessAction.GROUP_DELETED_IN_ADMIN


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedAdmin, BaseTOTPDeviceAdmin):
    audit_added = AccessAction.DEVICE_ADDED_IN_ADMIN
    audit_changed = AccessAction.DEVICE_CHANGED_IN_ADMIN
    audit_deleted = AccessAction.DEVICE_DELETED_IN_ADMIN


@admin.register(AccessAttempt)
class LoginLockoutAdmin(AuditedAdmin, AccessAttemptAdmin):
    """Deleting a lockout unlocks the account: audited. Its fields are records, not edited."""

    actions = ["unlock_accounts"]
    audit_deleted = AccessAction.LOCKOUT_DELETED_IN_ADMIN

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unlock these accounts from every address"), permissions=["delete"])
    def unlock_accounts(self, request, queryset):
        """An account locked out from many addresses has one lockout per address: lift them all."""
        usernames = {name.lower() for name in queryset.values_list("username", flat=True) if name}
        for username in sorted(usernames):
            login_lockout_lift(username=username, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d account unlocked.", "%(count)d accounts unlocked.", len(usernames))
            % {"count": len(usernames)},
        )


@admin.register(AccessLog)
class LoginLogAdmin(ReadOnlyAdmin, AccessLogAdmin):
    """A log: read-only."""


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    """A log: read-only."""
