"""What a commune's board gives a reader on a phone: section links, a summary in
plain words, the median commune of the district, fees that say Free, verdicts
beside each indicator, and tables a keyboard can reach; all within the board's
query budget."""

import re

import pytest

from communes.tests.factories import CommuneFactory
from i4c.models import Package, Project, ServiceFee
from i4c.selectors.summary import commune_summary, district_comparison

from .factories import CommuneAdministrationFactory
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


def published(commune, *, year=2025, scale=1, done=4):
    administration = CommuneAdministrationFactory(commune=commune)
    package = full_commune_package(provider=administration, year=year, scale=scale)
    for project in Project.objects.filter(package=package)[done:]:
        project.status = "ongoing"
        project.save()
    publish_directly(package)
    return package


def district_of(n, *, year=2025):
    """`n` communes of one district, each published with a different scale."""
    first = CommuneFactory()
    communes = [first] + [CommuneFactory(district=first.district) for _ in range(n - 1)]
    return [published(c, year=year, scale=i + 1) for i, c in enumerate(communes)]


def test_the_summary_says_what_came_in_what_was_spent_and_the_projects_done():
    package = published(CommuneFactory(), done=1)
    summary = commune_summary(package.published_version.snapshot)
    # full_commune_package: 351,400,000 planned revenue, 95% received; 340,000,000
    # planned spending, 90% spent; four projects.
    assert summary["revenue_planned"] == 351_400_000
    assert summary["revenue_actual"] == 333_830_000
    assert summary["spent_share"] == pytest.approx(0.9)
    assert (summary["projects_done"], summary["projects"]) == (1, 4)


def test_the_district_median_is_the_middle_commune_of_those_that_published():
    packages = district_of(3)
    commune = packages[0].provider.commune
    comparison = district_comparison(commune=commune, year=2025)
    assert comparison["communes"] == 3
    # Scales 1, 2 and 3: the middle commune is the one at scale 2.
    assert comparison["revenue_actual"] == 2 * 333_830_000
    assert comparison["spent_share"] == pytest.approx(0.9)
    assert comparison["done_share"] == 1


def test_no_median_is_shown_for_fewer_than_three_communes(client):
    packages = district_of(2)
    commune = packages[0].provider.commune
    assert district_comparison(commune=commune, year=2025) is None
    content = client.get(f"/en/communes/{commune.code}/2025/").content.decode()
    assert "the middle commune" not in content


def test_the_board_opens_with_section_links_and_a_plain_summary(client):
    packages = district_of(3)
    commune = packages[0].provider.commune
    content = client.get(f"/en/communes/{commune.code}/2025/").content.decode()
    contents = content.index('class="board-contents"')
    for anchor in ("i4c-summary", "i4c-revenue", "i4c-projects", "i4c-fees"):
        assert f'href="#{anchor}"' in content
        assert f'id="{anchor}"' in content
    summary = content.index('id="i4c-summary"')
    assert contents < summary < content.index('id="i4c-revenue"')
    assert "The commune received <strong>333,830,000 riel</strong>" in content
    assert "<strong>4 of 4</strong> development projects are completed." in content
    assert "the middle commune" in content
    assert "received 667,660,000 riel;" in content


def test_the_board_with_its_district_comparison_stays_within_15_queries(
    client, django_assert_max_num_queries
):
    packages = district_of(4)
    commune = packages[0].provider.commune
    with django_assert_max_num_queries(15):
        response = client.get(f"/en/communes/{commune.code}/")
    assert response.status_code == 200
    assert "the middle commune" in response.content.decode()


def test_a_free_service_says_free_not_zero(client):
    package = published(CommuneFactory())
    commune = package.provider.commune
    english = client.get(f"/en/communes/{commune.code}/2025/").content.decode()
    khmer = client.get(f"/km/communes/{commune.code}/2025/").content.decode()
    # full_commune_package: a birth certificate costs nothing.
    assert re.search(r'data-label="Official fee">Free</td>', english)
    assert "ឥតគិតថ្លៃ" in khmer
    assert "០៛" not in khmer.replace("០០០៛", "")


def test_every_scrolling_table_is_a_named_region_a_keyboard_can_reach(client):
    package = published(CommuneFactory())
    commune = package.provider.commune
    content = client.get(f"/en/communes/{commune.code}/2025/").content.decode()
    scrollers = re.findall(r'<div class="table-scroll[^"]*"[^>]*>', content)
    assert scrollers
    for tag in scrollers:
        assert 'role="region"' in tag and 'tabindex="0"' in tag, tag
        assert re.search(r'aria-label="[^"]+"', tag), tag
    assert 'aria-label="Development projects and their status"' in content
    assert content.count('class="scroll-hint"') == len(scrollers)


def test_fees_and_projects_are_cards_on_a_phone(client):
    package = published(CommuneFactory())
    commune = package.provider.commune
    content = client.get(f"/en/communes/{commune.code}/2025/").content.decode()
    assert content.count('class="table-scroll table-cards"') == 2
    assert 'data-label="Status">Completed</td>' in content
    assert ServiceFee.objects.filter(package=package).exists()
    assert Package.objects.count() == 1
