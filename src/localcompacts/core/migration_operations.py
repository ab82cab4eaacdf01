"""Migration operations other apps' migrations share (kept small and stable: old migrations
import them for as long as they exist)."""

from django.db import migrations


def rename_audit_actions(renames: dict[str, str]) -> migrations.RunPython:
    """Rename stored `AuditEntry.action` values (old → new), reversibly, when an app renames the
    members of its `AuditAction` enum. The migration must depend on core's `AuditEntry`."""

    def rename(apps, mapping: dict[str, str]) -> None:
        AuditEntry = apps.get_model("core", "AuditEntry")
        for old, new in mapping.items():
            AuditEntry.objects.filter(action=old).update(action=new)

    def forwards(apps, schema_editor):
        rename(apps, renames)

    def backwards(apps, schema_editor):
        rename(apps, {new: old for old, new in renames.items()})

    return migrations.RunPython(forwards, backwards, elidable=False)
