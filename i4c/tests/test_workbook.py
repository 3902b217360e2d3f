"""The I4C workbook: what goes out comes back unchanged, and one bad cell
imports nothing and is named by sheet, row and column."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from i4c import services
from i4c.models import BudgetLine, Package
from isaf.models import AuditEntry
from tests.spreadsheet_payloads import zip_bomb

from .workbooks import (
    check,
    delete_column,
    edited,
    exported,
    load_demo_data,
    load_small_demo,
    messages,
)

pytestmark = pytest.mark.django_db

REVENUE = "ឃុំ ចំណូល"
STAFF = "ឃុំ បុគ្គលិក"
HC_RESULTS = "មណ្ឌលសុខភាព លទ្ធផល"
PROJECTS = "ឃុំ គម្រោង"
HOURS = "ឃុំ ម៉ោងធ្វើការ"


@pytest.fixture
def demo():
    """The whole demo, as `make run` loads it."""
    load_demo_data()
    return get_user_model().objects


@pytest.fixture
def small():
    """The demo's places, providers and users, and four draft packages."""
    load_small_demo()
    return get_user_model().objects


def snapshot_of_everything():
    return (
        list(Package.objects.order_by("pk").values_list("pk", "version", "status")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("year", [2025, 2026])
def test_an_unchanged_workbook_changes_nothing(demo, year):
    ncdd = demo.get(username="ncdd")
    data = exported(year=year)
    before = snapshot_of_everything()
    plan = check(data, ncdd)
    assert messages(plan) == []
    assert plan.rows > 20
    assert plan.changed == 0 and plan.preview == []
    services.workbook_import(user=ncdd, plan=plan)
    assert snapshot_of_everything() == before


def test_a_changed_cell_becomes_a_draft_and_is_previewed(demo):
    ncdd = demo.get(username="ncdd")
    package = Package.objects.get(provider__code="C110401", year=2025)
    data = edited(
        exported(year=2025),
        [(REVENUE, "C110401", "revenue:own_source:planned", "៦.០០០.០០០")],
    )
    with translation.override("en"):
        plan = check(data, ncdd)
    assert messages(plan) == []
    assert plan.changed == 1
    [row] = plan.preview
    assert row["code"] == "C110401" and row["new"] == "6,000,000 riel"
    services.workbook_import(user=ncdd, plan=plan)
    package.refresh_from_db()
    assert package.status == Package.Status.DRAFT
    line = package.budget_lines.get(side="revenue", category="own_source")
    assert line.planned == 6_000_000
    # The rest of the section is as it was.
    assert package.budget_lines.get(category="csf_admin").planned == 102_000_000


@pytest.mark.parametrize(
    ("sheet", "code", "key", "value", "expected"),
    [
        (STAFF, "C110401", "councillor:female", "1.5", "whole number"),
        (STAFF, "C110401", "councillor:female", "many", "digits only"),
        (STAFF, "C110401", "councillor:female", "²", "digits only"),
        (STAFF, "C110401", "councillor:female", "9" * 5000, "too large"),
        (REVENUE, "C110401", "revenue:own_source:actual", -5, "negative"),
        (HC_RESULTS, "HC11040101", "hc-anc4:value", 150, "at most 100"),
        (HOURS, "C110401", "is_24_hour", "perhaps", "Yes or No"),
        (REVENUE, "C110401", "code", "C999999", "No provider has this code"),
        (REVENUE, "C110401", "code", "HC11040101", "not a Commune"),
        (STAFF, "C110401", "councillor:male", "=1+2", "formula"),
    ],
)
def test_one_bad_cell_imports_nothing_and_names_that_cell(
    small, sheet, code, key, value, expected
):
    ncdd = small.get(username="ncdd")
    good = (REVENUE, "C110401", "revenue:own_source:planned", 1)
    data = edited(exported(year=2025), [good, (sheet, code, key, value)])
    before = snapshot_of_everything()
    with translation.override("en"):
        plan = check(data, ncdd)
        found = messages(plan)
    assert len(found) == 1, found
    assert re.match(rf"Sheet «{sheet}», row \d+, column [A-Z]+ \(", found[0])
    assert expected in found[0]
    assert plan.changes == []
    with pytest.raises(ValidationError):
        services.workbook_import(user=ncdd, plan=plan)
    assert snapshot_of_everything() == before


def test_khmer_digits_are_read_and_errors_are_named_in_khmer(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2025),
        [
            (STAFF, "C110401", "councillor:female", "១២"),
            (STAFF, "C110401", "councillor:male", "១,៥"),
        ],
    )
    with translation.override("km"):
        [message] = messages(check(data, ncdd))
    assert re.search("ជួរដេកទី [០-៩]+", message) and "«១,៥»" in message
    assert "សន្លឹក" in message


def test_a_deleted_column_and_an_extra_column_are_refused(small):
    ncdd = small.get(username="ncdd")
    data = delete_column(exported(year=2025), STAFF, "councillor:male")
    data = edited(data, [(REVENUE, "C110401", "no-such-column", "12")])
    with translation.override("en"):
        found = messages(check(data, ncdd))
    assert any("«Councillors: Men» is missing" in m for m in found), found
    assert any("not part of the workbook" in m and "«12»" in m for m in found)


def test_a_decompression_bomb_is_refused_before_parsing(small):
    ncdd = small.get(username="ncdd")
    with translation.override("en"):
        [message] = messages(check(zip_bomb(900), ncdd))
    assert "unzips to far more than it weighs" in message


def test_a_change_to_a_provider_outside_the_uploaders_scope_is_refused(small):
    councillor = small.get(username="councillor")
    data = edited(
        exported(year=2025),
        [
            (REVENUE, "C110401", "revenue:own_source:planned", 1),
            (REVENUE, "C020801", "revenue:own_source:planned", 2),
        ],
    )
    with translation.override("en"):
        plan = check(data, councillor)
        found = messages(plan)
    # Krang Teh's own package is the councillor's; Chrab Veal's is not. The
    # other providers' rows travel unchanged in the district's workbook.
    assert len(found) == 1, found
    assert "You may not change this provider's data" in found[0]
    assert "«C020801»" in found[0]
    assert plan.changes == []


def test_a_reviewers_unchanged_province_export_imports_as_nothing(small):
    reviewer = small.get(username="reviewer")
    data = exported(year=2025, province="11")
    with translation.override("en"):
        plan = check(data, reviewer)
    assert plan.errors == [] and plan.changed == 0 and plan.rows > 0


def test_a_section_saved_on_the_portal_after_the_download_is_refused(small):
    ncdd = small.get(username="ncdd")
    data = exported(year=2025)
    package = Package.objects.get(provider__code="C110401", year=2025)
    services.package_section_save(
        package=package,
        user=ncdd,
        version=package.version,
        section_key="staff",
        rows=[{"category": "councillor", "female": 1, "male": 1}],
    )
    data = edited(data, [(STAFF, "C110401", "councillor:female", 4)])
    with translation.override("en"):
        [message] = messages(check(data, ncdd))
    assert "saved this section on the portal after this workbook" in message


def test_a_change_for_a_provider_without_a_package_starts_one_from_last_year(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2026),
        [(REVENUE, "C110401", "revenue:own_source:actual", 7)],
    )
    plan = check(data, ncdd)
    assert messages(plan) == []
    [package] = services.workbook_import(user=ncdd, plan=plan)
    assert package.year == 2026 and package.status == Package.Status.DRAFT
    own = package.budget_lines.get(category="own_source")
    assert own.actual == 7
    # Carried over from 2025 as "Start from last year's package" would.
    last = BudgetLine.objects.get(
        package__provider__code="C110401", package__year=2025, category="own_source"
    )
    assert own.planned == last.planned


