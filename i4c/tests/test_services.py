import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communes.models import ServiceProvider
from communes.tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ServiceProviderFactory,
    VillageFactory,
)
from i4c import services
from i4c.models import BudgetLine, NationalStandard, Package, PublishedVersion
from isaf.models import AuditEntry

from .factories import (
    PackageFactory,
    councillor_for,
    facilitator_for,
    reviewer_for,
)
from .filling import fill_required, publish_filled, submit_filled

pytestmark = pytest.mark.django_db


def revenue_rows(own_source_actual):
    return [
        {
            "side": "revenue",
            "category": "csf_admin",
            "planned": 90_000_000,
            "actual": 88_000_000,
        },
        {
            "side": "revenue",
            "category": "csf_development",
            "planned": None,
            "actual": None,
        },
        {
            "side": "revenue",
            "category": "own_source",
            "planned": 5_000_000,
            "actual": own_source_actual,
        },
        {
            "side": "revenue",
            "category": "other_transfers",
            "planned": None,
            "actual": None,
        },
    ]


@pytest.fixture
def commune_package():
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    return package, user


def save_revenue(package, user, actual, version=None):
    return services.package_section_save(
        package=package,
        user=user,
        version=version if version is not None else package.version,
        section_key="revenue",
        rows=revenue_rows(actual),
    )


# A meeting of 30 women and 20 men, 12 of them youth.
FIFTY = {"attendance_female": 30, "attendance_male": 20, "attendance_youth": 12}


def record_meeting(
    package, user, village, held_on=datetime.date(2025, 3, 1), **figures
):
    """Record a dissemination meeting in `village` with the given attendance."""
    return services.dissemination_event_create(
        package=package, user=user, village=village, held_on=held_on, **figures
    )


def test_a_councillor_saves_revenue_lines_and_the_version_moves_on(commune_package):
    package, user = commune_package
    save_revenue(package, user, 4_200_000)
    package.refresh_from_db()
    assert package.version == 2
    lines = {line.category: line for line in package.budget_lines.all()}
    assert set(lines) == {"csf_admin", "own_source"}
    assert lines["own_source"].actual == 4_200_000
    entry = AuditEntry.objects.get(action="i4c.package.edit.revenue")
    assert entry.user == user
    assert entry.changes["budget|revenue:own_source|actual"] == [None, 4_200_000]


def test_it_refuses_a_stale_save_and_keeps_the_first_save(commune_package):
    package, user = commune_package
    read_at = package.version
    save_revenue(package, user, 1_000_000, version=read_at)
    stale = Package.objects.get(pk=package.pk)
    with pytest.raises(services.StaleEdit) as refused:
        save_revenue(stale, user, 2_000_000, version=read_at)
    assert refused.value.current_version == read_at + 1
    line = BudgetLine.objects.get(package=package, category="own_source")
    assert line.actual == 1_000_000


def test_a_councillor_cannot_edit_another_communes_package(commune_package):
    package, _user = commune_package
    other = councillor_for(CommuneFactory())
    with pytest.raises(PermissionDenied):
        save_revenue(package, other, 1)
    assert not package.budget_lines.exists()


def test_a_councillor_cannot_edit_the_health_centre_of_their_own_commune():
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    user = councillor_for(centre.commune)
    with pytest.raises(PermissionDenied):
        services.package_create(user=user, provider=centre, year=2025)


def test_a_facilitator_enters_a_health_centre_in_a_covered_district():
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    user = facilitator_for(centre.commune.district)
    package = services.package_create(user=user, provider=centre, year=2025)
    services.package_section_save(
        package=package,
        user=user,
        version=package.version,
        section_key="performance",
        rows=[{"code": "hc-anc4", "value": Decimal("80"), "target": Decimal("85")}],
    )
    figure = package.performance.get()
    assert figure.standard.code == "hc-anc4"
    assert figure.standard.is_met_by(figure.value) is True


def test_a_facilitator_outside_their_coverage_is_refused():
    centre = ServiceProviderFactory(kind=ServiceProvider.Kind.HEALTH_CENTRE)
    user = facilitator_for(DistrictFactory())
    with pytest.raises(PermissionDenied):
        services.package_create(user=user, provider=centre, year=2025)
    assert not Package.objects.exists()


def test_a_section_of_another_provider_kind_is_refused(commune_package):
    package, user = commune_package
    with pytest.raises(ValidationError):
        services.package_section_save(
            package=package, user=user, version=1, section_key="enrolment", rows=[]
        )


def test_an_amount_above_the_bound_writes_nothing(commune_package):
    package, user = commune_package
    with pytest.raises(ValidationError):
        save_revenue(package, user, 10**13 + 1)
    package.refresh_from_db()
    assert package.version == 1
    assert not package.budget_lines.exists()


