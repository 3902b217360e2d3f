"""The I4C rows of `make bench`, measured on the national data set.

Run after `manage.py seed_national --years N` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/i4c_bench.py

Prints one row per measure, each beside its budget from DESIGN.md and as a ratio
(measured / budget for ceilings, budget-relative share for floors), so that drift
of the shared machine shows in the reference rather than in the verdict:

- SQL queries for a commune board and a provider board when rendered (at most
  15), and for reading a stored one;
- the median time to render a board (what a publish job or a first read costs);
- board HTML + CSS size (at most 100 KB).

Throughput and first paint are bench/boards.py.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The measurements below run with production settings (bench.server sets them).
from bench.server import free_port, row  # noqa: E402, F401 (used by other scripts)

QUERY_BUDGET = 15
SIZE_BUDGET = 100 * 1024
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")


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

    from isaf.models import StoredPage

    client = Client()
    for label, path in pages:
        # Measure the render, as a publish job or a first read does it.
        StoredPage.objects.filter(path=path).delete()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        n = len(queries.captured_queries)
        row(label, str(n), f"<= {QUERY_BUDGET}", n / QUERY_BUDGET, n <= QUERY_BUDGET)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(board_path).status_code == 200
    n = len(queries.captured_queries)
    row("SQL queries, stored board read", str(n), "<= 2", n / 2, n <= 2)

    # Rendering a board from nothing, for information: what a publish job (or
    # the first reader of a page never stored) pays, once per page and publish.
    timings = []
    for commune_code, commune_years in list(years_by_commune.items())[:25]:
        path = f"/km/communes/{commune_code}/{commune_years[0]}/"
        StoredPage.objects.filter(path=path).delete()
        started = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"| {'board render (publish job, first read), median':<44} | "
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


if __name__ == "__main__":
    main()
