import pytest
from django.core.management import call_command

from communes.tests.factories import CommuneFactory
from i4c.models import Package
from i4c.selectors.snapshots import package_snapshot

pytestmark = pytest.mark.django_db


def test_seed_national_publishes_snapshots_that_match_their_lines():
    for _ in range(3):
        CommuneFactory()
    call_command("seed_national", years=2, health_centres=2, schools=4, verbosity=0)
    packages = Package.objects.select_related("provider__commune", "published_version")
    # 3 administrations + 2 health centres + 4 schools, for two years.
    assert packages.count() == 18
    for package in packages:
        assert package.published_version.snapshot == package_snapshot(package=package)


def test_seed_national_can_run_twice_without_duplicates():
    CommuneFactory()
    call_command("seed_national", years=1, health_centres=1, schools=1, verbosity=0)
    call_command("seed_national", years=2, health_centres=1, schools=1, verbosity=0)
    assert Package.objects.count() == 6
