"""The whole journey in a real browser: write, submit, change on request, publish, find."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import BROWSER

pytestmark = BROWSER

PASSWORD = "correct horse battery"
TITLE = "Open a welcome centre in the Medina"
DESCRIPTION = (
    "The city opens a one-stop welcome centre in the Medina where migrants and refugees find "
    "language classes, legal advice, a job desk and help with housing. It is run with two "
    "community organisations and the regional employment office, open six days a week, and "
    "staffed by trained mediators who speak Wolof, French, English and Arabic."
)


def log_in(page, base_url, email):
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def save_and_continue(page, next_step):
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(rf"/edit/{next_step}/$"))


def test_focal_point_and_reviewer_take_a_pledge_to_the_public(
    live_server, browser, focal_point, reviewer
):
    base = live_server.url
    author = browser.new_context().new_page()
    log_in(author, base, focal_point.email)
    author.get_by_role("link", name="Workspace").click()
    author.get_by_role("link", name="Write a new pledge or practice").click()

    # 1. Basics — a too-short description is refused, with what was typed kept
    author.get_by_label("Title").fill(TITLE)
    author.get_by_label("Summary").fill("A one-stop centre for newcomers.")
    author.get_by_label("Description").fill("Too short.")
    author.get_by_role("button", name="Save and continue").click()
    expect(author.get_by_text("Write at least 300 characters")).to_be_visible()
    expect(author.get_by_label("Title")).to_have_value(TITLE)
    author.get_by_label("Description").fill(DESCRIPTION)
    save_and_continue(author, "alignment")

    # 2. Alignment
    author.get_by_label(re.compile(r"GCM-15 · Provide access")).check()
    save_and_continue(author, "beneficiaries")
    # 3. Who benefits and where
    quality = author.locator("#quality-live")
    expect(quality.get_by_text("No place")).to_be_visible()
    author.get_by_label(re.compile(r"^\s*Refugees\s*$")).check()
    author.get_by_role("textbox", name="Place").fill("Medina district")
    expect(quality.get_by_text("No place")).to_have_count(0)  # live check (htmx) as one types
    save_and_continue(author, "timeline")
    # 4. Timeline, budget and indicators
    author.get_by_label("End date").fill("2028-12-31")
    author.get_by_label("Indicator", exact=True).fill("People advised")
    author.get_by_label("Unit").fill("people")
    author.get_by_label("Target", exact=True).fill("500")
    save_and_continue(author, "partners")
    # 5. Partners
    author.get_by_label("Partners").fill("Red Cross\nEmployment office")
    save_and_continue(author, "review")
    # 6. Review and submit
    expect(author.get_by_role("heading", name="Quality check")).to_be_visible()
    author.get_by_role("button", name="Submit for review").click()
    expect(author.get_by_text("Status: Submitted")).to_be_visible()

    # The reviewer asks for a change
    desk = browser.new_context().new_page()
    log_in(desk, base, reviewer.email)
    desk.goto(base + reverse("workspace:review"))
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_label("Reason (Request changes)").fill("Please add a budget.")
    desk.get_by_role("button", name="Request changes").click()
    expect(desk.get_by_text("Status: Changes requested")).to_be_visible()

    # The focal point sees the request, fixes the pledge and resubmits
    author.goto(base + reverse("workspace:dashboard"))
    author.get_by_role("link", name=TITLE).click()
    expect(author.get_by_text("Please add a budget.").first).to_be_visible()
    author.get_by_role("link", name="Edit", exact=True).click()
    author.get_by_role("link", name=re.compile("Timeline, budget and indicators")).click()
    author.get_by_label("Budget").fill("25000")
    author.get_by_label("Currency").fill("XOF")
    save_and_continue(author, "partners")
    author.get_by_role("link", name=re.compile("Review and submit")).click()
    author.get_by_role("button", name="Submit for review").click()
    expect(author.get_by_text("Status: Submitted")).to_be_visible()

    # The reviewer publishes
    desk.goto(base + reverse("workspace:review"))
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_role("button", name="Publish").click()
    expect(desk.get_by_text("Status: Published")).to_be_visible()

    # A visitor finds it in the public catalogue
    visitor = browser.new_context().new_page()
    visitor.goto(base + reverse("explore:home"))
    visitor.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Pledges and practices"
    ).click()
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("25,000")).to_be_visible()  # grouped in the reader's locale
