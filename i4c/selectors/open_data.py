"""Open data: a commune's published package as CSV rows or a JSON document, and
the national CSV of every package published for a year.
"""

from django.http import Http404

from communes.models import Commune, ServiceProvider

from ..models import Package
from .boards import board_for_commune
from .snapshots import snapshot_entries, snapshot_totals

OPEN_DATA_COLUMNS = [
    "commune_code",
    "provider_code",
    "provider_kind",
    "year",
    "version",
    "published_at",
    "section",
    "item",
    "measure",
    "value",
    # A free row's position in its section: two projects may share a name.
    "row",
]


def snapshot_rows(snapshot: dict) -> list[tuple[str, str, str, object, int | None]]:
    """(section, item, measure, value, row) rows: one per published figure, then
    the computed totals, in a long format every spreadsheet can pivot. Every
    figure gives a row, whatever the names typed in it."""
    rows = [
        (e.section, e.item, e.measure, e.value, e.row)
        for e in snapshot_entries(snapshot)
    ]
    for measure, value in snapshot_totals(snapshot).items():
        rows.append(("totals", "", measure, value, None))
    return rows


def _open_data_rows(*, package_fields: list, snapshot: dict):
    for section, item, measure, value, row in snapshot_rows(snapshot):
        yield [*package_fields, section, item, measure, value, row]


def open_data_for_commune(*, commune: Commune, year: int) -> dict:
    """The commune administration's published package for a year, as open data."""
    board = board_for_commune(commune=commune, year=year)
    if board["snapshot"] is None:
        raise Http404
    return board


def commune_open_data_document(*, commune: Commune, year: int) -> dict:
    """The commune JSON: the published snapshot whole, with its versions and
    totals. JSON keeps every row and every name as typed."""
    board = open_data_for_commune(commune=commune, year=year)
    return {
        "commune": {
            "code": commune.code,
            "name_km": commune.name_km,
            "name_latin": commune.name_latin,
            "kind": commune.kind,
            # As officials write it (communes/naming.py): ឃុំក្រង់តេះ.
            "official_name_km": commune.official_name_km,
            "official_name_en": commune.official_name_latin,
            "district_code": commune.district_id,
            "province_code": commune.district.province_id,
        },
        "year": year,
        "version": board["version"],
        "versions": board["versions"],
        "package": board["snapshot"],
        "totals": board["totals"],
        "licence": "CC BY 4.0",
        "source": "I-SAF portal, NCDD Secretariat",
    }


def commune_open_data_rows(*, commune: Commune, year: int) -> list[list]:
    """The commune CSV: the header, then a row per published figure."""
    board = open_data_for_commune(commune=commune, year=year)
    version = board["version"]
    package_fields = [
        commune.code,
        board["provider_code"],
        ServiceProvider.Kind.COMMUNE.value,
        year,
        version["number"],
        version["published_at"].isoformat(),
    ]
    return [
        OPEN_DATA_COLUMNS,
        *_open_data_rows(package_fields=package_fields, snapshot=board["snapshot"]),
    ]


def national_open_data_rows(*, year: int):
    """The national CSV: the header, then the rows of every package published
    for a year (latest versions), streamed in chunks so that the whole country
    never sits in memory at once."""
    yield OPEN_DATA_COLUMNS
    packages = (
        Package.objects.filter(year=year, published_version__isnull=False)
        .select_related("provider", "published_version")
        .order_by("provider__commune_id", "provider__code")
    )
    for package in packages.iterator(chunk_size=500):
        version = package.published_version
        package_fields = [
            package.provider.commune_id,
            package.provider.code,
            package.provider.kind,
            year,
            version.number,
            version.published_at.isoformat(),
        ]
        yield from _open_data_rows(
            package_fields=package_fields, snapshot=version.snapshot
        )
