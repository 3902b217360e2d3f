"""Building blocks for tests that need published packages."""

import datetime

from django.utils import timezone

from i4c.models import BudgetLine, Package, Project, PublishedVersion, ServiceFee
from i4c.selectors.snapshots import package_snapshot
from isaf.pages import pages_forget_all

from .factories import PackageFactory


def publish_directly(package: Package, *, reason: str = "") -> PublishedVersion:
    """Publish without the review round trip, for tests about reading boards."""
    number = package.versions.count() + 1
    version = PublishedVersion.objects.create(
        package=package,
        number=number,
        published_at=timezone.make_aware(datetime.datetime(package.year + 1, 2, 1)),
        reason=reason,
        snapshot=package_snapshot(package=package),
    )
    package.published_version = version
    package.status = Package.Status.PUBLISHED
    package.save()
    # Written without the services: no stored public page counts any more.
    pages_forget_all()
    return version


REVENUE = {
    "csf_admin": 98_000_000,
    "csf_development": 212_000_000,
    "own_source": 6_400_000,
    "other_transfers": 35_000_000,
}
EXPENDITURE = {
    "personnel": 80_000_000,
    "administration": 18_000_000,
    "development": 230_000_000,
    "social": 12_000_000,
}


def full_commune_package(*, provider=None, year=2025, scale=1) -> Package:
    kwargs = {"year": year}
    if provider is not None:
        kwargs["provider"] = provider
    package = PackageFactory(**kwargs)
    for side, amounts, share_spent in (
        ("revenue", REVENUE, 0.95),
        ("expenditure", EXPENDITURE, 0.9),
    ):
        for category, amount in amounts.items():
            BudgetLine.objects.create(
                package=package,
                side=side,
                category=category,
                planned=amount * scale,
                actual=int(amount * scale * share_spent),
            )
    for n in range(4):
        Project.objects.create(
            package=package,
            name=f"Laterite road {n}",
            sector="roads",
            cost=40_000_000,
            funding="csf_development",
            status="completed",
        )
    ServiceFee.objects.create(
        package=package, service="Birth certificate", fee=0, processing_time="1 day"
    )
    ServiceFee.objects.create(
        package=package, service="Land transfer record", fee=20_000
    )
    return package