def test_imported_drafts_are_submitted_in_one_action(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2025),
        [
            (REVENUE, "C110401", "revenue:own_source:planned", 1),
            (STAFF, "C020801", "councillor:female", 3),
        ],
    )
    packages = services.workbook_import(user=ncdd, plan=check(data, ncdd))
    refused = services.workbook_submit(user=ncdd, package_ids=[p.pk for p in packages])
    assert refused == {}
    statuses = set(
        Package.objects.filter(pk__in=[p.pk for p in packages]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {Package.Status.SUBMITTED}


def test_a_section_saved_between_the_check_and_the_import_refuses_it_all(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2025),
        [
            (REVENUE, "C110401", "revenue:own_source:planned", 11),
            (STAFF, "C020801", "councillor:female", 3),
        ],
    )
    plan = check(data, ncdd)
    package = Package.objects.get(provider__code="C020801", year=2025)
    services.package_section_save(
        package=package,
        user=ncdd,
        version=package.version,
        section_key="staff",
        rows=[{"category": "councillor", "female": 9, "male": 9}],
    )
    before = snapshot_of_everything()
    with pytest.raises(services.StaleEdit):
        services.workbook_import(user=ncdd, plan=plan)
    assert snapshot_of_everything() == before


def test_each_changed_package_is_audited_with_what_changed(small):
    ncdd = small.get(username="ncdd")
    data = edited(
        exported(year=2025),
        [(STAFF, "C110401", "councillor:female", 4)],
    )
    [package] = services.workbook_import(user=ncdd, plan=check(data, ncdd))
    entry = AuditEntry.objects.filter(action="i4c.package.import").get()
    assert entry.object_id == str(package.pk) and entry.user == ncdd
    assert entry.changes == {"staff|councillor|female": [2, 4]}
    assert package.section_versions["staff"]["by_id"] == ncdd.pk
