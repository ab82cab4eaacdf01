"""Audit actions about an issue are named `newsletter_issue.verb` in the past tense: rename the
stored entries."""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

RENAMES = {
    "newsletter.issue_created": "newsletter_issue.created",
    "newsletter.issue_changed": "newsletter_issue.changed",
    "newsletter.issue_test_sent": "newsletter_issue.test_sent",
    "newsletter.issue_scheduled": "newsletter_issue.scheduled",
    "newsletter.issue_sending": "newsletter_issue.sending_started",
    "newsletter.issue_sent": "newsletter_issue.sent",
    "newsletter.digest_composed": "newsletter_issue.digest_composed",
}


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("core", "0004_public_change_counter"),
    ]

    operations = [rename_audit_actions(RENAMES)]
