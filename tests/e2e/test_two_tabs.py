"""Two tabs of one councillor edit one package section, in Chromium.

The first tab saves own-source revenue; the second, opened before that save,
changes the CSF administration line. Its save is refused with the merge view:
the second tab's figure is kept, the first tab's figure is merged in, and saving
the merge keeps both. Then two different sections saved from two tabs are both
saved at once.

Each stale save is a fault injected (README, Quality); a figure that either tab
typed and the database does not hold at the end is a row lost.
"""

import pytest

from i4c.models import BudgetLine
from i4c.tests.factories import PackageFactory, councillor_for
from tests import quality

from .conftest import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# What the tabs type, as (category, column): figure.
TYPED = {
    ("own_source", "actual"): 111_000,
    ("csf_admin", "planned"): 7_000,
    ("other_transfers", "planned"): 5,
    ("personnel", "planned"): 9,
}


def figures_lost(package) -> int:
    lines = {line.category: line for line in BudgetLine.objects.filter(package=package)}
    return sum(
        1
        for (category, column), figure in TYPED.items()
        if category not in lines or getattr(lines[category], column) != figure
    )


def save(page):
    page.click("form:has(input[name=version]) button[type=submit]")
    page.wait_for_load_state()


def test_a_stale_tab_saves_a_merge_that_keeps_both_tabs_figures(page, live_server):
    package = PackageFactory()
    user = councillor_for(package.provider.commune)
    login(page, live_server, user.get_username())
    base = f"{live_server.url}/en/workspace/i4c/{package.pk}/"
    first = page
    second = page.context.new_page()
    first.goto(f"{base}revenue/")
    second.goto(f"{base}revenue/")

    first.fill("input[name='rows-2-actual']", "111000")
    save(first)
    assert first.url == base

    second.fill("input[name='rows-0-planned']", "7,000")
    save(second)
    quality.record("faults.injected", 1)
    assert second.locator("#merge").is_visible()
    assert second.input_value("input[name='rows-0-planned']") == "7,000"
    assert second.input_value("input[name='rows-2-actual']") == "111,000"
    screenshot(second, "two-tabs-merge")
    save(second)
    assert second.url == base
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["own_source"].actual == 111_000
    assert lines["csf_admin"].planned == 7_000

    # Two sections, two tabs, both read before either saves: both are saved.
    first.goto(f"{base}revenue/")
    second.goto(f"{base}expenditure/")
    first.fill("input[name='rows-3-planned']", "5")
    second.fill("input[name='rows-0-planned']", "9")
    save(first)
    save(second)
    quality.record("faults.injected", 1)
    assert first.url == base and second.url == base
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["other_transfers"].planned == 5
    assert lines["personnel"].planned == 9
    lost = figures_lost(package)
    quality.record("faults.rows_lost", lost)
    assert lost == 0
