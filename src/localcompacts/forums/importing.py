"""Import a forum's programme (sessions with speakers) or its national delegations from CSV or XLSX.

All or nothing: every row is checked first and each problem is reported with its row number (as
the spreadsheet numbers it: the header is row 1) and column. Rows are written, in one transaction,
only when no row has a problem and it is not a dry run. Re-importing the same file changes nothing:
sessions are matched by title, date and start time, speakers by name within a session, delegations
by country and members by name within a delegation. The columns are documented in the README.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from localcompacts.compacts.models import Country
from localcompacts.core.audit import record
from localcompacts.core.uploads import check_upload
from localcompacts.governments.models import LocalGovernment

from .models import (
    DelegationMember,
    NationalDelegation,
    OrganisationType,
    ProgrammeSession,
    ReviewForum,
    SessionType,
    Speaker,
)

CSV_MAX_BYTES = 2 * 1024 * 1024
XLSX_MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

PROGRAMME = "programme"
DELEGATIONS = "delegations"

COLUMNS = {
    PROGRAMME: [
        "session_title",
        "session_type",
        "date",
        "start_time",
        "end_time",
        "official",
        "speaker_name",
        "speaker_title",
        "organisation",
        "organisation_type",
        "governments",
    ],
    DELEGATIONS: [
        "country",
        "member_name",
        "member_title",
        "organisation",
        "represents_local_government",
        "government",
    ],
}
REQUIRED = {
    PROGRAMME: ["session_title", "session_type", "date"],
    DELEGATIONS: ["country", "member_name"],
}
TRUE = {"yes", "y", "true", "1", "oui", "sí", "si", "x"}
FALSE = {"no", "n", "false", "0", "non"}


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    applied: bool = False
    created: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, too large, not UTF-8, no header…)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- reading ------------------------------------------------------------------------------------


def _cell(value) -> object:
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def read_table(uploaded, *, name: str) -> list[tuple[int, dict]]:
    """Rows of a CSV (UTF-8) or XLSX file as (row number, {column: value}); blank rows skipped."""
    if name.lower().endswith(".xlsx"):
        try:
            check_upload(uploaded, allowed={"xlsx"}, max_bytes=XLSX_MAX_BYTES)
        except ValidationError as error:
            raise ImportFileError(" ".join(error.messages)) from None
        import openpyxl

        try:
            book = openpyxl.load_workbook(uploaded, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 — any parser failure is the file's fault
            raise ImportFileError(_("The spreadsheet could not be read.")) from None
        sheet = book.worksheets[0]
        raw = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    elif name.lower().endswith(".csv"):
        if uploaded.size == 0:
            raise ImportFileError(_("The file is empty."))
        if uploaded.size > CSV_MAX_BYTES:
            raise ImportFileError(
                _("The file is larger than %(limit)s MB.") % {"limit": CSV_MAX_BYTES // 1_048_576}
            )
        uploaded.seek(0)
        try:
            text = uploaded.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("Save the CSV file as UTF-8 text.")) from None
        raw = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not raw or not any(raw[0]):
        raise ImportFileError(_("The first row must hold the column names."))
    header = [str(v).strip().lower() for v in raw[0]]
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v != "" for v in values):
            continue
        rows.append((number, dict(zip(header, values, strict=False))))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("A file may hold at most %(max)s rows.") % {"max": MAX_ROWS})
    return [(1, {"__header__": header})] + rows


# --- parsing cells ------------------------------------------------------------------------------


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(_("Write the date as YYYY-MM-DD.")) from None


def _parse_time(value) -> datetime.time | None:
    if value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(_("Write the time as HH:MM (24-hour clock).")) from None


def _parse_bool(value, *, default: bool) -> bool:
    if value == "":
        return default
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(_("Write yes or no."))


def _parse_choice(value, choices) -> str:
    text = _text(value).casefold().replace("-", " ").replace("_", " ")
    for code, label in choices.choices:
        if text in (code.replace("_", " "), str(label).casefold().replace("-", " ")):
            return code
    for code, _label in choices.choices:
        if code.replace("_", " ").startswith(text) and text:
            return code
    raise ValueError(
        _("Unknown value. Use one of: %(codes)s.") % {"codes": ", ".join(choices.values)}
    )


def _references(value) -> list[str]:
    return [part.strip() for part in _text(value).replace("|", ";").split(";") if part.strip()]


def _governments_by_reference(references: set[str]) -> dict[str, LocalGovernment]:
    if not references:
        return {}
    found = {}
    for government in LocalGovernment.objects.filter(
        Q(slug__in=references) | Q(external_id__in=references)
    ):
        found[government.slug] = government
        if government.external_id:
            found[government.external_id] = government
    return found


# --- checking -----------------------------------------------------------------------------------


def _check_header(kind: str, header: list[str], report: ImportReport) -> bool:
    known = set(COLUMNS[kind])
    for column in REQUIRED[kind]:
        if column not in header:
            report.problems.append(
                RowProblem(1, column, _("This column is missing from the first row."))
            )
    for column in header:
        if column and column not in known:
            report.problems.append(
                RowProblem(1, column, _("Unknown column; see the README for the columns."))
            )
    return report.ok


def _check_programme(forum, rows, report) -> list[dict]:
    references = {ref for _n, row in rows for ref in _references(row.get("governments", ""))}
    governments = _governments_by_reference(references)
    sessions: dict[tuple, tuple[int, str, bool]] = {}
    clean = []
    for number, row in rows:
        problems = []

        def problem(column, message, number=number, problems=problems):
            problems.append(RowProblem(number, column, str(message)))

        values = {column: row.get(column, "") for column in COLUMNS[PROGRAMME]}
        item = {"row": number}
        for column in REQUIRED[PROGRAMME]:
            if values[column] == "":
                problem(column, _("This cell is required."))
        item["title"] = _text(values["session_title"])[:300]
        if values["session_type"] != "":
            try:
                item["session_type"] = _parse_choice(values["session_type"], SessionType)
            except ValueError as error:
                problem("session_type", error)
        if values["date"] != "":
            try:
                item["date"] = _parse_date(values["date"])
                if not forum.start_date <= item["date"] <= forum.end_date:
                    problem(
                        "date",
                        _("The date is outside the forum (%(start)s to %(end)s).")
                        % {"start": forum.start_date, "end": forum.end_date},
                    )
            except ValueError as error:
                problem("date", error)
        for column in ("start_time", "end_time"):
            try:
                item[column] = _parse_time(values[column])
            except ValueError as error:
                problem(column, error)
        if (
            item.get("start_time")
            and item.get("end_time")
            and item["end_time"] < item["start_time"]
        ):
            problem("end_time", _("The session cannot end before it starts."))
        try:
            item["official"] = _parse_bool(values["official"], default=True)
        except ValueError as error:
            problem("official", error)
        item["speaker_name"] = " ".join(_text(values["speaker_name"]).split())[:200]
        item["speaker_title"] = _text(values["speaker_title"])[:200]
        item["organisation"] = _text(values["organisation"])[:200]
        item["organisation_type"] = ""
        refs = _references(values["governments"])
        item["governments"] = [governments[r] for r in refs if r in governments]
        for ref in refs:
            if ref not in governments:
                problem(
                    "governments",
                    _("No local government has the slug or external id “%(ref)s”.") % {"ref": ref},
                )
        speaker_details = (
            item["speaker_title"] or item["organisation"] or values["organisation_type"] or refs
        )
        if item["speaker_name"]:
            if values["organisation_type"] == "":
                problem(
                    "organisation_type", _("Say which kind of organisation the speaker is from.")
                )
            else:
                try:
                    item["organisation_type"] = _parse_choice(
                        values["organisation_type"], OrganisationType
                    )
                except ValueError as error:
                    problem("organisation_type", error)
        elif speaker_details:
            problem("speaker_name", _("Name the speaker, or leave all speaker columns empty."))
        if "session_type" in item and "date" in item and "official" in item:
            key = (item["title"].casefold(), item["date"], item.get("start_time"))
            seen = sessions.setdefault(key, (number, item["session_type"], item["official"]))
            if seen[1:] != (item["session_type"], item["official"]):
                problem(
                    "session_type",
                    _("Row %(row)s describes the same session with another type or official flag.")
                    % {"row": seen[0]},
                )
        report.problems.extend(problems)
        clean.append(item)
    return clean


def _check_delegations(forum, rows, report) -> list[dict]:
    codes = {_text(row.get("country", "")).upper() for _n, row in rows}
    countries = {c.iso3: c for c in Country.objects.filter(Q(iso3__in=codes) | Q(iso2__in=codes))}
    countries.update({c.iso2: c for c in countries.copy().values()})
    references = {_text(row.get("government", "")) for _n, row in rows} - {""}
    governments = _governments_by_reference(references)
    clean = []
    for number, row in rows:
        problems = []

        def problem(column, message, number=number, problems=problems):
            problems.append(RowProblem(number, column, str(message)))

        values = {column: row.get(column, "") for column in COLUMNS[DELEGATIONS]}
        item = {"row": number}
        code = _text(values["country"]).upper()
        if not code:
            problem("country", _("This cell is required."))
        elif code not in countries:
            problem("country", _("Write the member state as an ISO 3166 alpha-3 code, e.g. SEN."))
        else:
            item["country"] = countries[code]
        item["name"] = " ".join(_text(values["member_name"]).split())[:200]
        if not item["name"]:
            problem("member_name", _("This cell is required."))
        item["title"] = _text(values["member_title"])[:200]
        item["organisation"] = _text(values["organisation"])[:200]
        reference = _text(values["government"])
        item["government"] = governments.get(reference) if reference else None
        if reference and item["government"] is None:
            problem(
                "government",
                _("No local government has the slug or external id “%(ref)s”.")
                % {"ref": reference},
            )
        try:
            item["represents"] = _parse_bool(
                values["represents_local_government"], default=bool(reference)
            )
        except ValueError as error:
            problem("represents_local_government", error)
        else:
            if reference and not item["represents"]:
                problem(
                    "represents_local_government",
                    _("A member linked to a local government represents it: write yes."),
                )
        report.problems.extend(problems)
        clean.append(item)
    return clean


# --- writing ------------------------------------------------------------------------------------


def _apply_programme(forum, items) -> dict:
    created = {"sessions": 0, "speakers": 0}
    positions: dict[int, int] = {}
    for item in items:
        session, made = ProgrammeSession.objects.update_or_create(
            forum=forum,
            title=item["title"],
            date=item["date"],
            start_time=item["start_time"],
            defaults={
                "session_type": item["session_type"],
                "end_time": item["end_time"],
                "is_official": item["official"],
            },
        )
        created["sessions"] += made
        if not item["speaker_name"]:
            continue
        position = positions.get(session.pk, 0)
        positions[session.pk] = position + 1
        speaker, made = Speaker.objects.update_or_create(
            session=session,
            name=item["speaker_name"],
            defaults={
                "title": item["speaker_title"],
                "organisation": item["organisation"],
                "organisation_type": item["organisation_type"],
                "position": position,
            },
        )
        speaker.governments.set(item["governments"])
        created["speakers"] += made
    return created


def _apply_delegations(forum, items) -> dict:
    created = {"delegations": 0, "members": 0}
    for item in items:
        delegation, made = NationalDelegation.objects.get_or_create(
            forum=forum, country=item["country"]
        )
        created["delegations"] += made
        _member, made = DelegationMember.objects.update_or_create(
            delegation=delegation,
            name=item["name"],
            defaults={
                "title": item["title"],
                "organisation": item["organisation"],
                "represents_local_government": item["represents"],
                "government": item["government"],
            },
        )
        created["members"] += made
    return created


def forum_import(
    *, forum: ReviewForum, kind: str, uploaded, name: str, by, dry_run: bool
) -> ImportReport:
    """Check every row; write them all in one transaction only if all are valid and not a dry run.

    Raises ImportFileError when the file itself cannot be read.
    """
    if kind not in COLUMNS:
        raise ImportFileError(_("Choose what the file holds: programme or delegations."))
    table = read_table(uploaded, name=name)
    header, rows = table[0][1]["__header__"], table[1:]
    report = ImportReport(kind=kind, rows=len(rows))
    if not _check_header(kind, header, report):
        return report
    if not rows:
        report.problems.append(RowProblem(2, "", _("The file has no rows under the header.")))
        return report
    check = _check_programme if kind == PROGRAMME else _check_delegations
    items = check(forum, rows, report)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        apply = _apply_programme if kind == PROGRAMME else _apply_delegations
        report.created = apply(forum, items)
        record(
            actor=by,
            action=f"forums.{kind}_imported",
            target=forum,
            file=name[:200],
            rows=len(rows),
            **report.created,
        )
    report.applied = True
    return report
