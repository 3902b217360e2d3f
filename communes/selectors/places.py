"""Places (the gazetteer): search, browse and the commune page; and the
signed-in workspace's reads. Functions are keyword-only and named
<thing>_<verb>; views call them and render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Collate, Lower

from isaf.khmer import normalise_for_search, to_ascii_digits

from ..models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    ServiceProvider,
    Village,
)
from . import similar

# --------------------------------------------------------------------------- #
# Places: codes and ordering
# --------------------------------------------------------------------------- #
PLACE_LEVELS = ("province", "district", "commune", "village")
CODE_LENGTHS = {2: "province", 4: "district", 6: "commune", 8: "village"}
# PostgreSQL's ICU collation for Khmer; SQLite has none and sorts by code point.
KHMER_COLLATION = "km-x-icu"


def place_code_normalise(*, code: str) -> str:
    """An official code as ASCII digits: people type «១១០៤០១» as often as «110401»."""
    return to_ascii_digits((code or "").strip()).replace(" ", "")


def _name_ordering(language: str, prefix: str = "") -> list:
    """Order by the name in the page's script: Khmer order on Khmer pages."""
    if (language or "").startswith("km"):
        name = f"{prefix}name_km"
        if connection.vendor == "postgresql":
            return [Collate(name, KHMER_COLLATION), f"{prefix}code"]
        return [name, f"{prefix}code"]
    return [Lower(f"{prefix}name_latin"), f"{prefix}code"]


# --------------------------------------------------------------------------- #
# Places: search
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class PlaceMatch:
    """One finder result: the unit (with its parents loaded) and how it matched."""

    level: str
    unit: Province | District | Commune | Village
    # 0: the whole name (or the code), 1: the start of a name, 2: inside a name,
    # 3: a suggestion, a name close to the query (`score` says how close, 0-1).
    rank: int
    score: float = 0.0


@dataclass(frozen=True)
class PlaceFinding:
    """What the finder shows: the places that match, and when none matches the
    whole name, the places whose names come closest ("did you mean")."""

    matches: list[PlaceMatch]
    suggestions: list[PlaceMatch]


_SEARCH_MODELS = (
    ("province", Province, ()),
    ("district", District, ("province",)),
    ("commune", Commune, ("district__province",)),
    ("village", Village, ("commune__district__province",)),
)
MAX_QUERY_LENGTH = 100
SUGGESTION_RANK = 3
# Control characters (a NUL from «%00» would make PostgreSQL refuse the query).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def place_query_normalise(*, query: str) -> str:
    """The query as the search keys are written (see communes.gazetteer)."""
    text = _CONTROL.sub("", (query or "")[:MAX_QUERY_LENGTH])
    return normalise_for_search(text).replace("|", "")


def _ranked_rows(key: str, limit: int) -> list[tuple[str, int, int, float]]:
    """(code, rank, level, score) of the places whose name or code matches, cut
    to `limit` by the database: the whole name (or the code) first, then names
    that start with the query, then names that contain it; among equals, the
    closest name (trigram similarity, on PostgreSQL), then higher levels, then
    by code."""
    is_code = key.isascii() and key.isdigit()
    score = similar.similarity_of(key)
    ranked = None
    for position, (_level, model, _parents) in enumerate(_SEARCH_MODELS):
        matches = Q(search_key__contains=key)
        whens = [When(search_key__contains=f"|{key}|", then=Value(0))]
        if is_code:
            matches |= Q(code__startswith=key)
            whens.insert(0, When(code=key, then=Value(0)))
            whens.append(When(code__startswith=key, then=Value(1)))
        whens.append(When(search_key__contains=f"|{key}", then=Value(1)))
        queryset = (
            model.objects.filter(matches)
            .order_by()
            .annotate(
                rank=Case(*whens, default=Value(2), output_field=IntegerField()),
                level=Value(position, output_field=IntegerField()),
                score=score,
            )
            .values_list("code", "rank", "level", "score")
        )
        ranked = queryset if ranked is None else ranked.union(queryset, all=True)
    return list(ranked.order_by("rank", "-score", "level", "code")[:limit])


def _units(pairs) -> dict[tuple[int, str], object]:
    """The units named by (level, code) pairs, with their parents: a query per
    level present, at most four."""
    units: dict[tuple[int, str], object] = {}
    for position, (_level, model, parents) in enumerate(_SEARCH_MODELS):
        codes = {code for level, code in pairs if level == position}
        if codes:
            for unit in model.objects.select_related(*parents).filter(code__in=codes):
                units[(position, unit.code)] = unit
    return units


def place_find(*, query: str, limit: int = 50, suggestions: int = 5) -> PlaceFinding:
    """The finder's answer: matches (as `place_search`) and, when no place has
    exactly that name and few contain it, up to `suggestions` places with a
    close name.

    At most six queries: the matches, the suggestions, and the units of the
    levels found, with their parents, so that duplicated names («Samraong») can
    be told apart.
    """
    key = place_query_normalise(query=query)
    if not key or limit <= 0:
        return PlaceFinding(matches=[], suggestions=[])
    rows = _ranked_rows(key, limit)
    suggested = []
    wants_suggestions = (
        suggestions > 0
        and len(key) >= similar.SUGGEST_MIN_LENGTH
        and not (key.isascii() and key.isdigit())
        and len(rows) < similar.SUGGEST_WHEN_FEWER_THAN
        and not any(rank == 0 for _code, rank, _level, _score in rows)
    )
    if wants_suggestions:
        listed = {(level, code) for code, _rank, level, _score in rows}
        suggested = [
            row
            for row in similar.suggested_rows(
                key=key, limit=suggestions + len(listed), models=_SEARCH_MODELS
            )
            if (row[1], row[0]) not in listed
        ][:suggestions]
    units = _units(
        [(level, code) for code, _rank, level, _score in rows]
        + [(level, code) for code, level, _score in suggested]
    )
    return PlaceFinding(
        matches=[
            PlaceMatch(
                level=_SEARCH_MODELS[level][0],
                unit=units[(level, code)],
                rank=rank,
                score=score or 0.0,
            )
            for code, rank, level, score in rows
            if (level, code) in units
        ],
        suggestions=[
            PlaceMatch(
                level=_SEARCH_MODELS[level][0],
                unit=units[(level, code)],
                rank=SUGGESTION_RANK,
                score=score or 0.0,
            )
            for code, level, score in suggested
            if (level, code) in units
        ],
    )


