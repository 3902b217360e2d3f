"""The scorecards' small world: a covered district, one outside it."""

import pytest

from scorecards.models import LibraryIndicator
from scorecards.tests.conftest import media_in_tmp, world  # noqa: F401


@pytest.fixture
def library(db):
    return list(LibraryIndicator.objects.filter(provider_kind="health_centre")[:2])
