"""Trigram indexes on each normalised name, for the finder's ranking and its
"did you mean" suggestions (communes.selectors.similar), on PostgreSQL only.

`search_key` holds both normalised names, «|ក្រង់តេះ|krangteh|»: part 2 is the
Khmer name, part 3 the Latin one. A misspelled name is compared with the name in
its own script, `split_part(search_key, '|', n) % query`, which these GIN indexes
serve; the expressions are written exactly as the finder writes them. On SQLite
this migration does nothing (the finder computes trigrams in Python there).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

MODELS = ("Province", "District", "Commune", "Village")
PARTS = {"km": 2, "latin": 3}


def _tables(apps):
    return [apps.get_model("communes", name)._meta.db_table for name in MODELS]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        for name, part in PARTS.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{name}_trgm ON {table} "
                f"USING gin ((split_part(search_key, '|', {part})) gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        for name in PARTS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{name}_trgm")


class Migration(migrations.Migration):
    dependencies = [("communes", "0003_province_kind")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
