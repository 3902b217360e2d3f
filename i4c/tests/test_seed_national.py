import pytest
from django.core.management import call_command
from django.utils import timezone

from communes.models import Commune
from communes.tests.factories import CommuneFactory
from i4c.models import Package
from i4c.selectors import stats as i4c_stats
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


def test_seed_national_gives_this_years_cycle_its_own_fiscal_year():
    """A cycle counts the packages of its own fiscal year (dashboard/cycles.py):
    the seeded years end with this one, and each package is published within
    its fiscal year, never in the future."""
    commune = CommuneFactory()
    call_command("seed_national", years=2, health_centres=1, schools=1, verbosity=0)
    this_year = timezone.localdate().year
    years = set(Package.objects.values_list("year", flat=True))
    assert years == {this_year - 1, this_year}
    assert Commune.objects.filter(
        i4c_stats.communes_published(year=this_year), code=commune.code
    ).exists()
    for package in Package.objects.select_related("published_version"):
        published_at = package.published_version.published_at
        assert published_at.year == package.year
        assert published_at <= timezone.now()
