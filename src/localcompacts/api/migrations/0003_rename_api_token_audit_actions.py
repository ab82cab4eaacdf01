"""Rename the API token audit actions to their `ApiAction` names (entity.verb in the past tense).

Workflow transitions used to be recorded as "<workflow>.<action>"; services used present-tense verbs.
"""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

RENAMES = {
    "api_token.create": "api_token.created",
    "api_token.revoke": "api_token.revoked",
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("api", "0002_idempotency_keys"),
    ]

    operations = [rename_audit_actions(RENAMES)]
