"""The secretariat imports a spreadsheet of city actions as people keep them — names, not codes —
with JavaScript off: columns proposed, one corrected, a dry run with the preview, then the import."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge

from ..publications.conftest import media_root  # noqa: F401 — fixture
from .conftest import BROWSER

pytestmark = BROWSER

CITY_ACTIONS = [
    [
        "City",
        "Country",
        "Action",
        "What we do",
        "Objectives",
        "Target groups",
        "Partners",
        "Contact",
    ],
    [
        "Dakar",
        "Senegal",
        "Welcome desk at the bus station",
        "A desk open every day where newcomers find advice.",
        "Provide access to basic services for migrants",
        "Migrants; host communities",
        "Red Cross, Dakar branch; IOM",
        "awa@example.org",
    ],
    [
        "Thiès",
        "Sénégal",
        "Cours de langue pour les nouveaux arrivants",
        "",
        "Objective 16",
        "Réfugiés",
        "",
        "",
    ],
    ["Dakar", "", "Night shelter", "", "GCR-2", "Refugees", "UNHCR", ""],
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_city_actions_by_name_are_mapped_previewed_and_imported_without_javascript(
    live_server,
    page,
    government,
    secretariat,
    media_root,  # noqa: F811
    tmp_path,
):
    book = openpyxl.Workbook()
    for row in CITY_ACTIONS:
        book.active.append(row)
    path = tmp_path / "city-actions.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())

    client = Client()
    client.force_login(secretariat)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("publications:import"))
    page.get_by_label("What the file holds").select_option("pledges")
    page.get_by_label("File (CSV in UTF-8, or XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Check and import").click()

    expect(
        page.get_by_role("heading", name="Match the columns of your file to the fields")
    ).to_be_visible()
    expect(page.get_by_label("Column “city”")).to_have_value("owners")
    expect(page.get_by_label("Column “target groups”")).to_have_value("population_groups")
    expect(page.get_by_label("Column “contact”")).to_have_value("")
    page.get_by_label("Column “what we do”").select_option("description")
    mapping = page.locator("form[aria-labelledby=mapping]")
    mapping.get_by_role("button", name="Check and import").click()

    preview = page.get_by_role("table", name="The first rows as they will be stored")
    expect(preview).to_contain_text("Welcome desk at the bus station")
    expect(preview).to_contain_text("GCM-15")
    expect(preview).to_contain_text("migrants; host-communities")
    expect(preview).to_contain_text("Red Cross, Dakar branch; IOM")
    expect(preview).to_contain_text("Thiès (new: will be created)")
    expect(page.get_by_role("status")).to_contain_text("Dry run: 3 rows checked, no problem.")
    assert not Pledge.objects.exists()

    page.get_by_label("Dry run: check every row and report problems, import nothing").uncheck()
    mapping.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 3 created, 0 updated.")
    assert LocalGovernment.objects.get(name="Thiès").country.iso3 == "SEN"
    assert Pledge.objects.get(title="Night shelter").ownerships.get().government == government
    welcome = Pledge.objects.get(title="Welcome desk at the bus station")
    assert welcome.partner_list == ["Red Cross, Dakar branch", "IOM"]
