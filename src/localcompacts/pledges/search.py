"""Full-text search of pledges behind one interface, on SQLite (FTS5) and PostgreSQL (tsvector).

The indexes are created by migrations 0002 and 0007 (`0007_search_across_scripts`): on SQLite
external-content FTS5 tables kept in sync by triggers, on PostgreSQL generated, weighted
`search_vector` columns with GIN indexes. What is searched: a pledge's title, summary and
description, and the title and summary of each of its translations (`PledgeTranslation`).

Every word of the search text must be found (in the pledge or in one of its translations):
- a word in a script that separates words with spaces (Latin, Cyrillic, Arabic, Greek…) is
  matched as a word prefix, accents ignored ("montreal" finds "Montréal", "da nang" finds
  "Đà Nẵng"): FTS5's `unicode61 remove_diacritics 2` plus folded letters on SQLite, the
  `lc_simple` configuration (`unaccent`, then `simple`) on PostgreSQL;
- a word in a script written without spaces (Chinese, Japanese, Thai…) is matched anywhere inside
  titles and summaries ("移民" inside "城市移民融合计划"): FTS5's trigram index for three characters
  or more and LIKE below that (trigrams cannot hold a shorter string), `pg_trgm`-indexed ILIKE on
  PostgreSQL.
Titles weigh most, then summaries, then descriptions, so a title match ranks first.
"""

import importlib
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Expression, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from .models import Pledge

MAX_TERMS = 12
# The migration that holds the SQLite triggers and index statements; its name starts with a digit,
# so it can only be imported by name.
_migration = importlib.import_module("localcompacts.pledges.migrations.0007_search_across_scripts")
SQLITE_TRIGGERS: tuple[str, ...] = tuple(_migration.SQLITE_TRIGGERS)
FOLDED_LETTERS: dict[str, str] = _migration.FOLDED_LETTERS
CONFIG = "lc_simple"  # PostgreSQL text-search configuration: unaccent, then simple

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana and
# the CJK ideographs (with their extensions and compatibility forms).
UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
TRIGRAM = 3  # shortest string a trigram index can find

# bm25 column weights (title, summary, description); PostgreSQL uses the weights A, B, C.
# The scores of every match are computed once per query (a derived table that `LIMIT -1` keeps
# SQLite from flattening, so it is materialised with an automatic index), not once per result
# row: a MATCH correlated with each row re-read the index for every row, 25 s for a common word
# at 500,000 pledges (bench/README.md, Catalogue (d)), 0.6 s this way.
FTS5_RANK = (
    "COALESCE((SELECT scores.score FROM (SELECT rowid AS id, "
    "-bm25(pledges_pledge_fts, 10.0, 4.0, 1.0) AS score FROM pledges_pledge_fts "
    "WHERE pledges_pledge_fts MATCH %s LIMIT -1) AS scores WHERE scores.id = pledges_pledge.id), 0)"
)
POSTGRES_RANK = "COALESCE(ts_rank(pledges_pledge.search_vector, to_tsquery('lc_simple', %s)), 0)"
# A word written without spaces found in the title counts like a strong word match.
INSIDE_RANK = "(CASE WHEN pledges_pledge.title {like} %s ESCAPE '\\' THEN 1.0 ELSE 0 END)"


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


