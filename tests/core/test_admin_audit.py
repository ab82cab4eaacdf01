"""Admin screens that let editors change data are audited (`core.admin_audit.AuditedAdmin`)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.audit import AuditAction

# The apps whose admin edits are audited so far (accounts and governments audit theirs by hand).
AUDITED_APPS = ["pledges", "progress", "forums", "api"]


def registered(app_label):
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == app_label
    ]


@pytest.mark.parametrize("app_label", AUDITED_APPS)
def test_every_admin_that_writes_is_audited(app_label, secretariat):
    request = RequestFactory().get("/admin/")
    request.user = secretariat
    assert registered(app_label)
    for model, model_admin in registered(app_label):
        label = model._meta.label
        assert isinstance(model_admin, AuditedAdmin), f"{label}: admin edits are not audited"
        if model_admin.has_add_permission(request):
            assert isinstance(model_admin.audit_added, AuditAction), label
        if model_admin.has_change_permission(request):
            assert isinstance(model_admin.audit_changed, AuditAction), label
        if model_admin.has_delete_permission(request):
            assert isinstance(model_admin.audit_deleted, AuditAction), label
