"""Servers of a fault test's own, which the test may restart or stop: a
PostgreSQL cluster (initdb into a temporary folder) and gunicorn serving the
portal against it. The shared PostgreSQL (5432) is only read from, to copy the
test database; it is never restarted.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Ports of this test set's own servers (see the CI notes in tests/faults).
POSTGRES_PORTS = range(5440, 5450)


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(f"{name} not found under /usr/lib/postgresql: install postgresql")
    return found[-1]


def _as_postgres(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, **kwargs)


@dataclass
class OwnPostgres:
    data: Path
    port: int
    log: Path
    sockets: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def pg_ctl(self, *args: str) -> None:
        # The server's output goes to its log, never to our pipes: a server
        # started by pg_ctl keeps them open, and reading them would never end.
        _as_postgres(
            [_pg_bin("pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *args]
            + ["-l", str(self.log)],
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
        self.pg_ctl("start", "-o", options + " -c fsync=off")

    def restart(self) -> None:
        """Fast shutdown (every session ended, transactions rolled back), then
        start again: what an upgrade or a failover does to the portal."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate")


@contextlib.contextmanager
def own_postgres():
    """A PostgreSQL cluster on a free port of 5440-5449 holding a copy of the
    test database (committed rows: use it from a transactional test).

    Its folder is made here, readable by the `postgres` user (pytest's own
    temporary folders are private to root)."""
    port = next((p for p in POSTGRES_PORTS if _port_free(p)), None)
    if port is None:
        pytest.fail("no free port in 5440-5449 for a PostgreSQL of our own")
    root = Path(tempfile.mkdtemp(prefix="isaf-faults-pg-"))
    os.chmod(root, 0o755)
    data, sockets = root / "data", root / "sockets"
    for folder in (data, sockets):
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
    server = OwnPostgres(
        data=data, port=port, log=sockets / "server.log", sockets=sockets
    )
    try:
        _as_postgres(
            [_pg_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        )
        server.start()
        _copy_test_database(server)
        yield server
    except subprocess.CalledProcessError as error:
        pytest.fail(f"{error.cmd[-1]}: {error.stderr!r}")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _copy_test_database(server: OwnPostgres) -> None:
    db = connection.settings_dict
    source = [
        _pg_bin("pg_dump"),
        "--no-owner",
        "--no-privileges",
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
        db["NAME"],
    ]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    target = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
    subprocess.run([_pg_bin("createdb"), *target, "portal"], check=True, env=env)
    dump = subprocess.run(source, check=True, capture_output=True, env=env)
    subprocess.run(
        [_pg_bin("psql"), *target, "-q", "-v", "ON_ERROR_STOP=1", "-d", "portal"],
        input=dump.stdout,
        check=True,
        capture_output=True,
        env=env,
    )


class OwnGunicorn:
    """gunicorn serving the portal with DEBUG off against `database_url`, on a
    free port: the production settings (persistent connections with health
    checks), with the tests' static files from the app folders (no
    collectstatic needed)."""

    def __init__(self, *, database_url: str, log_dir: Path, workers: int = 2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "isaf.test_settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": "",
            "DEBUG": "0",
            "SECRET_KEY": "fault-tests-only",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "MEDIA_ROOT": str(log_dir / "media"),
        }
        self.log_path = log_dir / "gunicorn.log"
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "isaf.wsgi"]
                + ["--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"]
                + ["--log-level", "warning"],
                cwd=settings.BASE_DIR,
                env=env,
                start_new_session=True,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log()}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
