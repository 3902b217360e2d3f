"""The dashboard's figures: scoped, filtered, computed by aggregation in SQL.

Definitions (the one home of each rule; the page's notes repeat them):

- Target communes of a cycle: the communes of the districts that a partner covers
  (`Coverage`) in that cycle, narrowed by the filters (partner, province,
  district) and by the user's scope. Target health centres and schools: those
  standing in a target commune.
- The I4C of a cycle is the package of the previous fiscal year: a cycle in year Y
  publishes and disseminates what the commune received and spent in year Y-1
  (`i4c_year_for_cycle`).
- Stages of a commune in a cycle, in order: 1 I4C published (its commune
  administration's package), 2 I4C disseminated (a dissemination meeting was
  recorded for that package), 3 scorecards done, 4 interface meeting held,
  5 JAAP agreed, 6 JAAP reviewed (rules in `scorecards.stats`). For a health
  centre or school: its own package and dissemination, its own community
  scorecards, the meeting of its commune, JAAP actions addressed to it, and their
  follow-ups.
- A full annual cycle: a cycle in which the commune reached all six stages. The
  key result counts, for each target commune, its full cycles in the selected
  year and every earlier one, and reports the share with at least three.
- Meeting national standards: a provider whose published I4C of the year reports
  figures against national standards and meets every one of them; the share is
  over the providers that reported.
- Furthest stage: the highest-numbered stage reached, whether or not the earlier
  ones were recorded (the map colours communes by it).
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from communes import scopes
from communes.models import (
    CAF,
    Commune,
    Coverage,
    Cycle,
    District,
    Organisation,
    Province,
    ServiceProvider,
)
from i4c import stats as i4c_stats
from scorecards import stats as scorecard_stats

from . import stages
from .models import CommuneCycleStage

# The stage names, their annotation names ("scorecards" and others are already
# related names on the models) and the I4C year of a cycle live with the stage
# rows; imported here because the views and tables read them from the selectors.
from .stages import FLAGS, STAGES, i4c_year_for_cycle

FULL_CYCLES_TARGET = 3
CACHE_TIMEOUT = 5 * 60
CACHE_SCHEMA = 2


# Who may see what ------------------------------------------------------------


def dashboard_provinces(*, user) -> QuerySet[Province]:
    """Provinces whose figures the user may read: the review scope.

    The secretariat and national reviewers get every province, a provincial
    reviewer theirs; councillors, facilitators and anonymous users none.
    """
    return scopes.provinces_for_review(user)


@dataclass(frozen=True)
class Filters:
    cycle: Cycle
    province: Province | None = None
    district: District | None = None
    organisation: Organisation | None = None
    # Every province the user may read, for the national level.
    provinces: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        if self.district is not None:
            return "district"
        if self.province is not None:
            return "province"
        return "national"

    @property
    def i4c_year(self) -> int:
        return i4c_year_for_cycle(self.cycle.year)

    def key(self) -> str:
        return ":".join(
            str(part)
            for part in (
                self.cycle.pk,
                self.province.pk if self.province else "",
                self.district.pk if self.district else "",
                self.organisation.pk if self.organisation else "",
                ",".join(self.provinces),
            )
        )

    def query(self, **changes) -> dict:
        """The filters as URL parameters, with `changes` applied."""
        params = {
            "year": self.cycle.year,
            "province": self.province.pk if self.province else "",
            "district": self.district.pk if self.district else "",
            "organisation": self.organisation.pk if self.organisation else "",
        }
        params.update(changes)
        return {k: v for k, v in params.items() if v not in ("", None)}


@dataclass
class FilterOptions:
    cycles: list[Cycle]
    provinces: list[Province]
    districts: list[District]
    organisations: list[Organisation]


def filters_resolve(
    *,
    user,
    year: int | None = None,
    province: str | None = None,
    district: str | None = None,
    organisation: int | None = None,
) -> tuple[Filters, FilterOptions]:
    """Check the requested filters against the user's scope and load them.

    Raises PermissionDenied when the user has no dashboard, or asks for a province
    or district outside their scope (a provincial reviewer is never shown another
    province's figures), and Http404 for a year, place or partner that does not
    exist. Four queries: cycles, provinces, districts, partners.
    """
    allowed = list(dashboard_provinces(user=user).order_by("code"))
    if not allowed:
        raise PermissionDenied
    allowed_codes = {p.pk for p in allowed}

    cycles = list(Cycle.objects.order_by("-year"))
    if not cycles:
        raise Http404("No cycle yet")
    if year is None:
        this_year = timezone.localdate().year
        cycle = next((c for c in cycles if c.year == this_year), cycles[0])
    else:
        cycle = next((c for c in cycles if c.year == year), None)
        if cycle is None:
            raise Http404("No such cycle")

    district_obj = None
    if district:
        district_obj = (
            District.objects.select_related("province").filter(pk=district).first()
        )
        if district_obj is None:
            raise Http404("No such district")
        if province and district_obj.province_id != province:
            raise Http404("District outside province")
        province = district_obj.province_id
    province_obj = None
    if province:
        if province not in allowed_codes:
            if Province.objects.filter(pk=province).exists():
                raise PermissionDenied
            raise Http404("No such province")
        province_obj = next(p for p in allowed if p.pk == province)
    elif len(allowed) == 1:
        # A provincial reviewer starts at their province, not at a national view
        # that would only ever show one province.
        province_obj = allowed[0]

    districts = (
        list(District.objects.filter(province=province_obj).order_by("code"))
        if province_obj
        else []
    )
    organisations = list(Organisation.objects.order_by("name"))
    organisation_obj = None
    if organisation:
        organisation_obj = next(
            (o for o in organisations if o.pk == organisation), None
        )
        if organisation_obj is None:
            raise Http404("No such partner")

    filters = Filters(
        cycle=cycle,
        province=province_obj,
        district=district_obj,
        organisation=organisation_obj,
        provinces=tuple(sorted(allowed_codes)),
    )
    return filters, FilterOptions(
        cycles=cycles,
        provinces=allowed,
        districts=districts,
        organisations=organisations,
    )


# Target communes and their stages ----------------------------------------------


def target_communes(*, filters: Filters) -> QuerySet[Commune]:
    """The communes of the districts covered in the cycle, within the filters."""
    coverage = Coverage.objects.filter(cycle_id=filters.cycle.pk)
    if filters.organisation is not None:
        coverage = coverage.filter(organisation_id=filters.organisation.pk)
    communes = Commune.objects.filter(
        district_id__in=coverage.values("district_id"),
        district__province_id__in=filters.provinces,
    )
    if filters.district is not None:
        communes = communes.filter(district_id=filters.district.pk)
    elif filters.province is not None:
        communes = communes.filter(district__province_id=filters.province.pk)
    return communes


def _bool(expression):
    return ExpressionWrapper(expression, output_field=BooleanField())


def _stage_conditions(*, filters: Filters) -> dict[str, Q]:
    """Per stage, the condition that a commune (outer row) reached it in the
    filtered cycle: a set of commune codes read from the precomputed stage rows
    (`dashboard.stages`), which PostgreSQL builds and hashes once."""
    rows = CommuneCycleStage.objects.filter(cycle_id=filters.cycle.pk)
    return {
        stage: Q(code__in=rows.filter(**{f"is_{stage}": True}).values("commune_id"))
        for stage in STAGES
    }


def _full_rows(*, up_to_year: int) -> QuerySet[CommuneCycleStage]:
    """The full cycles (every stage reached) of the cycles up to `up_to_year`.

    The stage rows are computed as of the day the selectors were asked about
    (`stages.stages_ensure`), so a meeting whose date has not come counts for
    nothing here either.
    """
    return CommuneCycleStage.objects.filter(
        cycle__year__lte=up_to_year, is_full=True
    ).order_by()


def _full_cycles(*, up_to_year: int):
    """Per commune (outer row): the number of cycles up to `up_to_year` in which
    it reached every stage; correlated, meant for a district's communes."""
    counted = (
        _full_rows(up_to_year=up_to_year)
        .filter(commune_id=OuterRef("code"))
        .values("commune_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted[:1]), Value(0))


def _three_cycles(*, up_to_year: int) -> Q:
    """Communes (by `code`) with at least `FULL_CYCLES_TARGET` full cycles up to
    `up_to_year`; one uncorrelated grouped set over the stage rows."""
    communes = (
        _full_rows(up_to_year=up_to_year)
        .values("commune_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=FULL_CYCLES_TARGET)
        .values("commune_id")
    )
    return Q(code__in=communes)


def communes_with_stages(
    *, filters: Filters, today: datetime.date, full_cycles: bool = True
) -> QuerySet:
    """Target communes annotated with a boolean per stage and, unless told
    otherwise, `full_cycles` (correlated: meant for a district's communes)."""
    annotations = {
        f"is_{stage}": _bool(condition)
        for stage, condition in _stage_conditions(filters=filters).items()
    }
    if full_cycles:
        annotations["full_cycles"] = _full_cycles(up_to_year=filters.cycle.year)
    return target_communes(filters=filters).annotate(**annotations)


def _stage_counts(*, filters: Filters, today: datetime.date) -> dict:
    counts = {"target": Count("pk")}
    for stage, condition in _stage_conditions(filters=filters).items():
        counts[stage] = Count("pk", filter=condition)
    counts["three_cycles"] = Count(
        "pk", filter=_three_cycles(up_to_year=filters.cycle.year)
    )
    counts["with_coordinates"] = Count(
        "pk", filter=Q(latitude__isnull=False, longitude__isnull=False)
    )
    return counts


def commune_totals(rows: list[dict]) -> dict:
    """Counts of target communes per stage: the sum of the breakdown's rows
    (at most a few dozen), so the per-commune flags are computed once."""
    keys = ("target", *STAGES, "three_cycles", "with_coordinates")
    return {key: sum(row[key] for row in rows) for key in keys}


def breakdown(*, filters: Filters, today: datetime.date) -> list[dict]:
    """The next level down: provinces nationally, districts in a province,
    communes in a district; one grouped statement."""
    if filters.level == "district":
        communes = communes_with_stages(filters=filters, today=today)
        rows = communes.values(
            "code",
            "name_km",
            "name_latin",
            "latitude",
            "longitude",
            *FLAGS,
            "full_cycles",
        ).order_by("code")
        return [
            {
                **{k: row[k] for k in ("code", "name_km", "name_latin")},
                "target": 1,
                **{stage: int(bool(row[f"is_{stage}"])) for stage in STAGES},
                "full_cycles": row["full_cycles"],
                "three_cycles": int(row["full_cycles"] >= FULL_CYCLES_TARGET),
                "with_coordinates": int(
                    row["latitude"] is not None and row["longitude"] is not None
                ),
            }
            for row in rows
        ]
    prefix = "district__province" if filters.level == "national" else "district"
    rows = (
        target_communes(filters=filters)
        .values(f"{prefix}_id", f"{prefix}__name_km", f"{prefix}__name_latin")
        .annotate(**_stage_counts(filters=filters, today=today))
        .order_by(f"{prefix}_id")
    )
    return [
        {
            "code": row.pop(f"{prefix}_id"),
            "name_km": row.pop(f"{prefix}__name_km"),
            "name_latin": row.pop(f"{prefix}__name_latin"),
            **row,
        }
        for row in rows
    ]


def map_communes(*, filters: Filters, today: datetime.date) -> list[dict]:
    """Every target commune with its furthest stage and its coordinates (None
    when the gazetteer has none); one statement."""
    stages_ready(today=today)
    communes = communes_with_stages(
        filters=filters, today=today, full_cycles=False
    ).values("code", "name_km", "name_latin", "latitude", "longitude", *FLAGS)
    rows = []
    for row in communes.order_by("code"):
        furthest = 0
        for number, stage in enumerate(STAGES, start=1):
            if row[f"is_{stage}"]:
                furthest = number
        located = row["latitude"] is not None and row["longitude"] is not None
        rows.append(
            {
                "code": row["code"],
                "name_km": row["name_km"],
                "name_latin": row["name_latin"],
                "latitude": float(row["latitude"]) if located else None,
                "longitude": float(row["longitude"]) if located else None,
                "furthest": furthest,
            }
        )
    return rows


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


def provider_totals(*, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Per provider kind, counts of target providers per stage; one statement."""
    year = filters.i4c_year
    cycle_id = filters.cycle.pk
    providers = ServiceProvider.objects.filter(
        commune__in=target_communes(filters=filters)
    )
    conditions = {
        "published": i4c_stats.providers_published(year=year),
        "disseminated": i4c_stats.providers_disseminated(year=year),
        "scorecards": scorecard_stats.providers_scorecards_done(cycle_id=cycle_id),
        "meeting": scorecard_stats.providers_meeting_held(
            cycle_id=cycle_id, today=today
        ),
        "agreed": scorecard_stats.providers_jaap_agreed(cycle_id=cycle_id, today=today),
        "reviewed": scorecard_stats.providers_jaap_reviewed(
            cycle_id=cycle_id, today=today
        ),
    }
    counts = {"target": Count("pk")}
    for stage, condition in conditions.items():
        counts[stage] = Count("pk", filter=condition)
    rows = {
        row["kind"]: row
        for row in providers.order_by().values("kind").annotate(**counts)
    }
    empty = {"target": 0, **dict.fromkeys(STAGES, 0)}
    return {kind: rows.get(kind, {**empty}) for kind in ServiceProvider.Kind.values}


def caf_totals(*, filters: Filters) -> dict:
    """Active CAFs living in target communes (of the partner, when filtered)."""
    cafs = CAF.objects.filter(
        is_active=True, village__commune__in=target_communes(filters=filters)
    )
    if filters.organisation is not None:
        cafs = cafs.filter(organisation_id=filters.organisation.pk)
    return cafs.aggregate(
        active=Count("pk"),
        all_modules=Count(
            "pk",
            filter=Q(
                module_intro=True, module_i4c=True, module_csc=True, module_jaap=True
            ),
        ),
        female=Count("pk", filter=Q(sex=CAF.Sex.FEMALE)),
    )


PARTICIPATION_KEYS = ("female", "male", "youth", "disability", "minority", "id_poor")


def participation(*, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Who took part in each kind of recorded meeting; three statements."""
    communes = target_communes(filters=filters)
    raw = {
        "dissemination": (
            i4c_stats.dissemination_participation(
                communes=communes, year=filters.i4c_year
            ),
            i4c_stats.PARTICIPATION_FIELDS,
        ),
        "scorecards": (
            scorecard_stats.scorecard_participation(
                communes=communes, cycle_id=filters.cycle.pk
            ),
            scorecard_stats.SCORECARD_PARTICIPATION,
        ),
        "interface": (
            scorecard_stats.meeting_participation(
                communes=communes, cycle_id=filters.cycle.pk, today=today
            ),
            scorecard_stats.MEETING_PARTICIPATION,
        ),
    }
    result = {}
    for kind, (row, fields) in raw.items():
        result[kind] = {
            "meetings": row["meetings"] or 0,
            **{
                key: row[field] or 0
                for key, field in zip(PARTICIPATION_KEYS, fields, strict=True)
            },
        }
    result["total"] = {
        key: sum(result[kind][key] for kind in raw)
        for key in ("meetings", *PARTICIPATION_KEYS)
    }
    return result


def review_queue(*, filters: Filters, now: datetime.datetime) -> dict:
    """What waits for a reviewer in the filtered area, and since when.

    Not limited to target communes: anything submitted waits, covered or not.
    """
    provinces = Province.objects.filter(pk__in=filters.provinces)
    if filters.province is not None:
        provinces = provinces.filter(pk=filters.province.pk)
    district = filters.district.pk if filters.district else None
    packages = i4c_stats.review_waiting(provinces=provinces, district=district)
    scorecards = scorecard_stats.review_waiting(provinces=provinces, district=district)
    oldest = [
        {
            "what": "i4c",
            "pk": row["pk"],
            "year": row["year"],
            "since": row["submitted_at"],
            "provider": row["provider__name"],
            "commune_code": row["provider__commune_id"],
            "commune_km": row["provider__commune__name_km"],
            "commune_latin": row["provider__commune__name_latin"],
        }
        for row in packages.pop("rows")
    ] + [
        {
            "what": "scorecard",
            "pk": row["pk"],
            "year": row["cycle__year"],
            "since": row["updated_at"],
            "provider": row["provider__name"],
            "commune_code": row["provider__commune_id"],
            "commune_km": row["provider__commune__name_km"],
            "commune_latin": row["provider__commune__name_latin"],
        }
        for row in scorecards.pop("rows")
    ]
    oldest.sort(key=lambda row: (row["since"] is None, row["since"] or now))
    return {
        "i4c": packages,
        "scorecards": scorecards,
        "oldest": oldest[:10],
    }


def standards(*, filters: Filters) -> dict:
    providers = ServiceProvider.objects.filter(
        commune__in=target_communes(filters=filters)
    )
    return {
        "by_kind": i4c_stats.standards_by_provider_kind(
            providers=providers, year=filters.i4c_year
        ),
        "by_indicator": i4c_stats.standards_by_indicator(
            providers=providers, year=filters.i4c_year
        ),
    }


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


# The whole page, cached ----------------------------------------------------------


def _change_markers(*, today: datetime.date) -> tuple[str, str, str | None]:
    """One statement whose answers change whenever any input of the figures does:
    the marker of the cached figures, the current marker of the stage rows'
    inputs, and the marker those rows were built at.

    The services bump a `version` on every save of packages, scorecards, meetings
    and actions, and the other inputs (dissemination meetings, follow-ups,
    coverage, CAFs, standards) are added or deleted rather than edited, so counts,
    sums of versions and the highest ids together move with every change,
    including bulk writes that bypass signals. The CAF and coverage parts also
    catch the secretariat's edits in the admin. The stage parts are a superset
    of the I4C and scorecard parts, so the figures' marker is built from all.
    """
    caf = CAF._meta.db_table
    coverage = Coverage._meta.db_table
    stage_parts, params = stages.stage_marker_sql(today=today)
    parts = [
        *stage_parts,
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {coverage})",
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {caf} WHERE is_active)",
        stages.stored_marker_sql(),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    stage_current = stages.marker_digest(row[: len(stage_parts)])
    figures = stages.marker_digest(row[:-1])
    return figures, stage_current, row[-1]


def stages_ready(*, today: datetime.date) -> None:
    """Make sure the stage rows answer for `today` before reading them (two
    cheap statements, plus a rebuild when something bypassed the receivers)."""
    stages.stages_ensure(today=today)


@contextmanager
def _without_jit():
    """Run the figure queries with PostgreSQL's JIT compiler off.

    The planner prices the per-commune EXISTS tests at thousands of loops each and
    so, on national data, decides to JIT-compile the statements: that took about
    a second per statement while executing them takes about a tenth of that.
    SET LOCAL lasts until the end of this transaction only; other databases have
    no JIT and need nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def dashboard_figures(
    *,
    filters: Filters,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    use_cache: bool = True,
) -> dict:
    """Every figure of the dashboard for the filters, as plain data.

    Cached for a few minutes under a key that includes the change marker, so a
    change of any input shows at once, and the short timeout bounds what a change
    the marker cannot see (a CAF edited in the admin) could leave stale.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    key = None
    marker, stage_current, stage_stored = _change_markers(today=today)
    if use_cache:
        key = f"dashboard:{CACHE_SCHEMA}:{filters.key()}:{today}:{marker}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    with _without_jit():
        # The stage rows are checked only when the figures are computed: a
        # cached page was computed from rows that were current for its marker.
        stages.stages_ensure(today=today, current=stage_current, stored=stage_stored)
        rows = breakdown(filters=filters, today=today)
        figures = {
            "communes": commune_totals(rows),
            "providers": provider_totals(filters=filters, today=today),
            "breakdown": rows,
            "standards": standards(filters=filters),
            "jaap": scorecard_stats.jaap_status_counts(
                communes=target_communes(filters=filters), cycle_id=filters.cycle.pk
            ),
            "cafs": caf_totals(filters=filters),
            "participation": participation(filters=filters, today=today),
            "review": review_queue(filters=filters, now=now),
        }
    if key is not None:
        cache.set(key, figures, timeout=CACHE_TIMEOUT)
    return figures
