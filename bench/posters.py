"""The poster rows of `make bench`.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/posters.py

Needs published packages (`manage.py seed_national --years 1` is enough). Prints,
each beside its budget from DESIGN.md:

- median time for one A3 commune poster, the whole way (read the published
  version, render the template, insert Khmer word breaks, WeasyPrint), and its
  ratio to WeasyPrint alone rendering the same HTML in the same run;
- posters per second for a province batch on 2 real Celery workers, from the
  moment the batch is asked for until its last job is done, into an empty
  media folder (so no file is reused).
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production settings for the measurement (DEBUG off...), and the table's row.
from bench.server import row  # noqa: E402

POSTER_SECONDS = 1.0
POSTER_RATIO = 1.3
BATCH_FLOOR = 2.0
ROUNDS = int(os.environ.get("BENCH_POSTER_ROUNDS", "15"))
BATCH_LIMIT = int(os.environ.get("BENCH_BATCH_SIZE", "120"))


def single_poster() -> None:
    from django.core.cache import cache

    from i4c.models import Package
    from i4c.posters import COMMUNE_A3
    from isaf.pdf import html_to_pdf, render_html
    from printing.registry import document_get

    package = (
        Package.objects.filter(
            provider__kind="commune", published_version__isnull=False
        )
        .order_by("-year", "pk")
        .first()
    )
    if package is None:
        raise SystemExit("No published commune package: run seed_national first.")
    spec = document_get(COMMUNE_A3)

    def whole_way() -> str:
        # A cold board each time: a worker renders each poster once.
        cache.clear()
        source = spec.source(str(package.pk), "km")
        html = render_html(template=source.template, context=source.context, lang="km")
        html_to_pdf(html)
        return html

    html = whole_way()  # warm-up: fonts, the segmenter's model, templates
    html_to_pdf(html)
    ours, bare = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        whole_way()
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        html_to_pdf(html)
        bare.append(time.perf_counter() - started)
    median, reference = statistics.median(ours), statistics.median(bare)
    row(
        "one A3 commune poster, median",
        f"{median * 1000:.0f} ms",
        f"<= {POSTER_SECONDS * 1000:.0f} ms",
        median / POSTER_SECONDS,
        median <= POSTER_SECONDS,
    )
    ratio = median / reference
    row(
        "  ... against bare WeasyPrint, same HTML",
        f"{ratio:.2f}x ({reference * 1000:.0f} ms)",
        f"<= {POSTER_RATIO}x",
        ratio / POSTER_RATIO,
        ratio <= POSTER_RATIO,
    )


def _start_worker(media: Path, log_dir: Path) -> subprocess.Popen:
    name = f"bench-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
    env = {**os.environ, "MEDIA_ROOT": str(media), "CELERY_SKIP_CHECKS": "1"}
    log = open(log_dir / f"{name}.log", "wb")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "isaf",
            "worker",
            f"--hostname={name}",
            "--concurrency=1",
            "--pool=prefork",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def province_batch() -> None:
    from django.conf import settings
    from django.db.models import Count

    from i4c.models import Package
    from i4c.posters import COMMUNE_A3
    from isaf.celery import app
    from printing import selectors, services
    from printing.models import PrintBatch

    if not settings.REDIS_URL:
        print("| province batch, 2 workers: skipped (set REDIS_URL)")
        return
    # The largest province of at most BATCH_LIMIT published communes, so that a
    # bench run stays a few minutes long whatever the data set.
    sizes = (
        Package.objects.filter(
            provider__kind="commune", published_version__isnull=False
        )
        .values("provider__commune__district__province")
        .annotate(n=Count("provider", distinct=True))
        .filter(n__lte=BATCH_LIMIT)
        .order_by("-n")
    )
    if not sizes:
        raise SystemExit("No province with published communes: run seed_national.")
    province = sizes[0]["provider__commune__district__province"]
    work = Path(tempfile.mkdtemp(prefix="isaf-bench-posters-"))
    media = work / "media"
    settings.MEDIA_ROOT = str(media)
    workers = [_start_worker(media, work) for _ in range(2)]
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=0.5)) < 2:
            if time.monotonic() > deadline:
                raise SystemExit("The bench's workers did not start; see " + str(work))
        started = time.perf_counter()
        batch = services.print_batch_request(
            user=None,
            document=COMMUNE_A3,
            scope=PrintBatch.Scope.PROVINCE,
            code=province,
            lang="km",
            system=True,
        )
        total = batch.total
        while True:
            progress = selectors.print_batch_progress(batch=batch)
            if progress.finished >= total:
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, 9)
    rate = progress.done / elapsed
    load = os.getloadavg()[0]
    machine = f"{os.cpu_count()} CPUs, load {load:.1f}"
    blank = ""
    print(
        f"| {'  reference: this machine':<44} | {machine:>26} "
        f"| {blank:>12} | {blank:>6} |         |"
    )
    row(
        f"province {province} batch, 2 workers ({progress.done} posters)",
        f"{rate:.2f} posters/s",
        f">= {BATCH_FLOOR:.0f}/s",
        rate / BATCH_FLOOR,
        rate >= BATCH_FLOOR and progress.failed == 0,
    )
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    import django

    django.setup()
    print(
        f"| {'what':<44} | {'measured':>26} | {'budget':>12} | {'ratio':>6} | verdict |"
    )
    print(f"|{'-' * 46}|{'-' * 28}|{'-' * 14}|{'-' * 8}|---------|")
    single_poster()
    province_batch()


if __name__ == "__main__":
    main()
