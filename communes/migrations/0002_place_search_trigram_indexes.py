"""Trigram indexes for the finder's LIKE '%...%' search, on PostgreSQL only.

The finder compares a normalised query against `search_key` with LIKE and a leading
wildcard, which a b-tree cannot serve. pg_trgm's GIN index can, and it handles Khmer
(it hashes non-ASCII trigrams): over the 14,578 villages a search drops from about
10 ms (sequential scan) to well under 1 ms. On SQLite this migration does nothing;
the tables are small enough to scan there.
"""

from django.db import migrations

MODELS = ("Province", "District", "Commune", "Village")


def _tables(apps):
    return [apps.get_model("communes", name)._meta.db_table for name in MODELS]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may add it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in _tables(apps):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm "
            f"ON {table} USING gin (search_key gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("communes", "0001_initial")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
