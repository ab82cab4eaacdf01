import pytest
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus
from tests.factories import PledgeFactory

from .conftest import bearer

UNPUBLISHED = [s for s in PledgeStatus.values if s != PledgeStatus.PUBLISHED]


@pytest.fixture
def pledges(government, other_government):
    published = PledgeFactory(
        title="Welcome centre", status=PledgeStatus.PUBLISHED, owners=[government]
    )
    practice = PledgeFactory(
        title="Language cafés",
        kind="practice",
        status=PledgeStatus.PUBLISHED,
        owners=[other_government],
        objectives=["GCR-2"],
    )
    hidden = [
        PledgeFactory(title=f"Hidden {status}", status=status, owners=[government])
        for status in UNPUBLISHED
    ]
    return {"published": published, "practice": practice, "hidden": hidden}


def test_list_holds_published_pledges_only(anonymous_client, pledges):
    response = anonymous_client.get("/api/v1/pledges")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {item["title"] for item in body["items"]} == {"Welcome centre", "Language cafés"}
    assert all(item["status"] == "published" for item in body["items"])
    item = next(i for i in body["items"] if i["title"] == "Welcome centre")
    assert item["owners"] == [{"slug": "dakar", "name": "Dakar", "country": "SEN"}]
    assert item["objectives"] == ["GCM-15"]
    assert item["url"].startswith("http://testserver" + reverse("pledges:catalogue"))


@pytest.mark.parametrize("token_fixture", ["focal_point_token", "reviewer_token"])
def test_list_never_shows_unpublished_even_with_a_token(
    anonymous_client, pledges, token_fixture, request
):
    secret = request.getfixturevalue(token_fixture)
    body = anonymous_client.get("/api/v1/pledges?page_size=100", **bearer(secret)).json()
    assert {item["status"] for item in body["items"]} == {"published"}
    assert body["count"] == 2


def test_list_uses_the_catalogue_filters(anonymous_client, pledges):
    body = anonymous_client.get("/api/v1/pledges?kind=practice").json()
    assert [item["title"] for item in body["items"]] == ["Language cafés"]
    body = anonymous_client.get("/api/v1/pledges?objective=GCM-15").json()
    assert [item["title"] for item in body["items"]] == ["Welcome centre"]
    body = anonymous_client.get("/api/v1/pledges?q=cafés").json()
    assert [item["title"] for item in body["items"]] == ["Language cafés"]
    body = anonymous_client.get("/api/v1/pledges?compact=GCR").json()
    assert [item["title"] for item in body["items"]] == ["Language cafés"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("objective=GCM-99", "objective.0"),
        ("sdg=SDG-18", "sdg.0"),
        ("kind=promise", "kind.0"),
        ("year=1999", "year.0"),
        ("sort=random", "sort"),
        ("country=sen", "country.0"),
        ("q=" + "x" * 201, "q"),
        ("page=0", "page"),
        ("page_size=101", "page_size"),
        ("page=abc", "page"),
        ("lang=de", "lang"),
    ],
)
def test_list_rejects_invalid_parameters_with_field_errors(anonymous_client, query, field):
    response = anonymous_client.get(f"/api/v1/pledges?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"]
    assert field in [error["field"] for error in body["errors"]]


def test_pagination_bounds_and_links(anonymous_client, government):
    PledgeFactory.create_batch(5, status=PledgeStatus.PUBLISHED, owners=[government])
    first = anonymous_client.get("/api/v1/pledges?page_size=2").json()
    assert (first["count"], first["pages"], first["page"], len(first["items"])) == (5, 3, 1, 2)
    assert first["previous"] is None
    assert "page=2" in first["next"]
    last = anonymous_client.get("/api/v1/pledges?page_size=2&page=3").json()
    assert len(last["items"]) == 1 and last["next"] is None and "page=2" in last["previous"]
    beyond = anonymous_client.get("/api/v1/pledges?page_size=2&page=9").json()
    assert beyond["items"] == [] and beyond["count"] == 5
    assert anonymous_client.get("/api/v1/pledges?page_size=100").status_code == 200
    # Every item exactly once across pages: the order is total even with equal publication times.
    seen = [
        item["id"]
        for page in (1, 2, 3)
        for item in anonymous_client.get(f"/api/v1/pledges?page_size=2&page={page}").json()["items"]
    ]
    assert len(seen) == len(set(seen)) == 5


