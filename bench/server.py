"""What every `make bench` script shares: production settings for the run, the
table's row, and gunicorn serving the portal on a free port.

Importing this module sets the settings: DEBUG off, static files from the
manifest, no HTTPS redirect and no secure-only cookies (gunicorn here speaks
plain HTTP).
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isaf.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ["SESSION_COOKIE_SECURE"] = "0"
os.environ["CSRF_COOKIE_SECURE"] = "0"


def row(what: str, measured: str, budget: str, ratio: float, ok: bool) -> None:
    verdict = "ok" if ok else "OVER BUDGET"
    print(f"| {what:<44} | {measured:>26} | {budget:>12} | {ratio:>6.2f} | {verdict} |")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving the portal on a free port, started at once; `stop()` it."""

    def __init__(self, env: dict | None = None, *, workers: int = 2):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "isaf.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=dict(os.environ) if env is None else env,
            start_new_session=True,
            stderr=self.log,
        )
        # Wait for the socket only: no request reaches a worker before the run.
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop(failed=True)
        raise SystemExit("gunicorn did not start")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, failed: bool = False) -> None:
        if failed:
            self.log.seek(0)
            print("gunicorn said (last lines):")
            print("".join(self.log.readlines()[-15:]))
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        self.log.close()


@contextmanager
def gunicorn(*, workers: int = 2):
    """`Gunicorn` for a `with` block; yields its base address, and prints its last
    log lines if the block fails."""
    server = Gunicorn(workers=workers)
    try:
        yield server.base
    except BaseException:
        server.stop(failed=True)
        raise
    server.stop()
