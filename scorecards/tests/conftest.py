"""A small world for scorecard tests: a covered district and one outside it."""

from types import SimpleNamespace

import pytest

from communes.models import Role
from communes.tests import factories as cf


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded evidence and clips go to temporary folders, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def world(db):
    cycle = cf.CycleFactory()
    province = cf.ProvinceFactory(code="11")
    district = cf.DistrictFactory(province=province, code="1104")
    commune = cf.CommuneFactory(district=district, code="110401")
    village = cf.VillageFactory(commune=commune, code="11040101")
    elsewhere = cf.CommuneFactory(
        district=cf.DistrictFactory(
            province=cf.ProvinceFactory(code="02"), code="0208"
        ),
        code="020801",
    )
    organisation = cf.OrganisationFactory()
    cf.CoverageFactory(organisation=organisation, district=district, cycle=cycle)
    facilitator = cf.user_with_role(
        "fac", kind=Role.Kind.FACILITATOR, organisation=organisation
    )
    reviewer = cf.user_with_role("rev", kind=Role.Kind.REVIEWER, province=province)
    councillor = cf.user_with_role("coun", kind=Role.Kind.COUNCILLOR, commune=commune)
    health_centre = cf.provider("HC11040101", commune)
    school = cf.provider("PS11040101", commune)
    outside = cf.provider("HC02080101", elsewhere)
    return SimpleNamespace(
        cycle=cycle,
        province=province,
        district=district,
        commune=commune,
        village=village,
        elsewhere=elsewhere,
        organisation=organisation,
        facilitator=facilitator,
        reviewer=reviewer,
        councillor=councillor,
        health_centre=health_centre,
        school=school,
        outside=outside,
    )


def build_published(world, *, indicators=3, groups=("women", "men"), today=None):
    """Publish community scorecards for `groups` and a self-assessment, through
    the services, with `indicators` library indicators each."""
    import datetime

    from .steps import (
        choose_indicators,
        create,
        library_choices,
        publish,
        self_assessment,
        set_votes,
        submit,
    )

    today = today or datetime.date.today()
    choices = library_choices(indicators)
    scorecards = []
    for offset, group in enumerate(groups):
        scorecard = create(
            world, group=group, held_on=today, attendance_female=8, attendance_male=6
        )
        choose_indicators(world, scorecard, choices)
        votes = [0, 1 + offset, 2, 3, 1]
        set_votes(world, scorecard, {i.pk: votes for i in scorecard.indicators.all()})
        scorecards.append(scorecard)
    own = self_assessment(world, held_on=today)
    set_votes(world, own, {i.pk: [0, 0, 0, 0, 3] for i in own.indicators.all()})
    scorecards.append(own)
    for scorecard in scorecards:
        submit(world, scorecard)
        publish(world, scorecard)
    return scorecards


@pytest.fixture
def published(world):
    return build_published(world)