def place_search(*, query: str, limit: int = 50) -> list[PlaceMatch]:
    """Provinces, districts, communes and villages whose name or code matches.

    Both names of a unit sit in its `search_key` between bars («|ក្រង់តេះ|krangteh|»),
    so one LIKE matches either script, and the database ranks and cuts the
    matches (see `_ranked_rows`); at most four more queries load the units.
    """
    return place_find(query=query, limit=limit, suggestions=0).matches


def commune_code_from_query(*, query: str) -> str | None:
    """The commune code a query is, if it is one («១១០៤០១» or «110401»), else None."""
    code = place_code_normalise(code=query)
    if len(code) == 6 and code.isascii() and code.isdigit():
        if Commune.objects.filter(code=code).exists():
            return code
    return None


# --------------------------------------------------------------------------- #
# Places: browse
# --------------------------------------------------------------------------- #
def province_list(*, language: str) -> QuerySet[Province]:
    """All provinces with their number of districts, in the page's name order."""
    return Province.objects.annotate(district_count=Count("districts")).order_by(
        *_name_ordering(language)
    )


def province_get(*, code: str) -> Province | None:
    return Province.objects.filter(code=code).first()


def district_list(*, province: Province, language: str) -> QuerySet[District]:
    """The districts of a province with their number of communes."""
    return (
        District.objects.filter(province=province)
        .annotate(commune_count=Count("communes"))
        .order_by(*_name_ordering(language))
    )


def district_get(*, code: str) -> District | None:
    return District.objects.select_related("province").filter(code=code).first()


def commune_list(*, district: District, language: str) -> QuerySet[Commune]:
    """The communes of a district with their number of villages."""
    return (
        Commune.objects.filter(district=district)
        .annotate(village_count=Count("villages"))
        .order_by(*_name_ordering(language))
    )


# --------------------------------------------------------------------------- #
# Places: the commune page
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class CommunePage:
    commune: Commune
    villages: list[Village]
    # Providers located in the commune: its administration, schools, health centres.
    providers: list[ServiceProvider]
    # Health centres in other communes that serve this one.
    providers_serving: list[ServiceProvider]


def commune_page_get(*, code: str, language: str) -> CommunePage | None:
    """A commune with its district, province, villages and providers.

    Three queries whatever the commune's size, so the page stays cheap.
    """
    commune = (
        Commune.objects.select_related("district__province").filter(code=code).first()
    )
    if commune is None:
        return None
    villages = list(
        Village.objects.filter(commune=commune).order_by(*_name_ordering(language))
    )
    # Those located here and those serving it from elsewhere, in one query.
    everyone = list(
        ServiceProvider.objects.serving(commune)
        .select_related("commune")
        .order_by("kind", "code")
    )
    providers = [p for p in everyone if p.commune_id == commune.code]
    serving = [p for p in everyone if p.commune_id != commune.code]
    return CommunePage(
        commune=commune,
        villages=villages,
        providers=providers,
        providers_serving=serving,
    )


# --------------------------------------------------------------------------- #
# The signed-in workspace (portal.workspace)
# --------------------------------------------------------------------------- #
def coverage_for_organisations(
    *, cycle: Cycle, organisation_ids: list[int]
) -> QuerySet[Coverage]:
    """The districts these organisations cover in the cycle, province by province."""
    return (
        Coverage.objects.filter(cycle=cycle, organisation_id__in=organisation_ids)
        .select_related("district__province")
        .order_by("district__province_id", "district_id")
    )


def commune_administrations(
    *, providers: QuerySet[ServiceProvider], commune_ids: list[str]
) -> QuerySet[ServiceProvider]:
    """The commune administrations among `providers` in these communes."""
    return providers.filter(
        kind=ServiceProvider.Kind.COMMUNE, commune_id__in=commune_ids
    )


def programme_counts(*, cycle: Cycle | None) -> dict[str, int]:
    """The size of the programme, for the secretariat's workspace."""
    providers = dict(
        ServiceProvider.objects.order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "communes": Commune.objects.count(),
        "villages": Village.objects.count(),
        "commune_administrations": providers.get(ServiceProvider.Kind.COMMUNE, 0),
        "health_centres": providers.get(ServiceProvider.Kind.HEALTH_CENTRE, 0),
        "primary_schools": providers.get(ServiceProvider.Kind.PRIMARY_SCHOOL, 0),
        "partners": Organisation.objects.exclude(
            kind=Organisation.Kind.SECRETARIAT
        ).count(),
        "cafs": CAF.objects.filter(is_active=True).count(),
        "covered_districts": (
            Coverage.objects.filter(cycle=cycle).values("district").distinct().count()
            if cycle
            else 0
        ),
    }
