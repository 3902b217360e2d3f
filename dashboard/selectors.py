"""The dashboard's figures: scoped, filtered, computed by aggregation in SQL, and
the whole page's figures cached.

The rules have one home each: who sees what and the target communes in
`dashboard.filters`, which work belongs to a cycle in `dashboard.cycles`, the
stages and full cycles in `dashboard.progress` (over the rows that
`dashboard.stages` keeps), the other key results in `dashboard.results`, and
places for the map in `dashboard.places`. The views import them from here.
"""

from __future__ import annotations

import datetime
import hashlib
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from communes import selectors as communes_selectors
from i4c.selectors import stats as i4c_stats
from scorecards.selectors import stats as scorecard_stats

from . import stages
from .filters import Filters, filters_resolve, target_communes
from .places import coverage_rows, map_places
from .progress import (
    FULL_CYCLES_TARGET,
    breakdown,
    commune_totals,
    map_communes,
    provider_totals,
)
from .results import caf_totals, participation, review_queue, standards
from .stages import STAGES

# What the views read besides the page's figures.
__all__ = [
    "FULL_CYCLES_TARGET",
    "STAGES",
    "Filters",
    "coverage_rows",
    "dashboard_figures",
    "filters_resolve",
    "map_communes",
    "map_places",
    "target_communes",
]

CACHE_TIMEOUT = 5 * 60
CACHE_SCHEMA = 3


def _change_marker() -> str:
    """One statement whose answer changes whenever any input of the figures does.

    The services bump a `version` on every save of packages, scorecards, meetings
    and actions, and the other inputs (dissemination meetings, follow-ups,
    coverage, CAFs, standards) are added or deleted rather than edited, so counts,
    sums of versions and the highest ids together move with every change. The
    stage rows move whenever they are refreshed; the cycles' dates decide which
    meetings count; the providers and the communes they serve, which commune a
    provider's work counts for.
    """
    parts = [
        *i4c_stats.change_marker_sql(),
        *scorecard_stats.change_marker_sql(),
        stages.stages_marker_sql(),
        *communes_selectors.places_change_marker_sql(),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return hashlib.sha1("|".join(map(str, row)).encode()).hexdigest()[:16]


@contextmanager
def _without_jit():
    """Run the figure queries with PostgreSQL's JIT compiler off.

    The planner prices the per-commune EXISTS tests at thousands of loops each and
    so, on national data, decides to JIT-compile the statements: that took about
    a second per statement while executing them takes about a tenth of that.
    SET LOCAL lasts until the end of this transaction only; other databases have
    no JIT and need nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def dashboard_figures(
    *,
    filters: Filters,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    use_cache: bool = True,
) -> dict:
    """Every figure of the dashboard for the filters, as plain data.

    Cached for a few minutes under a key that includes the day and the change
    marker, so a change of any input shows at once, and the short timeout bounds
    what a change the marker cannot see (a CAF edited in the admin) could leave
    stale. Reads only: the stage rows are kept fresh by those who write.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    key = None
    if use_cache:
        marker = _change_marker()
        key = f"dashboard:{CACHE_SCHEMA}:{filters.key()}:{today}:{marker}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    with _without_jit():
        rows = breakdown(filters=filters, today=today)
        figures = {
            "communes": commune_totals(rows),
            "providers": provider_totals(filters=filters, today=today),
            "breakdown": rows,
            "standards": standards(filters=filters),
            "jaap": scorecard_stats.jaap_status_counts(
                communes=target_communes(filters=filters), cycle_id=filters.cycle.pk
            ),
            "cafs": caf_totals(filters=filters),
            "participation": participation(filters=filters, today=today),
            "review": review_queue(filters=filters, now=now),
        }
    if key is not None:
        cache.set(key, figures, timeout=CACHE_TIMEOUT)
    return figures
