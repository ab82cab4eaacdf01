import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from localcompacts.core.models import AuditEntry
from localcompacts.explore.forum_selectors import forum_figures
from localcompacts.forums.audit import ForumAction
from localcompacts.forums.importing import ImportFileError, forum_import
from localcompacts.forums.models import (
    DelegationMember,
    NationalDelegation,
    ProgrammeSession,
    Speaker,
)

from ..factories import LocalGovernmentFactory
from .builders import make_forum

pytestmark = pytest.mark.django_db

PROGRAMME_HEADER = (
    "session_title,session_type,date,start_time,end_time,official,speaker_name,speaker_title,"
    "organisation,organisation_type,governments\n"
)
GOOD_PROGRAMME = PROGRAMME_HEADER + (
    "Opening plenary,plenary,2022-05-17,10:00,13:00,yes,Ana Souza,Minister,Brazil,member_state,\n"
    "Opening plenary,plenary,2022-05-17,10:00,13:00,yes,Kwame Mensah,Mayor,Accra,local_government,accra\n"
    "Round table 1,Multi-stakeholder round table,2022-05-18,10:00,,yes,Joint Mayor,Mayor,,"
    "local_government,accra;lyon\n"
    "Round table 2,round_table,2022-05-18,15:00,17:00,,,,,,\n"
    "Cities side event,side_event,2022-05-19,13:15,14:30,no,Lucía Gómez,Mayor,,local_government,lyon\n"
)
BAD_PROGRAMME = PROGRAMME_HEADER + (
    "Opening plenary,plenary,2022-05-17,10:00,13:00,yes,Ana Souza,Minister,Brazil,member_state,\n"
    "Bad type,keynote,2022-05-17,,,yes,,,,,\n"
    "Bad date,plenary,17/05/2022,,,yes,,,,,\n"
    "Outside,plenary,2023-01-01,25:00,,maybe,,,,,\n"
    "No name,plenary,2022-05-18,,,yes,,Mayor,,local_government,nowhere\n"
    "Good row,plenary,2022-05-18,,,yes,Ravi Iyer,Mayor,,local_government,accra\n"
)


@pytest.fixture
def forum():
    return make_forum("imrf-test")


@pytest.fixture
def cities():
    return LocalGovernmentFactory(name="Accra", slug="accra"), LocalGovernmentFactory(
        name="Lyon", slug="lyon", external_id="FR-LYON"
    )


