"""Places for orientation on the map, and the partners' target districts."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import get_language

from communes.models import Coverage, District, Province

from .filters import Filters


def map_places(*, filters: Filters) -> list[dict]:
    """Names to print on the map for orientation: provinces on the national map,
    the districts of the province (or of the district's province) below it."""
    if filters.level == "national":
        places = Province.objects.all()
    else:
        province = filters.province.pk if filters.province else None
        places = District.objects.filter(province_id=province)
    lang_km = get_language() == "km"
    return [
        {
            "name": row["name_km"] if lang_km else row["name_latin"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
        }
        for row in places.filter(
            latitude__isnull=False, longitude__isnull=False
        ).values("name_km", "name_latin", "latitude", "longitude")
    ]


def coverage_rows(*, filters: Filters) -> list[dict]:
    """Target districts of the cycle per partner, with their communes; one query."""
    coverage = Coverage.objects.filter(
        cycle_id=filters.cycle.pk, district__province_id__in=filters.provinces
    )
    if filters.organisation is not None:
        coverage = coverage.filter(organisation_id=filters.organisation.pk)
    if filters.province is not None:
        coverage = coverage.filter(district__province_id=filters.province.pk)
    if filters.district is not None:
        coverage = coverage.filter(district_id=filters.district.pk)
    return list(
        coverage.values(
            "organisation__name",
            "organisation__acronym",
            "district_id",
            "district__name_km",
            "district__name_latin",
            "district__province_id",
            "district__province__name_km",
            "district__province__name_latin",
        )
        .annotate(communes=Count("district__communes", distinct=True))
        .order_by("organisation__name", "district_id")
    )
