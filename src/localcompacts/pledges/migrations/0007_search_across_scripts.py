"""Search that works across scripts (and in translations).

SQLite: the word index (FTS5 `unicode61 remove_diacritics 2`) now indexes text with the letters
that have no Unicode decomposition folded too (Đ→d, Ł→l, Ø→o, ß→ss…), so "da nang" finds
"Đà Nẵng"; a trigram index (FTS5 `trigram`) over titles and summaries finds Chinese or Japanese
words inside a title, which has no spaces to split words at; translations (`PledgeTranslation`)
get the same two indexes. All are external-content tables kept in sync by triggers.

PostgreSQL: the extensions `unaccent` and `pg_trgm` (both trusted: a database owner may create
them), a text-search configuration `lc_simple` (the `simple` one with `unaccent` first), the
`search_vector` columns re-generated with it (pledges and translations), and GIN trigram indexes
on titles and summaries for substring search.
"""

from django.db import migrations

# Letters without a canonical decomposition, which `remove_diacritics` cannot take apart, and their
# ASCII spelling. pledges/search.py folds the words searched for with the same table.
FOLDED_LETTERS = {
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "Ħ": "h",
    "þ": "th", "Þ": "th",
}  # fmt: skip


def fold(column: str) -> str:
    expression = column
    for letter, ascii_letters in FOLDED_LETTERS.items():
        expression = f"replace({expression}, '{letter}', '{ascii_letters}')"
    return expression


# (source table, FTS5 word index, trigram index, word-indexed columns, trigram-indexed columns)
INDEXES = (
    (
        "pledges_pledge",
        "pledges_pledge_fts",
        "pledges_pledge_trigram",
        ("title", "summary", "description"),
        ("title", "summary"),
    ),
    (
        "pledges_pledgetranslation",
        "pledges_pledgetranslation_fts",
        "pledges_pledgetranslation_trigram",
        ("title", "summary"),
        ("title", "summary"),
    ),
)


def _values(prefix: str, columns, folded: bool) -> str:
    return ", ".join(fold(f"{prefix}.{c}") if folded else f"{prefix}.{c}" for c in columns)


def _add(fts: str, columns, row: str, folded: bool) -> str:
    return (
        f"INSERT INTO {fts}(rowid, {', '.join(columns)}) "
        f"VALUES ({row}.id, {_values(row, columns, folded)});"
    )


def _remove(fts: str, columns, row: str, folded: bool) -> str:
    return (
        f"INSERT INTO {fts}({fts}, rowid, {', '.join(columns)}) "
        f"VALUES ('delete', {row}.id, {_values(row, columns, folded)});"
    )


def _triggers(source, words, trigrams, word_columns, trigram_columns) -> dict[str, str]:
    add = _add(words, word_columns, "new", True) + _add(trigrams, trigram_columns, "new", False)
    remove = _remove(words, word_columns, "old", True) + _remove(
        trigrams, trigram_columns, "old", False
    )
    return {
        f"{words}_insert": f"CREATE TRIGGER {words}_insert AFTER INSERT ON {source} BEGIN {add} END",
        f"{words}_delete": f"CREATE TRIGGER {words}_delete AFTER DELETE ON {source} BEGIN {remove} END",
        f"{words}_update": (
            f"CREATE TRIGGER {words}_update AFTER UPDATE OF {', '.join(word_columns)} "
            f"ON {source} BEGIN {remove} {add} END"
        ),
    }


# Every trigger keeping the indexes in sync, by name (pledges.search re-creates lost ones).
SQLITE_TRIGGERS: dict[str, str] = {}
for _index in INDEXES:
    SQLITE_TRIGGERS.update(_triggers(*_index))


def sqlite_rebuild() -> list[str]:
    """Statements filling every index from its source table (folded text for the word index)."""
    statements = []
    for source, words, trigrams, word_columns, trigram_columns in INDEXES:
        statements += [
            f"INSERT INTO {words}({words}) VALUES ('delete-all')",
            f"INSERT INTO {words}(rowid, {', '.join(word_columns)}) "
            f"SELECT id, {_values(source, word_columns, True)} FROM {source}",
            f"INSERT INTO {trigrams}({trigrams}) VALUES ('rebuild')",
        ]
    return statements


SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_insert",
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_delete",
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_update",
    """CREATE VIRTUAL TABLE pledges_pledge_trigram USING fts5(
        title, summary, content='pledges_pledge', content_rowid='id', tokenize='trigram')""",
    """CREATE VIRTUAL TABLE pledges_pledgetranslation_fts USING fts5(
        title, summary, content='pledges_pledgetranslation', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE pledges_pledgetranslation_trigram USING fts5(
        title, summary, content='pledges_pledgetranslation', content_rowid='id',
        tokenize='trigram')""",
    *SQLITE_TRIGGERS.values(),
    *sqlite_rebuild(),
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS pledges_pledge_trigram",
    "DROP TABLE IF EXISTS pledges_pledgetranslation_fts",
    "DROP TABLE IF EXISTS pledges_pledgetranslation_trigram",
    # the triggers of 0002, unfolded
    """CREATE TRIGGER pledges_pledge_fts_insert AFTER INSERT ON pledges_pledge BEGIN
        INSERT INTO pledges_pledge_fts(rowid, title, summary, description)
        VALUES (new.id, new.title, new.summary, new.description);
    END""",
    """CREATE TRIGGER pledges_pledge_fts_delete AFTER DELETE ON pledges_pledge BEGIN
        INSERT INTO pledges_pledge_fts(pledges_pledge_fts, rowid, title, summary, description)
        VALUES ('delete', old.id, old.title, old.summary, old.description);
    END""",
    """CREATE TRIGGER pledges_pledge_fts_update AFTER UPDATE OF title, summary, description
        ON pledges_pledge BEGIN
        INSERT INTO pledges_pledge_fts(pledges_pledge_fts, rowid, title, summary, description)
        VALUES ('delete', old.id, old.title, old.summary, old.description);
        INSERT INTO pledges_pledge_fts(rowid, title, summary, description)
        VALUES (new.id, new.title, new.summary, new.description);
    END""",
    "INSERT INTO pledges_pledge_fts(pledges_pledge_fts) VALUES ('rebuild')",
]


def _vector(config: str, weighted_columns) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in weighted_columns
    )


PLEDGE_VECTOR = (("title", "A"), ("summary", "B"), ("description", "C"))
TRANSLATION_VECTOR = (("title", "A"), ("summary", "B"))
TRIGRAM_INDEXES = (
    ("pledges_pledge_title_trgm", "pledges_pledge", "title"),
    ("pledges_pledge_summary_trgm", "pledges_pledge", "summary"),
    ("pledges_pledgetranslation_title_trgm", "pledges_pledgetranslation", "title"),
    ("pledges_pledgetranslation_summary_trgm", "pledges_pledgetranslation", "summary"),
)

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION lc_simple (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION lc_simple "
    "ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part "
    "WITH unaccent, simple",
    "DROP INDEX IF EXISTS pledges_pledge_search_gin",
    "ALTER TABLE pledges_pledge DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE pledges_pledge ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({_vector('lc_simple', PLEDGE_VECTOR)}) STORED",
    "CREATE INDEX pledges_pledge_search_gin ON pledges_pledge USING gin (search_vector)",
    f"ALTER TABLE pledges_pledgetranslation ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({_vector('lc_simple', TRANSLATION_VECTOR)}) STORED",
    "CREATE INDEX pledges_pledgetranslation_search_gin "
    "ON pledges_pledgetranslation USING gin (search_vector)",
    *(
        f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)"
        for name, table, column in TRIGRAM_INDEXES
    ),
]
POSTGRES_BACKWARD = [
    *(f"DROP INDEX IF EXISTS {name}" for name, _table, _column in TRIGRAM_INDEXES),
    "DROP INDEX IF EXISTS pledges_pledgetranslation_search_gin",
    "ALTER TABLE pledges_pledgetranslation DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS pledges_pledge_search_gin",
    "ALTER TABLE pledges_pledge DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE pledges_pledge ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({_vector('simple', PLEDGE_VECTOR)}) STORED",
    "CREATE INDEX pledges_pledge_search_gin ON pledges_pledge USING gin (search_vector)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS lc_simple",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pledges", "0006_content_languages_and_translations")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
