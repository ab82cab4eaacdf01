"""The one spreadsheet reader: streamed, within limits on rows, columns and cells that are checked
before reading (the zip's sizes, the sheet's declared range) and on every row (a declared range
may lie), so a tiny file naming a far-away cell is refused at once instead of being expanded."""

import io
import re
import zipfile

import openpyxl
import pytest

from localcompacts.core import spreadsheets
from localcompacts.core.spreadsheets import SpreadsheetError, iter_table_rows, read_table

LAST_ROW, LAST_COLUMN = 1_048_576, 16_384


def xlsx(cells: dict[tuple[int, int], object], *, dimension: str | None = None) -> bytes:
    """A workbook with the given cells; `dimension` overwrites the sheet's declared range."""
    book = openpyxl.Workbook()
    sheet = book.active
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source, rewritten = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(item, data)
    return rewritten.getvalue()


def far_corner(**options) -> bytes:
    return xlsx({(1, 1): "title", (2, 1): "Welcome desk", (LAST_ROW, LAST_COLUMN): "x"}, **options)


def test_the_far_corner_file_is_small_and_refused_from_its_declared_range_before_any_row():
    data = far_corner()
    assert len(data) < 10_000
    rows = iter_table_rows(data, extension="xlsx", max_rows=5000)
    with pytest.raises(SpreadsheetError) as refused:
        next(rows)  # not one row is read: the declared range A1:XFD1048576 is checked first
    assert "row 1,048,576" in refused.value.message
    assert "column XFD" in refused.value.message
    assert "at most 5,001 rows and 200 columns" in refused.value.message


@pytest.mark.parametrize("declared", ["A1:B2", None])
def test_a_lying_or_missing_declared_range_is_caught_on_the_first_row_past_the_limit(declared):
    data = far_corner(dimension=declared or "")
    read = []
    with pytest.raises(SpreadsheetError) as refused:
        for number, values in iter_table_rows(data, extension="xlsx", max_rows=50):
            read.append((number, len(values)))
    # The rows in between are missing from the file: each is one empty tuple, and the read stops
    # at row 52, not at row 1,048,576; nothing wider than the real cells was ever built.
    assert len(read) == 51
    assert read[:2] == [(1, 1), (2, 1)]
    assert all(width == 0 for _number, width in read[2:])
    assert "row 52" in refused.value.message


def test_a_far_column_behind_a_small_declared_range_is_refused_on_its_row():
    data = xlsx({(1, 1): "title", (2, LAST_COLUMN): "x"}, dimension="A1:A2")
    rows = iter_table_rows(data, extension="xlsx", max_rows=50)
    assert next(rows) == (1, ("title",))
    with pytest.raises(SpreadsheetError, match="column XFD"):
        next(rows)


def test_the_cell_limit_holds_within_the_row_and_column_limits(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 10)
    data = "\n".join(",".join("abcd") for _ in range(5)).encode()
    with pytest.raises(SpreadsheetError, match="more than 10 cells"):
        read_table(data, extension="csv", max_rows=100)


def test_csv_rows_and_columns_are_limited_too():
    wide = ",".join(f"c{n}" for n in range(201)).encode()
    with pytest.raises(SpreadsheetError, match="column GS"):
        read_table(wide, extension="csv", max_rows=10)
    long = b"title\n" + b"x\n" * 11
    with pytest.raises(SpreadsheetError, match="row 12"):
        read_table(long, extension="csv", max_rows=10)
    assert len(read_table(b"title\n" + b"x\n" * 10, extension="csv", max_rows=10)[1]) == 10


def test_an_archive_that_unpacks_beyond_the_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(SpreadsheetError, match="unpacks to more than"):
        read_table(xlsx({(1, 1): "title"}), extension="xlsx", max_rows=10)


def test_not_a_spreadsheet_is_a_clear_refusal():
    with pytest.raises(SpreadsheetError, match="cannot be read"):
        read_table(b"PK\x03\x04 not really", extension="xlsx", max_rows=10)
    with pytest.raises(SpreadsheetError, match="UTF-8"):
        read_table("title\ncafé\n".encode("latin-1"), extension="csv", max_rows=10)


def test_a_normal_sheet_reads_as_before():
    data = xlsx({(1, 1): "Title", (1, 2): "Year", (2, 1): "'=1+1", (2, 2): 2024, (4, 1): "Later"})
    header, rows = read_table(data, extension="xlsx", max_rows=10)
    assert header == ["title", "year"]
    assert rows == [(2, {"title": "=1+1", "year": 2024}), (4, {"title": "Later", "year": ""})]
