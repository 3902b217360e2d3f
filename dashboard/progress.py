"""How far the target communes and providers got in a cycle: counts per stage.

- Stages of a commune in a cycle, in order: 1 I4C published (its commune
  administration's package), 2 I4C disseminated (that administration presented
  its I4C at a dissemination meeting), 3 scorecards done, 4 interface meeting
  held, 5 JAAP agreed, 6 JAAP reviewed (rules in `i4c.stats` and
  `scorecards.stats`; which work belongs to a cycle in `dashboard.cycles`). For a
  health centre or school: its own package and dissemination, its own community
  scorecards, the meeting of its commune, JAAP actions addressed to it, and
  their follow-ups.
- A full annual cycle: a cycle in which the commune reached all six stages. The
  key result counts, for each target commune, its full cycles in the selected
  year and every earlier one, and reports the share with at least three.

The commune stages are read from the precomputed rows of `dashboard.stages`.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from communes import selectors as communes_selectors

from .filters import Filters, target_communes
from .models import CommuneCycleStage
from .stages import STAGES, full_rows, reached_conditions, stage_conditions

FULL_CYCLES_TARGET = 3
# The stage annotations: "scorecards" and others are already related names on
# the models.
FLAGS = tuple(f"is_{stage}" for stage in STAGES)


def _stage_conditions(*, filters: Filters, today: datetime.date) -> dict[str, Q]:
    """Per stage, the condition that a commune (outer row) reached it in the
    filtered cycle by `today`: a set of commune codes read from the stage rows,
    which PostgreSQL builds and hashes once."""
    rows = CommuneCycleStage.objects.order_by()
    return {
        stage: Q(code__in=rows.filter(condition).values("commune_id"))
        for stage, condition in stage_conditions(
            cycle_id=filters.cycle.pk, today=today
        ).items()
    }


def _full_cycles(*, up_to_year: int, today: datetime.date):
    """Per commune (outer row): the number of cycles up to `up_to_year` in which
    it reached every stage; correlated, meant for a district's communes."""
    counted = (
        full_rows(up_to_year=up_to_year, today=today)
        .filter(commune_id=OuterRef("code"))
        .values("commune_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted[:1]), Value(0))


def _three_cycles(*, up_to_year: int, today: datetime.date) -> Q:
    """Communes (by `code`) with at least `FULL_CYCLES_TARGET` full cycles up to
    `up_to_year`; one uncorrelated grouped set over the stage rows."""
    communes = (
        full_rows(up_to_year=up_to_year, today=today)
        .values("commune_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=FULL_CYCLES_TARGET)
        .values("commune_id")
    )
    return Q(code__in=communes)


def communes_with_stages(
    *, filters: Filters, today: datetime.date, full_cycles: bool = True
) -> QuerySet:
    """Target communes annotated with a boolean per stage and, unless told
    otherwise, `full_cycles` (correlated: meant for a district's communes)."""
    annotations = {
        f"is_{stage}": ExpressionWrapper(condition, output_field=BooleanField())
        for stage, condition in _stage_conditions(filters=filters, today=today).items()
    }
    if full_cycles:
        annotations["full_cycles"] = _full_cycles(
            up_to_year=filters.cycle.year, today=today
        )
    return target_communes(filters=filters).annotate(**annotations)


def _with_stage_row(places: QuerySet, *, filters: Filters) -> QuerySet:
    """Communes or providers (both call their stage rows `cycle_stages`) joined
    to their one row of the filtered cycle, as `stage` (none yet: NULL, so it
    counts at no stage); counting every stage then reads the rows once rather
    than once per stage."""
    return places.annotate(
        stage=FilteredRelation(
            "cycle_stages", condition=Q(cycle_stages__cycle_id=filters.cycle.pk)
        )
    )


def _stage_counts(*, filters: Filters, today: datetime.date) -> dict:
    """Counts over communes joined by `_with_stage_row`."""
    counts = {"target": Count("pk")}
    for stage, condition in reached_conditions(today=today, prefix="stage__").items():
        counts[stage] = Count("pk", filter=condition)
    counts["three_cycles"] = Count(
        "pk", filter=_three_cycles(up_to_year=filters.cycle.year, today=today)
    )
    counts["with_coordinates"] = Count(
        "pk", filter=Q(latitude__isnull=False, longitude__isnull=False)
    )
    return counts


def commune_totals(rows: list[dict]) -> dict:
    """Counts of target communes per stage: the sum of the breakdown's rows
    (at most a few dozen), so the per-commune flags are computed once."""
    keys = ("target", *STAGES, "three_cycles", "with_coordinates")
    return {key: sum(row[key] for row in rows) for key in keys}


def _located(row: dict) -> bool:
    return row["latitude"] is not None and row["longitude"] is not None


def _commune_rows(*, filters: Filters, today: datetime.date) -> list[dict]:
    communes = communes_with_stages(filters=filters, today=today)
    rows = communes.values(
        "code",
        "kind",
        "name_km",
        "name_latin",
        "latitude",
        "longitude",
        *FLAGS,
        "full_cycles",
    ).order_by("code")
    return [
        {
            **{k: row[k] for k in ("code", "kind", "name_km", "name_latin")},
            "target": 1,
            **{stage: int(bool(row[f"is_{stage}"])) for stage in STAGES},
            "full_cycles": row["full_cycles"],
            "three_cycles": int(row["full_cycles"] >= FULL_CYCLES_TARGET),
            "with_coordinates": int(_located(row)),
        }
        for row in rows
    ]


def breakdown(*, filters: Filters, today: datetime.date) -> list[dict]:
    """The next level down: provinces nationally, districts in a province,
    communes in a district; one grouped statement."""
    if filters.level == "district":
        return _commune_rows(filters=filters, today=today)
    prefix = "district__province" if filters.level == "national" else "district"
    rows = (
        _with_stage_row(target_communes(filters=filters), filters=filters)
        .values(
            f"{prefix}_id",
            f"{prefix}__kind",
            f"{prefix}__name_km",
            f"{prefix}__name_latin",
        )
        .annotate(**_stage_counts(filters=filters, today=today))
        .order_by(f"{prefix}_id")
    )
    return [
        {
            "code": row.pop(f"{prefix}_id"),
            "kind": row.pop(f"{prefix}__kind"),
            "name_km": row.pop(f"{prefix}__name_km"),
            "name_latin": row.pop(f"{prefix}__name_latin"),
            **row,
        }
        for row in rows
    ]


def map_communes(*, filters: Filters, today: datetime.date) -> list[dict]:
    """Every target commune with its furthest stage (the highest-numbered stage
    reached, whether or not the earlier ones were recorded) and its coordinates
    (None when the gazetteer has none); one statement."""
    communes = communes_with_stages(
        filters=filters, today=today, full_cycles=False
    ).values("code", "kind", "name_km", "name_latin", "latitude", "longitude", *FLAGS)
    rows = []
    for row in communes.order_by("code"):
        furthest = 0
        for number, stage in enumerate(STAGES, start=1):
            if row[f"is_{stage}"]:
                furthest = number
        located = _located(row)
        rows.append(
            {
                "code": row["code"],
                "kind": row["kind"],
                "name_km": row["name_km"],
                "name_latin": row["name_latin"],
                "latitude": float(row["latitude"]) if located else None,
                "longitude": float(row["longitude"]) if located else None,
                "furthest": furthest,
            }
        )
    return rows


def provider_totals(*, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Per provider kind, counts of target providers per stage by `today`, from
    the stored rows (`dashboard.stages`); one statement.

    Each provider is joined to its one row of the cycle (none yet: a provider
    added since the last refresh counts as a target at no stage), so the rows
    are read once rather than once per stage.
    """
    providers = _with_stage_row(
        communes_selectors.providers_in_communes(
            communes=target_communes(filters=filters)
        ),
        filters=filters,
    )
    counts = {"target": Count("pk")}
    for stage, condition in reached_conditions(today=today, prefix="stage__").items():
        counts[stage] = Count("pk", filter=condition)
    rows = {
        row["kind"]: row
        for row in providers.order_by().values("kind").annotate(**counts)
    }
    empty = {"target": 0, **dict.fromkeys(STAGES, 0)}
    kinds = communes_selectors.ProviderKind.values
    return {kind: rows.get(kind, {**empty}) for kind in kinds}
