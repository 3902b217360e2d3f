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


@pytest.fixture
def eager(django_capture_on_commit_callbacks):
    """Jobs run in this process as soon as the request commits, as they do with
    no broker (`make run`), whatever REDIS_URL this test run has."""
    from isaf.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    yield commit
    app.conf.task_always_eager = before
