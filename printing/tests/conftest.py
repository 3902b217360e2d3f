import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # Boards are cached; every test starts from an empty cache so that one test's
    # board never answers another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(tmp_path, settings):
    """A private MEDIA_ROOT: every file a test's jobs write, and nothing else."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
