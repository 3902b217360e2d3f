"""The stages every commune and provider reached in every cycle, precomputed.

`CommuneCycleStage` holds, per commune and cycle, whether the first three
stages were reached and since which day the last three (and so the full cycle)
count; `ProviderCycleStage` the same per provider, without the full cycle. The
rules stay where they live (`i4c.stats`, `scorecards.stats`, and
`dashboard.cycles` for which work belongs to a cycle); this module only
evaluates them in bulk and stores the answer, so the national dashboard counts
stored rows instead of evaluating the rules over the whole country.

Freshness is explicit (`communes.freshness`): the services that write an input
name the communes it touched, and `dashboard.refreshers` refreshes them once the
write commits; bulk writes rebuild everything (`stages_rebuild`, the
`dashboard_rebuild_stages` command). Readers only read: a day passing needs no
rebuild, since readers compare the stored days with their own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from communes import selectors as communes_selectors
from i4c.selectors import stats as i4c_stats
from scorecards.selectors import stats as scorecard_stats

from . import cycles
from .models import CommuneCycleStage, ProviderCycleStage

if TYPE_CHECKING:
    from communes.models import Cycle

STAGES = ("published", "disseminated", "scorecards", "meeting", "agreed", "reviewed")
# Stored as reached or not.
REACHED = ("published", "disseminated", "scorecards")
# Stored as the first day they count: they wait for the meeting's date.
DATED = ("meeting", "agreed", "reviewed")
COLUMNS = (
    *(f"is_{stage}" for stage in REACHED),
    *(f"{stage}_since" for stage in DATED),
)


def _reached_conditions(cycle: Cycle) -> dict[str, Q]:
    """Per undated stage, the condition that a commune (outer row, by `code`)
    reached it in `cycle`: sets of commune codes hashed once for the country."""
    return {
        "published": i4c_stats.communes_published(year=cycles.fiscal_year(cycle)),
        "disseminated": i4c_stats.communes_disseminated(**cycles.held_between(cycle)),
        "scorecards": scorecard_stats.communes_scorecards_done(cycle_id=cycle.pk),
    }


def _dated_expressions(cycle: Cycle) -> dict:
    ref = {"cycle_id": cycle.pk, "commune_ref": OuterRef("code")}
    return {
        "meeting": scorecard_stats.commune_meeting_held_since(**ref),
        "agreed": scorecard_stats.commune_jaap_agreed_since(**ref),
        "reviewed": scorecard_stats.commune_jaap_reviewed_since(**ref),
    }


def _provider_conditions(cycle: Cycle) -> dict[str, Q]:
    """Per undated stage, the condition that a provider (outer row, by `pk`)
    reached it in `cycle`."""
    return {
        "published": i4c_stats.providers_published(year=cycles.fiscal_year(cycle)),
        "disseminated": i4c_stats.providers_disseminated(**cycles.held_between(cycle)),
        "scorecards": scorecard_stats.providers_scorecards_done(cycle_id=cycle.pk),
    }


def _provider_dated_expressions(cycle: Cycle) -> dict:
    ref = {"cycle_id": cycle.pk, "provider_ref": OuterRef("pk")}
    return {
        # A provider takes part in the meeting of the commune it stands in.
        "meeting": scorecard_stats.commune_meeting_held_since(
            cycle_id=cycle.pk, commune_ref=OuterRef("commune_id")
        ),
        "agreed": scorecard_stats.provider_jaap_agreed_since(**ref),
        "reviewed": scorecard_stats.provider_jaap_reviewed_since(**ref),
    }


def _narrowed(condition: Q, keys: list, lookup: str = "code__in") -> Q:
    """The same condition with each of its sets of keys (commune codes, or
    provider ids with `lookup="pk__in"`) limited to `keys`.

    The rules build their sets over the whole country, which is right for a
    national count but made refreshing one commune after a save cost half a
    second on national data; limited, PostgreSQL reads the few rows of those
    communes through the foreign-key indexes. The answer cannot change: the
    outer row is one of `keys` anyway.
    """
    narrowed = Q(_connector=condition.connector, _negated=condition.negated)
    for child in condition.children:
        if isinstance(child, Q):
            narrowed.children.append(_narrowed(child, keys, lookup))
            continue
        child_lookup, value = child
        if child_lookup == lookup and isinstance(value, QuerySet):
            (field,) = value.query.values_select
            value = value.filter(**{f"{field}__in": keys})
        narrowed.children.append((child_lookup, value))
    return narrowed


def _latest(columns: list[str]) -> str:
    """The latest of non-null dates, in SQL that PostgreSQL and SQLite share."""
    first, *rest = columns
    if not rest:
        return first
    later = _latest(rest)
    return f"CASE WHEN {first} >= {later} THEN {first} ELSE {later} END"


def _select_for_cycle(*, cycle: Cycle, commune_codes) -> tuple[str, list]:
    """SQL selecting (code, cycle, the stage columns, full since) for the
    communes of one cycle, compiled by the ORM from the stage rules."""
    communes = communes_selectors.communes_by_code(codes=commune_codes)
    reached = _reached_conditions(cycle)
    if commune_codes is not None:
        reached = {
            stage: _narrowed(condition, commune_codes)
            for stage, condition in reached.items()
        }
    annotations = {
        f"is_{stage}": ExpressionWrapper(condition, output_field=BooleanField())
        for stage, condition in reached.items()
    }
    for stage, expression in _dated_expressions(cycle).items():
        annotations[f"{stage}_since"] = expression
    query = communes.annotate(**annotations).values("code", *COLUMNS).order_by()
    sql, params = query.query.sql_with_params()
    columns = [f"s.{column}" for column in COLUMNS]
    dates = [f"s.{stage}_since" for stage in DATED]
    complete = " AND ".join(
        [*(f"s.is_{stage}" for stage in REACHED), *(f"{d} IS NOT NULL" for d in dates)]
    )
    full = f"CASE WHEN {complete} THEN {_latest(dates)} END"
    return (
        f"SELECT s.code, %s, {', '.join(columns)}, {full}, %s FROM ({sql}) s",
        [cycle.pk, timezone.now(), *params],
    )


def _select_providers_for_cycle(*, cycle: Cycle, commune_codes) -> tuple[str, list]:
    """SQL selecting (provider, cycle, the stage columns) for the providers
    standing in `commune_codes` (None: every provider) in one cycle."""
    providers = communes_selectors.providers_in_communes(commune_codes=commune_codes)
    reached = _provider_conditions(cycle)
    if commune_codes is not None:
        # No provider there: an id that matches none keeps the SQL valid.
        ids = list(providers.values_list("pk", flat=True)) or [0]
        reached = {
            stage: _narrowed(condition, ids, "pk__in")
            for stage, condition in reached.items()
        }
    annotations = {
        f"is_{stage}": ExpressionWrapper(condition, output_field=BooleanField())
        for stage, condition in reached.items()
    }
    for stage, expression in _provider_dated_expressions(cycle).items():
        annotations[f"{stage}_since"] = expression
    query = providers.annotate(**annotations).values("id", *COLUMNS).order_by()
    sql, params = query.query.sql_with_params()
    columns = ", ".join(f"s.{column}" for column in COLUMNS)
    return (
        f"SELECT s.id, %s, {columns}, %s FROM ({sql}) s",
        [cycle.pk, timezone.now(), *params],
    )


def _upsert(model, keys: tuple[str, str], written: tuple, parts: list, params: list):
    """Insert or update in place the rows the united `parts` select."""
    table = model._meta.db_table
    columns = (*keys, *written)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in written)
    # "WHERE 1 = 1" lets SQLite tell the upsert clause from a join constraint.
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT * FROM ({' UNION ALL '.join(parts)}) u WHERE 1 = 1 "
        f"ORDER BY 1, 2 "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def stages_refresh(
    *,
    commune_codes: Iterable[str] | None,
    cycle_ids: Iterable[int] | None = None,
) -> None:
    """Recompute the stage rows of `commune_codes` (None: every commune) in
    `cycle_ids` (None: every cycle).

    Two statements, one for the communes and one for the providers standing
    in them: the stage rules of every cycle, united, inserted or updated in
    place (an upsert, not delete and insert, so two refreshes running at once
    both succeed and leave the same rows). Ordered so that concurrent upserts
    lock the rows in the same order.
    """
    if commune_codes is not None:
        commune_codes = sorted(set(commune_codes))
        if not commune_codes:
            return
    cycle_rows = list(
        communes_selectors.cycles_by_id(
            ids=None if cycle_ids is None else list(cycle_ids)
        )
    )
    if not cycle_rows:
        return
    parts, params = [], []
    for cycle in cycle_rows:
        sql, part_params = _select_for_cycle(cycle=cycle, commune_codes=commune_codes)
        parts.append(sql)
        params.extend(part_params)
    written = (*COLUMNS, "full_since", "refreshed_at")
    _upsert(CommuneCycleStage, ("commune_id", "cycle_id"), written, parts, params)
    parts, params = [], []
    for cycle in cycle_rows:
        sql, part_params = _select_providers_for_cycle(
            cycle=cycle, commune_codes=commune_codes
        )
        parts.append(sql)
        params.extend(part_params)
    written = (*COLUMNS, "refreshed_at")
    _upsert(ProviderCycleStage, ("provider_id", "cycle_id"), written, parts, params)


def stages_rebuild() -> None:
    """Recompute every commune in every cycle: after bulk writes."""
    stages_refresh(commune_codes=None)


# Reading the rows ------------------------------------------------------------------


def reached_conditions(*, today: datetime.date, prefix: str = "") -> dict[str, Q]:
    """Per stage, the condition on a `CommuneCycleStage` or `ProviderCycleStage`
    row (reached through `prefix`, e.g. "stage__") that the stage was reached by
    `today`, whatever the row's cycle."""
    conditions = {stage: Q(**{f"{prefix}is_{stage}": True}) for stage in REACHED}
    for stage in DATED:
        conditions[stage] = Q(**{f"{prefix}{stage}_since__lte": today})
    return conditions


def stage_conditions(*, cycle_id: int, today: datetime.date) -> dict[str, Q]:
    """Per stage, the condition on `CommuneCycleStage` or `ProviderCycleStage`
    rows that the stage was reached in the cycle by `today`."""
    return {
        stage: Q(cycle_id=cycle_id) & q
        for stage, q in reached_conditions(today=today).items()
    }


def full_rows(*, up_to_year: int, today: datetime.date) -> QuerySet:
    """The full cycles (every stage reached by `today`) of the cycles up to
    `up_to_year`."""
    return CommuneCycleStage.objects.filter(
        cycle__year__lte=up_to_year, full_since__lte=today
    ).order_by()


def stages_marker_sql() -> str:
    """An SQL expression that changes whenever the rows are written."""
    table = CommuneCycleStage._meta.db_table
    return (
        f"(SELECT COUNT(*) || ':' || COALESCE(CAST(MAX(refreshed_at) AS TEXT), '') "
        f"FROM {table})"
    )
