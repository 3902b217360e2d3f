"""The I4C journey of issue 3, in Chromium.

A councillor enters a revenue line, saves a draft and submits; the reviewer
returns it with a comment; the councillor sees the comment, fixes the line and
submits again; the reviewer publishes; a citizen reads the new figure on the
commune's board in Khmer digits with ៛, and in Latin digits in English.

The pages are found by their addresses and forms, not by their words, so that
the journey does not depend on which translations are compiled.
"""

import pytest
from django.utils import timezone

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    page_fits_its_width,
    screenshot,
)

pytestmark = JOURNEY

KRANG_TEH = "110401"
KRANG_TEH_KM = "ក្រង់តេះ"


@pytest.fixture
def demo_data():
    load_demo_data("i4c")


def set_own_source_actual(page, base, package_url, amount):
    page.goto(f"{base}{package_url}revenue/")
    # The third fixed row is own-source revenue (see i4c.sections).
    assert page.input_value("input[name='rows-2-category']") == "own_source"
    page.fill("input[name='rows-2-actual']", amount)
    page.click("form:has(input[name=version]) button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(package_url), "the draft was not saved"


def submit_package(page):
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_load_state()


def open_submission(page, base):
    page.goto(f"{base}/km/review/")
    page.click(f"a[href*='/review/']:has-text('{KRANG_TEH_KM}')")
    page.wait_for_load_state()


def test_councillor_reviewer_and_citizen_journey(live_server, demo_data, browser):
    base = live_server.url
    year = timezone.localdate().year

    # 1. The councillor starts this year's package from last year's, enters
    #    own-source revenue in Khmer digits, saves a draft and submits.
    councillor = login(new_page(browser), live_server, "councillor", DEMO_PASSWORD)
    councillor.goto(f"{base}/km/workspace/i4c/")
    councillor.select_option("select[name=provider]", index=1)
    # The years that make sense (this fiscal year and the next) are offered.
    councillor.select_option("select[name=year]", str(year))
    councillor.check("input[name=copy_previous]")
    councillor.click("form[action$='/workspace/i4c/start/'] button[type=submit]")
    councillor.wait_for_load_state()
    package_url = councillor.url.split(base, 1)[1]
    assert package_url.startswith("/km/workspace/i4c/")
    set_own_source_actual(councillor, base, package_url, "៧.៥០០.០០០")
    screenshot(councillor, "i4c-1-draft-saved")
    submit_package(councillor)

    # 2. The reviewer returns it with a comment; the changes since the last
    #    published version are on the review page.
    reviewer = login(new_page(browser), live_server, "reviewer", DEMO_PASSWORD)
    open_submission(reviewer, base)
    assert "៧.៥០០.០០០៛" in reviewer.content()
    screenshot(reviewer, "i4c-2-review")
    reviewer.fill(
        "textarea[name='return-comment']",
        "Own-source revenue: use the total of the receipts.",
    )
    reviewer.click("form:has(input[name=action][value=return]) button[type=submit]")
    reviewer.wait_for_load_state()

    # The councillor sees the comment, fixes the line and submits again.
    councillor.goto(f"{base}{package_url}")
    assert "total of the receipts" in councillor.inner_text("#review-comment")
    set_own_source_actual(councillor, base, package_url, "7,812,000")
    submit_package(councillor)

    # 3. The reviewer publishes.
    open_submission(reviewer, base)
    reviewer.click("form:has(input[name=action][value=publish]) button[type=submit]")
    reviewer.wait_for_load_state()

    # 4. A citizen reads the new figure on the commune's board: the year's own
    #    address, and the commune's address, which shows the latest year.
    citizen = new_page(browser)
    for path in (f"communes/{KRANG_TEH}/{year}/", f"communes/{KRANG_TEH}/"):
        citizen.goto(f"{base}/km/{path}")
        khmer = citizen.content()
        assert "៧.៨១២.០០០៛" in khmer, path
        assert "7,812,000" not in khmer, path
        assert "<svg" in khmer, path
        assert page_fits_its_width(citizen), path
        citizen.goto(f"{base}/en/{path}")
        english = citizen.content()
        assert "7,812,000 riel" in english, path
        assert "៧.៨១២.០០០" not in english, path
    screenshot(citizen, "i4c-4-board-en")
