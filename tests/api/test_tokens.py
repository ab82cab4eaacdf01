import hashlib
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from localcompacts.api.audit import ApiAction
from localcompacts.api.models import ApiToken
from localcompacts.api.services import (
    MAX_ACTIVE_TOKENS,
    ApiTokenError,
    api_token_create,
    api_token_revoke,
)
from localcompacts.core.models import AuditEntry

from ..urls import url_in
from .conftest import bearer


def test_token_is_stored_hashed_and_shown_once(focal_point):
    token, secret = api_token_create(user=focal_point, name="  city   dashboard ")
    assert re.fullmatch(r"lc_[0-9a-f]{8}_[-\w]{43}", secret)
    token.refresh_from_db()
    assert token.name == "city dashboard"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.split("_")[1] == token.prefix
    # The secret is nowhere in the row.
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    random_part = secret.split("_", 2)[2]  # may itself contain "_"
    assert not any(secret in value or random_part in value for value in stored)
    assert AuditEntry.objects.filter(
        action=ApiAction.TOKEN_CREATED, target_id=str(token.pk)
    ).exists()


def test_token_authenticates_and_records_last_use(anonymous_client, focal_point):
    token, secret = api_token_create(user=focal_point, name="x")
    assert token.last_used_at is None
    assert anonymous_client.get("/api/v1/sdgs", **bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_and_inactive_user_are_refused(anonymous_client, focal_point):
    token, secret = api_token_create(user=focal_point, name="x")
    api_token_revoke(token=token, by=focal_point)
    assert anonymous_client.get("/api/v1/sdgs", **bearer(secret)).status_code == 401
    assert AuditEntry.objects.filter(action=ApiAction.TOKEN_REVOKED).count() == 1
    api_token_revoke(token=token, by=focal_point)  # twice is harmless
    assert AuditEntry.objects.filter(action=ApiAction.TOKEN_REVOKED).count() == 1

    _token, other = api_token_create(user=focal_point, name="y")
    focal_point.is_active = False
    focal_point.save()
    assert anonymous_client.get("/api/v1/sdgs", **bearer(other)).status_code == 401


def test_token_name_is_required_and_active_tokens_are_capped(focal_point):
    with pytest.raises(ApiTokenError):
        api_token_create(user=focal_point, name="   ")
    for n in range(MAX_ACTIVE_TOKENS):
        api_token_create(user=focal_point, name=f"t{n}")
    with pytest.raises(ApiTokenError):
        api_token_create(user=focal_point, name="one too many")


# --- The account page ---------------------------------------------------------------------------


def test_tokens_page_needs_login(anonymous_client):
    response = anonymous_client.get(reverse("api_tokens:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_create_a_token_on_the_page_shows_it_once(focal_point_client, focal_point):
    page = focal_point_client.get(reverse("api_tokens:list"))
    assert page.status_code == 200
    assert b"You have no API tokens yet." in page.content
    response = focal_point_client.post(reverse("api_tokens:list"), {"name": "Open data portal"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(rb'value="(lc_[^"]+)"', response.content).group(1).decode()
    assert ApiToken.objects.get(user=focal_point).secret_hash == (
        hashlib.sha256(secret.encode()).hexdigest()
    )
    again = focal_point_client.get(reverse("api_tokens:list"))
    assert b"Open data portal" in again.content
    assert secret.encode() not in again.content


def test_create_with_an_empty_name_shows_the_error_next_to_the_field(focal_point_client):
    response = focal_point_client.post(reverse("api_tokens:list"), {"name": ""})
    assert response.status_code == 422
    assert b'aria-invalid="true"' in response.content
    assert not ApiToken.objects.exists()


def test_revoke_on_the_page(focal_point_client, focal_point, anonymous_client):
    token, secret = api_token_create(user=focal_point, name="old script")
    assert (
        focal_point_client.get(reverse("api_tokens:revoke", kwargs={"pk": token.pk})).status_code
        == 405
    )
    response = focal_point_client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert anonymous_client.get("/api/v1/sdgs", **bearer(secret)).status_code == 401


def test_nobody_can_revoke_someone_elses_token(other_focal_point_client, focal_point):
    token, _secret = api_token_create(user=focal_point, name="mine")
    assert (
        other_focal_point_client.post(
            reverse("api_tokens:revoke", kwargs={"pk": token.pk})
        ).status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_account_menu_links_to_the_tokens_page(focal_point_client):
    assert (
        f'href="{reverse("api_tokens:list")}"'.encode()
        in focal_point_client.get(reverse("explore:home")).content
    )


def test_tokens_page_in_french(focal_point_client):
    response = focal_point_client.get(url_in("fr", "api_tokens:list"))
    assert "Jetons d’API".encode() in response.content


def test_command_line_token(focal_point, capsys):
    call_command("api_token_create", email="focal@example.org", name="ci")
    secret = capsys.readouterr().out.strip()
    assert (
        ApiToken.objects.get(name="ci").secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    )
