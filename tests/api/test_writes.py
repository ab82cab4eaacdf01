"""The partner API's writes: the web's services, forms and permission predicates behind JSON."""

import json

import pytest

from localcompacts.api.models import IdempotencyKey
from localcompacts.api.services import api_token_create
from localcompacts.core.models import StateTransition
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Indicator, Pledge, PledgeStatus
from localcompacts.progress.models import ProgressReport, ReviewStatus
from tests.factories import FocalPointUserFactory, PledgeFactory

from .conftest import bearer

DESCRIPTION = (
    "<p>" + "The city opens a welcome centre with its partners and residents. " * 6 + "</p>"
)


@pytest.fixture
def secretariat_token(secretariat):
    return api_token_create(user=secretariat, name="data desk")[1]


def send(client, method, path, token=None, body=None, **headers):
    if token:
        headers.update(bearer(token))
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json", **headers
    )


def new_draft(**overrides):
    body = {
        "government": "dakar",
        "title": "Language classes for every newcomer",
        "summary": "Free classes in Wolof and French for newcomers, in every district.",
        "description": DESCRIPTION,
        "kind": "pledge",
        "pledge_type": "policy",
    }
    body.update(overrides)
    return body


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


# --- Drafts -------------------------------------------------------------------------------------


def test_focal_point_creates_a_draft_with_every_step(client, government, focal_point_token):
    body = new_draft(
        objectives=["GCM-15", "GCM-16"],
        sdgs=["SDG-10"],
        population_groups=["refugees"],
        place="All districts",
        start_date="2026-01-01",
        end_date="2027-12-31",
        budget="25000.00",
        currency="eur",
        indicators=[{"name": "Learners", "unit": "people", "target": "600"}],
        partners=["Alliance française", "Red Cross"],
    )
    response = send(client, "post", "/api/v1/pledges", focal_point_token, body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft"
    assert data["objectives"] == ["GCM-15", "GCM-16"]
    assert data["currency"] == "EUR"  # the editor's form normalises it
    assert data["partners"] == ["Alliance française", "Red Cross"]
    assert [i["name"] for i in data["indicators"]] == ["Learners"]
    pledge = Pledge.objects.get(pk=data["id"])
    assert pledge.ownerships.get().government == government
    # A draft: never in any list, whoever asks; its page is the owners' (and reviewers') only.
    assert client.get("/api/v1/pledges").json()["count"] == 0
    assert client.get("/api/v1/pledges", **bearer(focal_point_token)).json()["count"] == 0
    assert client.get(f"/api/v1/pledges/{pledge.pk}").status_code == 404
    assert (
        client.get(f"/api/v1/pledges/{pledge.pk}", **bearer(focal_point_token)).status_code == 200
    )


def test_create_uses_the_editor_rules(client, government, focal_point_token):
    response = send(
        client,
        "post",
        "/api/v1/pledges",
        focal_point_token,
        new_draft(description="<p>Too short</p>", end_date="2020-01-01", start_date="2021-01-01"),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "description" in fields(response) and "end_date" in fields(response)
    assert not Pledge.objects.exists()  # all or nothing


def test_create_for_a_government_one_does_not_act_for(client, other_government, focal_point_token):
    response = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(government="medellin")
    )
    assert response.status_code == 422
    assert "government" in fields(response)
    assert not Pledge.objects.exists()


def test_reviewer_cannot_create(client, government, reviewer_token):
    response = send(client, "post", "/api/v1/pledges", reviewer_token, new_draft())
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/pledges"),
        ("patch", "/api/v1/pledges/1"),
        ("post", "/api/v1/pledges/1/transitions"),
        ("post", "/api/v1/pledges/1/progress-reports"),
        ("post", "/api/v1/progress-reports/1/review"),
        ("post", "/api/v1/bulk/governments"),
        ("post", "/api/v1/bulk/pledges"),
    ],
)
def test_anonymous_cannot_write(client, db, method, path):
    response = send(client, method, path)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_focal_point_updates_only_what_is_sent(client, government, focal_point_token):
    draft = PledgeFactory(owners=[government], title="Old title")
    response = send(
        client,
        "patch",
        f"/api/v1/pledges/{draft.pk}",
        focal_point_token,
        {"title": "A clearer title", "objectives": ["GCR-2"]},
    )
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.title == "A clearer title"
    assert draft.summary.startswith("A one-stop centre")  # kept
    assert list(draft.objectives.values_list("code", flat=True)) == ["GCR-2"]


