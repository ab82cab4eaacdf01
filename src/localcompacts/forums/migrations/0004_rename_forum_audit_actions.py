"""Rename the forum audit actions to their `ForumAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

RENAMES = {
    "forums.programme_imported": "forum.programme_imported",
    "forums.delegations_imported": "forum.delegations_imported",
    "forums.outcome_draft_added": "forum_outcome.draft_added",
    "forums.outcome_marked": "forum_outcome.paragraphs_marked",
    "forums.outcome_paragraph_confirmed": "forum_outcome.paragraph_confirmed",
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("forums", "0003_programme_delegations_convenings_outcomes"),
    ]

    operations = [rename_audit_actions(RENAMES)]
