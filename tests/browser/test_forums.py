"""The secretariat imports a programme in a real browser, then the public sees the figures."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from ..factories import LocalGovernmentFactory
from ..forums.builders import make_forum
from .conftest import BROWSER

pytestmark = BROWSER

HEADER = "session_title,session_type,date,speaker_name,organisation_type,governments\n"
BAD = HEADER + (
    "Opening,plenary,2022-05-17,Ana Souza,member_state,\n"
    "Round table,keynote,2022-05-18,Kwame Mensah,local_government,accra\n"
    "Debate,policy_debate,2022-06-30,,,\n"
)
GOOD = HEADER + (
    "Opening,plenary,2022-05-17,Ana Souza,member_state,\n"
    "Round table,round_table,2022-05-18,Kwame Mensah,local_government,accra\n"
)


@pytest.fixture
def signed_in_page(page, live_server, secretariat):
    client = Client()
    client.force_login(secretariat)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_secretariat_imports_a_programme_and_the_public_page_counts_it(signed_in_page, live_server):
    page = signed_in_page
    forum = make_forum("imrf-browser")
    LocalGovernmentFactory(name="Accra", slug="accra")
    page.goto(f"{live_server.url}/forums/{forum.slug}/")
    page.get_by_role("link", name="Import programme or delegations").click()

    page.get_by_label("the programme (sessions with speakers)").check()
    page.get_by_label("CSV (UTF-8) or XLSX file").set_input_files(
        {"name": "programme.csv", "mimeType": "text/csv", "buffer": BAD.encode()}
    )
    expect(page.get_by_label("Dry run: check every row, import nothing")).to_be_checked()
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("alert")).to_contain_text("2 rows have problems")
    table = page.get_by_role("table", name="Problems by row and column")
    expect(table.get_by_role("rowheader", name="3")).to_be_visible()
    expect(table.get_by_role("rowheader", name="4")).to_be_visible()

    page.get_by_label("the programme (sessions with speakers)").check()
    page.get_by_label("CSV (UTF-8) or XLSX file").set_input_files(
        {"name": "programme.csv", "mimeType": "text/csv", "buffer": GOOD.encode()}
    )
    page.get_by_label("Dry run: check every row, import nothing").uncheck()
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("status").last).to_contain_text("2 rows imported")

    page.get_by_role("link", name=forum.name).click()
    expect(page.locator('[data-figure="official_share"] .figure-number')).to_have_text("50 %")
    programme = page.get_by_role("table", name="Programme sessions and speakers")
    expect(programme.get_by_text("City speaker")).to_have_count(1)
    expect(page.get_by_role("img", name="Sessions by type")).to_be_visible()
