"""Admin screens that let editors change data are audited (`core.admin_audit.AuditedAdmin`);
the others are read-only and say so."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from localcompacts.accounts.audit import UserAction
from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.audit import AuditAction, record
from localcompacts.core.models import AuditEntry
from localcompacts.newsletter.models import Issue

# Every app of the project; an admin belongs to the app that declares it.
APPS = sorted(
    config.name.rsplit(".", 1)[-1]
    for config in apps.get_app_configs()
    if config.name.startswith("localcompacts.")
)


def registered(app_label):
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if type(model_admin).__module__.startswith(f"localcompacts.{app_label}.")
    ]


def test_every_app_is_checked():
    assert {"accounts", "compacts", "governments", "newsletter", "operations"} <= set(APPS)
    assert sum(len(registered(app_label)) for app_label in APPS) >= 30


@pytest.mark.parametrize("app_label", APPS)
def test_every_admin_that_writes_is_audited(app_label, secretariat):
    request = RequestFactory().get("/admin/")
    request.user = secretariat
    for model, model_admin in registered(app_label):
        label = model._meta.label
        may = {
            "added": model_admin.has_add_permission(request),
            "changed": model_admin.has_change_permission(request),
            "deleted": model_admin.has_delete_permission(request),
        }
        if not any(may.values()):
            continue  # read-only
        assert isinstance(model_admin, AuditedAdmin), f"{label}: admin edits are not audited"
        for operation, allowed in may.items():
            if allowed:
                action = getattr(model_admin, f"audit_{operation}")
                assert isinstance(action, AuditAction), f"{label}: no audit_{operation}"
                assert action.value.endswith(f".{operation}_in_admin") or (
                    operation in model_admin.audit_recorded_by_service
                ), f"{label}: audit_{operation} is not named entity.{operation}_in_admin"


def test_third_party_admins_that_write_are_audited_too(secretariat):
    """Permission groups, two-factor devices and login lockouts are edited in the same admin."""
    request = RequestFactory().get("/admin/")
    request.user = secretariat
    for model, model_admin in admin.site._registry.items():
        writes = [
            operation
            for operation, allowed in (
                ("added", model_admin.has_add_permission(request)),
                ("changed", model_admin.has_change_permission(request)),
                ("deleted", model_admin.has_delete_permission(request)),
            )
            if allowed
        ]
        if writes:
            assert isinstance(model_admin, AuditedAdmin), f"{model._meta.label} is not audited"


def test_unlocking_an_account_in_the_admin_is_audited(admin_client):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="someone@example.org", ip_address="127.0.0.2", failures_since_start=9
    )
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.filter(action="login_lockout.deleted_in_admin").count() == 1


def test_the_log_shows_each_action_by_its_label(admin_client, secretariat):
    record(actor=secretariat, action=UserAction.CHANGED_IN_ADMIN, target=secretariat)
    page = admin_client.get(reverse("admin:core_auditentry_changelist")).content.decode()
    assert "user.changed_in_admin" in page and "Account changed in the admin" in page


def _post_change_form(client, url, **changes):
    """Post an admin change form back with its current values, `changes` applied."""
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {
        k: [v.pk for v in value]
        if hasattr(value, "__iter__") and not isinstance(value, str)
        else getattr(value, "pk", value)
        for k, value in data.items()
    }
    data.update(changes)
    return client.post(url, data)


def test_a_taxonomy_edit_is_audited(admin_client, secretariat):
    from localcompacts.compacts.models import Region

    region = Region.objects.filter(parent__isnull=True).first()
    url = reverse("admin:compacts_region_change", args=[region.pk])
    response = _post_change_form(admin_client, url, name_en="Renamed region")
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="region.changed_in_admin")
    assert entry.actor == secretariat and entry.data["fields"] == ["name_en"]


def test_a_government_edit_is_audited_with_its_focal_points(admin_client, government):
    url = reverse("admin:governments_localgovernment_change", args=[government.pk])
    response = admin_client.post(
        url,
        {
            "name": "Renamed city",
            "slug": government.slug,
            "kind": government.kind,
            "country": government.country_id,
            "population": government.population or "",
            "latitude": government.latitude or "",
            "longitude": government.longitude or "",
            "focal_points-TOTAL_FORMS": "0",
            "focal_points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "name" in AuditEntry.objects.get(action="government.changed_in_admin").data["fields"]
    admin_client.post(
        reverse("admin:governments_localgovernment_delete", args=[government.pk]), {"post": "yes"}
    )
    assert AuditEntry.objects.filter(action="government.deleted_in_admin").exists()


def test_newsletter_issues_are_recorded_once_by_the_service(admin_client, secretariat):
    response = admin_client.post(
        reverse("admin:newsletter_issue_add"),
        {"subject_en": "Hello", "body_en": "<p>Hi</p>", "subject_fr": "", "body_fr": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get(subject_en="Hello")
    entries = AuditEntry.objects.filter(target_type="newsletter.issue", target_id=str(issue.pk))
    assert list(entries.values_list("action", flat=True)) == ["newsletter_issue.created"]
    admin_client.post(reverse("admin:newsletter_issue_delete", args=[issue.pk]), {"post": "yes"})
    assert entries.filter(action="newsletter_issue.deleted_in_admin", actor=secretariat).exists()


def test_a_password_set_in_the_admin_is_audited(admin_client, secretariat, focal_point):
    url = reverse("admin:auth_user_password_change", args=[focal_point.pk])
    response = admin_client.post(
        url,
        {"password1": "A-long-new-passphrase-42", "password2": "A-long-new-passphrase-42"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="user.password_changed_in_admin")
    assert entry.actor == secretariat and entry.target_id == str(focal_point.pk)
    assert "A-long" not in str(entry.data)
