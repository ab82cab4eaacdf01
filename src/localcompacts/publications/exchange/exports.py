"""Streamed exports: rows are read in chunks (`.iterator(chunk_size=…)` with prefetching per chunk)
and written as they come, so memory stays flat whatever the number of pledges."""

import csv
import json
import re
import tempfile
from collections.abc import Iterable, Iterator

from localcompacts.compacts.models import (
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.pledges.models import Pledge, PledgeOwner

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
    attach = None
    if queryset.model is Pledge:
        attach = PledgeRelations()  # Django's prefetch costs a queryset per pledge and relation
    else:
        fetch._prefetch_related_lookups = queryset._prefetch_related_lookups
    for start in range(0, len(ids), chunk_size):
        batch = ids[start : start + chunk_size]
        found = {obj.pk: obj for obj in fetch.filter(pk__in=batch)}
        if attach:
            attach(found)
        for pk in batch:
            if pk in found:
                yield found.pop(pk)


class _Prefetched:
    """Looks like a prefetched queryset to `columns.related()`."""

    __slots__ = ("_result_cache",)

    def __init__(self, items):
        self._result_cache = items


class PledgeRelations:
    """Attach a chunk of pledges' owners and tags with one query per relation: the taxonomies are
    small and read once; owners are read per chunk with their country."""

    TAGS = {
        "objectives": (Objective, "objective_id"),
        "guiding_principles": (GuidingPrinciple, "guidingprinciple_id"),
        "refugee_support_areas": (RefugeeSupportArea, "refugeesupportarea_id"),
        "sdgs": (SustainableDevelopmentGoal, "sustainabledevelopmentgoal_id"),
        "population_groups": (PopulationGroup, "populationgroup_id"),
    }

    def __init__(self):
        self.tags = {name: model.objects.in_bulk() for name, (model, _f) in self.TAGS.items()}

    def __call__(self, pledges: dict) -> None:
        ids = list(pledges)
        for pledge in pledges.values():
            pledge._prefetched_objects_cache = {}
        for name, (_model, column) in self.TAGS.items():
            through = getattr(Pledge, name).through
            found: dict[int, list] = {pk: [] for pk in ids}
            for pledge_id, target in (
                through.objects.filter(pledge_id__in=ids)
                .order_by(column)
                .values_list("pledge_id", column)
            ):
                found[pledge_id].append(self.tags[name][target])
            for pk, items in found.items():
                items.sort(key=lambda item: (getattr(item, "compact", ""), item.pk))
                pledges[pk]._prefetched_objects_cache[name] = _Prefetched(items)
        ownerships = list(
            PledgeOwner.objects.filter(pledge_id__in=ids)
            .select_related("government__country")
            .order_by("government__name", "government_id")
        )
        owners: dict[int, list] = {pk: [] for pk in ids}
        for ownership in ownerships:
            owners[ownership.pledge_id].append(ownership.government)
        for pk, items in owners.items():
            pledges[pk]._prefetched_objects_cache["owners"] = _Prefetched(items)


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
