"""PostgreSQL restarted (fast shutdown, then start) while citizens read boards:
no reader gets a server error, and no row is lost.

The portal runs in gunicorn with production settings (DEBUG off, persistent
connections with health checks) against a PostgreSQL cluster of the test's own,
which the test restarts twice while reader threads read boards, the finder and
the commune page in a loop.
"""

import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import psycopg
import pytest

from i4c.models import Package
from tests import quality

from .servers import OwnGunicorn, own_postgres

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

READERS = 4
RESTARTS = 2
# Tables whose rows the readers see; each is counted before and after.
TABLES = ("i4c_package", "i4c_budgetline", "communes_commune", "isaf_storedpage")


def fetch(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def read(url: str) -> int:
    return fetch(url)[0]


def count_rows(url: str) -> dict[str, int]:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in TABLES
        }


@pytest.fixture
def boards(commune):
    package, centre = commune
    code = package.provider.commune_id
    return [
        f"/{lang}/{path}"
        for lang in ("km", "en")
        for path in (
            f"communes/{code}/",
            f"communes/{code}/2025/",
            f"communes/{code}/2025.csv",
            f"providers/{centre.code}/",
            "communes/?q=" + package.provider.commune.name_latin[:4],
        )
    ]


def test_boards_answer_through_a_postgres_restart_with_no_server_error(
    boards, tmp_path
):
    assert Package.objects.exists()
    with own_postgres() as postgres:
        server = OwnGunicorn(database_url=postgres.url, log_dir=tmp_path)
        try:
            for path in boards:  # every page stored, every worker connected
                assert read(server.base + path) == 200, (path, server.log())
            before = count_rows(postgres.url)
            statuses: Counter[int] = Counter()
            failures: list[str] = []
            stop = threading.Event()

            def reader():
                while not stop.is_set():
                    for path in boards:
                        status = read(server.base + path)
                        statuses[status] += 1
                        if status != 200:
                            failures.append(f"{status} {path}")

            threads = [threading.Thread(target=reader) for _ in range(READERS)]
            for thread in threads:
                thread.start()
            started = time.monotonic()
            try:
                for _ in range(RESTARTS):
                    time.sleep(1.5)
                    postgres.restart()
                    quality.record("faults.injected", 1)
                time.sleep(1.5)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
            seconds = time.monotonic() - started
            after = count_rows(postgres.url)

            # Fully down: a reader is told to come back in a few seconds (503),
            # in the page's language, not handed a server error.
            postgres.pg_ctl("stop", "-m", "fast")
            quality.record("faults.injected", 1)
            # (The finder's pages are kept in each web process's memory, and
            # even answer with the database gone; a board needs the database.)
            board = next(p for p in boards if p.endswith("/2025/") and "/en/" in p)
            status, body, headers = fetch(server.base + board)
            assert status == 503, body
            assert "Please try again in a few seconds." in body
            assert headers["Retry-After"] == "5"
            # The apology is a page of the site like any other: same policies.
            assert "script-src 'self'" in headers["Content-Security-Policy"]
            postgres.start()
            assert read(server.base + board) == 200
        finally:
            server.stop()
    lost = sum(before[t] - after[t] for t in TABLES)
    quality.record("faults.rows_lost", lost)
    print(
        f"postgres restarted {RESTARTS}x in {seconds:.1f} s of reading: "
        f"{dict(statuses)}; not 200: {Counter(failures).most_common(5)}"
    )
    assert lost == 0, (before, after)
    assert statuses[500] == 0, server.log()
    assert set(statuses) <= {200, 503}
    assert statuses[200] > 100
