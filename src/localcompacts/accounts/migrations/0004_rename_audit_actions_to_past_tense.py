"""Audit actions follow one rule, `entity.verb` in the past tense: rename the stored entries."""

from django.db import migrations

RENAMED = {"user.password_change": "user.password_changed"}


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=old).update(action=new)


def backwards(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    for old, new in RENAMED.items():
        AuditEntry.objects.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_focal_point_requests"),
        ("core", "0004_public_change_counter"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
