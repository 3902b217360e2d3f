"""What a reviewer sees changed: against last year, since the return, in words."""

import re

import pytest
from django.utils import translation

from i4c import selectors, services
from i4c.models import BudgetLine, OpeningHours, Package, Project

from .factories import PackageFactory, reviewer_for
from .helpers import full_commune_package, publish_directly

pytestmark = pytest.mark.django_db


def submitted(package):
    Package.objects.filter(pk=package.pk).update(status=Package.Status.SUBMITTED)
    package.refresh_from_db()
    return package


def review_page(client, package, lang="en"):
    client.force_login(reviewer_for(package.provider.commune.district.province))
    response = client.get(f"/{lang}/review/{package.pk}/")
    assert response.status_code == 200
    return response


def own_source(package):
    return BudgetLine.objects.get(
        package=package, side="revenue", category="own_source"
    )


def set_own_source(package, actual):
    """Change the own-source actual behind the services' back, as an edit would."""
    BudgetLine.objects.filter(pk=own_source(package).pk).update(actual=actual)


def returned(package, comment):
    """The province's reviewer returns `package`; the reviewer."""
    reviewer = reviewer_for(package.provider.commune.district.province)
    services.package_return(package=package, user=reviewer, comment=comment)
    return reviewer


def changes_in_english(package):
    """What the reviewer sees changed once `package` is submitted, in English."""
    with translation.override("en"):
        return selectors.package_changes(package=submitted(package))


def test_a_new_year_is_compared_with_last_years_published_package():
    last = full_commune_package(year=2024)
    publish_directly(last)
    package = full_commune_package(provider=last.provider, year=2025)
    set_own_source(package, 7_000_000)
    changes = changes_in_english(package)
    assert changes.basis == "last_year"
    assert changes.basis_year == 2024
    changed = [(c["item"], c["field"]) for c in changes.rows]
    # Only the one figure that differs from FY2024 is listed.
    assert changed == [("Own-source revenue: local taxes and fees", "Actual")]
    assert changes.rows[0]["old"] == "6,080,000 riel"
    assert changes.rows[0]["new"] == "7,000,000 riel"


def test_the_review_page_names_last_year_as_the_comparison(client):
    last = full_commune_package(year=2024)
    publish_directly(last)
    package = submitted(full_commune_package(provider=last.provider, year=2025))
    html = review_page(client, package).content.decode()
    assert "Compared with the package published for fiscal year 2024" in html
    assert "first submission" not in html.lower()


def test_a_provider_with_no_earlier_package_shows_a_first_submission():
    package = submitted(full_commune_package(year=2025))
    changes = selectors.package_changes(package=package)
    assert changes.basis == "first"
    assert len(changes.rows) > 10


def add_words(package):
    Project.objects.create(
        package=package,
        name="Well",
        sector="water",
        cost=5_000_000,
        funding="csf_development",
        status="ongoing",
    )
    OpeningHours.objects.create(
        package=package, service="Maternity", hours="7-17", is_24_hour=True
    )


def test_the_khmer_review_page_shows_words_and_khmer_digits_not_codes(client):
    package = full_commune_package(year=2025)
    add_words(package)
    html = review_page(client, submitted(package), lang="km").content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    text = re.sub(r"<[^>]+>", " ", table)
    for code in ("csf_development", "ongoing", "True", "False", "water", "roads"):
        assert code not in text
    assert "៦.០៨០.០០០៛" in text
    assert "6080000" not in text and "6,080,000" not in text
    assert "Yes" not in text and "No" not in text


def test_the_english_review_page_shows_words_for_codes(client):
    package = full_commune_package(year=2025)
    add_words(package)
    html = review_page(client, submitted(package)).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert "csf_development" not in table and "True" not in table
    assert "Commune/Sangkat Fund: development part" in table
    assert "Water and sanitation" in table
    assert "Yes" in table
    assert "5,000,000 riel" in table


