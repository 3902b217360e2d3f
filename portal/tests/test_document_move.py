"""The document library moved from `isaf` to `portal` without losing a row."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.models import Document

BEFORE_THE_MOVE = [("isaf", "0002_seed_documents"), ("portal", None)]
AFTER_THE_MOVE = [("isaf", "0003_document_moves_to_portal"), ("portal", "0001_initial")]


def _migrate(targets):
    """Migrate to the targets; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    nodes = [(app, name) for app, name in targets if name is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def _migrate_through_the_move():
    """Forward through the move, then to the latest migrations, so that the
    tests after this one find every table of later migrations too."""
    _migrate(AFTER_THE_MOVE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documents_written_before_the_move_are_read_by_the_portal_after_it():
    old_apps = _migrate(BEFORE_THE_MOVE)
    try:
        OldDocument = old_apps.get_model("isaf", "Document")
        OldDocument.objects.create(
            slug="written-before-the-move",
            title="ឯកសារចាស់",
            title_km="ឯកសារចាស់",
            title_en="An old document",
            category="guidelines",
            url="https://ncdd.gov.kh/old.pdf",
        )
        seeded = OldDocument.objects.count()
    finally:
        _migrate_through_the_move()

    assert Document.objects.count() == seeded
    document = Document.objects.get(slug="written-before-the-move")
    assert document.title_en == "An old document"
    assert document.link == "https://ncdd.gov.kh/old.pdf"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_documents_content_type_moves_with_the_model():
    _migrate(BEFORE_THE_MOVE)
    try:
        old = ContentType.objects.get_or_create(app_label="isaf", model="document")[0]
    finally:
        _migrate_through_the_move()

    old.refresh_from_db()
    assert (old.app_label, old.model) == ("portal", "document")
    assert ContentType.objects.get_for_model(Document) == old
