"""A focal point files a report in an open round, a reviewer accepts it, the public sees it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from localcompacts.pledges.models import Indicator, PledgeStatus
from localcompacts.progress.models import ReportingRound

from ..factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ReviewerFactory,
)
from .conftest import BROWSER

pytestmark = BROWSER
PASSWORD = "correct horse battery"


def log_in(page, base_url, email):
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


@pytest.fixture
def setup_data():
    government = LocalGovernmentFactory(name="Kampala", slug="kampala")
    FocalPointUserFactory(email="focal@example.org", government=government)
    ReviewerFactory(email="reviewer@example.org")
    pledge = PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        title="Refugee-inclusive schools in Kampala",
    )
    Indicator.objects.create(
        pledge=pledge, name="Children enrolled", unit="children", baseline=0, target=500
    )
    now = timezone.now()
    ReportingRound.objects.create(
        title="Progress towards IMRF 2026",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20),
    )
    return pledge


def test_report_review_and_public_timeline(live_server, page, setup_data):
    pledge = setup_data
    log_in(page, live_server.url, "focal@example.org")
    page.goto(live_server.url + reverse("progress:my-reports"))
    page.get_by_role("link", name="Report progress — Refugee-inclusive schools in Kampala").click()
    expect(page.get_by_text("Progress towards IMRF 2026")).to_be_visible()
    page.get_by_label("Status of the pledge").select_option("in_progress")
    page.get_by_label("Percentage complete").fill("60")
    page.get_by_label("Children enrolled — value in children").fill("310")
    page.get_by_label("Date measured").fill("2026-10-01")
    page.get_by_label("What changed since the last report").fill(
        "Three schools opened welcome classes for 310 children."
    )
    page.get_by_role("button", name="Send the report for review").click()
    expect(page.get_by_text("your progress report was sent for review")).to_be_visible()
    log_out(page)

    log_in(page, live_server.url, "reviewer@example.org")
    page.goto(live_server.url + reverse("progress:review-queue"))
    page.get_by_role("link", name="Refugee-inclusive schools in Kampala").click()
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("the focal points have been told")).to_be_visible()
    log_out(page)

    page.goto(live_server.url + pledge.get_absolute_url())
    progress = page.get_by_role("region", name="Progress")
    expect(progress.get_by_text("Three schools opened welcome classes")).to_be_visible()
    expect(
        progress.get_by_text("baseline 0.00, latest 310.00, target 500.00 children")
    ).to_be_visible()