def test_the_whole_review_cycle_with_a_return_and_a_correction(commune_package):
    package, user = commune_package
    reviewer = reviewer_for(package.provider.commune.district.province)
    save_revenue(package, user, 4_000_000)
    fill_required(package, user)
    services.package_submit(package=package, user=user, version=package.version)
    assert package.status == Package.Status.SUBMITTED
    with pytest.raises(ValidationError):
        save_revenue(package, user, 5)  # frozen while in review

    services.package_return(package=package, user=reviewer, comment="Check own-source")
    package.refresh_from_db()
    assert package.status == Package.Status.RETURNED
    assert package.review_comment == "Check own-source"

    save_revenue(package, user, 4_500_000)
    fill_required(package, user)
    services.package_submit(package=package, user=user, version=package.version)
    first = services.package_publish(package=package, user=reviewer)
    assert first.number == 1
    # Lines are ordered by side: the required expenditure line comes first, so
    # the own-source line is found by its category rather than its position.
    published = {line["category"]: line for line in first.snapshot["budget"]}
    assert published["own_source"]["actual"] == 4_500_000

    # A correction: edit, resubmit, and publishing needs a reason.
    package.refresh_from_db()
    save_revenue(package, user, 4_700_000)
    package.refresh_from_db()
    assert package.status == Package.Status.DRAFT
    fill_required(package, user)
    services.package_submit(package=package, user=user, version=package.version)
    with pytest.raises(ValidationError):
        services.package_publish(package=package, user=reviewer)
    second = services.package_publish(
        package=package, user=reviewer, reason="Own-source revenue was misread"
    )
    assert second.number == 2
    assert second.reason == "Own-source revenue was misread"
    first = PublishedVersion.objects.get(pk=first.pk)
    own = [
        line for line in first.snapshot["budget"] if line["category"] == "own_source"
    ]
    assert own[0]["actual"] == 4_500_000
    package.refresh_from_db()
    assert package.published_version == second


def test_a_councillor_cannot_publish_their_own_package(commune_package):
    package, user = commune_package
    submit_filled(package, user)
    with pytest.raises(PermissionDenied):
        services.package_publish(package=package, user=user)


def test_a_provincial_reviewer_cannot_review_another_province(commune_package):
    package, user = commune_package
    submit_filled(package, user)
    other_reviewer = reviewer_for(CommuneFactory().district.province)
    if (
        other_reviewer.isaf_roles.get().province
        == package.provider.commune.district.province
    ):
        pytest.skip("factory sequence gave the same province")
    with pytest.raises(PermissionDenied):
        services.package_return(package=package, user=other_reviewer, comment="no")


def test_returning_needs_a_comment(commune_package):
    package, user = commune_package
    submit_filled(package, user)
    with pytest.raises(ValidationError):
        services.package_return(package=package, user=reviewer_for(), comment="   ")


def test_a_new_year_starts_from_last_years_package(commune_package):
    package, user = commune_package
    save_revenue(package, user, 4_000_000)
    services.package_section_save(
        package=package,
        user=user,
        version=package.version,
        section_key="fees",
        rows=[
            {
                "service": "Birth certificate",
                "fee": 0,
                "processing_time": "1 day",
                "exemptions": "",
            }
        ],
    )
    new = services.package_create(
        user=user, provider=package.provider, year=2026, copy_previous=True
    )
    own = new.budget_lines.get(category="own_source")
    assert own.planned == 5_000_000
    assert own.actual is None
    assert new.fees.get().service == "Birth certificate"


def test_a_dissemination_meeting_is_recorded_for_a_published_package(commune_package):
    package, user = commune_package
    village = VillageFactory(commune=package.provider.commune)
    with pytest.raises(ValidationError):
        record_meeting(package, user, village, attendance_female=10, attendance_male=5)
    publish_filled(package, user)
    event = record_meeting(package, user, village, **FIFTY, attendance_id_poor=7)
    assert event.attendance_total == 50
    with pytest.raises(ValidationError):
        record_meeting(
            package,
            user,
            village,
            held_on=datetime.date(2025, 3, 2),
            attendance_female=3,
            attendance_male=2,
            attendance_youth=12,
        )


def test_recording_a_dissemination_meeting_audits_each_of_its_figures(
    commune_package,
):
    package, user = commune_package
    village = VillageFactory(commune=package.provider.commune)
    publish_filled(package, user)
    event = record_meeting(package, user, village, **FIFTY)
    entry = AuditEntry.objects.get(
        action="i4c.dissemination.create", object_id=str(event.pk)
    )
    assert entry.user == user
    assert entry.changes["village"] == [None, village.pk]
    assert entry.changes["held_on"] == [None, "2025-03-01"]
    assert entry.changes["attendance_female"] == [None, 30]
    assert entry.changes["attendance_youth"] == [None, 12]


def test_national_standards_are_seeded_as_data():
    assert NationalStandard.objects.filter(provider_kind="health_centre").count() >= 5
    assert NationalStandard.objects.filter(provider_kind="primary_school").count() >= 4
    dropout = NationalStandard.objects.get(code="ps-dropout")
    assert dropout.is_met_by(Decimal("2")) is True
    assert dropout.is_met_by(Decimal("4")) is False