def test_update_reports_every_problem_by_field(client, government, focal_point_token):
    draft = PledgeFactory(owners=[government])
    response = send(
        client,
        "patch",
        f"/api/v1/pledges/{draft.pk}",
        focal_point_token,
        {
            "title": "",
            "objectives": ["GCM-99"],
            "currency": "XXQ",
            "indicators": [{"name": "People", "unit": ""}],
        },
    )
    assert response.status_code == 422
    assert {"title", "objectives", "currency", "indicators.0.unit"} <= fields(response)


def test_other_governments_focal_point_gets_404_on_drafts(
    client, government, other_focal_point_token
):
    draft = PledgeFactory(owners=[government])
    for method, path, body in [
        ("patch", f"/api/v1/pledges/{draft.pk}", {"title": "Mine now"}),
        ("post", f"/api/v1/pledges/{draft.pk}/transitions", {"action": "submit"}),
    ]:
        response = send(client, method, path, other_focal_point_token, body)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_reviewer_cannot_edit_a_governments_text(client, government, reviewer_token):
    submitted = PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED, title="Theirs")
    response = send(
        client, "patch", f"/api/v1/pledges/{submitted.pk}", reviewer_token, {"title": "Mine"}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.title == "Theirs"


def test_submitted_pledge_cannot_be_edited(client, government, focal_point_token):
    submitted = PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED)
    response = send(
        client, "patch", f"/api/v1/pledges/{submitted.pk}", focal_point_token, {"title": "New"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


# --- Idempotency --------------------------------------------------------------------------------


def test_a_retried_create_with_the_same_key_returns_the_first_pledge(
    client, government, focal_point_token
):
    first = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Pledge.objects.count() == 1
    other = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k2"
    )
    assert other.json()["id"] != first.json()["id"]
    assert Pledge.objects.count() == 2
    assert IdempotencyKey.objects.count() == 2


def test_keys_are_per_user_and_expire(client, government, focal_point, focal_point_token):
    first = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k"
    )
    colleague = FocalPointUserFactory(email="colleague@example.org", government=government)
    colleague_token = api_token_create(user=colleague, name="colleague")[1]
    theirs = send(
        client, "post", "/api/v1/pledges", colleague_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k"
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    IdempotencyKey.objects.update(created_at="2000-01-01T00:00:00Z")
    again = send(
        client, "post", "/api/v1/pledges", focal_point_token, new_draft(), HTTP_IDEMPOTENCY_KEY="k"
    )
    # The stored answer is gone, but the key still maps to the editor's one-time creation token:
    # the pledge the key made is answered again (as it is now), never a duplicate.
    assert again.status_code == 201 and not again.has_header("Idempotent-Replayed")
    assert again.json()["id"] == first.json()["id"]
    assert Pledge.objects.count() == 2


def test_a_failed_request_is_not_remembered(client, government, focal_point_token):
    bad = send(
        client,
        "post",
        "/api/v1/pledges",
        focal_point_token,
        new_draft(title=""),
        HTTP_IDEMPOTENCY_KEY="fix-and-retry",
    )
    assert bad.status_code == 422
    good = send(
        client,
        "post",
        "/api/v1/pledges",
        focal_point_token,
        new_draft(),
        HTTP_IDEMPOTENCY_KEY="fix-and-retry",
    )
    assert good.status_code == 201


# --- Transitions --------------------------------------------------------------------------------


def test_the_whole_review_through_the_api(client, government, focal_point_token, reviewer_token):
    pledge = PledgeFactory(owners=[government])
    url = f"/api/v1/pledges/{pledge.pk}/transitions"
    steps = [
        (focal_point_token, {"action": "submit"}, "submitted"),
        (reviewer_token, {"action": "start_review"}, "in_review"),
        (reviewer_token, {"action": "request_changes", "comment": "Add a budget."}, None),
        (focal_point_token, {"action": "resubmit"}, "submitted"),
        (reviewer_token, {"action": "publish"}, "published"),
    ]
    for token, body, status in steps:
        response = send(client, "post", url, token, body)
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == (status or "changes_requested")
    assert StateTransition.objects.filter(object_id=pledge.pk).count() == 5
    assert client.get(f"/api/v1/pledges/{pledge.pk}").status_code == 200  # now public


def test_focal_point_cannot_publish(client, government, focal_point_token):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED)
    response = send(
        client,
        "post",
        f"/api/v1/pledges/{pledge.pk}/transitions",
        focal_point_token,
        {"action": "publish"},
    )
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SUBMITTED


