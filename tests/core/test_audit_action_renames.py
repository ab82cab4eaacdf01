"""The data migrations that renamed old audit action strings to the apps' `AuditAction` members."""

import importlib

import pytest

from localcompacts.core.audit import all_actions
from localcompacts.core.models import AuditEntry

RENAMES = [
    "localcompacts.accounts.migrations.0004_rename_audit_actions_to_past_tense",
    "localcompacts.api.migrations.0003_rename_api_token_audit_actions",
    "localcompacts.forums.migrations.0004_rename_forum_audit_actions",
    "localcompacts.newsletter.migrations.0002_rename_issue_audit_actions",
    "localcompacts.pledges.migrations.0005_rename_pledge_audit_actions",
    "localcompacts.progress.migrations.0002_rename_progress_audit_actions",
]


@pytest.mark.parametrize("path", RENAMES)
def test_old_action_names_are_renamed_and_back(path, db):
    from django.apps import apps

    migration = importlib.import_module(path)
    declared = {str(action) for action in all_actions()}
    assert set(migration.RENAMES.values()) <= declared
    for old in migration.RENAMES:
        AuditEntry.objects.create(action=old, target_type="x.y", target_id="1", target_label=old)
    (operation,) = migration.Migration.operations
    operation.code(apps, None)
    assert {e.target_label: e.action for e in AuditEntry.objects.all()} == migration.RENAMES
    operation.reverse_code(apps, None)
    assert {e.action for e in AuditEntry.objects.all()} == set(migration.RENAMES)
