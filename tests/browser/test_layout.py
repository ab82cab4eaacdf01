"""The base layout used with a keyboard and in another language, in a real browser."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory
from .conftest import BROWSER

pytestmark = BROWSER


@pytest.fixture
def published(government):
    return PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Open a welcome centre in Dakar"
    )


def test_keyboard_user_skips_to_content_and_switches_language(live_server, page, published):
    page.goto(live_server.url + reverse("explore:home"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(
        page.get_by_role("navigation", name="Principal").get_by_role(
            "link", name="Engagements et pratiques"
        )
    ).to_be_visible()

    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Engagements et pratiques"
    ).click()
    page.get_by_role("link", name="Open a welcome centre in Dakar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a welcome centre in Dakar")


def test_layout_fits_a_360_pixel_screen(live_server, page, published):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("explore:home"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
