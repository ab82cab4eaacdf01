"""Spreadsheets in and out: the one CSV/XLSX reader of the imports, and formula-safe cells.

A value starting with = + - @ tab or carriage return is written with a leading apostrophe (the
OWASP "CSV injection" advice); `read_table` removes that apostrophe again, so a round trip is
lossless.
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _

from .errors import DomainError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """The one function every CSV and XLSX export passes each text value through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(value):
    """Undo `neutralise_cell` on imported text."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def csv_text(value) -> str:
    """A cell for a plain CSV writer: text, empty for None, neutralised."""
    return neutralise_cell("" if value is None else str(value))


class SpreadsheetError(DomainError):
    """The file as a whole cannot be read (wrong encoding, no header, too many rows…)."""

    code = "file"


def _value(value):
    """A cell as read: text stripped and un-neutralised, "" for an empty cell, other types kept
    (numbers, dates and booleans from XLSX)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return restore_cell(value).strip()
    return value


def cell_text(value) -> str:
    """A read cell as text: whole numbers without ".0", dates in ISO 8601."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _raw_rows(data: bytes, extension: str):
    if extension == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 — any parser error means an unreadable file
            raise SpreadsheetError(_("The spreadsheet cannot be read.")) from error
        try:
            yield from workbook.worksheets[0].iter_rows(values_only=True)
        finally:
            workbook.close()
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_table(
    data: bytes, *, extension: str, max_rows: int
) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (lower-case column names) and the data rows of a CSV (UTF-8, comma or
    semicolon) or XLSX file (its first sheet), as (row number, {column: value}).

    Row numbers are the spreadsheet's (the header is row 1); blank rows are skipped but keep their
    place in the numbering. Raises `SpreadsheetError` when the file cannot be read as a table.
    """
    header = None
    rows: list[tuple[int, dict]] = []
    for number, values in enumerate(_raw_rows(data, extension), start=1):
        cells = [_value(v) for v in values]
        if header is None:
            header = [cell_text(c).lower() for c in cells]
            if not any(header):
                raise SpreadsheetError(_("The first row must hold the column names."))
            continue
        if all(c == "" for c in cells):
            continue
        rows.append((number, dict(zip(header, cells, strict=False))))
        if len(rows) > max_rows:
            raise SpreadsheetError(_("A file may hold at most %(n)s rows.") % {"n": max_rows})
    if header is None:
        raise SpreadsheetError(_("The file is empty."))
    return header, rows
