"""The load rows of `make bench`: boards, the finder and the dashboard under wrk.

Run after `seed_national` and `seed_scorecards` on PostgreSQL (in `make bench`,
after bench/boards.py, which stores the board pages as a deploy does):

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/load.py

gunicorn (2 workers, DEBUG off, the Redis of REDIS_URL when set) is started
cold: each worker has answered /healthz, no page. Then, for 16 and for 64
connections (BENCH_LOAD_CONNECTIONS), wrk runs from a second process for
BENCH_LOAD_DURATION (10 s) on each of:

- /healthz, the reference of the same run at the same connections (one query);
- boards: random commune pages and year boards of every commune, every
  published year, Khmer and English, anonymous and gzip-accepting as phones
  are, from the stored pages as production serves them (stored first with
  `render_public_pages`, which skips pages already stored, unless
  BENCH_LOAD_STORE=0); a page not stored is rendered and stored by its first
  reader (the note under the table says how many were). BENCH_LOAD_COMMUNES=N
  takes a random sample of N communes instead of all, for a quicker run;
- the finder: random queries, Khmer and Latin names and misspellings of them
  (a redirect to the one commune a name means is a right answer);
- the national dashboard, Khmer and English, signed in as the secretariat (it
  is not public) with a session cookie sent by wrk; a redirect (to sign-in)
  counts as an error there. Its figures count the year of fieldwork that
  bench/dashboard.py adds (seed_national records none), committed for the run
  so that gunicorn sees it and removed afterwards.

Each row: req/s, p50, p99, errors (socket errors, answers slower than
BENCH_LOAD_TIMEOUT, 30 s as gunicorn's worker timeout, 4xx and 5xx), and
req/s and p99 as ratios to the reference. Any error prints FAIL and the script
exits non-zero.
"""

import os
import random
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import Gunicorn, load_header, load_row, wrk_load  # noqa: E402

DURATION = os.environ.get("BENCH_LOAD_DURATION", "10s")
CONNECTIONS = [
    int(n) for n in os.environ.get("BENCH_LOAD_CONNECTIONS", "16,64").split(",")
]
# An answer slower than gunicorn's own worker timeout (30 s) is an error.
TIMEOUT = os.environ.get("BENCH_LOAD_TIMEOUT", "30s")
# Store the board pages first (render_public_pages); 0 measures what is stored.
STORE = os.environ.get("BENCH_LOAD_STORE", "1") != "0"
# Boards of a random sample of this many communes (0: all), for a quicker run.
SAMPLE = int(os.environ.get("BENCH_LOAD_COMMUNES", "0"))
GZIP = "Accept-Encoding: gzip"


def stored_current(paths: list[str]) -> int:
    """How many of `paths` have a current stored page (as `page_load` reads)."""
    from django.db import connection

    from isaf.models import PageScope, StoredPage

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {StoredPage._meta.db_table} p "
            f"JOIN {PageScope._meta.db_table} s "
            "ON s.key = p.scope_id AND s.generation = p.generation "
            "WHERE p.path = ANY(%s)",
            [paths],
        )
        return cursor.fetchone()[0]


@contextmanager
def fieldwork():
    """The year of fieldwork that bench/dashboard.py adds (cycles, coverage,
    meetings, scorecards, JAAP actions) and its secretariat user, committed so
    that gunicorn's workers see them, and removed afterwards: the data set is
    left as it was, for the scripts that follow."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Max

    from bench.dashboard import national_activity, vacuum_written_tables
    from communes.freshness import figures_rebuild
    from communes.models import Cycle, Organisation
    from i4c.models import DisseminationEvent
    from scorecards.models import InterfaceMeeting, JaapAction, JaapFollowUp, Scorecard

    added = (JaapFollowUp, JaapAction, InterfaceMeeting, Scorecard, DisseminationEvent)
    last = {model: model.objects.aggregate(n=Max("pk"))["n"] or 0 for model in added}
    years = set(Cycle.objects.values_list("year", flat=True))
    users = get_user_model().objects.filter(username="bench-secretariat")
    user_kept = users.exists()  # bench/workbook.py's, left as it is
    try:
        with transaction.atomic():
            data = national_activity(random.Random(20260101))
            # Without statistics for the rows just written, PostgreSQL plans the
            # rebuild for empty tables (minutes instead of seconds).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            figures_rebuild()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield data
    finally:
        with transaction.atomic():
            for model in added:
                model.objects.filter(pk__gt=last[model]).delete()
            Organisation.objects.filter(acronym="BENCH").delete()
            if not user_kept:
                users.delete()
            Cycle.objects.exclude(year__in=years).delete()
            figures_rebuild()
        vacuum_written_tables(connection)


def session_cookie(user) -> str:
    """A Cookie header for a session of `user`, written where gunicorn's workers
    read sessions (no sign-in: no lockout records)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"


