"""Aggregation queries over I4C data for the dashboards: pure reads, no loops.

Every function here either returns a boolean SQL expression (an `Exists`) that a
caller annotates on communes or providers, or runs one aggregate query. The
dashboard composes them with the scorecard stages into per-commune flags, so a
national figure costs one statement however many communes there are.

Which work belongs to a cycle is the caller's decision (see `dashboard.cycles`):
here a year is always a package's fiscal year, and dissemination meetings are
chosen by the dates they were held (`held_from` to `held_to`, both included).
"""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from communes.models import ServiceProvider
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.queues import waiting_queue

# The dashboard names a standard in the words the boards use.
from ..labels import standard_text  # noqa: F401
from ..models import DisseminationEvent, NationalStandard, Package, PerformanceFigure

PARTICIPATION_FIELDS = ATTENDANCE_FIELDS


def _published(year) -> Q:
    return Q(year=year, published_version__isnull=False)


# Each stage rule has one home below, a queryset, and a set of keys built from
# it, which PostgreSQL hashes once instead of probing an index for every one of
# thousands of rows.


def _commune_packages(year) -> QuerySet[Package]:
    return Package.objects.filter(
        _published(year), provider__kind=ServiceProvider.Kind.COMMUNE
    )


def _held(held_from, held_to) -> Q:
    return Q(held_on__gte=held_from, held_on__lte=held_to)


def _commune_events(held_from, held_to) -> QuerySet[DisseminationEvent]:
    return DisseminationEvent.objects.filter(
        _held(held_from, held_to),
        package__provider__kind=ServiceProvider.Kind.COMMUNE,
    )


def communes_published(*, year) -> Q:
    """Communes (by `code`) whose administration published its I4C for `year`."""
    return Q(code__in=_commune_packages(year).values("provider__commune_id"))


def communes_disseminated(*, held_from, held_to) -> Q:
    """Communes (by `code`) whose administration presented its I4C at a
    dissemination meeting held between the two dates."""
    return Q(
        code__in=_commune_events(held_from, held_to).values(
            "package__provider__commune_id"
        )
    )


def providers_published(*, year) -> Q:
    """Providers (by `pk`) that published their I4C for `year`."""
    return Q(pk__in=Package.objects.filter(_published(year)).values("provider_id"))


def providers_disseminated(*, held_from, held_to) -> Q:
    """Providers (by `pk`) whose I4C was presented at a meeting held between
    the two dates."""
    return Q(
        pk__in=DisseminationEvent.objects.filter(_held(held_from, held_to)).values(
            "package__provider_id"
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

    One grouped pass over the judged figures of the year's published packages:
    a package reports when it has a judged figure and meets every standard when
    none of them fails, so the providers meeting them are those reporting less
    those with a failing figure. Testing every package with an EXISTS per
    package, or against two sets of package ids, read the figures two or three
    times: a quarter of a second on national data.
    """
    figures = _figures_of_published(providers=providers, year=year)
    rows = (
        figures.annotate(meets=_meets_expression())
        .order_by()
        .values("package__provider__kind")
        .annotate(
            reporting=Count("package_id", distinct=True),
            failing=Count("package_id", distinct=True, filter=Q(meets=False)),
        )
    )
    rows = [
        {
            "provider__kind": row["package__provider__kind"],
            "reporting": row["reporting"],
            "meeting": row["reporting"] - row["failing"],
        }
        for row in rows
    ]
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

    Two statements: the figures grouped by the standard's id alone, then the
    few standards' attributes. Grouping by the names as well made PostgreSQL
    sort tens of thousands of figures on disk, and reading them as aggregates of
    every joined figure cost a third of the grouped statement's time.
    """
    figures = _figures_of_published(providers=providers, year=year)
    counts = {
        row["standard_id"]: row
        for row in figures.annotate(meets=_meets_expression())
        .order_by()
        .values("standard_id")
        .annotate(reporting=Count("pk"), meeting=Count("pk", filter=Q(meets=True)))
    }
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
    rows = [
        {
            **counts[standard["pk"]],
            **{f"standard__{a}": standard[a] for a in attributes},
        }
        # Without modeltranslation's rewriting, `name` is the stored column, as
        # `name_km` and `name_en` are, whatever language is active.
        for standard in NationalStandard.objects.rewrite(False)
        .filter(pk__in=counts)
        .values("pk", *attributes)
    ]
    rows = sorted(
        rows, key=lambda r: (r["standard__provider_kind"], r["standard__order"])
    )
    for row in rows:
        row["standard__name_km"] = row["standard__name_km"] or row["standard__name"]
        row["standard__name_en"] = row["standard__name_en"] or row["standard__name"]
    return rows


def dissemination_participation(*, communes: QuerySet, held_from, held_to) -> dict:
    """Meetings and attendance of the dissemination meetings held between the
    two dates that presented the I4C of providers located in `communes`."""
    events = DisseminationEvent.objects.filter(
        _held(held_from, held_to), package__provider__commune__in=communes
    )
    return events.aggregate(
        meetings=Count("pk"),
        **{field: Sum(field) for field in PARTICIPATION_FIELDS},
    )


def review_waiting(
    *, provinces: QuerySet, district: str | None = None, limit: int = 10
) -> dict:
    """Submitted I4C packages in `provinces`: how many, since when, and the
    `limit` that have waited longest; one statement (the count rides along as a
    window over the whole queue)."""
    return waiting_queue(
        Package.objects.filter(status=Package.Status.SUBMITTED),
        provinces=provinces,
        district=district,
        since="submitted_at",
        values=("year",),
        limit=limit,
    )


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


# How a national standard compares (values and translated words, «at least»), for
# readers that label the standards (the dashboard).
StandardComparison = NationalStandard.Comparison
