import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # Boards are cached; every test starts from an empty cache so that one test's
    # board never answers another's.
    cache.clear()
    yield
    cache.clear()
