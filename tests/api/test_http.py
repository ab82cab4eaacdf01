"""Behaviour shared by every operation: ETag/304, CORS, errors, methods, throttling, docs."""

import pytest
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus
from tests.factories import PledgeFactory

from .conftest import bearer


def test_etag_and_304(anonymous_client, government):
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    first = anonymous_client.get("/api/v1/pledges")
    etag = first["ETag"]
    assert etag.startswith('"')
    again = anonymous_client.get("/api/v1/pledges", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    weak = anonymous_client.get("/api/v1/pledges", HTTP_IF_NONE_MATCH=f'"x", W/{etag}')
    assert weak.status_code == 304
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    changed = anonymous_client.get("/api/v1/pledges", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_etag_differs_by_language(anonymous_client, db):
    english = anonymous_client.get("/api/v1/sdgs")["ETag"]
    french = anonymous_client.get("/api/v1/sdgs?lang=fr")["ETag"]
    assert english != french


def test_cors_is_open_for_reads_only(anonymous_client, db):
    response = anonymous_client.get("/api/v1/sdgs", HTTP_ORIGIN="https://example.net")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = anonymous_client.options(
        "/api/v1/sdgs",
        HTTP_ORIGIN="https://example.net",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET"
    assert "Authorization" not in preflight["Access-Control-Allow-Headers"]
    # Pages outside the API do not get CORS headers.
    assert not anonymous_client.get(reverse("pledges:catalogue")).has_header(
        "Access-Control-Allow-Origin"
    )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/pledges", "/api/v1/sdgs", "/api/v1/governments/dakar"])
def test_anonymous_cannot_write(anonymous_client, government, method, path):
    response = getattr(anonymous_client, method)(path, data="{}", content_type="application/json")
    if (method, path) == ("post", "/api/v1/pledges"):  # a partner write: a token is required
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"
        return
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_token_cannot_write_where_there_is_no_write(anonymous_client, focal_point_token):
    response = anonymous_client.post(
        "/api/v1/sdgs", data="{}", content_type="application/json", **bearer(focal_point_token)
    )
    assert response.status_code == 405


def test_unknown_api_address_answers_a_json_404(anonymous_client, db):
    response = anonymous_client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found.", "errors": []}


@pytest.mark.parametrize(
    "header",
    ["Bearer lc_00000000_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc"],
)
def test_a_bad_authorization_header_is_401_not_anonymous(anonymous_client, db, header):
    response = anonymous_client.get("/api/v1/sdgs", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_throttle_per_ip_answers_429_with_retry_after(anonymous_client, db, settings):
    settings.API_THROTTLE_ANON = "3/min"
    for _ in range(3):
        assert anonymous_client.get("/api/v1/sdgs").status_code == 200
    response = anonymous_client.get("/api/v1/sdgs")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response["Retry-After"] == "30"  # the rest of the minute
    # Another address has its own window.
    assert anonymous_client.get("/api/v1/sdgs", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_token_throttle_is_per_token(
    anonymous_client, focal_point_token, other_focal_point_token, settings
):
    settings.API_THROTTLE_ANON = "1/min"
    settings.API_THROTTLE_TOKEN = "2/hour"
    for _ in range(2):
        assert anonymous_client.get("/api/v1/sdgs", **bearer(focal_point_token)).status_code == 200
    limited = anonymous_client.get("/api/v1/sdgs", **bearer(focal_point_token))
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3570"  # the rest of the hour
    # The token's limit is its own: another token, and anonymous use, are counted apart.
    assert (
        anonymous_client.get("/api/v1/sdgs", **bearer(other_focal_point_token)).status_code == 200
    )
    assert anonymous_client.get("/api/v1/sdgs").status_code == 200


def test_bad_throttle_setting_is_a_system_check_error(settings):
    from localcompacts.api.throttling import check_rates

    settings.API_THROTTLE_ANON = "lots"
    assert [error.id for error in check_rates()] == ["api.E001"]
    settings.API_THROTTLE_ANON = "10/min"
    assert check_rates() == []


def test_docs_are_served_without_any_external_request(anonymous_client, db):
    response = anonymous_client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert '"validatorUrl": null' in html
    schema = anonymous_client.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Local Compacts API"


def test_guessing_tokens_is_throttled_per_ip(anonymous_client, db, settings):
    settings.API_THROTTLE_ANON = "2/min"
    wrong = {"HTTP_AUTHORIZATION": "Bearer lc_00000000_guess"}
    assert anonymous_client.get("/api/v1/sdgs", **wrong).status_code == 401
    assert anonymous_client.get("/api/v1/sdgs", **wrong).status_code == 401
    response = anonymous_client.get("/api/v1/sdgs", **wrong)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.parametrize("debug", [False, True])
def test_an_oversized_body_is_a_json_413_on_a_write(
    anonymous_client, government, focal_point_token, settings, debug
):
    """Over DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB): one JSON refusal naming the limit, never a 500
    nor, under DEBUG, a traceback page."""
    settings.DEBUG = debug
    body = '{"title": "' + "x" * (6 * 1024 * 1024) + '"}'
    response = anonymous_client.post(
        "/api/v1/pledges", data=body, content_type="application/json", **bearer(focal_point_token)
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "too_large",
        "message": "The request body is larger than 5 MiB; send less at a time.",
        "errors": [],
    }
