"""The secretariat uploads a file too large for the request and watches the job's progress bar
until the report appears, without reloading the page."""

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.pledges.models import Pledge
from localcompacts.publications.models import ImportJob

from ..publications.conftest import media_root  # noqa: F401 — fixture
from .conftest import BROWSER

pytestmark = BROWSER


def test_a_large_import_is_followed_on_its_page_until_the_report(
    live_server,
    page,
    government,
    secretariat,
    media_root,  # noqa: F811
    task_worker,
    csp_violations,
    tmp_path,
):
    rows = "external_id,title,owners,objectives\n" + "".join(
        f"BIG-{n},Action {n},dakar,GCM-15\n" for n in range(400)
    )
    path = tmp_path / "actions.csv"
    path.write_text(rows)
    client = Client()
    client.force_login(secretariat)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("publications:import"))
    page.get_by_label("What the file holds").select_option("pledges")
    page.get_by_label("File (CSV in UTF-8, or XLSX)").set_input_files(path)
    page.get_by_label("Dry run: check every row and report problems, import nothing").uncheck()
    page.get_by_role("button", name="Check and import").last.click()

    progress = page.get_by_role("progressbar", name="Rows checked")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("max", "400")
    expect(page.get_by_role("status")).to_have_text("Waiting for the worker · 0 of 400 rows")
    job = ImportJob.objects.get()
    assert page.url == live_server.url + job.get_absolute_url()

    task_worker()  # the worker runs between two polls of the page
    expect(page.get_by_role("status")).to_have_text(
        "Imported: 400 created, 0 updated.", timeout=10_000
    )
    expect(page.get_by_role("progressbar")).to_have_count(0)
    assert Pledge.objects.count() == 400
    assert csp_violations == []
