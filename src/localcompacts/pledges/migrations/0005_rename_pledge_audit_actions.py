"""Rename the pledge audit actions to their `PledgeAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

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


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("pledges", "0004_index_published_changes"),
    ]

    operations = [rename_audit_actions(RENAMES)]
