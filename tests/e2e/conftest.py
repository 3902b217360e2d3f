"""Browser fixtures for the journeys in tests/e2e: Debian's Chromium, by Playwright.

Use them from any journey test:

    @pytest.mark.e2e
    @pytest.mark.django_db(transaction=True)
    def test_something(page, live_server):
        login(page, live_server, "councillor")          # a user that exists
        page.goto(f"{live_server.url}/km/workspace/")

`browser` is started once per run; `page` is a fresh context (no cookies) at phone
width, in Khmer, for each test. `screenshot(page, name)` keeps a picture when
E2E_SCREENSHOTS names a directory, for a person to look at (never in the repository).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses database
# calls from a thread with a running loop unless told that this is safe, which it
# is here: the test and the live server use their own connections.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
# The password factories give users (communes/tests/factories.py UserFactory).
FACTORY_PASSWORD = "a-long-test-password"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make install-test` installs chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A new page in a clean context: phone width, Khmer preferred."""
    context = browser.new_context(
        viewport=PHONE, locale="km-KH", extra_http_headers={"Accept-Language": "km"}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def login(page, live_server, username, password=FACTORY_PASSWORD, *, language="km"):
    """Sign in through the real form; fails the test if the sign-in is refused."""
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"
    return page


def screenshot(page, name: str) -> Path | None:
    """Save a full-page picture under $E2E_SCREENSHOTS, if set."""
    directory = os.environ.get("E2E_SCREENSHOTS")
    if not directory:
        return None
    path = Path(directory) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def page_fits_its_width(page) -> bool:
    """Whether nothing sticks out sideways (mobile first: no horizontal scroll)."""
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
