"""Starting a package: for a provider and a year, optionally from last year's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import ServiceProvider
from isaf.audit import audit_record

from ..models import Package, Project
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


# What a new year carries over, line by line: (the package's lines, the fields
# copied, the fields that start empty because they belong to a year).
CARRIED = (
    ("budget_lines", ("side", "category", "planned"), ("actual",)),
    ("projects", ("name", "sector", "village_id", "cost", "funding", "status"), ()),
    ("fees", ("service", "fee", "processing_time", "exemptions"), ()),
    ("hours", ("service", "hours", "is_24_hour"), ()),
    ("staff", ("category", "female", "male"), ()),
    ("enrolment", ("grade", "female", "male"), ()),
    ("performance", ("standard_id", "target"), ("value",)),
)


# Finished or cancelled projects stay in the year they belong to.
PROJECTS_LEFT_BEHIND = (Project.Status.COMPLETED, Project.Status.CANCELLED)


def _copy_content(*, source: Package, target: Package) -> None:
    """Carry last year's structure into a new year.

    Planned amounts, fees, hours, staff, enrolment and targets carry over as a
    starting point; actual amounts and results belong to a year and start empty,
    and finished or cancelled projects stay in the year they belong to.
    """
    for related, copied, emptied in CARRIED:
        lines = getattr(source, related).all()
        if related == "projects":
            lines = lines.exclude(status__in=PROJECTS_LEFT_BEHIND)
        model = lines.model
        model.objects.bulk_create(
            model(
                package=target,
                **{name: getattr(line, name) for name in copied},
                **dict.fromkeys(emptied),
            )
            for line in lines
        )
    target.classrooms = source.classrooms
    target.no_informal_fees = source.no_informal_fees
    target.save(update_fields=["classrooms", "no_informal_fees"])
