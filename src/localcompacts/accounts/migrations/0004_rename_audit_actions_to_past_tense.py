"""Audit actions follow one rule, `entity.verb` in the past tense: rename the stored entries."""

from django.db import migrations

from localcompacts.core.migration_operations import rename_audit_actions

RENAMES = {"user.password_change": "user.password_changed"}


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_focal_point_requests"),
        ("core", "0004_public_change_counter"),
    ]

    operations = [rename_audit_actions(RENAMES)]
