"""What every `make bench` script shares: production settings for the run, the
table's rows, gunicorn serving the portal on a free port, and wrk asking it for
random addresses from a second process.

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
from dataclasses import dataclass
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


def load_header(title: str) -> None:
    """The head of a load table: one `load_row` per address kind and connections."""
    print(title)
    print(
        f"| {'what':<34} | {'conns':>5} | {'req/s':>7} | {'p50 ms':>7} | "
        f"{'p99 ms':>7} | {'errors':>6} | {'req/s ratio':>11} | {'p99 ratio':>9} "
        "| verdict |"
    )
    print(
        f"|{'-' * 36}|{'-' * 7}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|"
        f"{'-' * 13}|{'-' * 11}|---------|"
    )


def load_row(what: str, connections: int, load: "Load", reference: "Load") -> None:
    """req/s, p50, p99 and errors, with req/s and p99 as ratios to the reference
    measured in the same run at the same connections; any error, or no answer
    at all, is a FAIL."""
    verdict = "ok" if load.errors == 0 and load.requests else "FAIL"
    rate_ratio = load.rate / reference.rate if reference.rate else float("nan")
    p99_ratio = load.p99 / reference.p99 if reference.p99 else float("nan")
    print(
        f"| {what:<34} | {connections:>5} | {load.rate:>7.1f} | {load.p50:>7.1f} | "
        f"{load.p99:>7.1f} | {load.errors:>6} | {rate_ratio:>11.2f} | "
        f"{p99_ratio:>9.2f} | {verdict:<7} |"
    )


@dataclass(frozen=True)
class Load:
    """What wrk measured: requests, seconds, p50 and p99 in ms, errors (socket
    errors, timeouts and answers with a failing status)."""

    requests: int
    seconds: float
    p50: float
    p99: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def wrk_load(
    base: str,
    paths: list[str],
    *,
    connections: int,
    duration: str,
    headers: tuple[str, ...] = (),
    bad_from: int = 400,
    timeout: str = "30s",
) -> Load:
    """wrk (a second process) asking `base` for random addresses among `paths`
    for `duration` on `connections` connections (bench/load.lua). A status of
    `bad_from` or more counts as an error; so does a socket error or an answer
    slower than `timeout`."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}"]
    command += ["--timeout", timeout]
    for header in headers:
        command += ["-H", header]
    command += ["-s", str(ROOT / "bench" / "load.lua"), base + "/"]
    try:
        output = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, LOAD_PATHS=f.name, LOAD_BAD_FROM=str(bad_from)),
        ).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in output.splitlines() if x.startswith("LOAD "))
    fields = dict(item.split("=") for item in line.split()[1:])
    return Load(
        requests=int(fields["requests"]),
        seconds=float(fields["seconds"]),
        p50=float(fields["p50_ms"]),
        p99=float(fields["p99_ms"]),
        errors=int(fields["bad_status"]) + int(fields["socket"]),
    )


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
