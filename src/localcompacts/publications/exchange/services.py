"""Writes of the data exchange. `government_upsert` and `pledge_upsert` are the one way imported
rows become data; the API's bulk upsert can call them too. They take checked values
(`importing.check_*`): validation happens once, at the boundary."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from localcompacts.accounts.models import User
from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.core.audit import record
from localcompacts.core.errors import ConflictError, DomainError
from localcompacts.core.richtext import sanitize_html
from localcompacts.governments.models import GovernmentKind, LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeOwner, PledgeStatus

from ..audit import ImportAction
from ..models import ImportColumnMapping
from .importing import (
    PROGRESS_EVERY,
    CheckedTable,
    ImportKind,
    NewGovernment,
    Problem,
    rekey_message,
)

Row = dict[str, Any]  # one checked row (`importing.check_*`): values by field name
Actor = User | None  # who imports: a person, or None for the application itself

# The workflow states an imported pledge may enter (the workflow takes it from there).
IMPORT_STATES = {
    PledgeStatus.DRAFT: _("Draft (the owners complete and submit it)"),
    PledgeStatus.SUBMITTED: _("Submitted (waiting for review)"),
    PledgeStatus.PUBLISHED: _("Published (already reviewed elsewhere)"),
}


class DataImportError(DomainError):
    """An import the exchange refuses as a whole (e.g. a state imported pledges cannot enter)."""


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    governments_created: list[str] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


GOVERNMENT_FIELDS = ("name", "kind", "country_id", "population", "latitude", "longitude", "website")


class WrittenRows:
    """Counts the rows an import has written and tells `progress(rows written)` every
    `PROGRESS_EVERY` of them (the worker's progress page; nothing in the request)."""

    def __init__(self, progress: Callable[[int], None] | None = None):
        self.progress = progress
        self.count = 0

    def add(self, rows: int = 1) -> None:
        before, self.count = self.count, self.count + rows
        if self.progress is not None and before // PROGRESS_EVERY != self.count // PROGRESS_EVERY:
            self.progress(self.count)


def rekey_conflict(external_id: str, holder: LocalGovernment) -> ConflictError:
    """A new external id whose slug belongs to a government that has another external id."""
    message = rekey_message(
        external_id, slug=holder.slug, name=holder.name, existing=holder.external_id or ""
    )
    return ConflictError(message, errors={"external_id": [message]})


def government_upsert(*, data: Row, by: Actor) -> tuple[LocalGovernment, bool]:
    """Create or update one government, found by its external id, else by its slug.

    Found by slug, a government that already has another external id is a different record:
    refused (`ConflictError`) rather than re-keyed and overwritten.
    """
    with transaction.atomic():
        found = None
        if data.get("external_id"):
            found = LocalGovernment.objects.filter(external_id=data["external_id"]).first()
        if found is None:
            found = LocalGovernment.objects.filter(slug=data["slug"]).first()
            if found and data.get("external_id") and found.external_id:
                raise rekey_conflict(data["external_id"], found)
        created = found is None
        government = LocalGovernment(slug=data["slug"]) if found is None else found
        for name in GOVERNMENT_FIELDS:
            setattr(
                government, name, data.get(name) if data.get(name) is not None else _blank(name)
            )
        if data.get("external_id"):
            government.external_id = data["external_id"]
        government.save()
        record(
            actor=by,
            action=ImportAction.GOVERNMENT_IMPORTED,
            target=government,
            created=created,
            external_id=government.external_id or "",
        )
        return government, created


def _blank(name: str) -> str | None:
    return "" if name == "website" else None


PLEDGE_FIELDS = (
    "kind",
    "title",
    "summary",
    "language",
    "pledge_type",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "partners",
    "announced_at_id",
)


RELATIONS = (
    ("objectives", "objectives"),
    ("guiding_principles", "guiding_principles"),
    ("refugee_support_areas", "gcr_areas"),
    ("sdgs", "sdgs"),
    ("population_groups", "population_groups"),
)


def _set_relation(pledge: Pledge, relation: str, ids: list[int], *, created: bool) -> None:
    """`.set()`, minus the reads a brand-new pledge does not need (one insert, or nothing)."""
    manager = getattr(pledge, relation)
    if not created:
        manager.set(ids)
        return
    if ids:
        through = manager.through
        source = manager.source_field_name
        target = manager.target_field_name
        through.objects.bulk_create(
            through(**{f"{source}_id": pledge.pk, f"{target}_id": pk}) for pk in ids
        )


def _find_pledge(external_id: str) -> Pledge | None:
    pledge = Pledge.objects.filter(external_id=external_id).first()
    if pledge is None and external_id.startswith("LC-P") and external_id[4:].isdigit():
        # Our own export's id for a pledge that had none: adopt it rather than duplicate it.
        pledge = Pledge.objects.filter(pk=int(external_id[4:]), external_id__isnull=True).first()
    return pledge


def pledge_upsert(*, data: Row, state: str, by: Actor) -> tuple[Pledge, bool]:
    """Create or update one pledge by external id.

    A new pledge enters the workflow in `state` (draft, submitted or published); an existing one
    keeps its workflow state, so re-importing a file never takes a published pledge back.
    """
    if state not in IMPORT_STATES:
        raise DataImportError(
            _("Imported pledges can only enter as draft, submitted or published.")
        )
    with transaction.atomic():
        found = _find_pledge(data["external_id"])
        created = found is None
        pledge = (
            Pledge(status=state, created_by=by if by and by.is_authenticated else None)
            if found is None
            else found
        )
        pledge.external_id = data["external_id"]
        for name in PLEDGE_FIELDS:
            setattr(pledge, name, data.get(name))
        for name in ("summary", "pledge_type", "currency", "partners"):
            setattr(pledge, name, getattr(pledge, name) or "")
        pledge.description = sanitize_html(data.get("description", ""))
        now = timezone.now()
        if created and state in (PledgeStatus.SUBMITTED, PledgeStatus.PUBLISHED):
            pledge.submitted_at = now
        if pledge.status == PledgeStatus.PUBLISHED:
            pledge.published_at = data.get("published_at") or pledge.published_at or now
        pledge.save()
        owners = data["owner_ids"]
        current = (
            []
            if created
            else list(
                pledge.ownerships.order_by("-is_lead", "id").values_list("government_id", flat=True)
            )
        )
        if current != owners:
            pledge.ownerships.all().delete()
            PledgeOwner.objects.bulk_create(
                PledgeOwner(pledge=pledge, government_id=pk, is_lead=i == 0)
                for i, pk in enumerate(owners)
            )
        for relation, key in RELATIONS:
            _set_relation(pledge, relation, data.get(key, []), created=created)
        record(
            actor=by,
            action=ImportAction.PLEDGE_IMPORTED,
            target=pledge,
            created=created,
            state=pledge.status,
            external_id=pledge.external_id,
        )
        return pledge, created


def _new_pledge(data: Row, *, state: str, by: Actor, now: datetime.datetime) -> Pledge:
    pledge = Pledge(
        status=state,
        external_id=data["external_id"],
        created_by=by if by and by.is_authenticated else None,
        description=sanitize_html(data.get("description", "")),
    )
    for name in PLEDGE_FIELDS:
        setattr(pledge, name, data.get(name))
    for name in ("summary", "pledge_type", "currency", "partners"):
        setattr(pledge, name, getattr(pledge, name) or "")
    if state in (PledgeStatus.SUBMITTED, PledgeStatus.PUBLISHED):
        pledge.submitted_at = now
    if state == PledgeStatus.PUBLISHED:
        pledge.published_at = data.get("published_at") or now
    return pledge


def pledge_upsert_many(
    *, rows: list[Row], state: str, by: Actor, written: WrittenRows | None = None
) -> list[tuple[Pledge, bool]]:
    """`pledge_upsert` for many rows at once: the same result, with new pledges and their relations
    written in a few bulk inserts (a 5,000-row import in seconds). Existing pledges go through
    `pledge_upsert` one by one. `written` counts each row once it is written."""
    written = written or WrittenRows()
    if state not in IMPORT_STATES:
        raise DataImportError(
            _("Imported pledges can only enter as draft, submitted or published.")
        )
    with transaction.atomic():
        known = set(
            Pledge.objects.filter(external_id__in=[r["external_id"] for r in rows]).values_list(
                "external_id", flat=True
            )
        )
        results: list[tuple[Pledge, bool] | None] = []
        fresh: list[tuple[int, Row]] = []
        for index, data in enumerate(rows):
            external_id = data["external_id"]
            if external_id in known or (
                external_id.startswith("LC-P") and _find_pledge(external_id)
            ):
                results.append(pledge_upsert(data=data, state=state, by=by))
                written.add()
            else:
                results.append(None)
                fresh.append((index, data))
        now = timezone.now()
        created = Pledge.objects.bulk_create(
            [_new_pledge(data, state=state, by=by, now=now) for _index, data in fresh],
            batch_size=500,
        )
        PledgeOwner.objects.bulk_create(
            (
                PledgeOwner(pledge=pledge, government_id=pk, is_lead=i == 0)
                for pledge, (_index, data) in zip(created, fresh, strict=True)
                for i, pk in enumerate(data["owner_ids"])
            ),
            batch_size=1000,
        )
        for relation, key in RELATIONS:
            manager = getattr(Pledge, relation)
            through = manager.through
            source = manager.field.m2m_field_name()
            target = manager.field.m2m_reverse_field_name()
            through.objects.bulk_create(
                (
                    through(**{f"{source}_id": pledge.pk, f"{target}_id": pk})
                    for pledge, (_index, data) in zip(created, fresh, strict=True)
                    for pk in data.get(key, [])
                ),
                batch_size=1000,
            )
        for pledge, (index, _data) in zip(created, fresh, strict=True):
            record(
                actor=by,
                action=ImportAction.PLEDGE_IMPORTED,
                target=pledge,
                created=True,
                state=pledge.status,
                external_id=pledge.external_id,
            )
            results[index] = (pledge, True)
            written.add()
        return [result for result in results if result is not None]  # every row has its result


PREVIEW_ROWS = 5


def _is_new(owner: object) -> bool:
    return isinstance(owner, NewGovernment)


def _create_named_governments(table: CheckedTable, *, by: Actor) -> None:
    """Governments named in pledge rows that do not exist yet (with the row's country): created
    once each, then every row points at them."""
    made: dict[NewGovernment, int] = {}
    for _number, data in table.rows:
        for index, owner in enumerate(data["owner_ids"]):
            if not _is_new(owner):
                continue
            if owner not in made:
                slug = unique_slug(owner.name, owner.country_id)
                government, _created = government_upsert(
                    data={
                        "name": owner.name,
                        "slug": slug,
                        "country_id": owner.country_id,
                        "kind": GovernmentKind.CITY,
                    },
                    by=by,
                )
                made[owner] = government.pk
            data["owner_ids"][index] = made[owner]


def unique_slug(name: str, country_id: int) -> str:
    base = (slugify(name) or "government")[:200]
    slug, counter = base, 2
    while LocalGovernment.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def pledge_preview(rows: list[tuple[int, Row]]) -> list[dict[str, Any]]:
    """The first rows as they will be stored: names and codes a person can check."""
    owners = {
        g.pk: g.name
        for g in LocalGovernment.objects.filter(
            pk__in={o for _n, d in rows for o in d["owner_ids"] if not _is_new(o)}
        )
    }
    codes = {
        key: dict(model.objects.values_list("pk", "code"))
        for key, model in (("objectives", Objective), ("population_groups", PopulationGroup))
    }
    preview = []
    for number, data in rows:
        preview.append(
            {
                "row": number,
                "external_id": data["external_id"],
                "title": data["title"],
                "owners": [
                    (o.name, True) if _is_new(o) else (owners.get(o, ""), False)
                    for o in data["owner_ids"]
                ],
                "objectives": [codes["objectives"][pk] for pk in data.get("objectives", [])],
                "population_groups": [
                    codes["population_groups"][pk] for pk in data.get("population_groups", [])
                ],
                "start_date": data.get("start_date"),
                "partners": data.get("partners", "").splitlines(),
            }
        )
    return preview


def import_table(
    *,
    table: CheckedTable,
    state: str,
    by: Actor,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """All or nothing: a checked table with problems, or a dry run, writes nothing.

    `progress(rows written)` is told every `PROGRESS_EVERY` rows, inside the transaction."""
    result = ImportResult(kind=table.kind, dry_run=dry_run, rows=len(table.rows))
    result.problems = list(table.problems)
    if table.kind == ImportKind.PLEDGES:
        result.governments_created = sorted(
            {o.name for _n, data in table.rows for o in data["owner_ids"] if _is_new(o)}
        )
        result.preview = pledge_preview(table.rows[:PREVIEW_ROWS])
    if not table.ok or dry_run:
        return result
    written = WrittenRows(progress)
    with transaction.atomic():
        if table.kind == ImportKind.PLEDGES:
            _create_named_governments(table, by=by)
        if table.kind == ImportKind.GOVERNMENTS:
            for _number, data in table.rows:
                _government, created = government_upsert(data=data, by=by)
                result.created += created
                result.updated += not created
                written.add()
        else:
            matches = []
            upserted = pledge_upsert_many(
                rows=[data for _number, data in table.rows], state=state, by=by, written=written
            )
            for (pledge, created), (_number, data) in zip(upserted, table.rows, strict=True):
                result.created += created
                result.updated += not created
                if data.get("matches") or pledge.matches_id:
                    matches.append((pledge, data.get("matches", "")))
            for pledge, target in matches:
                matched = _find_pledge(target) if target else None
                if pledge.matches_id != (matched.pk if matched else None):
                    pledge.matches = matched
                    pledge.save(update_fields=["matches"])
    return result


def remembered_mapping(columns: Iterable[str]) -> dict[str, str]:
    return dict(
        ImportColumnMapping.objects.filter(column__in=list(columns)).values_list("column", "field")
    )


def mapping_remember(*, mapping: dict[str, str], by: Actor) -> None:
    """Keep the secretariat's choice per column name for the next file (audited when changed)."""
    with transaction.atomic():
        before = remembered_mapping(mapping)
        changed = {c: f for c, f in mapping.items() if c and before.get(c) != f}
        for column, chosen in changed.items():
            saved, _created = ImportColumnMapping.objects.update_or_create(
                column=column[:200], defaults={"field": chosen}
            )
            record(actor=by, action=ImportAction.MAPPING_SAVED, target=saved, field=chosen)
