"""Spreadsheets in and out: the one CSV/XLSX reader of the imports, and formula-safe cells.

A value starting with = + - @ tab or carriage return is written with a leading apostrophe (the
OWASP "CSV injection" advice); `read_table` removes that apostrophe again, so a round trip is
lossless.
"""

import contextlib
import csv
import datetime
import io
import zipfile

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


# Limits of every spreadsheet read, checked before reading (the zip's sizes, the sheet's declared
# range) and again on every row (the declared range may lie). A sheet's rows are streamed: a cell
# far away costs one row, never the grid up to it.
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _value(value):
    """A cell as read: text stripped and un-neutralised, "" for an empty cell, other types kept
    (numbers, dates and booleans from XLSX)."""
    if value is None:
        return ""
    if isinstance(value, str):
        restored = restore_cell(value)
        # A neutralised cell ('=…, '\t…) is content as written: its leading tab or sign stays.
        return restored if restored is not value else value.strip()
    return value


def cell_text(value) -> str:
    """A read cell as text: whole numbers without ".0", dates in ISO 8601."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        return value  # as `read_table` gave it: stripped, unless neutralised content
    return str(value).strip()


def _too_big(*, max_rows: int, rows: int | None = None, columns: int | None = None) -> str:
    from openpyxl.utils import get_column_letter

    where = []
    if rows is not None:
        where.append(_("row %(row)s") % {"row": f"{rows:,}"})
    if columns is not None:
        where.append(_("column %(column)s") % {"column": get_column_letter(min(columns, 18278))})
    return _(
        "The sheet reaches %(where)s; a file may use at most %(rows)s rows and %(columns)s "
        "columns. Delete the rows and columns after your data (or copy the data into a new "
        "file) and upload it again."
    ) % {
        "where": ", ".join(where),
        "rows": f"{max_rows + 1:,}",
        "columns": MAX_COLUMNS,
    }


def _check_unpacked_size(data: bytes) -> None:
    """Refuse an XLSX that unpacks to more than MAX_UNPACKED_BYTES, before parsing any of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(_("The spreadsheet cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            _("The spreadsheet unpacks to more than %(limit)s MB; upload a smaller file.")
            % {"limit": MAX_UNPACKED_BYTES // 1_048_576}
        )


def _xlsx_rows(data: bytes, *, max_rows: int):
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — any parser error means an unreadable file
        raise SpreadsheetError(_("The spreadsheet cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        # The declared range (<dimension ref="A1:XFD1048576"/>): refuse before reading a row.
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > max_rows + 1 or declared_columns > MAX_COLUMNS:
            raise SpreadsheetError(
                _too_big(
                    max_rows=max_rows,
                    rows=declared_rows if declared_rows > max_rows + 1 else None,
                    columns=declared_columns if declared_columns > MAX_COLUMNS else None,
                )
            )
        # Without a declared range openpyxl pads nothing: each row is as wide as its last cell,
        # and a missing row is an empty tuple, so the rows keep their numbers.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    except SpreadsheetError:
        raise
    except Exception as error:  # noqa: BLE001 — a damaged sheet part fails while it is read
        raise SpreadsheetError(_("The spreadsheet cannot be read.")) from error
    finally:
        workbook.close()


def _csv_rows(data: bytes):
    first_line = data[:4096].split(b"\n", 1)[0]
    delimiter = ";" if first_line.count(b";") > first_line.count(b",") else ","
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")
        ) from error
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file cannot be read.")) from error


def iter_table_rows(data: bytes, *, extension: str, max_rows: int):
    """(row number, raw values) of a CSV or XLSX file's first sheet, streamed, within the limits:
    at most `max_rows` rows after the header, `MAX_COLUMNS` columns and `MAX_CELLS` cells.

    The first row past a limit raises `SpreadsheetError` before it is kept: nothing beyond the
    limits is ever held, whatever the file declares about itself.
    """
    raw = _xlsx_rows(data, max_rows=max_rows) if extension == "xlsx" else _csv_rows(data)
    cells = 0
    with contextlib.closing(raw):
        for number, values in enumerate(raw, start=1):
            # An XLSX row missing from the file comes as (), so `number` is the sheet's row
            # number: the first one past the limit stops the read, wherever the next cell is.
            if number > max_rows + 1:
                raise SpreadsheetError(_too_big(max_rows=max_rows, rows=number))
            if len(values) > MAX_COLUMNS:
                raise SpreadsheetError(_too_big(max_rows=max_rows, columns=len(values)))
            cells += len(values)
            if cells > MAX_CELLS:
                raise SpreadsheetError(
                    _("The sheet holds more than %(limit)s cells; upload a smaller file.")
                    % {"limit": f"{MAX_CELLS:,}"}
                )
            yield number, values


def read_table(
    data: bytes, *, extension: str, max_rows: int
) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (lower-case column names) and the data rows of a CSV (UTF-8, comma or
    semicolon) or XLSX file (its first sheet), as (row number, {column: value}).

    Row numbers are the spreadsheet's (the header is row 1); blank rows are skipped but keep their
    place in the numbering. Raises `SpreadsheetError` when the file cannot be read as a table or
    passes a limit (`iter_table_rows`).
    """
    header = None
    rows: list[tuple[int, dict]] = []
    for number, values in iter_table_rows(data, extension=extension, max_rows=max_rows):
        cells = [_value(v) for v in values]
        if header is None:
            header = [cell_text(c).lower() for c in cells]
            if not any(header):
                raise SpreadsheetError(_("The first row must hold the column names."))
            continue
        if all(c == "" for c in cells):
            continue
        cells.extend([""] * (len(header) - len(cells)))  # a row may end before the header does
        rows.append((number, dict(zip(header, cells, strict=False))))
    if header is None:
        raise SpreadsheetError(_("The file is empty."))
    return header, rows
