"""A reviewer asks for the yearly report and watches the progress bar reach the download link."""

import re

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.publications.models import Publication

from ..publications.conftest import media_root, report_world  # noqa: F401 — fixtures
from .conftest import BROWSER

pytestmark = BROWSER


def test_progress_page_reaches_done(
    live_server,
    page,
    report_world,  # noqa: F811
    reviewer,
    task_worker,
    csp_violations,
):
    client = Client()
    client.force_login(reviewer)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("explore:home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Publications").click()
    page.get_by_label("Publication", exact=True).select_option("report")
    page.get_by_label("From").fill("2025-01-01")
    page.get_by_label("To", exact=True).fill("2025-12-31")
    page.get_by_role("button", name="Generate").click()

    progress = page.get_by_role("progressbar")
    expect(progress).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Waiting for the worker")
    assert Publication.objects.count() == 1

    task_worker()  # the worker runs between two polls of the page
    download = page.get_by_role("link", name="Download the PDF")
    expect(download).to_be_visible(timeout=10_000)
    expect(page.get_by_role("status")).to_have_text("Ready")
    expect(progress).to_have_attribute("value", "100")
    page.get_by_role("link", name="Read it on the site").click()
    expect(page).to_have_url(re.compile(r"/publications/\d+/report/$"))
    expect(page.get_by_role("heading", level=2, name="Key figures")).to_be_visible()
    assert csp_violations == []
