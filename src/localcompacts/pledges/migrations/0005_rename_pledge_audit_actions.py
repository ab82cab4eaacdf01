"""Rename the pledge audit actions to their `PledgeAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

RENAMES = {
    "pledge.create": "pledge.created",
    "pledge.update": "pledge.updated",
    "pledge.comment": "pledge.commented",
    "pledge.attachment_add": "pledge.attachment_added",
    "pledge.attachment_remove": "pledge.attachment_removed",
    "pledge.start_revision": "pledge.revision_started",
    "pledge.apply_revision": "pledge.revision_applied",
    "pledge.submit": "pledge.submitted",
    "pledge.resubmit": "pledge.resubmitted",
    "pledge.start_review": "pledge.review_started",
    "pledge.request_changes": "pledge.changes_requested",
    "pledge.publish": "pledge.published",
    "pledge.decline": "pledge.declined",
    "pledge.withdraw": "pledge.withdrawn",
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
        ("pledges", "0004_index_published_changes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
