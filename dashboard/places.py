"""Places for orientation on the map, and the partners' target districts."""

from __future__ import annotations

from django.utils.translation import get_language

from communes import selectors as communes_selectors

from .filters import Filters


def map_places(*, filters: Filters) -> list[dict]:
    """Names to print on the map for orientation: provinces on the national map,
    the districts of the province (or of the district's province) below it."""
    places = communes_selectors.places_located(
        province_code=filters.province.pk if filters.province else None,
        national=filters.level == "national",
    )
    lang_km = get_language() == "km"
    return [
        {
            "code": row["code"],
            # A map labels places by their names, as atlases do: the kind
            # words would crowd the labels on a phone (the caption says what
            # they are).
            "name": row["name_km"] if lang_km else row["name_latin"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
        }
        for row in places
    ]


def coverage_rows(*, filters: Filters) -> list[dict]:
    """Target districts of the cycle per partner, with their communes; one query."""
    return list(
        communes_selectors.coverage_by_partner(
            cycle_id=filters.cycle.pk,
            province_codes=filters.provinces,
            organisation_id=filters.organisation.pk if filters.organisation else None,
            province_code=filters.province.pk if filters.province else None,
            district_code=filters.district.pk if filters.district else None,
        )
    )