def test_illegal_transition_is_409(client, government, reviewer_token):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.CHANGES_REQUESTED)
    response = send(
        client,
        "post",
        f"/api/v1/pledges/{pledge.pk}/transitions",
        reviewer_token,
        {"action": "publish"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_decline_needs_a_comment(client, government, reviewer_token):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED)
    url = f"/api/v1/pledges/{pledge.pk}/transitions"
    response = send(client, "post", url, reviewer_token, {"action": "decline"})
    assert response.status_code == 422
    assert fields(response) == {"comment"}
    response = send(
        client, "post", url, reviewer_token, {"action": "decline", "comment": "Off topic"}
    )
    assert response.status_code == 200 and response.json()["status"] == "declined"


def test_incomplete_draft_cannot_be_submitted(client, government, focal_point_token):
    pledge = PledgeFactory(owners=[government], summary="")
    response = send(
        client,
        "post",
        f"/api/v1/pledges/{pledge.pk}/transitions",
        focal_point_token,
        {"action": "submit"},
    )
    assert response.status_code == 409
    assert "summary" in response.json()["message"]


def test_unknown_action_is_422(client, government, focal_point_token):
    pledge = PledgeFactory(owners=[government])
    response = send(
        client,
        "post",
        f"/api/v1/pledges/{pledge.pk}/transitions",
        focal_point_token,
        {"action": "x"},
    )
    assert response.status_code == 422


# --- Progress reports ---------------------------------------------------------------------------


@pytest.fixture
def published_pledge(government):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    Indicator.objects.create(pledge=pledge, name="People reached", unit="people", target=1000)
    return pledge


def report_body(pledge, **overrides):
    body = {
        "delivery_status": "in_progress",
        "percent_complete": 40,
        "narrative": "<p>The centre opened in March and served 400 people.</p>",
        "evidence_links": ["https://dakar.example.org/centre"],
        "indicator_values": [
            {
                "indicator_id": pledge.indicators.get().pk,
                "value": "400",
                "unit": "people",
                "measured_on": "2026-03-31",
            }
        ],
    }
    body.update(overrides)
    return body


def test_report_filed_reviewed_and_shown(
    client, published_pledge, focal_point_token, reviewer_token
):
    url = f"/api/v1/pledges/{published_pledge.pk}/progress-reports"
    response = send(client, "post", url, focal_point_token, report_body(published_pledge))
    assert response.status_code == 201, response.json()
    report_id = response.json()["id"]
    assert response.json()["status"] == "submitted"
    progress = f"/api/v1/pledges/{published_pledge.pk}/progress"
    assert client.get(progress).json() == []  # not accepted yet: not public
    review = f"/api/v1/progress-reports/{report_id}/review"
    assert send(client, "post", review, focal_point_token, {"action": "accept"}).status_code == 403
    response = send(client, "post", review, reviewer_token, {"action": "accept"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "accepted"
    entries = client.get(progress).json()
    assert [(e["id"], e["status"], e["percent_complete"]) for e in entries] == [
        (report_id, "in_progress", 40)
    ]
    assert entries[0]["indicator_values"][0]["value"] == "400.00"
    # Accepted twice: the workflow refuses.
    assert send(client, "post", review, reviewer_token, {"action": "accept"}).status_code == 409


def test_report_return_needs_a_comment(client, published_pledge, focal_point_token, reviewer_token):
    url = f"/api/v1/pledges/{published_pledge.pk}/progress-reports"
    report_id = send(client, "post", url, focal_point_token, report_body(published_pledge)).json()[
        "id"
    ]
    review = f"/api/v1/progress-reports/{report_id}/review"
    assert send(client, "post", review, reviewer_token, {"action": "return"}).status_code == 422
    response = send(
        client, "post", review, reviewer_token, {"action": "return", "comment": "Add a source."}
    )
    assert response.json()["status"] == ReviewStatus.RETURNED


def test_report_uses_the_web_form_rules(client, published_pledge, focal_point_token):
    url = f"/api/v1/pledges/{published_pledge.pk}/progress-reports"
    body = report_body(
        published_pledge,
        delivery_status="discontinued",
        narrative="<p>short</p>",
        evidence_links=["not a link"],
    )
    body["indicator_values"][0]["unit"] = "kilograms"
    body["indicator_values"].append(
        {"indicator_id": 999999, "value": "1", "measured_on": "2026-01-01"}
    )
    response = send(client, "post", url, focal_point_token, body)
    assert response.status_code == 422
    assert {
        "narrative",
        "discontinued_reason",
        "evidence_links",
        f"indicator_{published_pledge.indicators.get().pk}_unit",
        "indicator_values.1.indicator_id",
    } <= fields(response)
    assert not ProgressReport.objects.exists()


def test_a_second_report_in_a_round_is_refused_with_field_errors(
    client, published_pledge, focal_point_token, secretariat
):
    import datetime

    from django.utils import timezone

    from localcompacts.progress.services import round_open

    now = timezone.now()
    round_open(
        by=secretariat,
        title="R",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    url = f"/api/v1/pledges/{published_pledge.pk}/progress-reports"
    first = send(client, "post", url, focal_point_token, report_body(published_pledge))
    assert first.status_code == 201
    response = send(client, "post", url, focal_point_token, report_body(published_pledge))
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "message": "Some fields are not valid.",
        "errors": [{"field": "", "message": "A report for this pledge was already filed in “R”."}],
    }


def test_report_permissions(
    client, government, published_pledge, other_focal_point_token, reviewer_token, focal_point_token
):
    url = f"/api/v1/pledges/{published_pledge.pk}/progress-reports"
    body = report_body(published_pledge)
    assert send(client, "post", url, other_focal_point_token, body).status_code == 403
    assert send(client, "post", url, reviewer_token, body).status_code == 403
    draft = PledgeFactory(owners=[government])
    draft_url = f"/api/v1/pledges/{draft.pk}/progress-reports"
    assert send(client, "post", draft_url, other_focal_point_token, body).status_code == 404
    assert send(client, "post", draft_url, focal_point_token, body).status_code == 403
    assert not ProgressReport.objects.exists()


# --- Bulk upsert --------------------------------------------------------------------------------

GOVERNMENTS = [
    {"external_id": "G-1", "name": "Freetown", "country": "SLE", "population": 1200000},
    {"external_id": "G-2", "name": "Kampala", "country": "UGA", "website": "https://kcca.go.ug"},
]
PLEDGES = [
    {
        "external_id": "P-1",
        "title": "Shelter network",
        "owners": ["G-1"],
        "objectives": ["GCM-15", "GCR-2"],
        "description": "<p>Beds for new arrivals.</p>",
        "budget": 1000,
        "currency": "USD",
    },
    {"external_id": "P-2", "title": "Jobs desk", "owners": ["G-2", "G-1"], "matches": "P-1"},
]


def snapshot():
    return (
        sorted(LocalGovernment.objects.values_list("external_id", "name", "population", "website")),
        sorted(
            Pledge.objects.values_list(
                "external_id", "title", "status", "budget", "currency", "matches__external_id"
            )
        ),
        sorted(
            Pledge.objects.values_list("external_id", "owners__external_id", "objectives__code")
        ),
    )


def test_bulk_upsert_is_idempotent(client, secretariat_token):
    response = send(
        client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": GOVERNMENTS}
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"rows": 2, "created": 2, "updated": 0}
    body = {"rows": PLEDGES, "state": "published"}
    response = send(client, "post", "/api/v1/bulk/pledges", secretariat_token, body)
    assert response.json() == {"rows": 2, "created": 2, "updated": 0}
    before = snapshot()
    assert before[1][1][-1] == "P-1"  # P-2 matches P-1
    again = send(client, "post", "/api/v1/bulk/pledges", secretariat_token, body)
    assert again.json() == {"rows": 2, "created": 0, "updated": 2}
    send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": GOVERNMENTS})
    assert snapshot() == before
    assert client.get("/api/v1/pledges").json()["count"] == 2


def test_bulk_is_all_or_nothing_with_row_errors(client, secretariat_token):
    rows = [
        GOVERNMENTS[0],
        {"external_id": "G-3", "name": "", "country": "XXX"},
        {"external_id": "G-4", "name": "Lyon", "country": "FRA", "latitude": 200},
    ]
    response = send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": rows})
    assert response.status_code == 422
    assert {"rows.1.name", "rows.1.country", "rows.2.latitude"} <= fields(response)
    assert not LocalGovernment.objects.filter(external_id__in=["G-1", "G-4"]).exists()
    response = send(
        client,
        "post",
        "/api/v1/bulk/pledges",
        secretariat_token,
        {"rows": [{"external_id": "P-9", "title": "x", "owners": ["nobody"]}, {"title": "y"}]},
    )
    assert response.status_code == 422
    assert {"rows.0.owners", "rows.1.external_id", "rows.1.owners"} <= fields(response)
    assert not Pledge.objects.exists()


def test_only_the_secretariat_bulk_upserts(client, focal_point_token, reviewer_token):
    for token in (focal_point_token, reviewer_token):
        response = send(client, "post", "/api/v1/bulk/governments", token, {"rows": GOVERNMENTS})
        assert response.status_code == 403
    assert not LocalGovernment.objects.filter(external_id="G-1").exists()


def test_bulk_draft_pledges_never_appear_in_lists(client, secretariat_token):
    send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": GOVERNMENTS})
    send(client, "post", "/api/v1/bulk/pledges", secretariat_token, {"rows": PLEDGES})
    assert Pledge.objects.filter(status=PledgeStatus.DRAFT).count() == 2
    assert client.get("/api/v1/pledges").json()["count"] == 0
    assert client.get("/api/v1/pledges", **bearer(secretariat_token)).json()["count"] == 0
    statistics = client.get("/api/v1/statistics").json()
    assert statistics["published"] == 0 and statistics["progress"]["total"] == 0


def test_unreadable_bodies_are_400_and_oversized_ones_413_in_the_error_shape(
    client, government, focal_point_token, settings
):
    response = client.post(
        "/api/v1/pledges", data="\x00", content_type="application/json", **bearer(focal_point_token)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = send(client, "post", "/api/v1/pledges", focal_point_token, new_draft())
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_create_with_an_incomplete_indicator_and_other_errors_is_a_422_not_a_500(
    client, government, focal_point_token
):
    """Found by schemathesis: an indicator without a unit beside another invalid field was a 500."""
    body = new_draft(
        description="too short",
        objectives=["GCM-15"],
        indicators=[{"name": "People reached", "target": None}],
    )
    response = client.post(
        "/api/v1/pledges",
        json.dumps(body),
        content_type="application/json",
        **bearer(focal_point_token),
    )
    assert response.status_code == 422, response.content
    assert any(field.startswith("indicators.0") for field in fields(response))


def test_bulk_upsert_refuses_to_rekey_a_government_found_by_slug(
    client, secretariat_token, secretariat
):
    """A new external id whose slug is another government's: refused, nothing overwritten."""
    send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": GOVERNMENTS})
    row = {"external_id": "G-9", "name": "Freetown", "country": "SLE", "population": 5}
    response = send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": [row]})
    assert response.status_code == 422
    problem = response.json()["errors"][0]
    assert problem["field"] == "rows.0.external_id"
    assert "belongs to Freetown, whose external id is “G-1”" in problem["message"]
    freetown = LocalGovernment.objects.get(slug="freetown")
    assert freetown.external_id == "G-1" and freetown.country.iso3 == "SLE"
    # Two new rows of one file that share a slug under two ids: the second is refused too.
    rows = [
        {"external_id": "G-20", "name": "Gulu", "country": "UGA"},
        {"external_id": "G-21", "name": "Gulu", "country": "UGA"},
    ]
    response = send(client, "post", "/api/v1/bulk/governments", secretariat_token, {"rows": rows})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["rows.1.external_id"]
    assert not LocalGovernment.objects.filter(slug="gulu").exists()


def test_the_upsert_service_itself_refuses_a_rekey_with_a_conflict(secretariat):
    from localcompacts.core.errors import ConflictError
    from localcompacts.publications.exchange.importing import check_governments
    from localcompacts.publications.exchange.services import government_upsert

    first = check_governments([(2, {"external_id": "G-1", "name": "Freetown", "country": "SLE"})])
    government_upsert(data=first.rows[0][1], by=secretariat)
    second = dict(first.rows[0][1], external_id="G-9", name="Someone else")
    with pytest.raises(ConflictError) as refused:
        government_upsert(data=second, by=secretariat)
    assert refused.value.status == 409
    assert "“G-1”" in refused.value.message
    assert LocalGovernment.objects.get(slug="freetown").name == "Freetown"
