"""Streamed exports: rows are read in chunks (`.iterator(chunk_size=…)` with prefetching per chunk)
and written as they come, so memory stays flat whatever the number of pledges."""

import csv
import json
import re
import tempfile
from collections.abc import Iterable, Iterator

from .cells import neutralise_cell
from .columns import MULTI_SEPARATOR, Column

CHUNK_SIZE = 2000
ROWS_PER_WRITE = 500
MULTI_VALUED = {
    "owners",
    "owner_names",
    "countries",
    "objectives",
    "guiding_principles",
    "gcr_areas",
    "sdgs",
    "population_groups",
    "partners",
}
# Characters XML 1.0 (and so XLSX) cannot hold.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Echo:
    def write(self, value):
        return value


def iterate(queryset, *, chunk_size: int = CHUNK_SIZE) -> Iterator:
    """The queryset's objects, in its order, read `chunk_size` at a time with its
    select_related/prefetch_related applied per chunk.

    The ordered primary keys are read first (a few bytes each); each chunk is then fetched by
    primary key. Sorting whole rows instead makes the database hold every row (descriptions
    included) in its sorter, so memory would grow with the size of the export.
    """
    ids = list(queryset.values_list("pk", flat=True))
    fetch = queryset.model._base_manager.all()
    fetch.query.select_related = queryset.query.select_related
    fetch._prefetch_related_lookups = queryset._prefetch_related_lookups
    for start in range(0, len(ids), chunk_size):
        batch = ids[start : start + chunk_size]
        found = {obj.pk: obj for obj in fetch.filter(pk__in=batch)}
        for pk in batch:
            if pk in found:
                yield found.pop(pk)


def csv_chunks(objects: Iterable, columns: list[Column], *, excel: bool = False) -> Iterator[bytes]:
    """CSV in UTF-8; `excel=True` adds a byte-order mark and uses “;” as Excel expects in most locales."""
    writer = csv.writer(_Echo(), delimiter=";" if excel else ",", lineterminator="\r\n")
    head = writer.writerow([column.name for column in columns])
    yield (("\ufeff" if excel else "") + head).encode()
    buffer = []
    for obj in objects:
        buffer.append(writer.writerow([neutralise_cell(c.get(obj)) for c in columns]))
        if len(buffer) >= ROWS_PER_WRITE:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def xlsx_cell(value):
    value = neutralise_cell(value)
    if isinstance(value, str):
        return ILLEGAL_XML.sub("", value)
    return value


def write_xlsx(
    objects: Iterable, columns: list[Column], *, sheet_title: str = "pledges", target=None
):
    """Write an XLSX with openpyxl's write-only mode (rows go to disk as they come).

    Returns an open binary file positioned at the start (a temporary file unless `target` is given).
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([column.name for column in columns])
    for obj in objects:
        sheet.append([xlsx_cell(c.get(obj)) for c in columns])
    output = target or tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — returned open
    workbook.save(output)
    output.seek(0)
    return output


def json_record(obj, columns: list[Column]) -> dict:
    record = {}
    for column in columns:
        value = column.get(obj)
        if column.name in MULTI_VALUED:
            value = [part for part in value.split(MULTI_SEPARATOR) if part] if value else []
        record[column.name] = value
    return record


def json_chunks(objects: Iterable, columns: list[Column], *, meta: dict) -> Iterator[bytes]:
    """`{"meta": {...}, "pledges": [...]}` written record by record."""
    yield ('{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "pledges": [').encode()
    buffer = []
    first = True
    for obj in objects:
        text = json.dumps(json_record(obj, columns), ensure_ascii=False)
        buffer.append(text if first else "," + text)
        first = False
        if len(buffer) >= ROWS_PER_WRITE:
            yield "\n".join(buffer).encode()
            buffer = []
    buffer.append("]}\n")
    yield "\n".join(buffer).encode()