def _csv(text, name="programme.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _run(forum, kind, uploaded, *, dry_run=False):
    return forum_import(
        forum=forum, kind=kind, uploaded=uploaded, name=uploaded.name, by=None, dry_run=dry_run
    )


def test_a_valid_programme_is_imported_with_speakers_and_governments(forum, cities):
    report = _run(forum, "programme", _csv(GOOD_PROGRAMME))
    assert report.ok and report.applied, report.problems
    assert report.created == {"sessions": 4, "speakers": 4}
    assert ProgrammeSession.objects.filter(forum=forum).count() == 4
    joint = Speaker.objects.get(name="Joint Mayor")
    assert sorted(g.slug for g in joint.governments.all()) == ["accra", "lyon"]
    figures = forum_figures(forum)
    assert figures.official_sessions == 3  # side event excluded
    assert figures.official_sessions_with_local_speaker == 2
    assert AuditEntry.objects.filter(action=ForumAction.PROGRAMME_IMPORTED).count() == 1
    # Importing the same file again changes nothing.
    again = _run(forum, "programme", _csv(GOOD_PROGRAMME))
    assert again.created == {"sessions": 0, "speakers": 0}
    assert Speaker.objects.filter(session__forum=forum).count() == 4


def test_dry_run_checks_and_imports_nothing(forum, cities):
    report = _run(forum, "programme", _csv(GOOD_PROGRAMME), dry_run=True)
    assert report.ok and not report.applied and report.rows == 5
    assert not ProgrammeSession.objects.exists()


def test_bad_rows_import_nothing_and_each_bad_row_is_named_with_its_column(forum, cities):
    report = _run(forum, "programme", _csv(BAD_PROGRAMME))
    assert not report.ok and not report.applied
    assert not ProgrammeSession.objects.exists() and not Speaker.objects.exists()
    assert report.bad_rows == [3, 4, 5, 6]
    found = {(p.row, p.column) for p in report.problems}
    assert {
        (3, "session_type"),
        (4, "date"),
        (5, "date"),
        (5, "start_time"),
        (5, "official"),
        (6, "speaker_name"),
        (6, "governments"),
    } <= found
    assert all(p.row != 2 and p.row != 7 for p in report.problems)


def test_bad_rows_in_a_dry_run_are_reported_the_same_way(forum, cities):
    report = _run(forum, "programme", _csv(BAD_PROGRAMME), dry_run=True)
    assert report.bad_rows == [3, 4, 5, 6]


def test_missing_and_unknown_columns_are_reported_on_row_one(forum):
    report = _run(forum, "programme", _csv("session_title,date,colour\nA,2022-05-17,red\n"))
    assert {(p.row, p.column) for p in report.problems} == {(1, "session_type"), (1, "colour")}


def test_conflicting_rows_for_the_same_session(forum):
    text = PROGRAMME_HEADER + (
        "Plenary,plenary,2022-05-17,10:00,,yes,,,,,\nPlenary,plenary,2022-05-17,10:00,,no,,,,,\n"
    )
    report = _run(forum, "programme", _csv(text))
    assert report.bad_rows == [3]


def _xlsx(rows, name="delegations.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_delegations_from_xlsx(forum, cities):
    uploaded = _xlsx(
        [
            [
                "country",
                "member_name",
                "member_title",
                "organisation",
                "represents_local_government",
                "government",
            ],
            ["SEN", "Awa Ndiaye", "Minister", "Government", "no", None],
            ["SEN", "Moussa Fall", "Mayor", "Dakar", "yes", None],
            ["FRA", "Claire Martin", "Deputy Mayor", "Lyon", None, "FR-LYON"],
            ["COL", "Juan Pérez", "Ambassador", None, None, None],
        ]
    )
    report = _run(forum, "delegations", uploaded)
    assert report.ok and report.applied, report.problems
    assert NationalDelegation.objects.filter(forum=forum).count() == 3
    assert DelegationMember.objects.get(name="Claire Martin").government.slug == "lyon"
    assert forum_figures(forum).delegations_with_local_representative == 2


def test_bad_delegation_rows_are_named(forum, cities):
    uploaded = _xlsx(
        [
            ["country", "member_name", "represents_local_government", "government"],
            ["XXX", "Someone", "no", None],
            ["SEN", None, None, None],
            ["FRA", "Claire", "no", "lyon"],
            ["FRA", "Paul", None, "nowhere"],
            ["SEN", "Fine", None, None],
        ]
    )
    report = _run(forum, "delegations", uploaded)
    assert report.bad_rows == [2, 3, 4, 5]
    assert not NationalDelegation.objects.exists()


def test_files_that_are_not_what_they_claim_are_refused(forum):
    with pytest.raises(ImportFileError):
        _run(forum, "programme", SimpleUploadedFile("fake.xlsx", b"session_title\nA\n"))
    with pytest.raises(ImportFileError, match="UTF-8"):
        _run(forum, "programme", SimpleUploadedFile("latin.csv", "é,ü\n".encode("latin-1")))
    with pytest.raises(ImportFileError):
        _run(forum, "programme", SimpleUploadedFile("notes.txt", b"hello"))


def test_management_command_dry_run_and_import(forum, cities, tmp_path, capsys):
    good = tmp_path / "programme.csv"
    good.write_text(GOOD_PROGRAMME, encoding="utf-8")
    call_command("import_forum_data", forum.slug, "programme", str(good), dry_run=True)
    assert not ProgrammeSession.objects.exists()
    assert "Dry run" in capsys.readouterr().out
    call_command("import_forum_data", forum.slug, "programme", str(good))
    assert ProgrammeSession.objects.filter(forum=forum).count() == 4
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_PROGRAMME.replace("Opening plenary", "Another plenary"), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_forum_data", forum.slug, "programme", str(bad))
    err = capsys.readouterr().err
    assert "row 3, column session_type" in err and "row 6, column governments" in err
    assert ProgrammeSession.objects.filter(forum=forum).count() == 4


def test_programme_with_a_cell_in_the_far_corner_is_refused_before_reading_the_grid(forum):
    """A 5 KB sheet with one cell at XFD1048576 used to be expanded row by row into memory."""
    book = openpyxl.Workbook()
    book.active.append(["session_title", "session_type", "date"])
    book.active.cell(row=1_048_576, column=16_384, value="x")
    buffer = io.BytesIO()
    book.save(buffer)
    uploaded = SimpleUploadedFile("programme.xlsx", buffer.getvalue())
    with pytest.raises(ImportFileError, match="row 1,048,576, column XFD"):
        _run(forum, "programme", uploaded)
    assert not ProgrammeSession.objects.filter(forum=forum).exists()