def test_detail_of_a_published_pledge(anonymous_client, pledges):
    pledge = pledges["published"]
    response = anonymous_client.get(f"/api/v1/pledges/{pledge.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == pledge.pk
    assert body["description_html"].startswith("<p>")
    assert body["indicators"] == []


def test_detail_of_unpublished_or_missing_is_404_with_an_error_body(anonymous_client, pledges):
    for pledge in pledges["hidden"]:
        response = anonymous_client.get(f"/api/v1/pledges/{pledge.pk}")
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "Not found.", "errors": []}
    assert anonymous_client.get("/api/v1/pledges/999999").status_code == 404
    assert anonymous_client.get("/api/v1/pledges/0").status_code == 422
    assert anonymous_client.get("/api/v1/pledges/99999999999999999999").status_code == 422


def test_focal_points_token_sees_own_draft_and_not_another_governments(
    anonymous_client, government, focal_point_token, other_focal_point_token, reviewer_token
):
    draft = PledgeFactory(status=PledgeStatus.DRAFT, owners=[government])
    url = f"/api/v1/pledges/{draft.pk}"
    assert anonymous_client.get(url).status_code == 404
    own = anonymous_client.get(url, **bearer(focal_point_token))
    assert own.status_code == 200 and own.json()["status"] == "draft"
    assert own["Cache-Control"].startswith("private")
    assert anonymous_client.get(url, **bearer(other_focal_point_token)).status_code == 404
    # never submitted: private to its owners, reviewers included
    assert anonymous_client.get(url, **bearer(reviewer_token)).status_code == 404
    assert (
        anonymous_client.get(f"{url}/progress", **bearer(other_focal_point_token)).status_code
        == 404
    )


def test_session_login_does_not_open_drafts(focal_point_client, government):
    """Only tokens authenticate the API; a signed-in browser reads it like the public."""
    draft = PledgeFactory(status=PledgeStatus.DRAFT, owners=[government])
    assert focal_point_client.get(f"/api/v1/pledges/{draft.pk}").status_code == 404


def test_progress_history_without_accepted_reports_is_empty(anonymous_client, pledges):
    response = anonymous_client.get(f"/api/v1/pledges/{pledges['published'].pk}/progress")
    assert response.status_code == 200
    assert response.json() == []
    hidden = pledges["hidden"][0]
    assert anonymous_client.get(f"/api/v1/pledges/{hidden.pk}/progress").status_code == 404


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("anonymous", PledgeStatus.DRAFT, 404),
        ("owner_focal_point", PledgeStatus.DRAFT, 200),
        ("other_focal_point", PledgeStatus.DRAFT, 404),
        ("reviewer", PledgeStatus.DRAFT, 404),
        ("secretariat", PledgeStatus.DRAFT, 404),
        ("reviewer", PledgeStatus.CHANGES_REQUESTED, 200),
        ("secretariat", PledgeStatus.CHANGES_REQUESTED, 200),
        ("member", PledgeStatus.DRAFT, 404),
        ("anonymous", PledgeStatus.SUBMITTED, 404),
        ("other_focal_point", PledgeStatus.SUBMITTED, 404),
        ("owner_focal_point", PledgeStatus.SUBMITTED, 200),
        ("anonymous", PledgeStatus.PUBLISHED, 200),
        ("other_focal_point", PledgeStatus.PUBLISHED, 200),
    ],
)
def test_permission_matrix_of_pledge_detail_by_token(
    anonymous_client,
    government,
    focal_point,
    other_focal_point,
    reviewer,
    secretariat,
    who,
    status,
    expected,
):
    from localcompacts.api.services import api_token_create
    from tests.factories import UserFactory

    users = {
        "owner_focal_point": focal_point,
        "other_focal_point": other_focal_point,
        "reviewer": reviewer,
        "secretariat": secretariat,
        "member": UserFactory(),
    }
    headers = {} if who == "anonymous" else bearer(api_token_create(user=users[who], name="t")[1])
    pledge = PledgeFactory(status=status, owners=[government])
    assert anonymous_client.get(f"/api/v1/pledges/{pledge.pk}", **headers).status_code == expected
    progress = anonymous_client.get(f"/api/v1/pledges/{pledge.pk}/progress", **headers)
    assert progress.status_code == expected


def test_error_message_follows_the_language(anonymous_client, db):
    body = anonymous_client.get("/api/v1/pledges/999999?lang=fr").json()
    assert body == {"code": "not_found", "message": "Introuvable.", "errors": []}
    body = anonymous_client.get("/api/v1/pledges?kind=x", HTTP_ACCEPT_LANGUAGE="es").json()
    assert body["message"] == "Algunos parámetros no son válidos."
