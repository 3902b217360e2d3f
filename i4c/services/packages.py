"""Starting a package: for a provider and a year, optionally from last year's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import ServiceProvider
from isaf.audit import audit_record

from ..models import (
    BudgetLine,
    Enrolment,
    OpeningHours,
    Package,
    PerformanceFigure,
    Project,
    ServiceFee,
    StaffCount,
)
from .checks import require_author


@transaction.atomic
def package_create(
    *, user, provider: ServiceProvider, year: int, copy_previous: bool = False
) -> Package:
    """Start a provider's package for a year, optionally from last year's."""
    require_author(user, provider)
    if Package.objects.filter(provider=provider, year=year).exists():
        raise ValidationError(
            {"year": _("A package for this provider and year already exists.")}
        )
    package = Package(provider=provider, year=year, created_by=user)
    package.full_clean()
    package.save()
    copied_from = None
    if copy_previous:
        previous = (
            Package.objects.filter(provider=provider, year__lt=year)
            .order_by("-year")
            .first()
        )
        if previous is not None:
            _copy_content(source=previous, target=package)
            copied_from = previous.year
    audit_record(
        user=user,
        action="i4c.package.create",
        instance=package,
        changes={"year": [None, year], "copied_from_year": [None, copied_from]},
    )
    return package


def _copy_content(*, source: Package, target: Package) -> None:
    """Carry last year's structure into a new year.

    Planned amounts, fees, hours, staff, enrolment and targets carry over as a
    starting point; actual amounts and results belong to a year and start empty,
    and finished or cancelled projects stay in the year they belong to.
    """
    BudgetLine.objects.bulk_create(
        BudgetLine(
            package=target,
            side=line.side,
            category=line.category,
            planned=line.planned,
            actual=None,
        )
        for line in source.budget_lines.all()
    )
    Project.objects.bulk_create(
        Project(
            package=target,
            name=p.name,
            sector=p.sector,
            village_id=p.village_id,
            cost=p.cost,
            funding=p.funding,
            status=p.status,
        )
        for p in source.projects.exclude(
            status__in=[Project.Status.COMPLETED, Project.Status.CANCELLED]
        )
    )
    ServiceFee.objects.bulk_create(
        ServiceFee(
            package=target,
            service=f.service,
            fee=f.fee,
            processing_time=f.processing_time,
            exemptions=f.exemptions,
        )
        for f in source.fees.all()
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(
            package=target, service=h.service, hours=h.hours, is_24_hour=h.is_24_hour
        )
        for h in source.hours.all()
    )
    StaffCount.objects.bulk_create(
        StaffCount(package=target, category=s.category, female=s.female, male=s.male)
        for s in source.staff.all()
    )
    Enrolment.objects.bulk_create(
        Enrolment(package=target, grade=e.grade, female=e.female, male=e.male)
        for e in source.enrolment.all()
    )
    PerformanceFigure.objects.bulk_create(
        PerformanceFigure(
            package=target, standard_id=f.standard_id, value=None, target=f.target
        )
        for f in source.performance.all()
    )
    target.classrooms = source.classrooms
    target.no_informal_fees = source.no_informal_fees
    target.save(update_fields=["classrooms", "no_informal_fees"])
