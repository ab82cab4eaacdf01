"""Rename the progress report and reporting round audit actions to their `ProgressAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

RENAMES = {
    "progress.submit": "progress_report.submitted",
    "progress.accept": "progress_report.accepted",
    "progress.return": "progress_report.returned",
    "progress.resubmit": "progress_report.resubmitted",
    "round.open": "reporting_round.opened",
    "round.remind_overdue": "reporting_round.overdue_reminded",
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("progress", "0001_initial"),
    ]

    operations = [rename_audit_actions(RENAMES)]
