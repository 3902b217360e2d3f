"""A publish's pages are stored again by a real Celery worker, after the commit."""

import time

import pytest
from django.db import transaction

from i4c import services
from i4c.models import BudgetLine, Package
from isaf.pagestore import page_load
from tests.worker import fixtures as worker_fixtures

from .factories import CommuneAdministrationFactory, reviewer_for
from .helpers import full_commune_package, publish_directly

celery_worker_factory = worker_fixtures.celery_worker_factory
celery_worker_process = worker_fixtures.celery_worker_process


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.worker
def test_a_worker_stores_every_page_a_publish_changed(celery_worker_factory):
    worker = celery_worker_factory(env={"ALLOWED_HOSTS": "localhost"})
    package = full_commune_package(provider=CommuneAdministrationFactory(), year=2025)
    publish_directly(package)
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    BudgetLine.objects.filter(package=package, category="own_source").update(
        actual=7_777_777
    )
    package.refresh_from_db()
    with transaction.atomic():
        services.package_publish(package=package, user=reviewer_for(), reason="Typo")
    code = package.provider.commune_id
    board = f"/en/communes/{code}/2025/"

    def stored():
        copy = page_load(board, wants_gzip=False)
        return copy is not None and b"7,777,777 riel" in copy.payload

    assert wait_for(stored), worker.log()[-3000:]
    for path in (f"/km/communes/{code}/", f"/km/communes/{code}/2025.csv"):
        assert wait_for(lambda p=path: page_load(p, wants_gzip=True)), path
    assert "isaf.pages_render" in worker.log()
