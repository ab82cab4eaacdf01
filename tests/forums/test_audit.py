"""Forum writes leave audit entries naming a `ForumAction`: imports (naming their rows) and admin."""

import pytest
from django.urls import reverse

from localcompacts.core.models import AuditEntry
from localcompacts.forums.audit import ForumAction
from localcompacts.forums.importing import forum_import
from localcompacts.forums.models import ProgrammeSession

from ..admin_forms import admin_errors, admin_form_data
from ..factories import LocalGovernmentFactory
from .builders import make_forum, make_session
from .test_import import GOOD_PROGRAMME, _csv, _run, _xlsx

pytestmark = pytest.mark.django_db


def test_a_programme_import_leaves_one_entry_naming_its_rows(secretariat, cities):
    forum = make_forum("imrf-audit")
    report = forum_import_as(secretariat, forum, "programme", _csv(GOOD_PROGRAMME))
    assert report.applied, report.problems
    entry = AuditEntry.objects.get(target_type="forums.reviewforum", target_id=str(forum.pk))
    assert entry.action == ForumAction.PROGRAMME_IMPORTED
    assert entry.actor == secretariat
    assert entry.data["file"] == "programme.csv" and entry.data["rows"] == 5
    assert entry.data["sessions"] == 4 and entry.data["speakers"] == 4
    assert entry.data["imported"] == [
        "2022-05-17 10:00 Opening plenary — Ana Souza",
        "2022-05-17 10:00 Opening plenary — Kwame Mensah",
        "2022-05-18 10:00 Round table 1 — Joint Mayor",
        "2022-05-18 15:00 Round table 2",
        "2022-05-19 13:15 Cities side event — Lucía Gómez",
    ]


def test_a_delegations_import_leaves_one_entry_naming_its_rows(secretariat, cities):
    forum = make_forum("imrf-audit")
    uploaded = _xlsx([["country", "member_name"], ["SEN", "Awa Ndiaye"], ["FRA", "Claire Martin"]])
    assert forum_import_as(secretariat, forum, "delegations", uploaded).applied
    entry = AuditEntry.objects.get(action=ForumAction.DELEGATIONS_IMPORTED)
    assert entry.data["imported"] == ["SEN: Awa Ndiaye", "FRA: Claire Martin"]


def test_a_dry_run_records_nothing(cities):
    _run(make_forum("imrf-audit"), "programme", _csv(GOOD_PROGRAMME), dry_run=True)
    assert not AuditEntry.objects.exists()


def test_admin_edits_of_forum_data_leave_audit_entries(admin_client, secretariat):
    forum = make_forum("imrf-audit")
    session = make_session(forum, "Round table on cities")
    url = reverse("admin:forums_programmesession_change", args=[session.pk])
    data = admin_form_data(admin_client, url, "programmesession_form", title="Renamed session")
    response = admin_client.post(url, data)
    assert response.status_code == 302, admin_errors(response)
    entry = AuditEntry.objects.get(action=ForumAction.SESSION_ADMIN_CHANGED)
    assert entry.target_id == str(session.pk) and entry.actor == secretariat
    assert entry.data["fields"] == ["title"]

    response = admin_client.post(
        reverse("admin:forums_programmesession_delete", args=[session.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ProgrammeSession.objects.exists()
    assert AuditEntry.objects.filter(
        action=ForumAction.SESSION_ADMIN_DELETED, target_label="Renamed session"
    ).exists()


def forum_import_as(user, forum, kind, uploaded):
    return forum_import(
        forum=forum, kind=kind, uploaded=uploaded, name=uploaded.name, by=user, dry_run=False
    )


@pytest.fixture
def cities():
    return LocalGovernmentFactory(name="Accra", slug="accra"), LocalGovernmentFactory(
        name="Lyon", slug="lyon", external_id="FR-LYON"
    )
