"""Every API write goes through a service that records an audit entry naming the token's holder."""

import pytest
from django.urls import reverse

from localcompacts.api.audit import ApiAction
from localcompacts.api.models import ApiToken
from localcompacts.api.services import api_token_create
from localcompacts.core.models import AuditEntry
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.audit import PledgeAction
from localcompacts.pledges.models import Pledge

from ..admin_forms import admin_errors, admin_form_data
from .test_writes import GOVERNMENTS, PLEDGES, new_draft, send


@pytest.fixture
def secretariat_token(secretariat):
    return api_token_create(user=secretariat, name="data desk")[1]


def entries_on(obj):
    return AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


def test_a_bulk_write_leaves_an_audit_entry_per_row(client, secretariat, secretariat_token):
    response = send(
        client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": GOVERNMENTS}
    )
    assert response.status_code == 200, response.json()
    body = {"rows": PLEDGES, "state": "published"}
    response = send(client, "post", "/api/v1/bulk/pledges", secretariat_token, body)
    assert response.status_code == 200, response.json()
    rows = [*LocalGovernment.objects.filter(external_id__in=["G-1", "G-2"]), *Pledge.objects.all()]
    assert len(rows) == 4
    for row in rows:
        assert entries_on(row).filter(actor=secretariat).exists(), row


def test_drafting_writes_leave_audit_entries(client, government, focal_point, focal_point_token):
    response = send(client, "post", "/api/v1/pledges", focal_point_token, new_draft())
    assert response.status_code == 201, response.json()
    pledge = Pledge.objects.get()
    response = send(
        client, "patch", f"/api/v1/pledges/{pledge.pk}", focal_point_token, {"place": "Medina"}
    )
    assert response.status_code == 200, response.json()
    assert list(entries_on(pledge).order_by("pk").values_list("action", "actor")) == [
        (PledgeAction.CREATED, focal_point.pk),
        (PledgeAction.UPDATED, focal_point.pk),
    ]


def test_admin_edits_of_api_tokens_leave_audit_entries(
    admin_client, focal_point, focal_point_token
):
    token = ApiToken.objects.get(user=focal_point)
    url = reverse("admin:api_apitoken_change", args=[token.pk])
    data = admin_form_data(admin_client, url, "apitoken_form", name="Renamed token")
    response = admin_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    assert entries_on(token).filter(action=ApiAction.TOKEN_ADMIN_CHANGED).get().data == {
        "fields": ["name"],
        "related": [],
    }
    response = admin_client.post(
        reverse("admin:api_apitoken_delete", args=[token.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert entries_on(token).filter(action=ApiAction.TOKEN_ADMIN_DELETED).exists()
