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

# The marks of every journey: a browser test on the real, transactional database,
# with the migrated data restored when it starts (`pytestmark = JOURNEY`).
JOURNEY = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

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
# The password `load_demo` gives its sign-ins (councillor, reviewer, ncdd, ...).
DEMO_PASSWORD = "isaf-demo"


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


def new_page(browser, *, viewport=PHONE, **options):
    """A page in a new, clean context (no cookies): Khmer preferred, phone width
    unless told; `options` go to the context (e.g. accept_downloads=True)."""
    context = browser.new_context(
        viewport=viewport,
        locale="km-KH",
        extra_http_headers={"Accept-Language": "km"},
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def page(browser):
    """A new page in a clean context: phone width, Khmer preferred."""
    page = new_page(browser)
    yield page
    page.context.close()


def load_demo_data(*demos):
    """The real gazetteer, the demo's people and places, then `load_demo_<demo>`
    for each of `demos` (e.g. "i4c", "scorecards")."""
    from django.core.management import call_command

    call_command("load_gazetteer", verbosity=0)
    call_command("load_demo", verbosity=0)
    for demo in demos:
        call_command(f"load_demo_{demo}", verbosity=0)


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