def test_a_resubmission_shows_only_what_changed_since_the_return():
    package = submitted(full_commune_package(year=2025))
    returned(package, "Own-source?")
    set_own_source(package, 6_500_000)
    changes = changes_in_english(package)
    assert changes.basis == "returned"
    assert [(c["item"], c["old"], c["new"]) for c in changes.rows] == [
        ("Own-source revenue: local taxes and fees", "6,080,000 riel", "6,500,000 riel")
    ]


def test_a_resubmitted_correction_compares_with_the_return_not_the_publication():
    package = full_commune_package(year=2025)
    publish_directly(package)
    set_own_source(package, 1)
    package = submitted(package)
    returned(package, "Typo")
    set_own_source(package, 2)
    changes = changes_in_english(package)
    assert changes.basis == "returned"
    assert [(c["old"], c["new"]) for c in changes.rows] == [("1 riel", "2 riel")]


def test_a_publication_after_a_return_becomes_the_comparison_again():
    package = submitted(full_commune_package(year=2025))
    reviewer = returned(package, "Check")
    package = submitted(package)
    services.package_publish(package=package, user=reviewer)
    set_own_source(package, 3)
    package.refresh_from_db()
    changes = changes_in_english(package)
    assert changes.basis == "published"
    assert [c["new"] for c in changes.rows] == ["3 riel"]


def test_the_review_page_says_the_changes_are_since_the_return(client):
    package = submitted(PackageFactory(year=2025))
    returned(package, "Empty")
    BudgetLine.objects.create(
        package=package, side="revenue", category="own_source", actual=5
    )
    html = review_page(client, submitted(package)).content.decode()
    assert "Changes since the package was returned" in html


def test_the_khmer_review_page_names_last_year_in_khmer(client):
    last = full_commune_package(year=2024)
    publish_directly(last)
    package = submitted(full_commune_package(provider=last.provider, year=2025))
    html = review_page(client, package, lang="km").content.decode()
    assert "ប្រៀបធៀបនឹងកញ្ចប់ដែលបានចេញផ្សាយសម្រាប់ឆ្នាំថវិកា ២០២៤។" in html


def test_budget_lines_are_grouped_under_revenue_or_expenditure():
    last = full_commune_package(year=2024)
    publish_directly(last)
    package = full_commune_package(provider=last.provider, year=2025)
    set_own_source(package, 7_000_000)
    BudgetLine.objects.filter(package=package, category="development").update(planned=1)
    changes = changes_in_english(package)
    sections = {c["item"]: c["section"] for c in changes.rows}
    assert sections["Own-source revenue: local taxes and fees"] == "Revenue"
    assert [s for i, s in sections.items() if "development" in i.lower()] == [
        "Expenditure"
    ]
    assert "Budget" not in sections.values()


def test_a_removed_fee_shows_no_row_for_a_field_that_was_empty_and_stays_empty():
    from i4c.models import ServiceFee

    package = full_commune_package(year=2025)
    publish_directly(package)
    # Its processing time and exemptions were never filled in.
    ServiceFee.objects.filter(service="Land transfer record").delete()
    changes = changes_in_english(package)
    assert [c["field"] for c in changes.rows] == ["Official fee"]
    assert all(c["old"] != c["new"] for c in changes.rows)


def test_english_field_names_and_coded_values_are_capitalised_as_on_the_board():
    last = full_commune_package(year=2024)
    add_words(last)
    publish_directly(last)
    package = full_commune_package(provider=last.provider, year=2025)
    add_words(package)
    set_own_source(package, 7_000_000)
    Project.objects.filter(package=package).update(status="completed")
    changes = changes_in_english(package)
    rows = {(c["field"], c["old"], c["new"]) for c in changes.rows}
    assert ("Status", "Ongoing", "Completed") in rows
    assert ("Actual", "6,080,000 riel", "7,000,000 riel") in rows