def addresses() -> dict[str, list[str]]:
    from bench.boards import board_paths
    from bench.finder import queries
    from communes.models import Commune

    codes = list(Commune.objects.order_by("code").values_list("code", flat=True))
    if SAMPLE:
        codes = random.Random(1).sample(codes, min(SAMPLE, len(codes)))
    boards = board_paths(codes)
    typed = queries()
    if not boards or not typed:
        raise SystemExit("No communes: run load_gazetteer and seed_national first.")
    return {
        "communes": codes,
        "boards": boards,
        "finder": [
            f"/{lang}/communes/?q={quote(q)}" for q in typed for lang in ("km", "en")
        ],
        "dashboard": ["/km/dashboard/", "/en/dashboard/"],
    }


def measure(server: Gunicorn, runs: dict) -> tuple[bool, dict[str, int]]:
    """The table's rows; (whether any failed, requests made per kind)."""
    failed = False
    requests: dict[str, int] = {}
    # Start the workers' Django (imports, URLs), not the pages.
    for _ in range(8):
        urlopen(server.base + "/healthz").read()
    for connections in CONNECTIONS:
        reference = wrk_load(
            server.base,
            ["/healthz"],
            connections=connections,
            duration=DURATION,
            timeout=TIMEOUT,
        )
        load_row("/healthz (reference)", connections, reference, reference)
        failed |= reference.errors > 0 or not reference.requests
        for what, (rotation, headers, bad_from) in runs.items():
            load = wrk_load(
                server.base,
                rotation,
                connections=connections,
                duration=DURATION,
                headers=headers,
                bad_from=bad_from,
                timeout=TIMEOUT,
            )
            load_row(what, connections, load, reference)
            failed |= load.errors > 0 or not load.requests
            requests[what] = requests.get(what, 0) + load.requests
    return failed, requests


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from isaf.pages import scopes_render

    if connection.vendor != "postgresql":
        raise SystemExit("The load rows need PostgreSQL (DATABASE_URL).")
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = addresses()
    if STORE:
        # As production has them (each publish stores its pages) and as a deploy
        # stores them after bulk loads; a page already stored costs one query.
        if SAMPLE:
            scopes_render(
                [f"commune:{code}" for code in paths["communes"]],
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
    stored_before = stored_current(paths["boards"])
    with fieldwork() as data:
        boards = "boards (random, both languages)"
        runs = {
            # name: (addresses, headers, first failing status)
            boards: (paths["boards"], (GZIP,), 400),
            "finder (random Khmer/Latin names)": (paths["finder"], (GZIP,), 400),
            "national dashboard (signed in)": (
                paths["dashboard"],
                (GZIP, session_cookie(data["user"])),
                300,
            ),
        }
        load_header(
            "Load: wrk from a second process on gunicorn (2 workers, DEBUG off, "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'no Redis'}), "
            f"{DURATION} per row, cold start. Ratios are to /healthz at the same "
            "connections in the same run."
        )
        server = Gunicorn()
        try:
            failed, requests = measure(server, runs)
        except BaseException:
            server.stop(failed=True)
            raise
        server.stop()
    rendered = stored_current(paths["boards"]) - stored_before
    print(
        f"  boards: {len(paths['boards'])} addresses of {len(paths['communes'])} "
        f"communes, {stored_before} of them stored "
        f"ahead of the run; {rendered} pages rendered and stored during it (by "
        f"their first reader), so of {requests[boards]} board requests about "
        f"{max(requests[boards] - rendered, 0)} were served from the store."
    )
    print(
        f"  finder: {len(paths['finder'])} addresses; dashboard: national, Khmer "
        f"and English, secretariat session, {data['cycles']} cycles with "
        f"{data['meetings']} interface meetings and {data['actions']} JAAP actions "
        "added for the run (removed after); wrk -t2, timeout "
        f"{TIMEOUT}, a random address per request (bench/load.lua)."
    )
    if failed:
        raise SystemExit("FAIL: errors under load (see the errors column).")


if __name__ == "__main__":
    main()
