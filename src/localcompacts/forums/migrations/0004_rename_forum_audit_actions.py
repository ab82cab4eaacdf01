"""Rename the forum audit actions to their `ForumAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

RENAMES = {
    "forums.programme_imported": "forum.programme_imported",
    "forums.delegations_imported": "forum.delegations_imported",
    "forums.outcome_draft_added": "forum_outcome.draft_added",
    "forums.outcome_marked": "forum_outcome.paragraphs_marked",
    "forums.outcome_paragraph_confirmed": "forum_outcome.paragraph_confirmed",
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
        ("forums", "0003_programme_delegations_convenings_outcomes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
