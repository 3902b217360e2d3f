import pytest

# Fixtures that several test folders share: the real Celery worker harness.
pytest_plugins = ["tests.worker.fixtures", "notifications.tests.fakes"]


@pytest.fixture(autouse=True)
def _fresh_state():
    """Cached boards and the active language must not leak from one test to the next.

    A request through the test client leaves its language active in the thread, so
    every test starts in Khmer, the default, as a fresh request would.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    from communes.finder_cache import finder_pages

    cache.clear()
    finder_pages.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def eager(django_capture_on_commit_callbacks):
    """Print jobs run in this process as soon as the request commits, as they do
    with no broker (`make run`), whatever REDIS_URL this test run has.

    `with eager(): ...` around the request; the jobs have run when it ends.
    """
    from isaf.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    yield commit
    app.conf.task_always_eager = before


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data when it starts.

    A transactional test empties the tables when it ends, and Django then recreates
    content types, so the next one would find neither the data that migrations seed
    (documents, national standards, the indicator library) nor a clean slate to
    restore them into. With serialized rollback on every such test, the tables are
    emptied without recreating anything and the seeded data comes back each time.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def _serialized_contents_in_every_context(django_db_setup):
    """Let a connection made in any context restore the migrated data.

    Django keeps the serialized test data on the connection object that created the
    test database. Playwright's sync API runs an event loop in the test's thread,
    and Django then hands out a new connection object for that context, which would
    not find it: put it on the class, where every connection object sees it.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield


def pytest_terminal_summary(terminalreporter):
    """The README's "Quality" figures, as this run counted them (tests/quality.py)."""
    from tests import quality

    lines = quality.report()
    if lines:
        terminalreporter.section("quality figures (README, Quality)")
        for line in lines:
            terminalreporter.write_line(line)
