"""The matching queue end to end: a need meets an offer, the worker suggests the match, a
reviewer introduces the two sides, both accept, and the partnership is public."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.matching import services
from localcompacts.matching.models import Match, MatchKind, MatchStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ReviewerFactory,
)
from .conftest import BROWSER

pytestmark = BROWSER
PASSWORD = "correct horse battery"
TEXT = "mobile health clinics with interpreters in informal settlements"


def log_in(page, base_url, email):
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", startup_delay=False, interval=0, verbosity=0
    )


@pytest.fixture
def two_pledges():
    needing_city = LocalGovernmentFactory(name="Kampala", slug="kampala")
    offering_city = LocalGovernmentFactory(name="Medellín", slug="medellin")
    FocalPointUserFactory(email="focal@example.org", government=needing_city)
    offering_focal = FocalPointUserFactory(email="focal2@example.org", government=offering_city)
    ReviewerFactory(email="reviewer@example.org")
    needing = PledgeFactory(
        owners=[needing_city], status=PledgeStatus.PUBLISHED, title="Health for newcomers"
    )
    offering = PledgeFactory(
        owners=[offering_city], status=PledgeStatus.PUBLISHED, title="Health mediators"
    )
    services.needs_offers_save(
        by=offering_focal,
        pledge=offering,
        rows=[
            {
                "direction": "offer",
                "item_type": "peer_exchange",
                "objectives": list(Objective.objects.filter(code="GCM-15")),
                "population_groups": list(PopulationGroup.objects.filter(code="refugees")),
                "languages": ["es"],
                "description": TEXT,
                "is_open": True,
            }
        ],
    )
    return needing, offering


def test_suggest_introduce_accept_and_show_publicly(live_server, page, two_pledges):
    needing, offering = two_pledges
    base = live_server.url

    # The owner states a need in the editor's "Needs and offers" page.
    log_in(page, base, "focal@example.org")
    page.goto(base + reverse("matching:pledge-edit", kwargs={"pk": needing.pk}))
    page.get_by_label("Need or offer").select_option("need")
    page.get_by_label("Type").select_option("peer_exchange")
    page.locator("#id_items-0-objectives").select_option(
        value=str(Objective.objects.get(code="GCM-15").pk)
    )
    page.get_by_role("checkbox", name="Refugees", exact=True).check()
    page.get_by_role("checkbox", name="Español", exact=True).check()
    page.get_by_label("In a few words").fill(TEXT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Needs and offers saved.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    run_worker()  # the suggestion is computed on the worker, not in the request
    match = Match.objects.get()
    assert match.status == MatchStatus.SUGGESTED

    # A reviewer sees it in the matching queue and introduces the two sides.
    log_in(page, base, "reviewer@example.org")
    page.goto(base + reverse("matching:home"))
    expect(page.get_by_role("heading", name="Matching queue")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Health for newcomers")
    expect(row).to_contain_text("GCM-15")
    row.get_by_role("button", name="Introduce").click()
    expect(page.get_by_text("Both sides were sent an introduction.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # Each side accepts in its workspace; contacts appear only once both have.
    for email, other in (
        ("focal@example.org", "focal2@example.org"),
        ("focal2@example.org", "focal@example.org"),
    ):
        log_in(page, base, email)
        page.goto(base + reverse("matching:home"))
        page.get_by_role("link", name="Introduced").click()
        expect(page.get_by_text(other)).to_have_count(0)
        page.get_by_role("button", name="Accept the introduction").click()
        expect(page.get_by_text("Your answer was recorded.")).to_be_visible()
        if email == "focal2@example.org":
            expect(page.get_by_role("link", name=other)).to_be_visible()
        page.get_by_role("button", name="Log out").click()

    # The partnership is public on both pledge pages.
    page.goto(base + needing.get_absolute_url())
    section = page.get_by_role("region", name="Needs, offers and partnerships")
    expect(section.get_by_role("heading", name="Confirmed partnerships")).to_be_visible()
    expect(section.get_by_role("link", name="Health mediators")).to_be_visible()
    page.goto(base + offering.get_absolute_url())
    section = page.get_by_role("region", name="Needs, offers and partnerships")
    expect(section.get_by_role("link", name="Health for newcomers")).to_be_visible()


def test_a_focal_point_joins_a_lead_pledge_and_leaves_it(live_server, page, two_pledges):
    """A multi-stakeholder pledge: Kampala's pledge joins Medellín's lead pledge from its
    workspace page, both public pages show it, and it leaves again."""
    joining, lead = two_pledges
    base = live_server.url
    log_in(page, base, "focal@example.org")
    page.goto(base + reverse("workspace:pledge", kwargs={"pk": joining.pk}))
    page.get_by_role("link", name="Join a lead pledge as a contributor").click()
    expect(page.get_by_role("heading", name="Join a lead pledge as a contributor")).to_be_visible()

    # A number that is no published pledge: an error next to the field, what was typed kept.
    picker = page.get_by_role("combobox", name="Lead pledge")
    picker.fill("999999")
    page.get_by_role("button", name="Join as a contributor").click()
    expect(page.get_by_text("No published pledge has the number or title “999999”")).to_be_visible()
    expect(page.get_by_role("combobox", name="Lead pledge")).to_have_value("999999")

    # Typing part of the title fills the picker's suggestions from the search (htmx).
    picker = page.get_by_role("combobox", name="Lead pledge")
    picker.fill("")
    picker.press_sequentially("mediators", delay=20)
    option = page.locator("#id_lead-options option")
    expect(option).to_have_count(1)
    label = option.get_attribute("value")
    assert label == f"{lead.pk} — Health mediators"
    picker.fill(label)
    page.get_by_role("button", name="Join as a contributor").click()
    expect(
        page.get_by_text("now contributes to the lead pledge “Health mediators”")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Leave this lead pledge")).to_be_visible()
    match = Match.objects.get(kind=MatchKind.CONTRIBUTION)
    assert (match.first_pledge_id, match.second_pledge_id) == (lead.pk, joining.pk)

    # Both public pages show it.
    page.goto(base + lead.get_absolute_url())
    section = page.get_by_role("region", name="Needs, offers and partnerships")
    expect(section.get_by_text("Lead pledge, joined by")).to_be_visible()
    expect(section.get_by_role("link", name="Kampala")).to_be_visible()
    expect(section.get_by_role("link", name="Health for newcomers")).to_be_visible()
    page.goto(base + joining.get_absolute_url())
    section = page.get_by_role("region", name="Needs, offers and partnerships")
    expect(section.get_by_text("Contributes to the lead pledge")).to_be_visible()
    expect(section.get_by_role("link", name="Health mediators")).to_be_visible()
    expect(section.get_by_role("link", name="Medellín")).to_be_visible()

    # And it leaves again.
    page.goto(base + reverse("workspace:pledge", kwargs={"pk": joining.pk}))
    page.get_by_role("link", name="Leave the lead pledge").click()
    page.get_by_role("button", name="Leave this lead pledge").click()
    expect(
        page.get_by_text("no longer contributes to the lead pledge “Health mediators”")
    ).to_be_visible()
    assert not Match.objects.filter(kind=MatchKind.CONTRIBUTION).exists()
    page.goto(base + lead.get_absolute_url())
    expect(page.get_by_text("Lead pledge, joined by")).to_have_count(0)
