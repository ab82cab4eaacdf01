"""Imports: dry run, all or nothing, upsert by external id, the chosen workflow state, round trip."""

import csv
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from localcompacts.core.models import AuditEntry
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.publications.exchange.importing import check_table, read_rows
from localcompacts.publications.exchange.opendata import build_open_data_dump
from localcompacts.publications.exchange.services import import_table

from ..factories import LocalGovernmentFactory

PLEDGES = """external_id,title,owners,objectives,start_date,end_date,budget,currency,summary
CAMP-1,Welcome desk,dakar,GCM-15; GCM-16,2025-01-01,2026-01-01,1000,EUR,First
CAMP-2,Night shelter,dakar,GCR-2,,,,,Second
"""
BAD = """external_id,title,owners,objectives,start_date,end_date,budget,currency
CAMP-1,Welcome desk,dakar,GCM-15,2025-01-01,2026-01-01,1000,EUR
CAMP-2,,nowhere,GCM-99,2025-13-01,,-5,euro
CAMP-1,Duplicate,dakar,,2026-01-01,2025-01-01,,
"""


def _import(text: str, *, kind="pledges", state="draft", by=None, dry_run=False, extension="csv"):
    data = text.encode() if isinstance(text, str) else text
    table = check_table(kind, read_rows(data, extension=extension))
    return import_table(table=table, state=state, by=by, dry_run=dry_run)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(government, secretariat):
    result = _import(BAD, by=secretariat)
    problems = {(p.row, p.column) for p in result.problems}
    assert {
        (3, "title"),
        (3, "owners"),
        (3, "objectives"),
        (3, "start_date"),
        (3, "budget"),
        (3, "currency"),
    } <= problems
    assert {(4, "external_id"), (4, "end_date")} <= problems
    assert not any(row == 2 for row, _c in problems)
    assert Pledge.objects.count() == 0


def test_dry_run_writes_nothing(government, secretariat):
    result = _import(PLEDGES, by=secretariat, dry_run=True)
    assert result.ok and result.rows == 2
    assert Pledge.objects.count() == 0


def test_reimport_updates_instead_of_duplicating_and_records_the_state(government, secretariat):
    first = _import(PLEDGES, by=secretariat, state="submitted")
    assert (first.created, first.updated) == (2, 0)
    second = _import(
        PLEDGES.replace("Welcome desk", "Welcome desk extended"), by=secretariat, state="published"
    )
    assert (second.created, second.updated) == (0, 2), second.problems
    assert Pledge.objects.count() == 2
    desk = Pledge.objects.get(external_id="CAMP-1")
    assert desk.title == "Welcome desk extended"
    assert desk.status == PledgeStatus.SUBMITTED  # re-import never moves a pledge in the workflow
    assert sorted(desk.objectives.values_list("code", flat=True)) == ["GCM-15", "GCM-16"]
    entry = (
        AuditEntry.objects.filter(action="pledge.imported", target_id=str(desk.pk))
        .order_by("id")
        .first()
    )
    assert (
        entry.actor == secretariat and entry.data["state"] == "submitted" and entry.data["created"]
    )


def test_xlsx_import(government, secretariat):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(PLEDGES)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _import(buffer.getvalue(), extension="xlsx", by=secretariat)
    assert result.ok and result.created == 2


def test_round_trip_export_then_import_into_an_empty_database(report_world, secretariat):
    def pledge_rows():
        with zipfile.ZipFile(default_storage.open(build_open_data_dump().name)) as archive:
            text = archive.read("pledges.csv").decode()
            governments = archive.read("governments.csv").decode()
        rows = sorted(csv.DictReader(io.StringIO(text)), key=lambda r: r["external_id"])
        for row in rows:
            row.pop("url")
        return text, governments, rows

    pledges_csv, governments_csv, before = pledge_rows()
    assert len(before) == 6
    Pledge.objects.all().delete()
    LocalGovernment.objects.all().delete()
    assert _import(governments_csv, kind="governments", by=secretariat).created == 3
    result = _import(pledges_csv, state="published", by=secretariat)
    assert result.ok, result.problems
    assert result.created == 6
    _text, _governments, after = pledge_rows()
    assert after == before


