"""Aggregation queries over I4C data for the dashboards: pure reads, no loops.

Every function here either returns a boolean SQL expression (an `Exists`) that a
caller annotates on communes or providers, or runs one aggregate query. The
dashboard composes them with the scorecard stages into per-commune flags, so a
national figure costs one statement however many communes there are.

Which fiscal year belongs to a cycle is the caller's decision (see
`dashboard.selectors.i4c_year_for_cycle`); here a year is always a fiscal year.
"""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)

from communes.models import ServiceProvider

from .models import DisseminationEvent, NationalStandard, Package, PerformanceFigure

PARTICIPATION_FIELDS = (
    "female",
    "male",
    "youth",
    "disability",
    "ethnic_minority",
    "id_poor",
)


def _published(year) -> Q:
    return Q(year=year, published_version__isnull=False)


def commune_published(*, commune_ref, year) -> Exists:
    """The commune administration of `commune_ref` published its I4C for `year`."""
    return Exists(
        Package.objects.filter(
            _published(year),
            provider__commune_id=commune_ref,
            provider__kind=ServiceProvider.Kind.COMMUNE,
        )
    )


def commune_disseminated(*, commune_ref, year) -> Exists:
    """A dissemination meeting presented the commune administration's I4C."""
    return Exists(
        DisseminationEvent.objects.filter(
            package__year=year,
            package__provider__commune_id=commune_ref,
            package__provider__kind=ServiceProvider.Kind.COMMUNE,
        )
    )


def provider_published(*, provider_ref, year) -> Exists:
    return Exists(Package.objects.filter(_published(year), provider_id=provider_ref))


def provider_disseminated(*, provider_ref, year) -> Exists:
    return Exists(
        DisseminationEvent.objects.filter(
            package__year=year, package__provider_id=provider_ref
        )
    )


def _meets_expression():
    """Whether a performance figure meets its national standard, in SQL.

    The same rule as `i4c.models.standard_is_met`: at least / at most the value;
    a figure with no value is not judged (NULL).
    """
    return Case(
        When(value__isnull=True, then=Value(None)),
        When(
            standard__comparison=NationalStandard.Comparison.AT_MOST,
            then=Q(value__lte=F("standard__value")),
        ),
        default=Q(value__gte=F("standard__value")),
        output_field=BooleanField(),
    )


def _figures_of_published(*, providers: QuerySet, year) -> QuerySet:
    # The working copy of a package whose status is "published" is exactly its
    # latest published version (any edit turns it back into a draft), so its
    # figure rows can be aggregated in SQL instead of unpacking JSON snapshots.
    # A package under correction is left out until the correction is published.
    return PerformanceFigure.objects.filter(
        package__year=year,
        package__status=Package.Status.PUBLISHED,
        package__provider__in=providers,
        standard__is_active=True,
        value__isnull=False,
    )


def standards_by_provider_kind(*, providers: QuerySet, year) -> dict[str, dict]:
    """Per provider kind: how many providers reported figures against national
    standards in their published I4C, and how many met every one of them.

    One grouped statement over the packages (one per provider and year), each
    tested for a judged figure and for a failing one by index lookups.
    """
    judged = PerformanceFigure.objects.filter(
        package_id=OuterRef("pk"), standard__is_active=True, value__isnull=False
    )
    failing = judged.annotate(meets=_meets_expression()).filter(meets=False)
    rows = (
        Package.objects.filter(
            year=year, status=Package.Status.PUBLISHED, provider__in=providers
        )
        .annotate(reports=Exists(judged), fails=Exists(failing))
        .order_by()
        .values("provider__kind")
        .annotate(
            reporting=Count("pk", filter=Q(reports=True)),
            meeting=Count("pk", filter=Q(reports=True, fails=False)),
        )
    )
    found = {row["provider__kind"]: row for row in rows}
    return {
        kind: {
            "reporting": found.get(kind, {}).get("reporting", 0),
            "meeting": found.get(kind, {}).get("meeting", 0),
        }
        for kind in ServiceProvider.Kind.values
    }


def standards_by_indicator(*, providers: QuerySet, year) -> list[dict]:
    """One row per national standard: providers reporting it and meeting it.

    Grouped by the standard's id alone, with its attributes read as aggregates of
    the joined row: grouping by the names as well made PostgreSQL sort tens of
    thousands of figures on disk instead of hashing them.
    """
    figures = _figures_of_published(providers=providers, year=year)
    attributes = (
        "provider_kind",
        "name",
        "name_km",
        "name_en",
        "comparison",
        "value",
        "unit",
        "order",
    )
    rows = (
        figures.annotate(meets=_meets_expression())
        .order_by()
        .values("standard_id")
        .annotate(
            reporting=Count("pk"),
            meeting=Count("pk", filter=Q(meets=True)),
            **{f"standard__{a}": Min(f"standard__{a}") for a in attributes},
        )
    )
    rows = sorted(
        rows, key=lambda r: (r["standard__provider_kind"], r["standard__order"])
    )
    for row in rows:
        row["standard__name_km"] = row["standard__name_km"] or row["standard__name"]
        row["standard__name_en"] = row["standard__name_en"] or row["standard__name"]
    return rows


def dissemination_participation(*, communes: QuerySet, year) -> dict:
    """Meetings and attendance of the dissemination meetings of I4C packages of
    `year` of providers located in `communes`."""
    events = DisseminationEvent.objects.filter(
        package__year=year, package__provider__commune__in=communes
    )
    return events.aggregate(
        meetings=Count("pk"),
        **{field: Sum(field) for field in PARTICIPATION_FIELDS},
    )


def _in_district(district: str | None) -> Q:
    return Q(provider__commune__district_id=district) if district else Q()


def review_waiting(
    *, provinces: QuerySet, district: str | None = None, limit: int = 10
) -> dict:
    """Submitted I4C packages in `provinces`: how many, since when, and the
    `limit` that have waited longest; one statement (the count rides along as a
    window over the whole queue)."""
    rows = list(
        Package.objects.filter(
            status=Package.Status.SUBMITTED,
            provider__commune__district__province__in=provinces,
        )
        .filter(_in_district(district))
        .annotate(waiting=Window(Count("pk")))
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "year",
            "submitted_at",
            "waiting",
            "provider__name",
            "provider__kind",
            "provider__commune_id",
            "provider__commune__name_km",
            "provider__commune__name_latin",
        )[:limit]
    )
    return {
        "count": rows[0]["waiting"] if rows else 0,
        "oldest": rows[0]["submitted_at"] if rows else None,
        "rows": rows,
    }


def change_marker_sql() -> list[str]:
    """Cheap SQL expressions that change whenever I4C figures may have changed.

    Every service save bumps `Package.version` and `updated_at` (performance
    figures are only written with their package, so they need no term of their
    own); dissemination meetings are only added; deleting rows changes the
    counts. National standards are a handful of rows edited in the admin.
    """
    package = Package._meta.db_table
    event = DisseminationEvent._meta.db_table
    standard = NationalStandard._meta.db_table
    return [
        f"(SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) || ':' "
        f"|| COALESCE(CAST(MAX(updated_at) AS VARCHAR(40)), '') FROM {package})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {event})",
        f"(SELECT COUNT(*) || ':' || COALESCE(SUM(value), 0) || ':' "
        f"|| SUM(CASE WHEN is_active THEN 1 ELSE 0 END) FROM {standard})",
    ]