def fold(text: str) -> str:
    """`text` lowercased and composed, with the letters `remove_diacritics` cannot take apart
    spelled as the index spells them (so "Đà" is searched as "dà", indexed as "da")."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(FOLDED_LETTERS.get(letter, letter) for letter in text)


def terms(text: str) -> list[str]:
    """Words of a search text, without any operator syntax (so no input can break a query)."""
    words = []
    for word in re.findall(r"\w+", fold(text)):
        if word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def written_without_spaces(word: str) -> bool:
    return bool(UNSPACED_SCRIPT.search(word))


def _like_pattern(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts5(words: list[str], any_word: bool) -> str:
    return (" OR " if any_word else " ").join(f'"{word}"*' for word in words)


def _tsquery_text(words: list[str], any_word: bool) -> str:
    return (" | " if any_word else " & ").join(f"{word}:*" for word in words)


def _pledges_with(word: str) -> tuple[str, list[str]]:
    """SQL selecting the ids of pledges (any status) whose text or a translation holds `word`."""
    if connection.vendor == "postgresql":
        if written_without_spaces(word):
            pattern = _like_pattern(word)
            return (
                "SELECT id FROM pledges_pledge WHERE title ILIKE %s OR summary ILIKE %s "
                "UNION SELECT pledge_id FROM pledges_pledgetranslation "
                "WHERE title ILIKE %s OR summary ILIKE %s",
                [pattern] * 4,
            )
        return (
            "SELECT id FROM pledges_pledge "
            "WHERE search_vector @@ to_tsquery('lc_simple', %s) "
            "UNION SELECT pledge_id FROM pledges_pledgetranslation "
            "WHERE search_vector @@ to_tsquery('lc_simple', %s)",
            [f"{word}:*"] * 2,
        )
    if written_without_spaces(word) and len(word) < TRIGRAM:
        pattern = _like_pattern(word)
        return (
            "SELECT id FROM pledges_pledge WHERE title LIKE %s ESCAPE '\\' "
            "OR summary LIKE %s ESCAPE '\\' UNION SELECT pledge_id FROM pledges_pledgetranslation "
            "WHERE title LIKE %s ESCAPE '\\' OR summary LIKE %s ESCAPE '\\'",
            [pattern] * 4,
        )
    own, translated = (
        ("pledges_pledge_trigram", "pledges_pledgetranslation_trigram")
        if written_without_spaces(word)
        else ("pledges_pledge_fts", "pledges_pledgetranslation_fts")
    )
    match = f'"{word}"' if written_without_spaces(word) else f'"{word}"*'
    # the table names are constants, the match text is bound
    sql = (
        f"SELECT rowid FROM {own} WHERE {own} MATCH %s "  # noqa: S608
        f"UNION SELECT pledge_id FROM pledges_pledgetranslation WHERE id IN "
        f"(SELECT rowid FROM {translated} WHERE {translated} MATCH %s)"
    )
    return sql, [match, match]


def matching(
    queryset: "QuerySet[Pledge]", text: str, *, any_word: bool = False
) -> "QuerySet[Pledge]":
    """`queryset` narrowed to pledges whose text (or a translation) matches every word (or any
    word) of `text`."""
    words = terms(text)
    if not words:
        return queryset
    condition = Q()
    for word in words:
        # Only bound parameters reach the SQL: the words are \w+ runs, quoted or bound.
        found = Q(pk__in=RawSQL(*_pledges_with(word)))  # noqa: S611
        condition = (condition | found) if any_word else (condition & found)
    return queryset.filter(condition)


def rank(text: str, *, any_word: bool = True):
    """An expression scoring how well each pledge's own text matches `text` (higher is better):
    its full-text score for the spaced words, plus one for each unspaced word found in its title.
    A pledge found only through a translation scores 0 and sorts by date among its peers."""
    words = terms(text)
    spaced = [word for word in words if not written_without_spaces(word)]
    unspaced = [word for word in words if written_without_spaces(word)]
    parts, params = ["0"], []
    if spaced and connection.vendor == "postgresql":
        parts.append(POSTGRES_RANK)
        params.append(_tsquery_text(spaced, any_word))
    elif spaced:
        parts.append(FTS5_RANK)
        params.append(_fts5(spaced, any_word))
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    for word in unspaced:
        parts.append(INSIDE_RANK.format(like=like))
        params.append(_like_pattern(word))
    # constant SQL; the words are bound parameters
    return RawSQL(" + ".join(parts), params, output_field=FloatField())  # noqa: S611


def ranked(queryset: "QuerySet[Pledge]", text: str) -> "QuerySet[Pledge]":
    """`queryset` (of pledges) with a `search_rank` to order by (higher is better), limited to the
    pledges matching `text`."""
    return matching(queryset, text).annotate(search_rank=rank(text))


def top_ids(text: str, *, any_word: bool = True, limit: int = 30) -> list[int]:
    """Ids of the pledges (any status) whose own text best matches `text`'s spaced words, best
    first, cheaply: both databases rank a bounded sample of the matches (the newest 500 on
    SQLite). Used for similar pledges, not for the catalogue."""
    words = [word for word in terms(text) if not written_without_spaces(word)]
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM (SELECT id, search_vector FROM pledges_pledge "
                "WHERE search_vector @@ to_tsquery('lc_simple', %s) LIMIT 500) AS sample "
                "ORDER BY ts_rank(search_vector, to_tsquery('lc_simple', %s)) DESC LIMIT %s",
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
    copies a table into a new one, which drops its triggers), and rebuild the indexes."""
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
            ["pledges_pledge%"],
        )
        present = {row[0] for row in cursor.fetchall()}
        if "pledges_pledgetranslation_trigram" not in present or present.issuperset(
            SQLITE_TRIGGERS
        ):
            return  # the index is not migrated yet, or whole
        for name, statement in _migration.SQLITE_TRIGGERS.items():
            if name not in present:
                cursor.execute(statement)
        for statement in _migration.sqlite_rebuild():
            cursor.execute(statement)


@contextmanager
def index_rebuilt_afterwards() -> Iterator[None]:
    """For writing many pledges at once (the demo seed): on SQLite the pledge insert trigger is
    dropped while the block runs and every index is rebuilt at its end (one statement per index,
    also when the block fails), which costs less than the trigger's two index inserts per row.
    Only inserts may happen inside: the update and delete triggers stay. PostgreSQL's generated
    columns need nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    name = "pledges_pledge_fts_insert"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [name])
        present = cursor.fetchone() is not None
        if present:
            cursor.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        if present:
            ensure_sqlite_index()
