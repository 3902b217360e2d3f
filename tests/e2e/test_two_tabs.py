"""Two tabs of one councillor edit one package section, in Chromium.

The first tab saves own-source revenue; the second, opened before that save,
changes the CSF administration line. Its save is refused with the merge view:
the second tab's figure is kept, the first tab's figure is merged in, and saving
the merge keeps both. Then two different sections saved from two tabs are both
saved at once.
"""

import pytest

from i4c.models import BudgetLine
from i4c.tests.factories import PackageFactory, councillor_for

from .conftest import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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
    assert first.url == base and second.url == base
    lines = {line.category: line for line in BudgetLine.objects.all()}
    assert lines["other_transfers"].planned == 5
    assert lines["personnel"].planned == 9
