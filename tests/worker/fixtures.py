"""Real Celery workers for tests: started as subprocesses on Redis, against the
same PostgreSQL test database as the test, and stopped (or killed) by the test.

Use it from a test module (or register it once with
``pytest_plugins = ["tests.worker.fixtures"]`` in the root conftest.py)::

    from tests.worker import fixtures as worker_fixtures
    from tests.worker.fixtures import kill_worker

    celery_worker_process = worker_fixtures.celery_worker_process
    celery_worker_factory = worker_fixtures.celery_worker_factory

    @pytest.mark.worker
    def test_it_renders_through_a_worker(celery_worker_process):
        ...  # enqueue a task; the worker picks it up

    @pytest.mark.worker
    def test_a_batch_survives_a_dead_worker(celery_worker_factory):
        first = celery_worker_factory()
        ...
        kill_worker(first)            # SIGKILL, mid-job
        second = celery_worker_factory()

Both fixtures make the test transactional: rows the test writes are committed,
so the worker (another process, another connection) sees them. pytest-django
creates the test database as ``test_<NAME>`` and only the test process knows
that name, so the worker is given a DATABASE_URL built from the live connection
settings, not from the environment.

Without REDIS_URL, or on SQLite (whose test database lives in the test
process's memory), the fixtures skip the test with the reason.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
HARNESS_TASKS = "tests.worker.tasks"


@dataclass
class WorkerProcess:
    """A running ``celery -A isaf worker`` started by the harness."""

    process: subprocess.Popen
    nodename: str
    log_path: Path
    pgid: int = field(init=False)

    def __post_init__(self):
        # The worker leads its own process group (start_new_session), which also
        # holds its prefork pool children: the group is how we end all of them.
        self.pgid = self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""


def skip_unless_worker_possible() -> None:
    if not settings.REDIS_URL:
        pytest.skip("a real Celery worker needs a broker: set REDIS_URL")
    if connection.vendor != "postgresql":
        pytest.skip(
            "a worker process must share the test database: set DATABASE_URL to "
            "PostgreSQL (SQLite's test database lives in the test's memory)"
        )


def worker_database_url() -> str:
    """The DATABASE_URL of the database this test runs on (``test_<name>``)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    at = "@" if credentials else ""
    return f"postgres://{credentials}{at}{host}{port}/{quote(db['NAME'], safe='')}"


def worker_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "isaf.test_settings"
        ),
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # No persistent connections: a worker that is killed or stopped holds
        # nothing that would keep pytest-django from dropping the test database.
        "CONN_MAX_AGE": "0",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(settings.BASE_DIR), os.environ.get("PYTHONPATH")])
        ),
        "PYTHONUNBUFFERED": "1",
        # Celery runs Django's system checks when a worker starts; CI runs them
        # once with `manage.py check`, and each test worker starts faster without.
        "CELERY_SKIP_CHECKS": "1",
    }
    env.update(extra or {})
    return env


def ping(nodename: str, timeout: float = 1.0) -> bool:
    from isaf.celery import app

    replies = app.control.ping(destination=[nodename], timeout=timeout)
    return any(nodename in reply for reply in replies)


