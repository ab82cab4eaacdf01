"""Rename the API token audit actions to their `ApiAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

RENAMES = {
    "api_token.create": "api_token.created",
    "api_token.revoke": "api_token.revoked",
}


def rename(apps, mapping):
    AuditEntry = apps.get_model("core", "AuditEntry")
    for old, new in mapping.items():
        AuditEntry.objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    rename(apps, RENAMES)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("api", "0002_idempotency_keys"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