def test_the_upload_page_is_for_the_secretariat(role_clients):
    for role, client in role_clients.items():
        response = client.get(reverse("publications:import"))
        expected = 200 if role == "secretariat" else (302 if role == "anonymous" else 404)
        assert response.status_code == expected, role


@pytest.mark.parametrize("dry_run", [True, False])
def test_upload_page_reports_problems_and_keeps_everything_out(government, admin_client, dry_run):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("pledges.csv", BAD.encode(), content_type="text/csv")
    data = {"kind": "pledges", "state": "draft", "file": upload}
    if dry_run:
        data["dry_run"] = "on"
    response = admin_client.post(reverse("publications:import"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "nothing was imported" in html and '<th scope="row">3</th>' in html
    assert Pledge.objects.count() == 0


def test_upload_page_imports_a_good_file(government, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("pledges.csv", PLEDGES.encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("publications:import"), {"kind": "pledges", "state": "draft", "file": upload}
    )
    assert response.status_code == 200
    assert "2 created, 0 updated" in response.content.decode()


def test_upload_refuses_a_fake_xlsx(government, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "pledges.xlsx", b"not a spreadsheet", content_type="application/octet-stream"
    )
    response = admin_client.post(
        reverse("publications:import"), {"kind": "pledges", "state": "draft", "file": upload}
    )
    assert response.status_code == 400
    assert Pledge.objects.count() == 0


def test_government_import_checks_countries(secretariat, db):
    LocalGovernmentFactory(name="Existing", slug="existing")
    text = "name,slug,country,population\nExisting,existing,SEN,10\nNowhere,nowhere,XXX,-1\n"
    result = _import(text, kind="governments", by=secretariat)
    assert {(p.row, p.column) for p in result.problems} == {(3, "country"), (3, "population")}
    assert LocalGovernment.objects.get(slug="existing").population == 1_000_000


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_partners_with_commas_and_a_leading_tab_survive_export_then_import(
    government, secretariat, extension
):
    """One separator ("; ", the data dictionary's) both ways; a leading tab written as content
    is neutralised in the file ('\\t…) and comes back as it was."""
    from openpyxl import Workbook

    from tests.factories import PledgeFactory

    pledge = PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        external_id="P-TAB",
        summary="\tIndented on purpose",
        partners="Red Cross, Senegal branch\nUNHCR",
    )
    with zipfile.ZipFile(default_storage.open(build_open_data_dump().name)) as archive:
        text = archive.read("pledges.csv").decode()
    assert "Red Cross, Senegal branch; UNHCR" in text
    assert "'\tIndented on purpose" in text
    pledge.delete()
    data = text
    if extension == "xlsx":
        workbook = Workbook()
        for row in csv.reader(io.StringIO(text)):
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    result = _import(data, state="published", by=secretariat, extension=extension)
    assert result.ok, result.problems
    again = Pledge.objects.get(external_id="P-TAB")
    assert again.partner_list == ["Red Cross, Senegal branch", "UNHCR"]
    assert again.summary == "\tIndented on purpose"


def test_formula_cells_stay_neutralised_in_the_export_of_imported_text(government, secretariat):
    text = 'external_id,title,owners,summary\nF-1,\'=HYPERLINK("x"),dakar,  plain  \n'
    result = _import(text, by=secretariat)
    assert result.ok, result.problems
    pledge = Pledge.objects.get(external_id="F-1")
    assert pledge.title == '=HYPERLINK("x")' and pledge.summary == "plain"
    from localcompacts.core.spreadsheets import neutralise_cell

    assert neutralise_cell(pledge.title) == '\'=HYPERLINK("x")'
