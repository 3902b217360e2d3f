"""The I4C rows of `make bench`, measured on the national data set.

Run after `manage.py seed_national --years N` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/i4c_bench.py

Prints one row per measure, each beside its budget from DESIGN.md and as a ratio
(measured / budget for ceilings, budget-relative share for floors), so that drift
of the shared machine shows in the reference rather than in the verdict:

- SQL queries for a commune board and a provider board (at most 15);
- board throughput under gunicorn (2 workers, DEBUG off) against a trivial view
  in the same run, measured with wrk (at least 30%);
- board HTML + CSS size (at most 100 KB).
"""

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The measurements below run with production settings: DEBUG off, static files
# from the manifest, no HTTPS redirect (gunicorn here speaks plain HTTP).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isaf.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

QUERY_BUDGET = 15
SIZE_BUDGET = 100 * 1024
THROUGHPUT_FLOOR = 0.30
DURATION = os.environ.get("BENCH_DURATION", "10s")
ROTATION = 300
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")


def row(what: str, measured: str, budget: str, ratio: float, ok: bool) -> None:
    verdict = "ok" if ok else "OVER BUDGET"
    print(f"| {what:<44} | {measured:>26} | {budget:>12} | {ratio:>6.2f} | {verdict} |")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, script: str | None = None, env=None) -> float:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=env
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"wrk saw {non_2xx.group(1)} error responses on {url}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communes.models import ServiceProvider
    from i4c.models import Package

    if connection.vendor != "postgresql":
        print("Note: the budgets are for PostgreSQL; this run uses", connection.vendor)
    call_command("collectstatic", interactive=False, verbosity=0)

    # The commune with the longest history is the heaviest board.
    boards = list(
        Package.objects.filter(
            provider__kind=ServiceProvider.Kind.COMMUNE,
            published_version__isnull=False,
        )
        .values_list("provider__commune_id", "year")
        .order_by("provider__commune_id", "-year")
    )
    if not boards:
        raise SystemExit("No published commune packages: run seed_national first.")
    years_by_commune: dict[str, list[int]] = {}
    for commune, year in boards:
        years_by_commune.setdefault(commune, []).append(year)
    commune, years = max(years_by_commune.items(), key=lambda item: len(item[1]))
    provider = (
        ServiceProvider.objects.filter(
            kind=ServiceProvider.Kind.HEALTH_CENTRE,
            i4c_packages__published_version__isnull=False,
        )
        .values_list("code", flat=True)
        .first()
    )
    board_path = f"/km/communes/{commune}/{years[0]}/"

    print(
        f"I4C board benchmarks: {len(years_by_commune)} communes with published "
        f"packages, up to {len(years)} years each. Ratio = measured / budget: at "
        "most 1 keeps a ceiling, at least 1 meets a floor."
    )
    print(
        f"| {'what':<44} | {'measured':>26} | {'budget':>12} | {'ratio':>6} | verdict |"
    )
    print(f"|{'-' * 46}|{'-' * 28}|{'-' * 14}|{'-' * 8}|---------|")

    from scorecards.models import Scorecard

    pages = [
        (f"SQL queries, commune board ({len(years)} years)", board_path),
        ("SQL queries, commune page (board + scorecards)", f"/km/communes/{commune}/"),
        ("SQL queries, provider board", f"/km/providers/{provider}/"),
    ]
    scorecard = (
        Scorecard.objects.filter(status=Scorecard.Status.PUBLISHED)
        .values_list("pk", flat=True)
        .first()
    )
    if scorecard:
        pages.append(("SQL queries, scorecard page", f"/km/scorecards/{scorecard}/"))
    else:
        print("No published scorecard: run seed_scorecards for the scorecard row.")

    client = Client()
    for label, path in pages:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        n = len(queries.captured_queries)
        row(label, str(n), f"<= {QUERY_BUDGET}", n / QUERY_BUDGET, n <= QUERY_BUDGET)

    # Rendering a board from nothing (no cache at all), for information: this is
    # what a reader meets right after a publish.
    timings = []
    for commune_code, commune_years in list(years_by_commune.items())[:25]:
        cache.clear()
        started = time.perf_counter()
        client.get(f"/km/communes/{commune_code}/{commune_years[0]}/")
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"| {'board render with an empty cache, median':<44} | "
        f"{timings[len(timings) // 2] * 1000:>23.0f} ms | {'(info)':>12} | "
        f"{'':>6} |         |"
    )

    html = client.get(board_path).content
    css = sum(
        (Path(settings.STATIC_ROOT) / name).stat().st_size
        for name in ("css/site.css", "i4c/board.css")
    )
    size = len(html) + css
    row(
        "board HTML + CSS (uncompressed)",
        f"{size / 1024:.1f} KB",
        "<= 100 KB",
        size / SIZE_BUDGET,
        size <= SIZE_BUDGET,
    )

    if not shutil.which("wrk"):
        print("wrk is not installed: throughput not measured (make bench installs it).")
        return
    port = free_port()
    env = dict(os.environ)
    # gunicorn's own output goes to a file, shown only when something fails.
    server_log = tempfile.NamedTemporaryFile("w+", suffix=".log")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "isaf.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=server_log,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        paths = [f"/km/communes/{c}/{y[0]}/" for c, y in years_by_commune.items()]
        random.Random(1).shuffle(paths)
        paths = paths[:ROTATION]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("\n".join(paths))
        wrk_env = dict(os.environ, BOARD_PATHS=f.name)
        # Boards are read far more often than they are published, so the steady
        # state is a warm cache: each board is requested once before measuring.
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda p: urlopen(base + p).status, paths))
        assert set(statuses) == {200}, statuses
        # Warm both workers' connections and imports before measuring.
        wrk(base + "/", env=wrk_env)
        trivial = wrk(base + "/", env=wrk_env)
        board = wrk(
            base + "/", script=str(ROOT / "bench" / "i4c_rotate.lua"), env=wrk_env
        )
        share = board / trivial
        row(
            "board throughput vs trivial view",
            f"{board:.0f} vs {trivial:.0f} req/s",
            ">= 30%",
            share / THROUGHPUT_FLOOR,
            share >= THROUGHPUT_FLOOR,
        )
        cache_kind = "Redis" if os.environ.get("REDIS_URL") else "per-process memory"
        print(
            f"  ({len(paths)} commune boards in rotation, warmed; trivial view: "
            f"the `/` redirect; gunicorn 2 workers, DEBUG off, cache: {cache_kind})"
        )
        os.unlink(f.name)
    except Exception:
        server_log.seek(0)
        print("gunicorn said (last lines):")
        print("".join(server_log.readlines()[-15:]))
        raise
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        server_log.close()


if __name__ == "__main__":
    main()
