"""The stages every commune reached in every cycle, precomputed.

`CommuneCycleStage` holds, per commune and cycle, the six stage flags and
whether all six were reached (a full cycle). The rules stay where they live
(`i4c.stats`, `scorecards.stats`); this module only evaluates them in bulk and
stores the answer, so the national dashboard counts a few thousand rows instead
of evaluating the rules over the whole country on the first view after a change.

Freshness has two guards:

- receivers (`dashboard.apps`) refresh the communes that a saved or deleted
  input row touches once its transaction commits, and then record the new
  change marker, so an ordinary service write costs the next view nothing;
- `stages_ensure`, called by the selectors before they read the table, compares
  the stored marker with the current one (cheap counts and sums) and rebuilds
  everything when they differ: bulk writes (`seed_national`, `queryset.update`,
  `bulk_create`) send no signals, and rows depend on the day (a meeting counts
  once its date has come).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from communes.models import Commune, Cycle, ServiceProvider
from i4c import stats as i4c_stats
from i4c.models import PublishedVersion
from scorecards import stats as scorecard_stats
from scorecards.models import InterfaceMeeting, ScorecardVersion

from .models import CommuneCycleStage, StageState

STAGES = ("published", "disseminated", "scorecards", "meeting", "agreed", "reviewed")
FLAGS = tuple(f"is_{stage}" for stage in STAGES)
STATE_ID = 1


def i4c_year_for_cycle(year: int) -> int:
    """The fiscal year whose I4C a cycle publishes: the year before."""
    return year - 1


def stage_conditions(*, cycle_id: int, year: int, today: datetime.date) -> dict:
    """Per stage, the condition that a commune (outer row, by `code`) reached it
    in the cycle `cycle_id` of `year`; each a set of commune codes that
    PostgreSQL builds and hashes once for all the communes of the country."""
    fiscal = i4c_year_for_cycle(year)
    return {
        "published": i4c_stats.communes_published(year=fiscal),
        "disseminated": i4c_stats.communes_disseminated(year=fiscal),
        "scorecards": scorecard_stats.communes_scorecards_done(cycle_id=cycle_id),
        "meeting": scorecard_stats.communes_meeting_held(
            cycle_id=cycle_id, today=today
        ),
        "agreed": scorecard_stats.communes_jaap_agreed(cycle_id=cycle_id, today=today),
        "reviewed": scorecard_stats.communes_jaap_reviewed(
            cycle_id=cycle_id, today=today
        ),
    }


def _narrowed(condition: Q, commune_codes: list[str]) -> Q:
    """The same condition with each of its sets of commune codes limited to
    `commune_codes`.

    The rules build their sets over the whole country, which is right for a
    national count but made refreshing one commune after a save cost half a
    second on national data; limited, PostgreSQL reads the few rows of those
    communes through the foreign-key indexes. The answer cannot change: the
    outer row is one of `commune_codes` anyway.
    """
    narrowed = Q(_connector=condition.connector, _negated=condition.negated)
    for child in condition.children:
        if isinstance(child, Q):
            narrowed.children.append(_narrowed(child, commune_codes))
            continue
        lookup, value = child
        if lookup == "code__in" and isinstance(value, QuerySet):
            (field,) = value.query.values_select
            value = value.filter(**{f"{field}__in": commune_codes})
        narrowed.children.append((lookup, value))
    return narrowed


def _select_for_cycle(*, cycle_id, year, today, commune_codes) -> tuple[str, list]:
    """SQL selecting (code, cycle, six flags, full) for the communes of one
    cycle, compiled by the ORM from the stage rules."""
    communes = Commune.objects.all()
    conditions = stage_conditions(cycle_id=cycle_id, year=year, today=today)
    if commune_codes is not None:
        communes = communes.filter(code__in=commune_codes)
        conditions = {
            stage: _narrowed(condition, commune_codes)
            for stage, condition in conditions.items()
        }
    annotations = {
        f"is_{stage}": ExpressionWrapper(condition, output_field=BooleanField())
        for stage, condition in conditions.items()
    }
    query = communes.annotate(**annotations).values("code", *FLAGS).order_by()
    sql, params = query.query.sql_with_params()
    full = " AND ".join(f"s.{flag}" for flag in FLAGS)
    columns = ", ".join(f"s.{flag}" for flag in FLAGS)
    return (
        f"SELECT s.code, %s, {columns}, ({full}) FROM ({sql}) s",
        [cycle_id, *params],
    )


def stage_refresh(
    *,
    commune_codes: Iterable[str] | None,
    cycle_ids: Iterable[int] | None = None,
    today: datetime.date | None = None,
) -> None:
    """Recompute the stage rows of `commune_codes` (None: every commune) in
    `cycle_ids` (None: every cycle) as of `today`.

    One statement: the stage rules of every cycle, united, inserted or updated
    in place (an upsert, not delete and insert, so two refreshes running at
    once both succeed and leave the same rows). Ordered so that concurrent
    upserts lock the rows in the same order.
    """
    today = today or timezone.localdate()
    if commune_codes is not None:
        commune_codes = sorted(set(commune_codes))
        if not commune_codes:
            return
    cycles = Cycle.objects.order_by("pk")
    if cycle_ids is not None:
        cycles = cycles.filter(pk__in=list(cycle_ids))
    parts, params = [], []
    for cycle_id, year in cycles.values_list("pk", "year"):
        sql, part_params = _select_for_cycle(
            cycle_id=cycle_id, year=year, today=today, commune_codes=commune_codes
        )
        parts.append(sql)
        params.extend(part_params)
    if not parts:
        return
    table = CommuneCycleStage._meta.db_table
    columns = ("commune_id", "cycle_id", *FLAGS, "is_full")
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*FLAGS, "is_full"))
    # "WHERE 1 = 1" lets SQLite tell the upsert clause from a join constraint.
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT * FROM ({' UNION ALL '.join(parts)}) u WHERE 1 = 1 "
        f"ORDER BY 1, 2 "
        f"ON CONFLICT (commune_id, cycle_id) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def stage_marker_sql(*, today: datetime.date) -> tuple[list[str], list]:
    """SQL expressions, and their parameters, whose values change whenever a
    stage of some commune may have changed as of `today`.

    The I4C and scorecard parts are those of the dashboard's cache marker
    (services bump versions; other rows are only added or deleted). Added here:
    published and scorecard versions (publishing: the highest id), the communes and
    cycles themselves (rows to create), the providers and the communes they
    serve (which commune a scorecard counts for), and the meetings whose date
    has come by `today` (a planned meeting becomes held with no write at all).
    """
    served = ServiceProvider.communes_served.through._meta.db_table
    provider = ServiceProvider._meta.db_table
    meeting = InterfaceMeeting._meta.db_table
    parts = [
        *i4c_stats.change_marker_sql(),
        *scorecard_stats.change_marker_sql(),
        # Versions are immutable and only added (a deletion goes with its
        # package's or scorecard's, which those counts see), so the highest id
        # is enough, and it reads one index entry where a count would scan the
        # wide snapshot tables (a fifth of the marker's time on national data).
        f"(SELECT COALESCE(MAX(id), 0) FROM {PublishedVersion._meta.db_table})",
        f"(SELECT COALESCE(MAX(id), 0) FROM {ScorecardVersion._meta.db_table})",
        f"(SELECT COUNT(*) FROM {Commune._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' "
        f"|| COALESCE(SUM(year), 0) FROM {Cycle._meta.db_table})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {provider})",
        f"(SELECT COUNT(*) || ':' || COALESCE(SUM(id), 0) FROM {served})",
        f"(SELECT COUNT(*) FROM {meeting} WHERE held_on <= %s)",
    ]
    return parts, [today]


def marker_digest(values: Iterable) -> str:
    return hashlib.sha1("|".join(map(str, values)).encode()).hexdigest()[:16]


def stage_marker(*, today: datetime.date) -> str:
    parts, params = stage_marker_sql(today=today)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return marker_digest(cursor.fetchone())


def stored_marker_sql() -> str:
    """The stored marker, as an expression that the selectors' one marker
    statement can carry along (NULL before the first build)."""
    table = StageState._meta.db_table
    return f"(SELECT marker FROM {table} WHERE id = {STATE_ID})"


def _state_save(*, marker: str, as_of: datetime.date) -> None:
    # One upsert statement rather than `update_or_create` (a savepoint, a
    # locking read and a write): it runs inside the dashboard's query budget.
    table = StageState._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, marker, as_of, updated_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
            "marker = EXCLUDED.marker, as_of = EXCLUDED.as_of, "
            "updated_at = EXCLUDED.updated_at",
            [STATE_ID, marker, as_of, timezone.now()],
        )


def stage_rebuild(*, today: datetime.date | None = None, marker: str | None = None):
    """Recompute every commune in every cycle, then record the marker.

    `marker` is the one the caller read before deciding to rebuild: reading it
    before the rows means that a write landing in between leaves an older
    marker, so the next reader rebuilds again instead of trusting stale rows.
    """
    today = today or timezone.localdate()
    marker = marker or stage_marker(today=today)
    stage_refresh(commune_codes=None, today=today)
    _state_save(marker=marker, as_of=today)


def stages_ensure(
    *, today: datetime.date, current: str | None = None, stored: str | None = None
) -> bool:
    """Rebuild the stage rows when their inputs changed behind the receivers'
    back; returns whether it did. `current` and `stored` may come from the
    caller's own marker statement, which saves a query per view."""
    if current is None:
        current = stage_marker(today=today)
        stored = (
            StageState.objects.filter(pk=STATE_ID)
            .values_list("marker", flat=True)
            .first()
        )
    if current == stored:
        return False
    stage_rebuild(today=today, marker=current)
    return True


