"""Progress writes leave audit entries naming a `ProgressAction`: services, workflow, admin."""

import pytest
from django.urls import reverse

from localcompacts.core.models import AuditEntry
from localcompacts.progress import services
from localcompacts.progress.audit import ProgressAction
from localcompacts.progress.workflow import PROGRESS_WORKFLOW

from ..admin_forms import admin_errors, admin_form_data
from .conftest import report_data

pytestmark = pytest.mark.django_db


def actions_on(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_every_transition_names_the_action_it_records():
    for transition in PROGRESS_WORKFLOW.transitions:
        assert isinstance(transition.recorded_as, ProgressAction), transition.action


def test_a_report_s_review_is_recorded_in_the_past_tense(
    focal_point, reviewer, published_pledge, open_round
):
    report = services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    services.report_review(report=report, by=reviewer, action="return", comment="Add the source")
    services.report_correct_and_resubmit(
        report=report, by=focal_point, data=report_data(), indicator_values=[]
    )
    services.report_review(report=report, by=reviewer, action="accept")
    assert actions_on(report) == [
        ProgressAction.REPORT_SUBMITTED,
        ProgressAction.REPORT_RETURNED,
        ProgressAction.REPORT_RESUBMITTED,
        ProgressAction.REPORT_ACCEPTED,
    ]
    assert actions_on(open_round) == [ProgressAction.ROUND_OPENED]


def test_admin_edits_of_rounds_and_reports_leave_audit_entries(
    admin_client, focal_point, published_pledge, open_round
):
    url = reverse("admin:progress_reportinground_change", args=[open_round.pk])
    data = admin_form_data(admin_client, url, "reportinground_form", title="Renamed round")
    response = admin_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    entry = AuditEntry.objects.get(action=ProgressAction.ROUND_ADMIN_CHANGED)
    assert entry.target_id == str(open_round.pk) and entry.data["fields"] == ["title"]

    report = services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    response = admin_client.post(
        reverse("admin:progress_progressreport_delete", args=[report.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action=ProgressAction.REPORT_ADMIN_DELETED, target_id=str(report.pk)
    ).exists()
