"""Admin edits leave an audit entry, like every other write; an admin screen is either
`AuditedAdmin` or `ReadOnlyAdmin` (a test walks every registered admin).

Every `ModelAdmin` that lets editors add, change or delete records mixes in `AuditedAdmin` and
names the app's audit actions (`entity.verb_in_admin`); an admin that only shows records says so
with `has_add_permission`/`has_change_permission`/`has_delete_permission` returning False.

    class PledgeAdmin(AuditedAdmin, admin.ModelAdmin):
        audit_added = PledgeAction.ADMIN_ADDED
        audit_changed = PledgeAction.ADMIN_CHANGED
        audit_deleted = PledgeAction.ADMIN_DELETED

An add or change is recorded once the inline rows are saved too, naming the changed fields and the
inline models whose rows changed; a deletion is recorded before the row goes. Admin actions that
change state go through the services, which record themselves.

When the admin's save or delete goes through a service that records (the newsletter's subscribers
and issues), the admin names the action that service records and lists the operation in
`audit_recorded_by_service` ("added", "changed", "deleted"): the mixin then records nothing for it,
so each edit leaves one entry.
"""

from django.db import transaction

from .audit import AuditAction, record

OPERATIONS = ("added", "changed", "deleted")


class ReadOnlyAdmin:
    """The other kind of admin screen: records (logs, outbox, deliveries, decided requests) that
    people look at but never add, change or delete there, so there is nothing to audit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin:
    audit_added: AuditAction | None = None
    audit_changed: AuditAction | None = None
    audit_deleted: AuditAction | None = None
    audit_recorded_by_service: frozenset[str] = frozenset()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        operation = "changed" if change else "added"
        action = self._audit_action(operation)
        if operation in self.audit_recorded_by_service:
            return
        record(
            actor=request.user,
            action=action,
            target=form.instance,
            fields=sorted(form.changed_data),
            related=sorted({fs.model._meta.model_name for fs in formsets if fs.has_changed()}),
        )

    def delete_model(self, request, obj):
        action = self._audit_action("deleted")
        if "deleted" in self.audit_recorded_by_service:
            super().delete_model(request, obj)
            return
        with transaction.atomic():
            record(actor=request.user, action=action, target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        action = self._audit_action("deleted")
        if "deleted" in self.audit_recorded_by_service:
            super().delete_queryset(request, queryset)
            return
        with transaction.atomic():
            for obj in queryset:
                record(actor=request.user, action=action, target=obj)
            super().delete_queryset(request, queryset)

    def _audit_action(self, operation: str) -> AuditAction:
        action = getattr(self, f"audit_{operation}")
        if not isinstance(action, AuditAction):
            raise TypeError(
                f"{type(self).__name__}.audit_{operation} must name an AuditAction member."
            )
        return action
