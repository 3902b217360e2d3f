"""A review queue in one statement: how many wait, since when, and the oldest.

Floor 0: imports Django only, no app. The queued records (I4C packages,
scorecards) each belong to a `provider` with a commune; the rows name them.
"""

from collections.abc import Sequence

from django.db.models import Count, QuerySet, Window

PROVIDER_VALUES = (
    "provider__name",
    "provider__kind",
    "provider__commune_id",
    "provider__commune__name_km",
    "provider__commune__name_latin",
    "provider__commune__kind",
)


def waiting_queue(
    queryset: QuerySet,
    *,
    provinces: QuerySet,
    district: str | None = None,
    since: str,
    values: Sequence[str] = (),
    limit: int,
) -> dict:
    """The `limit` records of `queryset` in `provinces` (and `district`, when
    given) that have waited longest (oldest `since` first), with the whole count
    riding along as a window: one statement.

    Each row holds `pk`, `since`, `waiting`, the given `values` and the
    provider's name, kind and commune.
    """
    queryset = queryset.filter(provider__commune__district__province__in=provinces)
    if district:
        queryset = queryset.filter(provider__commune__district_id=district)
    rows = list(
        queryset.annotate(waiting=Window(Count("pk")))
        .order_by(since, "pk")
        .values("pk", since, "waiting", *values, *PROVIDER_VALUES)[:limit]
    )
    return {
        "count": rows[0]["waiting"] if rows else 0,
        "oldest": rows[0][since] if rows else None,
        "rows": rows,
    }
