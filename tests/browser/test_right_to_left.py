"""Arabic is laid out right to left in a real browser: the catalogue, a pledge page, the editor
and the review page. Screenshots go to var/test-artefacts/rtl/ (TEST_ARTEFACTS_DIR overrides;
never committed) for a person to look at; the assertions check the layout itself."""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory
from ..pledges.helpers import draft, submitted
from ..urls import url_in
from .conftest import BROWSER

pytestmark = BROWSER

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("TEST_ARTEFACTS_DIR", ROOT / "var" / "test-artefacts")) / "rtl"


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _shoot(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def _style(page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(f"e => getComputedStyle(e)['{prop}']")


@pytest.fixture
def published(government):
    return PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        title="Open a welcome centre in Dakar",
        budget="450000.00",
        currency="XOF",
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_catalogue_facets_sit_at_the_start_side(live_server, page, published, language):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url_in(language, "pledges:catalogue"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    facets, results = _box(page, ".facets"), _box(page, ".results")
    if language == "ar":
        _shoot(page, "catalogue")
        assert facets["x"] > results["x"], "the facet column is on the right in Arabic"
        # The search box comes first on the right, its button after it on the left.
        assert _box(page, "#catalogue-q")["x"] > _box(page, ".search-row button")["x"]
    else:
        assert facets["x"] < results["x"], "the facet column is on the left in English"


def test_pledge_page_mirrors_its_marks_and_keeps_the_map_and_numbers(live_server, page, published):
    page.goto(
        live_server.url + url_in("ar", "pledges:detail", pk=published.pk, slug=published.slug)
    )
    _shoot(page, "pledge")
    # border-inline-start of the citation resolves to the right-hand border.
    assert _style(page, "#citation", "borderRightWidth") == "4px"
    assert _style(page, "#citation", "borderLeftWidth") == "0px"
    assert _style(page, "main", "direction") == "rtl"
    # The skip link hides off the start side, which is the right in Arabic.
    skip = _box(page, ".skip-link")
    assert skip["x"] > page.viewport_size["width"] or skip["x"] + skip["width"] < 0


def test_editor_is_right_to_left(live_server, page, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    _sign_in(page, live_server, focal_point)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url_in("ar", "workspace:edit", pk=pledge.pk, step="basics"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _shoot(page, "editor")
    field = page.locator("main input[type=text], main textarea").first
    label_box = page.locator("main label").first.bounding_box()
    field_box = field.bounding_box()
    # Labels and fields start at the right edge of the form.
    main_box = _box(page, "main")
    right_edge = main_box["x"] + main_box["width"]
    assert right_edge - (label_box["x"] + label_box["width"]) < 40
    assert right_edge - (field_box["x"] + field_box["width"]) < 40
    assert _style(page, "main label", "textAlign") in ("start", "right")


def test_review_page_is_right_to_left(live_server, page, government, focal_point, reviewer):
    pledge = submitted(government=government, by=focal_point)
    _sign_in(page, live_server, reviewer)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url_in("ar", "workspace:review-item", pk=pledge.pk))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _shoot(page, "review")
    heading = _box(page, "main h1")
    main_box = _box(page, "main")
    # The heading starts at the right edge.
    assert (main_box["x"] + main_box["width"]) - (heading["x"] + heading["width"]) < 40
