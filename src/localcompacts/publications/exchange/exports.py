"""Streamed exports: rows are read in chunks (`.iterator(chunk_size=…)` with prefetching per chunk)
and written as they come, so memory stays flat whatever the number of pledges."""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape

from django.db import connection

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeOwner

from .cells import neutralise_cell
from .columns import Column, split_multi

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


def iterate(queryset, *, chunk_size: int = CHUNK_SIZE, annotate=None) -> Iterator:
    """The queryset's objects, in its order, read `chunk_size` at a time with its
    select_related/prefetch_related applied per chunk.

    The ordered primary keys are read first (a few bytes each); each chunk is then fetched by
    primary key. Sorting whole rows instead makes the database hold every row (descriptions
    included) in its sorter, so memory would grow with the size of the export.

    `annotate(queryset)` adds per-row annotations to each chunk's query (they are not carried over
    from `queryset`, which is only read for its order).
    """
    with _low_memory_reads():
        yield from _iterate(queryset, chunk_size, annotate)


@contextmanager
def _low_memory_reads():
    """On SQLite, read without the memory map and with a small page cache while an export runs.

    The shared settings map up to 256 MB of the database file and cache 64 MB of pages, which
    speeds up the site's many small reads; an export touches every page once, so they would only
    add the database's size to the process's resident memory. Restored afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        saved = {}
        for pragma, value in (("mmap_size", 0), ("cache_size", -8000)):
            cursor.execute(f"PRAGMA {pragma}")
            row = cursor.fetchone()  # none for an in-memory database (tests)
            if row is not None:
                saved[pragma] = int(row[0])
                cursor.execute(f"PRAGMA {pragma}={value}")
    try:
        yield
    finally:
        if saved and connection.connection is not None:
            with connection.cursor() as cursor:
                for pragma, value in saved.items():
                    cursor.execute(f"PRAGMA {pragma}={value}")


def _iterate(queryset, chunk_size: int, annotate=None) -> Iterator:
    ids = list(queryset.values_list("pk", flat=True))
    fetch = queryset.model._base_manager.all()
    attach = None
    if queryset.model is Pledge:
        attach = PledgeRelations()  # Django's prefetch costs a queryset per pledge and relation
        fetch = fetch.defer(*PledgeRelations.UNUSED)
    else:
        fetch.query.select_related = queryset.query.select_related
        fetch._prefetch_related_lookups = queryset._prefetch_related_lookups
    if annotate is not None:
        fetch = annotate(fetch)
    for start in range(0, len(ids), chunk_size):
        batch = ids[start : start + chunk_size]
        found = {obj.pk: obj for obj in _among(fetch, "id", batch)}
        if attach:
            attach(found)
        for pk in batch:
            if pk in found:
                yield found.pop(pk)


def _among(queryset, column: str, ids: list[int]):
    """`queryset` narrowed to rows whose `column` is one of `ids` (integers read from the database).

    The same as `column__in=ids`, without Django preparing each of thousands of values in Python
    (at 500,000 pledges that was a tenth of an export's time).
    """
    if not ids:
        return queryset.none()
    model, quote_name = queryset.model, connection.ops.quote_name
    target = (
        f"{quote_name(model._meta.db_table)}.{quote_name(model._meta.get_field(column).column)}"
    )
    bound = ", ".join(["%s"] * len(ids))
    return queryset.extra(where=[f"{target} IN ({bound})"], params=[int(i) for i in ids])  # noqa: S610 — bound parameters only


class _Prefetched:
    """Looks like a prefetched queryset to `columns.related()`."""

    __slots__ = ("_result_cache",)

    def __init__(self, items):
        self._result_cache = items


class Owner(NamedTuple):
    """What the export columns read of an owning government (a model instance costs 10× more)."""

    pk: int
    external_id: str | None
    slug: str
    name: str
    country: Country


class PledgeRelations:
    """Attach a chunk of pledges' tags, owners, forum and matched pledge with one query per
    relation. The taxonomies, countries and forums are small and read once; at 500,000 pledges,
    building a model instance per owner, country and forum was most of an export's time."""

    TAGS = {
        "objectives": (Objective, "objective_id"),
        "guiding_principles": (GuidingPrinciple, "guidingprinciple_id"),
        "refugee_support_areas": (RefugeeSupportArea, "refugeesupportarea_id"),
        "sdgs": (SustainableDevelopmentGoal, "sustainabledevelopmentgoal_id"),
        "population_groups": (PopulationGroup, "populationgroup_id"),
    }

    # Fields no export column reads: not converting them (a UUID, three timestamps) saves time.
    UNUSED = (
        "place",
        "revision_of",
        "creation_token",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
    )

    def __init__(self):
        self.tags = {name: model.objects.in_bulk() for name, (model, _f) in self.TAGS.items()}
        self.countries = Country.objects.in_bulk()
        self.forums = ReviewForum.objects.in_bulk()

    def __call__(self, pledges: dict) -> None:
        ids = list(pledges)
        for pledge in pledges.values():
            pledge._prefetched_objects_cache = {}
        for name, (_model, column) in self.TAGS.items():
            through = getattr(Pledge, name).through
            found: dict[int, list] = {pk: [] for pk in ids}
            for pledge_id, target in (
                _among(through.objects.all(), "pledge_id", ids)
                .order_by(column)
                .values_list("pledge_id", column)
            ):
                found[pledge_id].append(self.tags[name][target])
            for pk, items in found.items():
                items.sort(key=lambda item: (getattr(item, "compact", ""), item.pk))
                pledges[pk]._prefetched_objects_cache[name] = _Prefetched(items)
        self._attach_owners(pledges)
        self._attach_forums_and_matches(pledges)

    def _attach_owners(self, pledges: dict) -> None:
        ownerships = list(
            _among(PledgeOwner.objects.all(), "pledge_id", list(pledges)).values_list(
                "pledge_id", "government_id"
            )
        )
        governments = {
            row[0]: Owner(row[0], row[1], row[2], row[3], self.countries[row[4]])
            for row in _among(
                LocalGovernment.objects.all(), "id", list({g for _pledge, g in ownerships})
            ).values_list("pk", "external_id", "slug", "name", "country_id")
        }
        owners: dict[int, list] = {pk: [] for pk in pledges}
        for pledge_id, government_id in ownerships:
            owners[pledge_id].append(governments[government_id])
        for pk, items in owners.items():
            items.sort(key=lambda owner: (owner.name, owner.pk))
            pledges[pk]._prefetched_objects_cache["owners"] = _Prefetched(items)

    def _attach_forums_and_matches(self, pledges: dict) -> None:
        announced_at = Pledge._meta.get_field("announced_at")
        matches = Pledge._meta.get_field("matches")
        matched_ids = {p.matches_id for p in pledges.values() if p.matches_id}
        matched = Pledge._base_manager.only("external_id").in_bulk(matched_ids)
        for pledge in pledges.values():
            announced_at.set_cached_value(pledge, self.forums.get(pledge.announced_at_id))
            matches.set_cached_value(pledge, matched.get(pledge.matches_id))


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


class _Chunks(io.RawIOBase):
    """A write-only, unseekable file that hands over what was written so far (zipfile writes
    such a stream with data descriptors, so a ZIP can be sent while it is being made)."""

    def __init__(self):
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        "</styleSheet>"
    ),
}
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _xlsx_row(number: int, values: list, letters: list[str]) -> str:
    cells = []
    for letter, value in zip(letters, values, strict=True):
        value = xlsx_cell(value)
        ref = f"{letter}{number}"
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            text = xml_escape(str(value))
            cells.append(
                f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
            )
    return f'<row r="{number}">{"".join(cells)}</row>'