def stage_refresh_after_write(*, commune_codes: Iterable[str]) -> None:
    """What the receivers run once a write commits: refresh the communes it
    touched as of the day the rows were built for, then record the new marker
    so that the next view trusts them.

    Before the first build there is nothing to keep fresh: the first view
    builds everything.
    """
    state = StageState.objects.filter(pk=STATE_ID).first()
    if state is None:
        return
    marker = stage_marker(today=state.as_of)
    stage_refresh(commune_codes=commune_codes, today=state.as_of)
    _state_save(marker=marker, as_of=state.as_of)


# Which communes an input row touches --------------------------------------------


def _provider_communes(provider_id) -> set[str]:
    if provider_id is None:
        return set()
    provider = ServiceProvider.objects.filter(pk=provider_id).first()
    return provider.commune_codes() if provider else set()


def communes_touched(instance) -> set[str]:
    """The communes whose stages a saved or deleted row may change."""
    from i4c.models import DisseminationEvent, Package
    from scorecards.models import JaapAction, JaapFollowUp, Scorecard

    if isinstance(instance, Package):
        return _provider_communes(instance.provider_id)
    if isinstance(instance, PublishedVersion | DisseminationEvent):
        package = Package.objects.filter(pk=instance.package_id).first()
        return _provider_communes(package.provider_id) if package else set()
    if isinstance(instance, Scorecard):
        return _provider_communes(instance.provider_id)
    if isinstance(instance, ScorecardVersion):
        scorecard = Scorecard.objects.filter(pk=instance.scorecard_id).first()
        return _provider_communes(scorecard.provider_id) if scorecard else set()
    if isinstance(instance, InterfaceMeeting):
        return {instance.commune_id}
    if isinstance(instance, JaapAction):
        return set(
            InterfaceMeeting.objects.filter(pk=instance.meeting_id).values_list(
                "commune_id", flat=True
            )
        )
    if isinstance(instance, JaapFollowUp):
        return set(
            JaapAction.objects.filter(pk=instance.action_id).values_list(
                "meeting__commune_id", flat=True
            )
        )
    return set()
