"""Figures are bounded by what they mean: a rate is 0 to 100 %."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from communes.models import ServiceProvider
from communes.tests.factories import ServiceProviderFactory
from i4c import services

from .factories import facilitator_for

pytestmark = pytest.mark.django_db


def school_package():
    school = ServiceProviderFactory(kind=ServiceProvider.Kind.PRIMARY_SCHOOL)
    user = facilitator_for(school.commune.district)
    return services.package_create(user=user, provider=school, year=2025), user


def save_promotion(package, user, value):
    return services.package_section_save(
        package=package,
        user=user,
        version=package.version,
        section_key="performance",
        rows=[{"code": "ps-promotion", "value": value, "target": None}],
    )


def test_a_promotion_rate_of_150_percent_is_refused(db):
    package, user = school_package()
    with pytest.raises(ValidationError):
        save_promotion(package, user, Decimal("150"))
    assert not package.performance.exists()


def test_a_promotion_rate_of_100_percent_is_saved(db):
    package, user = school_package()
    save_promotion(package, user, Decimal("100"))
    assert package.performance.get().value == Decimal("100")


def test_the_performance_form_refuses_a_rate_above_100_beside_the_field(db):
    from i4c.forms import PerformanceRowForm
    from i4c.models import NationalStandard

    standard = NationalStandard.objects.get(code="ps-promotion")
    initial = {"code": standard.code, "standard": standard}
    form = PerformanceRowForm({"code": standard.code, "value": "150"}, initial=initial)
    assert not form.is_valid()
    assert "value" in form.errors
    ok = PerformanceRowForm({"code": standard.code, "value": "៩៨,៥"}, initial=initial)
    assert ok.is_valid(), ok.errors


def test_a_dissemination_meeting_dated_in_the_future_is_refused_by_the_service(db):
    import datetime

    from django.utils import timezone

    from communes.tests.factories import VillageFactory

    from .factories import PackageFactory, councillor_for
    from .filling import publish_filled

    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    publish_filled(package, user)
    with pytest.raises(ValidationError) as error:
        services.dissemination_event_create(
            package=package,
            user=user,
            village=VillageFactory(commune=package.provider.commune),
            held_on=timezone.localdate() + datetime.timedelta(days=1),
            attendance_female=3,
            attendance_male=2,
        )
    assert "held_on" in error.value.message_dict
    assert not package.dissemination_events.exists()
