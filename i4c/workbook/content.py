"""What the portal holds for each provider and year, section by section, in one
comparable form: written into the workbook, and compared with what comes back.

A section's content is a tuple of plain values (codes, ints, Decimals), as the
section services would store it: blank lines left out, one missing count of a
pair stored as 0. Two contents are equal exactly when saving one over the other
would change nothing, which is how an unchanged workbook imports nothing.

A provider with no package for the year starts from its latest earlier package,
carried over by the same rule as "Start from last year's package"
(`services.packages.CARRIED`): that is what the workbook shows as a starting
point, and what the package would hold if it were started now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from communes.models import ServiceProvider

from ..models import NationalStandard, Package
from ..sections import SECTIONS_BY_KEY, Section, sections_for
from ..services.packages import CARRIED, PROJECTS_LEFT_BEHIND

RELATED = tuple(related for related, _copied, _emptied in CARRIED)
EMPTIED = {related: emptied for related, _copied, emptied in CARRIED}


@dataclass
class Current:
    """A provider's content for the workbook's year."""

    provider: ServiceProvider
    package: Package | None = None
    # The earlier year the content comes from, when there is no package yet.
    carried_from: int | None = None
    sections: dict[str, tuple] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return self.package.version if self.package else 0

    @property
    def status(self) -> str:
        return self.package.status if self.package else ""


def _people(lines, key: str) -> tuple:
    return tuple(sorted((getattr(x, key), x.female, x.male) for x in lines))


def section_content(section: Section, lines: dict, package, codes: dict) -> tuple:
    """The content of one section from a package's lines (as loaded here)."""
    content = section.content
    if content == "budget":
        rows = set(section.budget_rows)
        return tuple(
            sorted(
                (x.side, x.category, x.planned, x.actual)
                for x in lines["budget_lines"]
                if (x.side, x.category) in rows
                and (x.planned is not None or x.actual is not None)
            )
        )
    if content == "projects":
        return tuple(
            (x.name, x.sector, x.village_id, x.cost, x.funding, x.status)
            for x in lines["projects"]
        )
    if content == "fees":
        return tuple(
            (x.service, x.fee, x.processing_time, x.exemptions) for x in lines["fees"]
        )
    if content == "hours":
        return tuple((x.service, x.hours, x.is_24_hour) for x in lines["hours"])
    if content == "staff":
        return _people(lines["staff"], "category")
    if content == "enrolment":
        return _people(lines["enrolment"], "grade")
    if content == "performance":
        return tuple(
            sorted(
                (codes[x.standard_id], x.value, x.target)
                for x in lines["performance"]
                if x.standard_id in codes
                and (x.value is not None or x.target is not None)
            )
        )
    if content == "facts":
        if package is None:
            return (None, None)
        return (package.classrooms, package.no_informal_fees)
    raise ValueError(content)


class _Carried:
    """A line of last year's package as it is carried into a new year."""

    def __init__(self, line, emptied):
        self.__dict__.update(
            {k: v for k, v in line.__dict__.items() if not k.startswith("_")}
        )
        for name in emptied:
            setattr(self, name, None)


def _lines(package: Package, *, carried: bool) -> dict:
    lines = {related: list(getattr(package, related).all()) for related in RELATED}
    if carried:
        lines["projects"] = [
            x for x in lines["projects"] if x.status not in PROJECTS_LEFT_BEHIND
        ]
        lines = {
            related: [_Carried(x, EMPTIED[related]) for x in rows]
            for related, rows in lines.items()
        }
    return lines


def contents(package: Package | None, kind: str, *, carried=False, codes) -> dict:
    """Every section of a package (or of none) by section key."""
    lines = (
        _lines(package, carried=carried)
        if package
        else {related: [] for related in RELATED}
    )
    return {
        section.key: section_content(section, lines, package, codes)
        for section in sections_for(kind)
    }


def _packages(**filters) -> QuerySet[Package]:
    return Package.objects.filter(**filters).prefetch_related(*RELATED)


def contents_load(*, providers: QuerySet, year: int) -> dict[str, Current]:
    """The content of every provider of `providers` for `year`, by provider
    code, in the providers' order. A few queries, whatever their number."""
    codes = dict(NationalStandard.objects.values_list("pk", "code"))
    providers = list(providers.select_related("commune"))
    by_id = {p.pk: p for p in providers}
    found = {
        p.provider_id: p for p in _packages(provider_id__in=list(by_id), year=year)
    }
    result = {}
    for provider in providers:
        package = found.get(provider.pk)
        result[provider.code] = Current(
            provider, package, sections=contents(package, provider.kind, codes=codes)
        )
    missing = [pk for pk in by_id if pk not in found]
    latest = (
        Package.objects.filter(provider_id__in=missing, year__lt=year)
        .values("provider_id")
        .annotate(last=Max("year"))
        .values_list("provider_id", "last")
    )
    by_year: dict[int, list[int]] = {}
    for provider_id, last in latest:
        by_year.setdefault(last, []).append(provider_id)
    for last, ids in by_year.items():
        for package in _packages(provider_id__in=ids, year=last):
            provider = by_id[package.provider_id]
            current = result[provider.code]
            current.carried_from = last
            current.sections = contents(
                package, provider.kind, carried=True, codes=codes
            )
    return result


def section_of(key: str) -> Section:
    return SECTIONS_BY_KEY[key]
