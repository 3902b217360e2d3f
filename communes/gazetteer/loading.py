"""Applying a gazetteer source to the database, and reporting what changed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from isaf.khmer import normalise_for_search

from ..models import Commune, District, Province
from .fixture import PlaceFacts, source_with_fixture
from .records import (
    CAPITAL_PROVINCE_CODE,
    LEVELS,
    MODELS,
    PARENT_FIELD,
    PARENT_LEVEL,
    Difference,
    GazetteerSource,
    LoadReport,
    Unit,
)

KIND_LEVELS = ("province", "district", "commune")


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
    """The kind of every province, district and commune after this load.

    The kind the source gives (or the place table filled in) wins; else the kind
    a previous load gave; else what the law says: the capital is a capital and
    every other province a province, the districts of the capital are khans, and
    a commune is a sangkat in a khan or a krong and a khum in a srok (true of
    every commune pumi names). A krong cannot be told from a srok by code or name
    (Battambang municipality and Koh Kong district both share their province's
    name), so without the table such a district's kind stays blank rather than
    wrong.
    """
    kinds: dict[str, dict[str, str]] = {"province": {}, "district": {}, "commune": {}}

    def kept(level: str, unit: Unit) -> str:
        return str(unit.kind or existing[level].get(unit.code, {}).get("kind") or "")

    for unit in source.units["province"]:
        kinds["province"][unit.code] = kept("province", unit) or (
            Province.Kind.CAPITAL
            if unit.code == CAPITAL_PROVINCE_CODE
            else Province.Kind.PROVINCE
        )
    for unit in source.units["district"]:
        kind = kept("district", unit)
        if not kind and unit.parent_code == CAPITAL_PROVINCE_CODE:
            kind = District.Kind.KHAN
        kinds["district"][unit.code] = kind
    for unit in source.units["commune"]:
        kind = kept("commune", unit)
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
    if level in KIND_LEVELS:
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
    if unit.latitude is not None and unit.longitude is not None:
        values["latitude"] = unit.latitude
        values["longitude"] = unit.longitude
    elif source.has_coordinates:
        values["latitude"] = values["longitude"] = None
    else:
        values["latitude"] = old.get("latitude")
        values["longitude"] = old.get("longitude")
    if unit.level in PARENT_FIELD:
        values[f"{PARENT_FIELD[unit.level]}_id"] = unit.parent_code
    if unit.level in KIND_LEVELS:
        values["kind"] = kinds[unit.level].get(unit.code, "")
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
def gazetteer_load(
    *,
    source: GazetteerSource,
    fixture: dict[str, PlaceFacts] | None = None,
    dry_run: bool = False,
) -> LoadReport:
    """Create or update every unit of ``source``; report what changed.

    ``fixture`` (the place table, :mod:`.fixture`) fills in the kinds and
    coordinates the source lacks.

    Levels are loaded top down so that each unit's parent exists first. A unit whose
    parent is neither in the source nor already in the database is skipped and
    reported. With ``dry_run`` the work is done and reported, then rolled back.
    """
    report = LoadReport(source=source.name, version=source.version)
    report.skipped.extend(source.skipped)
    existing = {level: _existing(level) for level in LEVELS}
    if fixture:
        source = source_with_fixture(source, fixture)
    kinds = _derive_kinds(source, existing)
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
