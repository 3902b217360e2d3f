"""The national dashboard rows of `make bench`, measured on the national data set.

Run after `manage.py seed_national --years N` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/dashboard.py

`seed_national` publishes I4C packages for every provider but records no cycles,
partner coverage, scorecards, meetings or JAAPs, so the dashboard would count no
target commune. This script adds them, inside one transaction that it rolls back
at the end (the data set is left as it was): a cycle for each seeded fiscal year
Y (a cycle counts the packages of its own fiscal year and the meetings held
within its dates, `dashboard/cycles.py`), a partner covering every district, and
for most communes a dissemination meeting presenting the package of that year, a
community scorecard, an interface meeting, four JAAP actions and follow-ups,
written in bulk. Bulk writes bypass the services, so the script then
rebuilds the dashboard's stored stage rows explicitly, as `seed_national` does.

It prints, each beside its budget from DESIGN.md and as a ratio (measured / budget):

- the SQL queries of the national dashboard, figures computed afresh (at most 25);
- the median server time of the national dashboard with the figures computed
  afresh (cold cache: the first view after any change), and as it is served
  while nothing changes (warm cache: one query for the change marker, then the
  cached figures); both against the 250 ms budget.

Times are measured through Django's test client (middleware, view, template), so
they are server time without the network. The cache is this process's memory: a
shared Redis would be emptied by the cold measurements.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Production settings for the measurement (DEBUG off...), and the table's row.
from bench.server import row  # noqa: E402

QUERY_BUDGET = 25
TIME_BUDGET_MS = 250.0
COLD_RUNS = int(os.environ.get("BENCH_DASHBOARD_COLD_RUNS", "5"))
WARM_RUNS = int(os.environ.get("BENCH_DASHBOARD_WARM_RUNS", "20"))
PATH = "/km/dashboard/"


class Rollback(Exception):
    """Raised to leave the transaction: the bench data set is not kept."""


def national_activity(rng: random.Random) -> dict:
    """Cycles, coverage and a plausible year of fieldwork for most communes."""
    import datetime

    from django.contrib.auth import get_user_model

    from communes.models import (
        Commune,
        Coverage,
        Cycle,
        District,
        Organisation,
        Role,
        ServiceProvider,
        Village,
    )
    from i4c.models import DisseminationEvent, Package
    from scorecards.models import (
        InterfaceMeeting,
        JaapAction,
        JaapFollowUp,
        Scorecard,
    )

    years = sorted(Package.objects.order_by().values_list("year", flat=True).distinct())
    cycles = []
    for fiscal in years:
        cycle, _ = Cycle.objects.get_or_create(
            year=fiscal,
            defaults={
                "starts_on": datetime.date(fiscal, 1, 1),
                "ends_on": datetime.date(fiscal, 12, 31),
            },
        )
        cycles.append(cycle)
    organisation = Organisation.objects.create(
        name="Bench partner", acronym="BENCH", kind=Organisation.Kind.NGO
    )
    districts = list(District.objects.values_list("pk", flat=True))
    Coverage.objects.bulk_create(
        [
            Coverage(organisation=organisation, district_id=d, cycle=c)
            for c in cycles
            for d in districts
        ],
        ignore_conflicts=True,
    )
    # bench/workbook.py keeps a user of this name: shared, not made twice.
    user, _ = get_user_model().objects.get_or_create(username="bench-secretariat")
    Role.objects.get_or_create(user=user, kind=Role.Kind.SECRETARIAT)

    village_of = dict(
        Village.objects.order_by("commune_id", "code")
        .distinct()
        .values_list("commune_id", "code")
    )
    providers = {}
    for pk, commune, kind in ServiceProvider.objects.values_list(
        "pk", "commune_id", "kind"
    ):
        providers.setdefault(commune, {})[kind] = pk
    packages = {
        (provider, year): pk
        for pk, provider, year in Package.objects.filter(
            provider__kind=ServiceProvider.Kind.COMMUNE
        ).values_list("pk", "provider_id", "year")
    }
    communes = list(Commune.objects.values_list("code", flat=True))
    events, scorecards, meetings = [], [], []
    for cycle in cycles:
        # Mid-cycle, never in the future (this year's cycle may be under way).
        today = min(datetime.date(cycle.year, 6, 1), datetime.date.today())
        for code in communes:
            if rng.random() > 0.8 or code not in village_of:
                continue
            own = providers.get(code, {})
            admin = own.get(ServiceProvider.Kind.COMMUNE)
            package = packages.get((admin, cycle.year))
            people = {"female": rng.randint(10, 40), "male": rng.randint(5, 30)}
            if package:
                events.append(
                    DisseminationEvent(
                        package_id=package,
                        village_id=village_of[code],
                        held_on=today,
                        attendance_youth=rng.randint(0, 5),
                        attendance_female=people["female"],
                        attendance_male=people["male"],
                    )
                )
            scored = own.get(ServiceProvider.Kind.HEALTH_CENTRE) or admin
            if scored:
                scorecards.append(
                    Scorecard(
                        provider_id=scored,
                        cycle=cycle,
                        kind=Scorecard.Kind.COMMUNITY,
                        group=Scorecard.Group.WOMEN,
                        held_on=today,
                        status=Scorecard.Status.PUBLISHED,
                        attendance_female=people["female"],
                    )
                )
            if rng.random() < 0.9:
                meetings.append(
                    InterfaceMeeting(
                        commune_id=code,
                        cycle=cycle,
                        held_on=today,
                        attendance_female=people["female"],
                        attendance_male=people["male"],
                    )
                )
    DisseminationEvent.objects.bulk_create(events, batch_size=2000)
    Scorecard.objects.bulk_create(scorecards, batch_size=2000)
    InterfaceMeeting.objects.bulk_create(meetings, batch_size=2000)
    statuses = JaapAction.Status.values
    actions = []
    for meeting in InterfaceMeeting.objects.filter(cycle__in=cycles).values_list(
        "pk", "commune_id", "cycle__year"
    ):
        pk, code, year = meeting
        provider = next(iter(providers.get(code, {}).values()), None)
        if provider is None:
            continue
        for n in range(4):
            actions.append(
                JaapAction(
                    meeting_id=pk,
                    provider_id=provider,
                    issue=f"Issue {n}",
                    action="Action",
                    responsible_party="Council",
                    starts_on=datetime.date(year, 6, 2),
                    due_on=datetime.date(year, 11, 30),
                    status=rng.choice(statuses),
                )
            )
    JaapAction.objects.bulk_create(actions, batch_size=2000)
    follow_ups = [
        JaapFollowUp(
            action_id=action.pk,
            checked_on=action.starts_on + datetime.timedelta(days=30),
            status=JaapAction.Status.ONGOING,
        )
        for action in actions
        if rng.random() < 0.5
    ]
    JaapFollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    return {
        "user": user,
        "cycles": len(cycles),
        "communes": len(communes),
        "meetings": len(meetings),
        "actions": len(actions),
    }


def vacuum_written_tables(connection) -> None:
    """Clear the dead rows that earlier runs left in the tables this one writes.

    Every run rolls back tens of thousands of rows, which stay in the tables as
    dead tuples until a vacuum; with autovacuum off (as on the shared benchmark
    server), twenty runs left the JAAP table at 32 MB for no live row, and every
    sequential scan of it read them all, so each run measured slower than the
    one before. VACUUM cannot run inside a transaction, hence before it; the
    data set itself is unchanged.
    """
    if connection.vendor != "postgresql":
        return
    from communes.models import Coverage, Cycle, Organisation, Role
    from i4c.models import DisseminationEvent
    from scorecards.models import (
        InterfaceMeeting,
        JaapAction,
        JaapFollowUp,
        Scorecard,
    )

    tables = [
        model._meta.db_table
        for model in (
            Coverage,
            Cycle,
            Organisation,
            Role,
            DisseminationEvent,
            Scorecard,
            InterfaceMeeting,
            JaapAction,
            JaapFollowUp,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + ", ".join(tables))


def timed(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def main() -> None:
    import django

    # Per-process memory cache: the cold runs clear it, which must not empty a
    # Redis database that other processes share.
    os.environ.pop("REDIS_URL", None)
    django.setup()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communes.freshness import figures_rebuild
    from dashboard import selectors
    from i4c.models import Package

    if connection.vendor != "postgresql":
        print("Note: the budgets are for PostgreSQL; this run uses", connection.vendor)
    if not Package.objects.filter(published_version__isnull=False).exists():
        raise SystemExit("No published packages: run seed_national first.")

    vacuum_written_tables(connection)
    results = {}
    try:
        with transaction.atomic():
            started = time.monotonic()
            data = national_activity(random.Random(20260101))
            # A server's autovacuum keeps the planner's statistics current; rows
            # written a moment ago in this transaction have none yet, and
            # without them PostgreSQL plans for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            rebuild_started = time.monotonic()
            figures_rebuild()
            results["rebuild"] = time.monotonic() - rebuild_started
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE dashboard_communecyclestage, dashboard_providercyclestage"
                )
            setup = time.monotonic() - started
            client = Client()
            client.force_login(data["user"])

            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(PATH)
            assert response.status_code == 200, response.status_code
            results["queries"] = len(queries.captured_queries)
            filters, _ = selectors.filters_resolve(user=data["user"])
            results["targets"] = selectors.target_communes(filters=filters).count()

            cold = []
            for _ in range(COLD_RUNS):
                cache.clear()
                cold.append(timed(client, PATH))
            warm = [timed(client, PATH) for _ in range(WARM_RUNS)]
            results["cold"] = statistics.median(cold)
            results["warm"] = statistics.median(warm)
            raise Rollback
    except Rollback:
        pass

    print(
        f"National dashboard benchmarks: {results['targets']} target communes, "
        f"{data['cycles']} cycles, {data['meetings']} interface meetings and "
        f"{data['actions']} JAAP actions added for the run (rolled back; "
        f"{setup:.0f} s to build, of which {results['rebuild']:.1f} s to rebuild "
        f"the stage rows)."
    )
    print(
        f"| {'what':<44} | {'measured':>26} | {'budget':>12} | {'ratio':>6} | verdict |"
    )
    print(f"|{'-' * 46}|{'-' * 28}|{'-' * 14}|{'-' * 8}|---------|")
    n = results["queries"]
    row(
        "SQL queries, national dashboard",
        str(n),
        f"<= {QUERY_BUDGET}",
        n / QUERY_BUDGET,
        n <= QUERY_BUDGET,
    )
    for label, key, runs in (
        ("national dashboard median, figures computed", "cold", COLD_RUNS),
        ("national dashboard median, figures cached", "warm", WARM_RUNS),
    ):
        ms = results[key]
        row(
            label,
            f"{ms:.0f} ms (n={runs})",
            f"<= {TIME_BUDGET_MS:.0f} ms",
            ms / TIME_BUDGET_MS,
            ms <= TIME_BUDGET_MS,
        )


if __name__ == "__main__":
    main()
