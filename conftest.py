import pytest

# Fixtures that several test folders share: the real Celery worker harness.
pytest_plugins = ["tests.worker.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_state():
    """Cached boards and the active language must not leak from one test to the next.

    A request through the test client leaves its language active in the thread, so
    every test starts in Khmer, the default, as a fresh request would.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
