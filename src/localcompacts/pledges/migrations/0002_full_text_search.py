"""Full-text search of pledges: an FTS5 table kept in sync by triggers on SQLite, a generated
tsvector column with a GIN index on PostgreSQL. Titles weigh most, then summaries, then
descriptions. The catalogue's selector (`pledges/search.py`) uses whichever exists."""

from django.db import migrations

# The HTTP cache validator (core/caching.py) reads MAX(updated_at) on every public request.
UPDATED_INDEX = "CREATE INDEX pledges_pledge_updated_at ON pledges_pledge (updated_at)"

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE pledges_pledge_fts USING fts5(
        title, summary, description,
        content='pledges_pledge', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
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
    UPDATED_INDEX,
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS pledges_pledge_updated_at",
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_insert",
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_delete",
    "DROP TRIGGER IF EXISTS pledges_pledge_fts_update",
    "DROP TABLE IF EXISTS pledges_pledge_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE pledges_pledge ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(description, '')), 'C')
    ) STORED""",
    "CREATE INDEX pledges_pledge_search_gin ON pledges_pledge USING gin (search_vector)",
    UPDATED_INDEX,
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS pledges_pledge_updated_at",
    "DROP INDEX IF EXISTS pledges_pledge_search_gin",
    "ALTER TABLE pledges_pledge DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
