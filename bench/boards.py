"""The board rows of `make bench`: throughput from a cold start and slow-3G first paint.

Run after `manage.py seed_national --years N` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/boards.py

1. The pages are stored ahead of readers, as a deploy does after bulk loads
   (`manage.py render_public_pages --kind commune --pages-only`); in production
   each publish stores the pages it changes. The time it takes is shown.
2. For each cache (none, as after `make run`; Redis, when there is one): gunicorn
   (2 workers, DEBUG off) is started and, with no warm-up, wrk asks for random
   board addresses across every commune and every published year in both
   languages (the commune page and each year's board), as a province opening its
   boards on announcement day would. Then the trivial view in the same run,
   `/healthz` (one query, as the issue measured it), in alternating short rounds
   so that a shared machine's load weighs on both alike; the ratio's budget is at
   least 80%. The `/` redirect (no query at all) is shown beside it. Requests
   carry `Accept-Encoding: gzip`, as phones' do. (The old pre-warmed row is gone:
   a stored page costs the same whether it was read before or not.)
3. First contentful paint of a board never opened before, in Chromium throttled
   through CDP to slow 3G (400 kbit/s, 400 ms latency): the median of five
   boards (budget: at most 2 s).
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import Gunicorn, free_port, row, wrk_load  # noqa: E402 (sets production settings)

DURATION = os.environ.get("BENCH_ROUND", "3s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
FLOOR = 0.80
FCP_BUDGET = 2.0
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}


def wrk(base: str, paths: list[str]) -> float:
    """Requests per second of wrk asking for random addresses among `paths`."""
    load = wrk_load(
        base,
        paths,
        connections=int(CONNECTIONS),
        duration=DURATION,
        headers=("Accept-Encoding: gzip",),
    )
    if load.errors:
        raise SystemExit(f"wrk saw {load.errors} errors on {paths[0]}...")
    return load.rate


def board_paths(codes: list[str]) -> list[str]:
    """Every commune page and every published year's board, in both languages."""
    from communes.models import ServiceProvider
    from i4c.models import Package

    years: dict[str, list[int]] = {}
    for commune, year in Package.objects.filter(
        provider__kind=ServiceProvider.Kind.COMMUNE, published_version__isnull=False
    ).values_list("provider__commune_id", "year"):
        years.setdefault(commune, []).append(year)
    paths = []
    for code in codes:
        for lang in ("km", "en"):
            paths.append(f"/{lang}/communes/{code}/")
            paths += [f"/{lang}/communes/{code}/{y}/" for y in years.get(code, [])]
    return paths


def throughput(label: str, env: dict, paths: list[str]) -> None:
    """The mix and the references in alternating short rounds, so that the load
    of a shared machine weighs on each alike."""
    server = Gunicorn(env)
    done = {"mix": 0.0, "healthz": 0.0, "redirect": 0.0}
    try:
        # Start the workers' Django (imports, URLs), not the pages: no board
        # is asked for before the measured rounds.
        with ThreadPoolExecutor(8) as pool:
            list(
                pool.map(lambda _: urlopen(server.base + "/healthz").read(), range(32))
            )
        for _round in range(ROUNDS):
            done["mix"] += wrk(server.base, paths)
            done["healthz"] += wrk(server.base, ["/healthz"])
            done["redirect"] += wrk(server.base, ["/"])
    except BaseException:
        server.stop(failed=True)
        raise
    server.stop()
    mix, trivial, redirect = (done[k] / ROUNDS for k in done)
    share = mix / trivial
    row(
        f"boards, cold random mix vs /healthz ({label})",
        f"{mix:.0f} vs {trivial:.0f} req/s",
        ">= 80%",
        share / FLOOR,
        share >= FLOOR,
    )
    print(
        f"  ({len(paths)} addresses in random order from a cold start: each worker "
        "has answered /healthz, none a board; "
        f"/healthz answers after one query; the `/` redirect, which asks "
        f"nothing: {redirect:.0f} req/s; gunicorn 2 workers, DEBUG off, "
        f"{CONNECTIONS} connections, {ROUNDS} alternating rounds of {DURATION})"
    )


def first_paint(env: dict, paths: list[str]) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed: first paint not measured.")
        return
    server = Gunicorn(env)
    chosen = random.Random().sample([p for p in paths if p.startswith("/km/")], 5)
    timings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium"
            )
            for path in chosen:
                context = browser.new_context(viewport={"width": 360, "height": 740})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                page.goto(server.base + path, wait_until="load", timeout=60_000)
                fcp = page.evaluate(
                    "() => new Promise(resolve => new PerformanceObserver((list) => {"
                    " const e = list.getEntriesByName('first-contentful-paint');"
                    " if (e.length) resolve(e[0].startTime); })"
                    ".observe({type: 'paint', buffered: true}))"
                )
                timings.append(fcp / 1000)
                context.close()
            browser.close()
    except BaseException:
        server.stop(failed=True)
        raise
    server.stop()
    median = statistics.median(timings)
    row(
        "board first paint, slow 3G (median of 5)",
        f"{median:.2f} s",
        "<= 2 s",
        median / FCP_BUDGET,
        median <= FCP_BUDGET,
    )
    print("  (Chromium, 360 px, CDP: 400 kbit/s, 400 ms latency, no browser cache)")


def own_redis() -> tuple[subprocess.Popen | None, str]:
    if os.environ.get("REDIS_URL"):
        return None, os.environ["REDIS_URL"]
    if not shutil.which("redis-server"):
        return None, ""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from communes.models import Commune
    from isaf.pages import scopes_render

    call_command("collectstatic", interactive=False, verbosity=0)
    codes = list(Commune.objects.order_by("code").values_list("code", flat=True))
    sample = int(os.environ.get("BENCH_COMMUNES", "0"))
    if sample:
        # A quicker run on a random sample of communes (the figure is for all).
        codes = random.Random(1).sample(codes, min(sample, len(codes)))
    paths = board_paths(codes)
    if not paths:
        raise SystemExit("No communes: run load_gazetteer and seed_national first.")

    print(
        "Board benchmarks. Ratio = measured / budget: at most 1 keeps a ceiling, "
        "at least 1 meets a floor."
    )
    print(
        f"| {'what':<44} | {'measured':>26} | {'budget':>12} | {'ratio':>6} | verdict |"
    )
    print(f"|{'-' * 46}|{'-' * 28}|{'-' * 14}|{'-' * 8}|---------|")

    # Publishing stores the pages it changes; the seed wrote without publishing,
    # so the pages are stored here, as a deploy does after bulk loads.
    started = time.monotonic()
    if sample:
        scopes_render(
            [f"commune:{code}" for code in codes],
            keep=lambda path: not path.endswith((".csv", ".json")),
        )
    else:
        call_command(
            "render_public_pages",
            kind=["commune"],
            pages_only=True,
            processes=int(os.environ.get("BENCH_RENDER_PROCESSES", "2")),
            verbosity=0,
        )
    seconds = time.monotonic() - started
    print(
        f"| {'pages stored ahead of readers (' + str(len(codes)) + ' communes)':<44} | "
        f"{seconds:>22.0f} s   | {'(info)':>12} | {'':>6} |         |"
    )

    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    throughput("no Redis", env, paths)
    redis, url = own_redis()
    if url:
        try:
            throughput("Redis", dict(env, REDIS_URL=url), paths)
        finally:
            if redis is not None:
                redis.kill()
                redis.wait(timeout=10)
    else:
        print("No Redis (set REDIS_URL or install redis-server): row skipped.")
    first_paint(env, paths)


if __name__ == "__main__":
    main()
