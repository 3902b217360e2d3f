"""Factories for scorecards, the interface meeting and the JAAP."""

import datetime

import factory

from communes.tests.factories import (
    CommuneFactory,
    CycleFactory,
    ServiceProviderFactory,
)
from scorecards.models import (
    InterfaceMeeting,
    JaapAction,
    LibraryIndicator,
    Scorecard,
    ScorecardIndicator,
)


class LibraryIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryIndicator

    provider_kind = "health_centre"
    code = factory.Sequence(lambda n: f"test-indicator-{n}")
    name_km = factory.Sequence(lambda n: f"លក្ខណៈវិនិច្ឆ័យសាកល្បង{n}")
    name_en = factory.Sequence(lambda n: f"Test indicator {n}")
    position = factory.Sequence(lambda n: n)


class ScorecardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scorecard

    provider = factory.SubFactory(ServiceProviderFactory)
    cycle = factory.SubFactory(CycleFactory)
    kind = Scorecard.Kind.COMMUNITY
    group = Scorecard.Group.WOMEN
    held_on = factory.LazyFunction(datetime.date.today)
    attendance_female = 12
    attendance_male = 0


class ScorecardIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScorecardIndicator

    scorecard = factory.SubFactory(ScorecardFactory)
    custom_name = factory.Sequence(lambda n: f"Issue raised on the day {n}")
    position = factory.Sequence(lambda n: n)


class InterfaceMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterfaceMeeting

    commune = factory.SubFactory(CommuneFactory)
    cycle = factory.SubFactory(CycleFactory)
    held_on = factory.LazyFunction(datetime.date.today)


class JaapActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JaapAction

    meeting = factory.SubFactory(InterfaceMeetingFactory)
    provider = factory.SubFactory(
        ServiceProviderFactory, commune=factory.SelfAttribute("..meeting.commune")
    )
    issue = "Latrines are dirty"
    action = "Clean the latrines every day"
    responsible_party = "Health centre chief"
    starts_on = factory.LazyFunction(lambda: datetime.date.today())
    due_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=30)
    )
