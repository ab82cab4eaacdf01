"""Exports from the catalogue's filters: CSV, CSV for Excel, XLSX, JSON and the UN templates."""

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import load_workbook

from localcompacts.publications.exchange.cells import neutralise_cell, restore_cell
from localcompacts.publications.exchange.opendata import build_open_data_dump


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_neutralise_cell_covers_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise_cell(start + "1+1") == "'" + start + "1+1"
        assert restore_cell(neutralise_cell(start + "x")) == start + "x"
    assert neutralise_cell("Dakar") == "Dakar"
    assert neutralise_cell(-3) == -3


def test_csv_follows_the_catalogue_filters_and_neutralises_formulas(report_world, anonymous_client):
    response = anonymous_client.get(
        reverse("publications:export", kwargs={"fmt": "csv"}) + "?objective=GCM-15"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response).decode("utf-8"))))
    titles = sorted(row["title"] for row in rows)
    assert titles == [
        '\'=HYPERLINK("http://evil.example")',
        "Published in 2024",
        "Welcome centre in Dakar",
    ]
    evil = next(row for row in rows if "HYPERLINK" in row["title"])
    assert evil["summary"] == "'-2+3 cmd"
    assert evil["owners"] == "amman" and evil["countries"] == "JOR"


def test_csv_for_excel_has_a_bom_and_semicolons(report_world, anonymous_client):
    body = _body(
        anonymous_client.get(reverse("publications:export", kwargs={"fmt": "csv"}) + "?excel=1")
    )
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("external_id;kind;title")
    assert "東京都" in text


def test_xlsx_export_streams_rows_as_they_are_written(report_world, anonymous_client, monkeypatch):
    """The first bytes leave before the rows are read; then a chunk per batch of rows (a proxy's
    read timeout never waits for a whole 500,000-row workbook)."""
    from localcompacts.publications.exchange import exports

    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 2)
    response = anonymous_client.get(reverse("publications:export", kwargs={"fmt": "xlsx"}))
    assert response.streaming
    chunks = [chunk for chunk in response.streaming_content if chunk]
    assert chunks[0].startswith(b"PK\x03\x04")  # the package's first part, before any row
    sheet = load_workbook(io.BytesIO(b"".join(chunks))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 6  # the header and every published pledge (2024 and 2025)
    assert rows[0][:3] == ("external_id", "kind", "title")
    assert any("東京都" in str(value) for row in rows for value in row)


def test_xlsx_chunks_leave_while_rows_are_still_being_read():
    import random
    import string

    from localcompacts.publications.exchange.columns import Column
    from localcompacts.publications.exchange.exports import xlsx_chunks

    total, read = 5000, []
    rng = random.Random(7)

    def rows():
        for number in range(total):
            read.append(number)
            yield (number, "".join(rng.choices(string.ascii_letters, k=60)))

    columns = [Column("n", "", lambda r: r[0]), Column("text", "", lambda r: r[1])]
    read_when_sent = [len(read) for chunk in xlsx_chunks(rows(), columns) if chunk]
    assert read_when_sent[0] == 0  # the package head leaves before the first row is read
    assert sum(1 for n in read_when_sent if 0 < n < total) >= 3  # rows leave as they are written


def test_xlsx_export_neutralises_formulas(report_world, anonymous_client):
    response = anonymous_client.get(
        reverse("publications:export", kwargs={"fmt": "xlsx"}) + "?q=HYPERLINK"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 2
    record = dict(zip(header, rows[1], strict=True))
    assert record["title"] == '\'=HYPERLINK("http://evil.example")'
    assert record["summary"] == "'-2+3 cmd"
    assert sheet.cell(row=2, column=header.index("title") + 1).data_type == "s"


def test_json_export(report_world, anonymous_client):
    data = json.loads(
        _body(
            anonymous_client.get(
                reverse("publications:export", kwargs={"fmt": "json"}) + "?kind=practice"
            )
        )
    )
    assert data["meta"]["licence"] == "CC-BY-4.0"
    assert [p["title"] for p in data["pledges"]] == ["Refugee self-reliance fund"]
    assert data["pledges"][0]["objectives"] == ["GCR-2"]
    assert data["pledges"][0]["owner_names"] == ["عمّان"]


def test_un_templates(report_world, anonymous_client):
    gcm = load_workbook(
        io.BytesIO(
            _body(
                anonymous_client.get(
                    reverse("publications:export", kwargs={"fmt": "xlsx"}) + "?layout=gcm&q=labour"
                )
            )
        )
    ).active
    header, row = list(gcm.iter_rows(values_only=True))
    record = dict(zip(header, row, strict=True))
    assert record["Pledge type"] == "Financial"
    assert record["Joint pledge"] == "Common pledge"
    assert record["GCM objectives"] == "GCM-5"
    assert record["Pledging entity"] == "Dakar; 東京都"
    grf = load_workbook(
        io.BytesIO(
            _body(
                anonymous_client.get(
                    reverse("publications:export", kwargs={"fmt": "xlsx"})
                    + "?layout=grf&objective=GCR-2"
                )
            )
        )
    ).active
    header, row = list(grf.iter_rows(values_only=True))
    record = dict(zip(header, row, strict=True))
    assert record["GCR objectives"] == "GCR-2"
    assert record["Status"] == "In progress"  # started 2025-01-01, no progress report yet


def test_selected_pledges_only(report_world, anonymous_client):
    wanted = report_world["pledges"][1]
    rows = list(
        csv.DictReader(
            io.StringIO(
                _body(
                    anonymous_client.get(
                        reverse("publications:export", kwargs={"fmt": "csv"})
                        + f"?layout=gcm&ids={wanted.pk}"
                    )
                ).decode()
            )
        )
    )
    assert [r["Pledge title"] for r in rows] == [wanted.title]


def test_catalogue_links_to_the_exports_with_its_filters(report_world, anonymous_client):
    html = anonymous_client.get(reverse("pledges:catalogue") + "?objective=GCM-15").content.decode()
    assert reverse("publications:export", kwargs={"fmt": "csv"}) + "?objective=GCM-15" in html
    assert (
        reverse("publications:export", kwargs={"fmt": "xlsx"}) + "?objective=GCM-15&amp;layout=gcm"
        in html
    )


def test_export_memory_is_streamed_in_chunks(
    report_world, anonymous_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        _body(anonymous_client.get(reverse("publications:export", kwargs={"fmt": "csv"})))


def test_open_data_dump(report_world, anonymous_client):
    dump = build_open_data_dump()
    with zipfile.ZipFile(default_storage.open(dump.name)) as archive:
        names = set(archive.namelist())
        assert {
            "pledges.csv",
            "governments.csv",
            "endorsements.csv",
            "pledges.json",
            "data-dictionary.csv",
            "LICENCE.txt",
            "README.txt",
        } <= names
        assert "CC BY 4.0" in archive.read("README.txt").decode()
        assert "Still a draft" not in archive.read("pledges.csv").decode()
    response = anonymous_client.get(reverse("publications:open-data"))
    assert response.status_code == 200
    assert dump.filename in anonymous_client.get(reverse("publications:list")).content.decode()


def test_data_dictionary(anonymous_client, db):
    page = anonymous_client.get(reverse("publications:data-dictionary")).content.decode()
    assert "external_id" in page and "<caption>" in page
    rows = list(
        csv.reader(
            io.StringIO(
                _body(anonymous_client.get(reverse("publications:data-dictionary-csv"))).decode()
            )
        )
    )
    assert rows[0] == ["table", "column", "description", "example"]
    assert rows[11][:2] == ["pledges", "objectives"]
