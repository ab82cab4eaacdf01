"""A focal point creates an API token, uses it, revokes it; the API docs load with no external request."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory
from .conftest import BROWSER

pytestmark = BROWSER


def _api_status(page, url: str, token: str) -> int:
    return page.evaluate(
        "([url, token]) => fetch(url, {headers: {Authorization: 'Bearer ' + token}})"
        ".then(r => r.status)",
        [url, token],
    )


def test_focal_point_creates_uses_and_revokes_a_token(live_server, page, focal_point, government):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill("focal@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("navigation", name="Account").get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_label("Token name")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Token name").fill("City dashboard")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert re.fullmatch(r"lc_[0-9a-f]{8}_\S+", secret)
    assert _api_status(page, f"/api/v1/pledges/{draft.pk}", secret) == 200

    page.get_by_role("button", name="Revoke City dashboard").click()
    expect(page.get_by_role("row", name=re.compile("City dashboard"))).to_contain_text("Revoked")
    assert _api_status(page, f"/api/v1/pledges/{draft.pk}", secret) == 401


def test_api_docs_load_without_external_requests(live_server, page):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.get_by_text("Local Compacts API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/pledges/{pledge_id}").first).to_be_visible()
    assert outside == []