def start_worker(
    *,
    log_dir: Path,
    concurrency: int = 1,
    pool: str = "prefork",
    queues: str = "",
    include: str = HARNESS_TASKS,
    env: dict[str, str] | None = None,
    timeout: float = STARTUP_TIMEOUT,
    beat: bool = False,
) -> WorkerProcess:
    """Start a worker and return once it answers ``app.control.ping``."""
    skip_unless_worker_possible()
    name = f"harness-{uuid.uuid4().hex[:8]}"
    nodename = f"{name}@{socket.gethostname()}"
    log_path = Path(log_dir) / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "isaf",
        "worker",
        f"--hostname={nodename}",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        "--loglevel=INFO",
        # Gossip, mingle and heartbeats coordinate a cluster; a test worker is
        # alone, and skipping them saves seconds at start.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if beat:
        # The periodic jobs of CELERY_BEAT_SCHEDULE (sweeps), run by this worker.
        command += ["--beat", f"--schedule={Path(log_dir) / name}-beat"]
    if include:
        command += ["-I", include]
    if queues:
        command += ["-Q", queues]
    # The child gets its own copy of the log's descriptor; ours closes at once.
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=worker_environment(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    worker = WorkerProcess(process=process, nodename=nodename, log_path=log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not worker.alive:
            raise RuntimeError(
                f"Celery worker exited with {process.returncode} before it was "
                f"ready:\n{worker.log()[-4000:]}"
            )
        if ping(worker.nodename, timeout=0.5):
            return worker
        time.sleep(0.2)
    kill_worker(worker)
    raise RuntimeError(
        f"Celery worker did not answer ping within {timeout:.0f}s:\n"
        f"{worker.log()[-4000:]}"
    )


def _signal_group(worker: WorkerProcess, signum: int) -> None:
    try:
        os.killpg(worker.pgid, signum)
    except ProcessLookupError:
        pass


def group_is_gone(worker: WorkerProcess) -> bool:
    """True when no process of the worker's group (main or pool child) is left."""
    try:
        os.killpg(worker.pgid, 0)
    except ProcessLookupError:
        return True
    return False


def kill_worker(worker: WorkerProcess) -> None:
    """SIGKILL the worker and its pool children at once, as a crash or an
    out-of-memory kill would: no warm shutdown, no acknowledgement, nothing
    cleaned up. Returns once the main process is reaped."""
    _signal_group(worker, signal.SIGKILL)
    worker.process.wait(timeout=STOP_TIMEOUT)
    deadline = time.monotonic() + STOP_TIMEOUT
    while not group_is_gone(worker) and time.monotonic() < deadline:
        time.sleep(0.05)


def stop_worker(worker: WorkerProcess, timeout: float = STOP_TIMEOUT) -> None:
    """Warm shutdown (SIGTERM: finish the running task, then exit); SIGKILL the
    group if it has not gone within ``timeout``."""
    if worker.alive:
        worker.process.send_signal(signal.SIGTERM)
        try:
            worker.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # Pool children that outlived their parent, or a worker stuck in a task.
    if not group_is_gone(worker):
        kill_worker(worker)


def clear_broker() -> None:
    """Drop messages left in the broker, queued or delivered but unacknowledged.

    A test that stops or kills a worker with tasks pending would otherwise hand
    them to the next test's worker, with ids of rows that no longer exist.
    Kombu keeps unacknowledged messages of the Redis transport in the
    ``unacked`` hash and ``unacked_index`` sorted set; REDIS_URL is a test
    database here, never a production one.
    """
    import redis

    from isaf.celery import app

    app.control.purge()
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.delete("unacked", "unacked_index", "unacked_mutex")
    finally:
        client.close()


@pytest.fixture
def celery_worker_factory(
    django_db_serialized_rollback, transactional_db, tmp_path_factory
) -> Iterator[Callable[..., WorkerProcess]]:
    """Start as many real workers as the test needs; all are stopped afterwards.

    The test is transactional, so that the worker sees what it commits, with
    serialized rollback, so that the data migrations seed is there (root conftest).

    Nothing is purged before the first start, so a test can queue work first
    (say, while "the broker was down") and then start a worker to drain it.
    """
    skip_unless_worker_possible()
    log_dir = tmp_path_factory.mktemp("celery-workers")
    workers: list[WorkerProcess] = []

    def start(**options) -> WorkerProcess:
        options.setdefault("log_dir", log_dir)
        worker = start_worker(**options)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        stop_worker(worker)
    clear_broker()


@pytest.fixture
def celery_worker_process(celery_worker_factory) -> WorkerProcess:
    """One real worker (prefork, one process), started on an empty queue."""
    skip_unless_worker_possible()
    clear_broker()
    return celery_worker_factory()
