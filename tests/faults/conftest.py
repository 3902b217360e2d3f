"""Fault tests: each injects a real fault (a process killed or paused, a server
restarted, a disk filled) and counts what there was before and after, so that
the README's figures say how many faults were tried and how many rows were lost.
"""

import time
from pathlib import Path

import pytest

from communes.models import ServiceProvider
from communes.tests.factories import ServiceProviderFactory
from i4c.tests.factories import CommuneAdministrationFactory, PackageFactory
from i4c.tests.helpers import full_commune_package, publish_directly


@pytest.fixture
def media(tmp_path, settings) -> Path:
    """A private MEDIA_ROOT for this test's files, and nothing else."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def wait_until(predicate, timeout: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


@pytest.fixture
def commune():
    """A commune with its 2025 package published, and a health centre of it with
    its own: (the commune's package, the centre)."""
    administration = CommuneAdministrationFactory()
    package = full_commune_package(provider=administration, year=2025)
    publish_directly(package)
    centre = ServiceProviderFactory(
        kind=ServiceProvider.Kind.HEALTH_CENTRE, commune=administration.commune
    )
    publish_directly(PackageFactory(provider=centre, year=2025))
    return package, centre
