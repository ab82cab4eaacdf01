"""A focal point endorses the declaration, the secretariat verifies it, a visitor finds it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..factories import PDF_BYTES
from .conftest import BROWSER

pytestmark = BROWSER


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _log_in(page, base, email):
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def test_endorsement_journey(
    live_server, browser, focal_point, secretariat, tmp_path, csp_violations
):
    letter = tmp_path / "Lettre signée.pdf"
    letter.write_bytes(PDF_BYTES)

    focal = browser.new_page()
    _log_in(focal, live_server.url, focal_point.email)
    focal.get_by_role("link", name="My account").click()
    focal.get_by_role("link", name="Endorse the declaration").click()
    focal.get_by_label("Name of the signatory").fill("Soham El Wardini")
    focal.get_by_label("Title of the signatory").fill("Mayor")
    focal.get_by_label("Date signed").fill("2019-03-01")
    focal.get_by_label("Signed endorsement letter (PDF)").set_input_files(str(letter))
    focal.get_by_role("button", name="Send the endorsement").click()
    expect(focal.get_by_role("heading", level=1)).to_have_text("Endorsement by Dakar")
    expect(focal.get_by_text("Awaiting verification")).to_be_visible()

    admin = browser.new_page()
    _log_in(admin, live_server.url, secretariat.email)
    admin.goto(live_server.url + reverse("secretariat:secretariat"))
    admin.get_by_role("link", name="declaration endorsements awaiting verification").click()
    admin.get_by_role("link", name="Dakar").click()
    admin.get_by_role("button", name="Verify and publish").click()
    expect(admin.get_by_text("The endorsement is verified and now public.")).to_be_visible()

    visitor = browser.new_page()
    visitor.goto(live_server.url + reverse("explore:home"))
    visitor.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Marrakech Mayors Declaration"
    ).click()
    table = visitor.get_by_role("table", name="Verified endorsements")
    expect(table.get_by_role("link", name="Dakar")).to_be_visible()
    expect(visitor.get_by_role("row", name="Africa 1")).to_be_visible()
