"""Full-text search of pledges behind one interface, on SQLite (FTS5) and PostgreSQL (tsvector).

The index itself is created by migration 0002: on SQLite an external-content FTS5 table kept in
sync by triggers, on PostgreSQL a generated, weighted `search_vector` column with a GIN index.
Titles weigh most, then summaries, then descriptions, so a title match ranks first.
"""

import importlib
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, FloatField, QuerySet
from django.db.models.expressions import RawSQL

MAX_TERMS = 12
# bm25 column weights (title, summary, description); PostgreSQL uses the weights A, B, C.
FTS5_RANK = (
    "(SELECT -bm25(pledges_pledge_fts, 10.0, 4.0, 1.0) FROM pledges_pledge_fts "
    "WHERE pledges_pledge_fts MATCH %s AND rowid = pledges_pledge.id)"
)
FTS5_MATCH = "SELECT rowid FROM pledges_pledge_fts WHERE pledges_pledge_fts MATCH %s"
SQLITE_TRIGGERS = (
    "pledges_pledge_fts_insert",
    "pledges_pledge_fts_delete",
    "pledges_pledge_fts_update",
)


class SearchVectorColumn(Expression):
    """The PostgreSQL-only `search_vector` column (not a model field), under the query's alias."""

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = self.alias or query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        return SearchVectorColumn(change_map.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        return f'{compiler.quote_name_unless_alias(self.alias)}."search_vector"', []


def terms(text: str) -> list[str]:
    """Words of a search text, without any operator syntax (so no input can break a query)."""
    words = []
    for word in re.findall(r"\w+", text.lower()):
        if word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def _fts5(words: list[str], any_word: bool) -> str:
    return (" OR " if any_word else " ").join(f'"{word}"*' for word in words)


def _tsquery_text(words: list[str], any_word: bool) -> str:
    return (" | " if any_word else " & ").join(f"{word}:*" for word in words)


def _tsquery(words: list[str], any_word: bool) -> SearchQuery:
    return SearchQuery(_tsquery_text(words, any_word), search_type="raw", config="simple")


def matching(queryset: QuerySet, text: str, *, any_word: bool = False) -> QuerySet:
    """`queryset` narrowed to pledges whose text matches every word (or any word) of `text`."""
    words = terms(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.alias(_search_vector=SearchVectorColumn()).filter(
            _search_vector=_tsquery(words, any_word)
        )
    # Only bound parameters reach the SQL: the match text is built from \w+ words, quoted.
    return queryset.filter(pk__in=RawSQL(FTS5_MATCH, [_fts5(words, any_word)]))  # noqa: S611


def rank(text: str, *, any_word: bool = False):
    """An expression scoring how well each pledge matches `text` (higher is better)."""
    words = terms(text)
    if connection.vendor == "postgresql":
        return SearchRank(SearchVectorColumn(), _tsquery(words, any_word))
    return RawSQL(  # noqa: S611 — a constant statement with one bound parameter
        FTS5_RANK,
        [_fts5(words, any_word)],
        output_field=FloatField(),
    )


def ranked(queryset: QuerySet, text: str) -> QuerySet:
    """`queryset` (of pledges) with a `search_rank` to order by (higher is better), limited to the
    pledges matching `text`.

    On SQLite the FTS5 table is joined once (the bm25 scores come out of the same index pass);
    a correlated subquery per row would cost a separate full-text lookup for every match.
    """
    words = terms(text)
    if connection.vendor == "postgresql":
        return queryset.annotate(search_rank=rank(text))
    return queryset.extra(  # noqa: S610 — constant SQL, the match text is a bound parameter
        select={"search_rank": "-bm25(pledges_pledge_fts, 10.0, 4.0, 1.0)"},
        tables=["pledges_pledge_fts"],
        where=["pledges_pledge_fts.rowid = pledges_pledge.id", "pledges_pledge_fts MATCH %s"],
        params=[_fts5(words, False)],
    )


def top_ids(text: str, *, any_word: bool = True, limit: int = 30) -> list[int]:
    """Ids of the pledges (any status) whose text best matches `text`, best first, cheaply: both
    databases rank a bounded sample of the matches (the newest 500 on SQLite)."""
    words = terms(text)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM (SELECT id, search_vector FROM pledges_pledge "
                "WHERE search_vector @@ to_tsquery('simple', %s) LIMIT 500) AS sample "
                "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC LIMIT %s",
                [_tsquery_text(words, any_word)] * 2 + [limit],
            )
        else:
            # the newest 500 matches (FTS5 walks rowids backwards and stops), ranked by bm25
            cursor.execute(
                "SELECT id FROM (SELECT rowid AS id, "
                "bm25(pledges_pledge_fts, 10.0, 4.0, 1.0) AS score FROM pledges_pledge_fts "
                "WHERE pledges_pledge_fts MATCH %s ORDER BY rowid DESC LIMIT 500) "
                "ORDER BY score LIMIT %s",
                [_fts5(words, any_word), limit],
            )
        return [row[0] for row in cursor.fetchall()]


def ensure_sqlite_index(using=None, **kwargs) -> None:
    """Re-create the FTS5 triggers if a table rebuild dropped them (SQLite's ALTER TABLE emulation
    copies `pledges_pledge` into a new table, which drops its triggers), and rebuild the index."""
    from django.db import connections

    conn = connections[using or "default"]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='pledges_pledge_fts'"
        )
        if cursor.fetchone():  # a table rebuild also drops indexes the model does not declare
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS pledges_pledge_updated_at "
                "ON pledges_pledge (updated_at)"
            )
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table') AND name LIKE %s",
            ["pledges_pledge_fts%"],
        )
        present = {row[0] for row in cursor.fetchall()}
        if "pledges_pledge_fts" not in present or present.issuperset(SQLITE_TRIGGERS):
            return
        # Pledges' own migration holds the trigger SQL; its name starts with a digit, so it can
        # only be imported by name.
        migration = importlib.import_module(
            "localcompacts.pledges.migrations.0002_full_text_search"
        )
        for statement in migration.SQLITE_FORWARD:
            if statement.startswith("CREATE TRIGGER") and statement.split()[2] not in present:
                cursor.execute(statement)
        cursor.execute("INSERT INTO pledges_pledge_fts(pledges_pledge_fts) VALUES ('rebuild')")
