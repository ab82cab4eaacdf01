"""Every write to a pledge leaves an audit entry naming a `PledgeAction`: services, workflow, admin."""

from django.contrib import admin
from django.urls import reverse

from localcompacts.core.admin_audit import AuditedAdmin
from localcompacts.core.audit import all_actions
from localcompacts.core.models import AuditEntry
from localcompacts.pledges import services
from localcompacts.pledges.audit import PledgeAction
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.workflow import PLEDGE_WORKFLOW

from ..admin_forms import admin_errors, admin_form_data
from .helpers import draft, submitted


def entries(pledge, action=None):
    found = AuditEntry.objects.filter(target_type="pledges.pledge", target_id=str(pledge.pk))
    return found.filter(action=action) if action else found


def test_every_transition_names_the_action_it_records():
    for transition in PLEDGE_WORKFLOW.transitions:
        assert isinstance(transition.recorded_as, PledgeAction), transition.action
    assert set(PledgeAction) <= set(all_actions())


def test_the_workflow_records_past_tense_actions(government, focal_point, reviewer):
    pledge = submitted(government=government, by=focal_point)
    services.pledge_transition(pledge=pledge, action="start_review", by=reviewer)
    services.pledge_transition(pledge=pledge, action="publish", by=reviewer)
    assert list(entries(pledge).order_by("pk").values_list("action", flat=True)) == [
        PledgeAction.CREATED,
        PledgeAction.UPDATED,
        PledgeAction.SUBMITTED,
        PledgeAction.REVIEW_STARTED,
        PledgeAction.PUBLISHED,
    ]
    published = entries(pledge, PledgeAction.PUBLISHED).get()
    assert published.data["from_state"] == "in_review" and published.data["to_state"] == "published"


def test_the_pledge_admin_is_audited():
    assert isinstance(admin.site._registry[Pledge], AuditedAdmin)


def test_an_admin_edit_of_a_pledge_leaves_an_audit_entry(
    admin_client, secretariat, government, focal_point
):
    pledge = draft(government=government, by=focal_point)
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    data = admin_form_data(admin_client, url, "pledge_form", title="Renamed in the admin")
    response = admin_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    pledge.refresh_from_db()
    assert pledge.title == "Renamed in the admin"
    entry = entries(pledge, PledgeAction.ADMIN_CHANGED).get()
    assert entry.actor == secretariat
    assert entry.data == {"fields": ["title"], "related": []}


def test_an_admin_edit_of_inline_rows_names_them(admin_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    data = admin_form_data(admin_client, url, "pledge_form", **{"indicators-0-target": "900"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    assert pledge.indicators.get().target == 900
    entry = entries(pledge, PledgeAction.ADMIN_CHANGED).get()
    assert entry.data == {"fields": [], "related": ["indicator"]}


def test_admin_deletions_of_pledges_leave_audit_entries(admin_client, government, focal_point):
    one = draft(government=government, by=focal_point, title="One")
    two = draft(government=government, by=focal_point, title="Two")
    three = draft(government=government, by=focal_point, title="Three")
    response = admin_client.post(
        reverse("admin:pledges_pledge_delete", args=[one.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Pledge.objects.exists()
    deleted = AuditEntry.objects.filter(action=PledgeAction.ADMIN_DELETED)
    assert sorted(deleted.values_list("target_label", flat=True)) == ["One", "Three", "Two"]
