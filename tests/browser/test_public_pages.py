"""The public pages in Chromium: axe-core finds no serious or critical problem, and the catalogue's
filters work with the keyboard alone (htmx updates the results and the address)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from .conftest import BROWSER

pytestmark = BROWSER


@pytest.fixture
def published(government):
    import datetime

    Endorsement.objects.create(
        government=government,
        signatory_name="Mayor",
        signatory_title="Mayor",
        signed_on=datetime.date(2018, 12, 10),
        status=EndorsementStatus.VERIFIED,
    )
    first = PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        title="Interpreters in every health clinic",
        objectives=["GCM-15"],
        kind="pledge",
    )
    PledgeFactory(
        owners=[LocalGovernmentFactory(name="Thiès")],
        status=PledgeStatus.PUBLISHED,
        title="Jobs for refugees",
        objectives=["GCR-2", "GCM-15"],
        kind="practice",
    )
    return first


def test_public_pages_have_no_serious_accessibility_violations(live_server, page, published):
    axe = Axe()
    for path in [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        reverse("pledges:catalogue") + "?q=interpreters&kind=pledge",
        published.get_absolute_url(),
        reverse("governments:detail", kwargs={"slug": "dakar"}),
        reverse("explore:map"),
        reverse("explore:map") + "?government=dakar",
        reverse("explore:statistics"),
    ]:
        page.goto(live_server.url + path)
        result = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{path}: {serious}"


def test_filters_can_be_used_with_the_keyboard_alone(live_server, page, published):
    page.goto(live_server.url + reverse("pledges:catalogue"))
    expect(page.get_by_role("status")).to_contain_text("2 published pledges and practices")
    practice = page.get_by_role("checkbox", name=re.compile(r"^Practice"))
    practice.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"kind=practice"))
    expect(page.get_by_role("status")).to_contain_text("1 published pledge or practice")
    expect(page.get_by_role("link", name="Jobs for refugees")).to_be_visible()
    expect(page.get_by_role("link", name="Interpreters in every health clinic")).to_have_count(0)
    # htmx kept the focus on the same checkbox after swapping the results
    expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).to_be_focused()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).to_be_checked()

    search = page.get_by_label("Search words")
    search.focus()
    page.keyboard.type("nothingmatchesthis")
    page.keyboard.press("Enter")
    expect(page.get_by_text("No published pledge or practice matches this search.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=nothingmatchesthis"))

    # the address is shareable: opening it again gives the same state without JavaScript help
    page.goto(live_server.url + reverse("pledges:catalogue") + "?kind=practice")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).to_be_checked()


def test_map_markers_are_keyboard_links_to_a_summary(live_server, page, published):
    page.goto(live_server.url + reverse("explore:map"))
    marker = page.get_by_role("link", name=re.compile(r"^Dakar, Senegal: 1 pledge"))
    marker.focus()
    page.keyboard.press("Enter")
    summary = page.get_by_role("region", name="Dakar")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name="See the profile of Dakar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dakar")
