"""Reads of the signed-in workspace: packages in the user's scope, what they may
start, the review queue, a section's starting rows and what changed for review.
"""

from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.http import Http404
from django.utils import timezone

from communes import scopes
from communes.models import CAF, ServiceProvider

from ..labels import item_label
from ..models import DisseminationEvent, NationalStandard, Package, StaffCount
from ..sections import GRADES, STAFF_BY_KIND, Section, budget_row_label
from .changes import PackageChanges, package_changes_build


def package_get_for_user(*, user, pk: int) -> Package:
    """A package the user may see in the workspace; 404 otherwise, so that an
    out-of-scope id looks exactly like one that does not exist."""
    package = (
        Package.objects.select_related(
            "provider__commune__district__province", "published_version"
        )
        .filter(pk=pk, provider__in=scopes.providers_for(user))
        .first()
    )
    if package is None:
        raise Http404
    return package


def package_get_for_review(*, user, pk: int) -> Package:
    package = (
        Package.objects.select_related(
            "provider__commune__district__province", "published_version"
        )
        .filter(
            pk=pk,
            provider__commune__district__province__in=scopes.provinces_for_review(user),
        )
        .first()
    )
    if package is None:
        raise Http404
    return package


def workspace_packages(*, user, year: int | None = None) -> dict:
    """What the workspace shows of I4C: the user's packages and what they may start.

    A package may be started for this fiscal year or the next one (councillors
    prepare next year's budget late in the year): `start_years` are those years
    that some provider the user authors still lacks, `startable_providers` the
    providers lacking a package for one of them, and `started` the packages that
    already exist for them, so the page can say why a year or provider is not
    offered. Four queries whatever the number of providers in scope.
    """
    year = year or timezone.localdate().year
    years = [year, year + 1]
    providers = scopes.providers_for(user)
    packages = list(
        Package.objects.filter(provider__in=providers)
        .select_related("provider__commune")
        .order_by("-year", "provider__kind", "provider__code")[:200]
    )
    editable = [p for p in packages if p.year >= year - 1]
    authorable = providers_to_start(user=user)
    started = list(
        Package.objects.filter(provider__in=authorable, year__in=years)
        .select_related("provider")
        .order_by("year", "provider__kind", "provider__code")[:200]
    )
    done = {(p.provider_id, p.year) for p in started}
    complete = {pk for pk, _y in done if all((pk, y) in done for y in years)}
    startable = list(
        authorable.exclude(pk__in=complete)
        .select_related("commune")
        .order_by("kind", "code")[:200]
    )
    start_years = [y for y in years if any((p.pk, y) not in done for p in startable)]
    # One statement: with no province to review, the count is simply 0.
    review_count = Package.objects.filter(
        status=Package.Status.SUBMITTED,
        provider__commune__district__province__in=scopes.provinces_for_review(user),
    ).count()
    return {
        "year": year,
        "packages": packages,
        "recent_packages": editable,
        "startable_providers": startable,
        "start_years": start_years,
        "started": started,
        "review_count": review_count,
    }


def providers_to_start(*, user) -> QuerySet[ServiceProvider]:
    """The providers whose package the user may start: only those they may author
    (`communes.scopes.providers_to_author`), so the list never offers a package
    that the service would refuse."""
    return scopes.providers_to_author(user)


def review_queue(*, user) -> QuerySet[Package]:
    """Submissions in the reviewer's provinces, oldest first."""
    return (
        Package.objects.filter(
            status=Package.Status.SUBMITTED,
            provider__commune__district__province__in=scopes.provinces_for_review(user),
        )
        .select_related("provider__commune__district__province", "submitted_by")
        .order_by("submitted_at", "pk")
    )


# The lines of the sections whose rows the author adds freely: the package's
# related lines and the fields a row's form shows.
FREE_ROW_FIELDS = {
    "projects": (
        "projects",
        ("name", "sector", "village", "cost", "funding", "status"),
    ),
    "fees": ("fees", ("service", "fee", "processing_time", "exemptions")),
    "hours": ("hours", ("service", "hours", "is_24_hour")),
}


def section_initial(*, package: Package, section: Section) -> list[dict]:
    """The rows a section's form starts from."""
    content = section.content
    if content == "budget":
        lines = {
            (line.side, line.category): line for line in package.budget_lines.all()
        }
        rows = []
        for side, category in section.budget_rows:
            line = lines.get((side, category))
            rows.append(
                {
                    "side": side,
                    "category": category,
                    "planned": line.planned if line else None,
                    "actual": line.actual if line else None,
                    "label": budget_row_label(side, category),
                }
            )
        return rows
    if content in FREE_ROW_FIELDS:
        related, fields = FREE_ROW_FIELDS[content]
        # A foreign key reads as its id, as the form's choice field holds it.
        return [
            model_to_dict(row, fields=fields) for row in getattr(package, related).all()
        ]
    if content == "staff":
        counts = {s.category: s for s in package.staff.all()}
        return [
            {
                "key": category,
                "female": counts[category].female if category in counts else None,
                "male": counts[category].male if category in counts else None,
                "label": StaffCount.Category(category).label,
            }
            for category in STAFF_BY_KIND[package.provider.kind]
        ]
    if content == "enrolment":
        counts = {e.grade: e for e in package.enrolment.all()}
        return [
            {
                "key": str(grade),
                "female": counts[grade].female if grade in counts else None,
                "male": counts[grade].male if grade in counts else None,
                "label": item_label("enrolment", str(grade)),
            }
            for grade in GRADES
        ]
    if content == "performance":
        figures = {f.standard_id: f for f in package.performance.all()}
        rows = []
        for standard in NationalStandard.objects.filter(
            provider_kind=package.provider.kind, is_active=True
        ):
            figure = figures.get(standard.pk)
            rows.append(
                {
                    "code": standard.code,
                    "value": figure.value if figure else None,
                    "target": figure.target if figure else None,
                    "label": standard.name,
                    "standard": standard,
                    "meets": standard.is_met_by(figure.value if figure else None),
                }
            )
        return rows
    if content == "facts":
        return [
            {
                "classrooms": package.classrooms,
                "no_informal_fees": package.no_informal_fees,
            }
        ]
    return []


def package_changes(*, package: Package) -> PackageChanges:
    """What differs between the submission and what the reviewer compares it
    with (see `i4c.selectors.changes`), in words of the active language."""
    return package_changes_build(package=package)


def cafs_for(*, user) -> QuerySet[CAF]:
    """The CAFs a user may name at a dissemination meeting (a scope rule)."""
    return scopes.cafs_for(user)


def dissemination_events_for(*, package: Package) -> QuerySet[DisseminationEvent]:
    return package.dissemination_events.select_related("village", "caf")
