"""Writing demo rows fast: plain tuples inserted with `executemany`, ids chosen here.

`bulk_create` builds a model instance per row, prepares every field of it and compiles a multi-row
INSERT per batch; with DEBUG on (the development profile, where `make serve` seeds) it also has
SQLite quote each batch's parameters for the query log. For the millions of rows of a large demo
that was most of the seed's time. Here a row is a tuple in the order of the columns named, ids of
the rows others point at are allocated from the table's current largest one (the demo fills an
empty database, alone), so owners, tags and reports are built without reading anything back.
No `save()`, no signals, no `full_clean()`: the demo's rows are valid by construction, and the
database still checks its constraints.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Max, Model


def next_id(model: type[Model]) -> int:
    """The first id after the largest one in `model`'s table."""
    largest = model._default_manager.aggregate(largest=Max("pk"))["largest"]
    return (largest or 0) + 1


def reset_sequences(models: Iterable[type[Model]]) -> None:
    """After rows were inserted with their own ids, make the database's id sequences continue
    after them (PostgreSQL; SQLite's AUTOINCREMENT follows explicit ids by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextmanager
def unsynchronised() -> Iterator[None]:
    """On SQLite, `PRAGMA synchronous=OFF` while the demo is written, then the setting it had:
    SQLite no longer waits for the disk at each checkpoint of the write-ahead log. A crash of the
    program loses nothing already committed; only a power cut or an operating-system crash during
    the seed could corrupt the file, which then holds nothing but demo data: delete it and seed
    again. Elsewhere (PostgreSQL), or inside a transaction (where SQLite refuses the change: the
    seed called from a test), nothing changes."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (setting,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(setting)}")


def datetime_value() -> Callable[[datetime.datetime | None], Any]:
    """How an aware datetime is passed to this database: SQLite stores naive UTC text (exactly as
    the ORM writes it, through the adapter Django registers), PostgreSQL takes it as it is."""
    if connection.vendor != "sqlite":
        return connection.ops.adapt_datetimefield_value
    utc = datetime.UTC

    def naive_utc(value: datetime.datetime | None) -> datetime.datetime | None:
        return None if value is None else value.astimezone(utc).replace(tzinfo=None)

    return naive_utc


def json_value(value: Any) -> Any:
    """A JSONField value as this database takes it (text on SQLite, jsonb on PostgreSQL)."""
    return connection.ops.adapt_json_value(value, None)


class Inserter:
    """INSERTs into `model`'s table, one tuple per row in the order of `columns` (field names or
    their `_id` attribute names). Columns left out are NULL, so every NOT NULL column must be
    named: that is checked here, once, rather than by the database on the first row."""

    def __init__(self, model: type[Model], columns: Sequence[str]):
        meta = model._meta
        names: list[str] = []
        named: set[str] = set()
        for name in columns:
            field = meta.get_field(name)
            if not isinstance(field, Field) or not field.column:
                raise ValueError(f"{meta.label}.{name} is not a column")
            names.append(connection.ops.quote_name(field.column))
            named.add(field.name)
        missing = [
            field.name
            for field in meta.concrete_fields
            if field.name not in named and not field.null and not field.primary_key
        ]
        if missing:
            raise ValueError(f"{meta.label}: columns without a value: {', '.join(missing)}")
        table = connection.ops.quote_name(meta.db_table)
        marks = ", ".join(["%s"] * len(names))
        self.sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"  # noqa: S608
        self.model = model

    def __call__(self, rows: Sequence[tuple]) -> int:
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, rows)
        return len(rows)
