"""Admin edits leave an audit entry, like every other write.

A `ModelAdmin` that lets editors add, change or delete records mixes in `AuditedAdmin` and names
the app's audit actions:

    class PledgeAdmin(AuditedAdmin, admin.ModelAdmin):
        audit_added = PledgeAction.ADMIN_ADDED
        audit_changed = PledgeAction.ADMIN_CHANGED
        audit_deleted = PledgeAction.ADMIN_DELETED

An add or change is recorded once the inline rows are saved too, naming the changed fields and the
inline models whose rows changed; a deletion is recorded before the row goes. Admin actions that
change state go through the services, which record themselves.
"""

from django.db import transaction

from .audit import AuditAction, record


class AuditedAdmin:
    audit_added: AuditAction | None = None
    audit_changed: AuditAction | None = None
    audit_deleted: AuditAction | None = None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = self.audit_changed if change else self.audit_added
        _require(action, self, "audit_changed" if change else "audit_added")
        record(
            actor=request.user,
            action=action,
            target=form.instance,
            fields=sorted(form.changed_data),
            related=sorted({fs.model._meta.model_name for fs in formsets if fs.has_changed()}),
        )

    def delete_model(self, request, obj):
        _require(self.audit_deleted, self, "audit_deleted")
        with transaction.atomic():
            record(actor=request.user, action=self.audit_deleted, target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        _require(self.audit_deleted, self, "audit_deleted")
        with transaction.atomic():
            for obj in queryset:
                record(actor=request.user, action=self.audit_deleted, target=obj)
            super().delete_queryset(request, queryset)


def _require(action, model_admin, name: str) -> None:
    if not isinstance(action, AuditAction):
        raise TypeError(f"{type(model_admin).__name__}.{name} must name an AuditAction member.")
