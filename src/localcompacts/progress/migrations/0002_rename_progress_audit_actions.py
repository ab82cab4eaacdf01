"""Rename the progress report and reporting round audit actions to their `ProgressAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

RENAMES = {
    "progress.submit": "progress_report.submitted",
    "progress.accept": "progress_report.accepted",
    "progress.return": "progress_report.returned",
    "progress.resubmit": "progress_report.resubmitted",
    "round.open": "reporting_round.opened",
    "round.remind_overdue": "reporting_round.overdue_reminded",
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
        ("progress", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
