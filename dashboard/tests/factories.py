"""Factories for the rows the dashboard reads, and a builder of commune cycles.

The I4C and scorecard apps have factories for packages, scorecards, meetings and
actions; the dissemination meetings, published versions and follow-ups that the
dashboard also counts are made here. Rows are written directly (not through the
services): these tests are about reading, and a hand-built data set whose every
row is visible in the test is what makes the expected figures checkable by eye.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from communes.models import ServiceProvider
from communes.tests.factories import ServiceProviderFactory, VillageFactory
from i4c.models import DisseminationEvent, Package, PublishedVersion
from scorecards.models import JaapAction, JaapFollowUp, Scorecard
from scorecards.tests.factories import (
    InterfaceMeetingFactory,
    JaapActionFactory,
    ScorecardFactory,
)


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Package

    provider = factory.SubFactory(ServiceProviderFactory)
    year = 2024
    status = Package.Status.DRAFT


class DisseminationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisseminationEvent

    package = factory.SubFactory(PackageFactory)
    village = factory.SubFactory(VillageFactory)
    held_on = datetime.date(2025, 3, 1)
    attendance_female = 10
    attendance_male = 5


class JaapFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JaapFollowUp

    action = factory.SubFactory(JaapActionFactory)
    checked_on = datetime.date(2025, 8, 1)
    status = JaapAction.Status.ONGOING


def published_package(*, provider, year: int, **kwargs) -> Package:
    """A package published as version 1 (the snapshot is not read here)."""
    package = PackageFactory(
        provider=provider, year=year, status=Package.Status.PUBLISHED, **kwargs
    )
    version = PublishedVersion.objects.create(
        package=package,
        number=1,
        published_at=timezone.make_aware(datetime.datetime(year + 1, 2, 1)),
        snapshot={"schema": 1, "year": year},
    )
    package.published_version = version
    package.save(update_fields=["published_version"])
    return package


def administration_of(commune) -> ServiceProvider:
    provider = ServiceProvider.objects.filter(
        commune=commune, kind=ServiceProvider.Kind.COMMUNE
    ).first()
    return provider or ServiceProviderFactory(
        code=f"C{commune.code}", kind=ServiceProvider.Kind.COMMUNE, commune=commune
    )


def commune_cycle(
    *,
    commune,
    cycle,
    village,
    provider,
    upto: str = "reviewed",
    people: dict | None = None,
):
    """Record a commune's cycle up to and including the stage `upto`.

    Stages in order: published, disseminated, scorecards, meeting, agreed,
    reviewed; `provider` is the health centre or school that is scored and
    addressed by the JAAP. The I4C is the package of the cycle's fiscal year,
    presented in March of that year. Returns the rows made, by stage.
    """
    order = ["published", "disseminated", "scorecards", "meeting", "agreed", "reviewed"]
    wanted = order[: order.index(upto) + 1]
    people = people or {}
    rows = {}
    year = cycle.year
    if "published" in wanted:
        rows["published"] = published_package(
            provider=administration_of(commune), year=year
        )
    if "disseminated" in wanted:
        rows["disseminated"] = DisseminationEventFactory(
            package=rows["published"],
            village=village,
            held_on=datetime.date(year, 3, 1),
            **people.get("dissemination", {}),
        )
    if "scorecards" in wanted:
        rows["scorecards"] = ScorecardFactory(
            provider=provider,
            cycle=cycle,
            status=Scorecard.Status.PUBLISHED,
            held_on=datetime.date(year, 4, 1),
            **people.get("scorecards", {}),
        )
    if "meeting" in wanted:
        rows["meeting"] = InterfaceMeetingFactory(
            commune=commune,
            cycle=cycle,
            held_on=datetime.date(year, 5, 1),
            **people.get("interface", {}),
        )
    if "agreed" in wanted:
        rows["agreed"] = JaapActionFactory(
            meeting=rows["meeting"],
            provider=provider,
            starts_on=datetime.date(year, 5, 2),
            due_on=datetime.date(year, 9, 30),
        )
    if "reviewed" in wanted:
        rows["reviewed"] = JaapFollowUpFactory(
            action=rows["agreed"], checked_on=datetime.date(year, 6, 1)
        )
    return rows