def xlsx_chunks(
    objects: Iterable, columns: list[Column], *, sheet_title: str = "pledges"
) -> Iterator[bytes]:
    """An XLSX workbook of one sheet, streamed: the first bytes leave before the first row is read,
    and each chunk of rows follows as it is written (a proxy never waits for the whole file; at
    500,000 pledges openpyxl wrote everything before the first byte). Cells are inline strings,
    numbers and booleans, neutralised like every export (`xlsx_cell`)."""
    sink = _Chunks()
    letters = [_column_letters(i) for i in range(len(columns))]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/workbook.xml", WORKBOOK.format(name=xml_escape(sheet_title[:31], {'"': "&quot;"}))
        )
        yield sink.take()
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((SHEET_START + _xlsx_row(1, [c.name for c in columns], letters)).encode())
            buffer, number = [], 1
            for obj in objects:
                number += 1
                buffer.append(_xlsx_row(number, [c.get(obj) for c in columns], letters))
                if len(buffer) >= ROWS_PER_WRITE:
                    sheet.write("".join(buffer).encode())
                    buffer = []
                    yield sink.take()
            sheet.write(("".join(buffer) + SHEET_END).encode())
    yield sink.take()


def json_record(obj, columns: list[Column]) -> dict:
    record = {}
    for column in columns:
        value = column.get(obj)
        if column.name in MULTI_VALUED:
            value = split_multi(value) if value else []
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


@dataclass(frozen=True)
class ExportFormat:
    """One download format of the pledge export: the declaration the export view, its URL check
    and the API read. To add a format, write its writer above and declare it in `EXPORT_FORMATS`
    (and link it from `publications/_export_links.html`).

    `write(objects, columns, options)` returns an iterator of bytes, streamed to the client as it is
    made (no format builds a whole file first); `options` carries the request's `excel` flag and the
    `meta` block (generation time, licence, filters).
    """

    extension: str
    content_type: str
    write: Callable[[Iterable[Any], Sequence[Column], dict[str, Any]], Iterator[bytes]]


def _write_csv(objects, columns, options):
    return csv_chunks(objects, columns, excel=options.get("excel", False))


def _write_json(objects, columns, options):
    return json_chunks(objects, columns, meta=options["meta"])


def _write_xlsx(objects, columns, options):
    return xlsx_chunks(objects, columns)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", _write_csv),
    "xlsx": ExportFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _write_xlsx,
    ),
    "json": ExportFormat("json", "application/json", _write_json),
}
