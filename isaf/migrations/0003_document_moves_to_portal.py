"""The document library now belongs to `portal` (see portal.0001_initial).

Only Django's record of the model is removed here; the table `isaf_document` and
its rows stay, and `portal.Document` uses them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("isaf", "0002_seed_documents"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Document")],
            database_operations=[],
        ),
    ]
