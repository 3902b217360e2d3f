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
from types import SimpleNamespace

from django.db.models import Max, QuerySet

from communes.models import ServiceProvider

from ..models import NationalStandard, Package
from ..sections import SECTIONS_BY_KEY, Section, sections_for
from ..services.packages import CARRIED, PROJECTS_LEFT_BEHIND
from ..services.section_edits import is_blank

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


def _kept(line, names) -> bool:
    """Would the section's service keep this line? (`is_blank`)"""
    return not is_blank(line.__dict__, names)


def _people(lines, key: str) -> tuple:
    return tuple(
        sorted(
            (getattr(x, key), x.female, x.male)
            for x in lines
            if _kept(x, ("female", "male"))
        )
    )


def section_content(section: Section, lines: dict, package, codes: dict) -> tuple:
    """The content of one section from a package's lines (as loaded here)."""
    content = section.content
    if content == "budget":
        rows = set(section.budget_rows)
        return tuple(
            sorted(
                (x.side, x.category, x.planned, x.actual)
                for x in lines["budget_lines"]
                if (x.side, x.category) in rows and _kept(x, ("planned", "actual"))
            )
        )
    if content == "projects":
        return tuple(
            (x.name, x.sector, x.village_id, x.cost, x.funding, x.status)
            for x in lines["projects"]
            if _kept(x, ("name", "cost"))
        )
    if content == "fees":
        return tuple(
            (x.service, x.fee, x.processing_time, x.exemptions)
            for x in lines["fees"]
            if _kept(x, ("service", "fee"))
        )
    if content == "hours":
        return tuple(
            (x.service, x.hours, x.is_24_hour)
            for x in lines["hours"]
            if _kept(x, ("service", "hours", "is_24_hour"))
        )
    if content == "staff":
        return _people(lines["staff"], "category")
    if content == "enrolment":
        return _people(lines["enrolment"], "grade")
    if content == "performance":
        return tuple(
            sorted(
                (codes[x.standard_id], x.value, x.target)
                for x in lines["performance"]
                if x.standard_id in codes and _kept(x, ("value", "target"))
            )
        )
    if content == "facts":
        if package is None:
            return (None, None)
        return (package.classrooms, package.no_informal_fees)
    raise ValueError(content)


# The fields of each kind of line that a section's content is made of.
FIELDS = {
    "budget_lines": ("side", "category", "planned", "actual"),
    "projects": ("name", "sector", "village_id", "cost", "funding", "status"),
    "fees": ("service", "fee", "processing_time", "exemptions"),
    "hours": ("service", "hours", "is_24_hour"),
    "staff": ("category", "female", "male"),
    "enrolment": ("grade", "female", "male"),
    "performance": ("standard_id", "value", "target"),
}


def _lines_of(package_ids) -> dict[int, dict[str, list]]:
    """Every line of these packages, as plain rows (one query per kind of
    line: a province's thousands of packages load in a few seconds)."""
    lines = {pk: {related: [] for related in RELATED} for pk in package_ids}
    for related in RELATED:
        model = Package._meta.get_field(related).related_model
        rows = (
            model.objects.filter(package_id__in=package_ids)
            .order_by("package_id", "id")
            .values("package_id", *FIELDS[related])
        )
        for row in rows.iterator(chunk_size=5000):
            lines[row.pop("package_id")][related].append(SimpleNamespace(**row))
    return lines


def _carried(lines: dict) -> dict:
    """Last year's lines as "Start from last year's package" carries them."""
    lines = {
        **lines,
        "projects": [
            x for x in lines["projects"] if x.status not in PROJECTS_LEFT_BEHIND
        ],
    }
    return {
        related: [
            SimpleNamespace(**{**vars(x), **dict.fromkeys(EMPTIED[related])})
            for x in rows
        ]
        for related, rows in lines.items()
    }


def contents(package, kind: str, lines: dict | None, *, codes) -> dict:
    """Every section of a package (or of none) by section key."""
    lines = lines or {related: [] for related in RELATED}
    return {
        section.key: section_content(section, lines, package, codes)
        for section in sections_for(kind)
    }


def contents_load(*, providers: QuerySet, year: int) -> dict[str, Current]:
    """The content of every provider of `providers` for `year`, by provider
    code, in the providers' order. A few queries, whatever their number."""
    codes = dict(NationalStandard.objects.values_list("pk", "code"))
    providers = list(providers.select_related("commune"))
    by_id = {p.pk: p for p in providers}
    found = {
        p.provider_id: p
        for p in Package.objects.filter(provider_id__in=list(by_id), year=year)
    }
    lines = _lines_of([p.pk for p in found.values()])
    result = {}
    for provider in providers:
        package = found.get(provider.pk)
        result[provider.code] = Current(
            provider,
            package,
            sections=contents(
                package,
                provider.kind,
                lines.get(package.pk) if package else None,
                codes=codes,
            ),
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
        earlier = list(Package.objects.filter(provider_id__in=ids, year=last))
        earlier_lines = _lines_of([p.pk for p in earlier])
        for package in earlier:
            provider = by_id[package.provider_id]
            current = result[provider.code]
            current.carried_from = last
            current.sections = contents(
                package,
                provider.kind,
                _carried(earlier_lines[package.pk]),
                codes=codes,
            )
    return result


def section_of(key: str) -> Section:
    return SECTIONS_BY_KEY[key]
