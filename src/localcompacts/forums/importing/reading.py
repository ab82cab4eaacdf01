"""Reading CSV/XLSX tables and parsing their cells, shared by the programme and delegation imports."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from localcompacts.core.spreadsheets import SpreadsheetError, cell_text
from localcompacts.core.spreadsheets import read_table as read_spreadsheet
from localcompacts.core.uploads import check_upload
from localcompacts.governments.models import LocalGovernment

CSV_MAX_BYTES = 2 * 1024 * 1024
XLSX_MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
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


# The file as a whole cannot be read: the one spreadsheet error, under the name importers know.
ImportFileError = SpreadsheetError


# --- reading ------------------------------------------------------------------------------------


def read_table(uploaded, *, name: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the rows of a CSV (UTF-8) or XLSX file as (row number, {column: value}).

    Blank rows are skipped but keep their place in the numbering.
    """
    if name.lower().endswith(".xlsx"):
        try:
            check_upload(uploaded, allowed={"xlsx"}, max_bytes=XLSX_MAX_BYTES)
        except ValidationError as error:
            raise ImportFileError(" ".join(error.messages)) from None
        extension = "xlsx"
    elif name.lower().endswith(".csv"):
        if uploaded.size == 0:
            raise ImportFileError(_("The file is empty."))
        if uploaded.size > CSV_MAX_BYTES:
            raise ImportFileError(
                _("The file is larger than %(limit)s MB.") % {"limit": CSV_MAX_BYTES // 1_048_576}
            )
        extension = "csv"
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    uploaded.seek(0)
    return read_spreadsheet(uploaded.read(), extension=extension, max_rows=MAX_ROWS)


# --- parsing cells ------------------------------------------------------------------------------


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(cell_text(value))
    except ValueError:
        raise ValueError(_("Write the date as YYYY-MM-DD.")) from None


def parse_time(value) -> datetime.time | None:
    if value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(cell_text(value))
    except ValueError:
        raise ValueError(_("Write the time as HH:MM (24-hour clock).")) from None


def parse_bool(value, *, default: bool) -> bool:
    if value == "":
        return default
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(_("Write yes or no."))


def parse_choice(value, choices) -> str:
    text = cell_text(value).casefold().replace("-", " ").replace("_", " ")
    for code, label in choices.choices:
        if text in (code.replace("_", " "), str(label).casefold().replace("-", " ")):
            return code
    for code, _label in choices.choices:
        if code.replace("_", " ").startswith(text) and text:
            return code
    raise ValueError(
        _("Unknown value. Use one of: %(codes)s.") % {"codes": ", ".join(choices.values)}
    )


def split_references(value) -> list[str]:
    return [part.strip() for part in cell_text(value).replace("|", ";").split(";") if part.strip()]


def governments_by_reference(references: set[str]) -> dict[str, LocalGovernment]:
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
