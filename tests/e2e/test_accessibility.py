"""axe-core on every page kind, in Khmer and English, at 360 px and 1280 px.

The pages come from tests/e2e/a11y_pages.py, checked against the URL resolver: a
route that renders HTML and is neither opened here nor excluded with a reason
fails `test_every_route_is_swept_or_excluded_with_a_reason`.

axe-core comes from npm (package.json, pinned by package-lock.json; `make
install-test` runs `npm ci`). Every serious or critical violation fails the sweep,
named with the page, language, width, rule and the first elements it found, so
that the failure says what to mend. One browser context per person, one page in
it, each page loaded once per language and checked at both widths.
"""

from pathlib import Path

import pytest

from tests import quality

from . import a11y_pages
from .conftest import DEMO_PASSWORD, load_demo_data, login, new_page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1280)
LANGUAGES = ("km", "en")

# Rules whose every check is of minor or moderate impact cannot find anything
# serious or critical: they are left out, which saves about a fifth of the time.
RUN_AXE = """async () => {
  const impacts = rule => [...rule.any, ...rule.all, ...rule.none]
    .map(check => (axe._audit.checks[check.id || check] || {}).metadata?.impact);
  const mild = axe._audit.rules
    .filter(rule => impacts(rule).every(i => i === "minor" || i === "moderate"))
    .map(rule => rule.id);
  const result = await axe.run(document, {
    resultTypes: ["violations"],
    rules: Object.fromEntries(mild.map(id => [id, {enabled: false}])),
  });
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
      .map(n => n.target.join(" ")).join(" | ")}`);
}"""


def test_every_route_is_swept_or_excluded_with_a_reason():
    """A new page must join the sweep (or say why not) before it can ship."""
    ids = {
        "commune_draft": 1,
        "school_draft": 2,
        "waiting": 3,
        "published": 4,
        "public_scorecard": 5,
        "scorecard": 6,
        "meeting": 7,
        "action": 8,
        "workbook": 9,
        "batch": 10,
        "job": 11,
        "uid": "MQ",
        "token": "a-b",
        "year": 2026,
    }
    unlisted = a11y_pages.unlisted_routes(a11y_pages.pages(ids))
    assert not unlisted, (
        "Routes neither checked by axe nor excluded (tests/e2e/a11y_pages.py): "
        + ", ".join(sorted(unlisted))
    )
    stale = set(a11y_pages.EXCLUDED) - a11y_pages.routes()
    assert not stale, f"Excluded routes that no longer exist: {sorted(stale)}"


class Sweep:
    """One page, reused for many addresses; collects what axe finds."""

    def __init__(self, page, base):
        self.page, self.base = page, base
        self.checked, self.found = 0, []

    def url(self, path, language):
        return self.base + (path if path.startswith("/") else f"/{language}/{path}")

    def check(self, path, language):
        page = self.page
        if path.startswith("/"):
            page.set_extra_http_headers({"Accept-Language": language})
        page.goto(self.url(path, language))
        self.axe(f"{language} {path}")

    def axe(self, label):
        page = self.page
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 740})
            self.checked += 1
            self.found += [
                f"{label} at {width} px: {v}" for v in page.evaluate(RUN_AXE)
            ]


def _locked_out(sweep, live_server):
    """The page django-axes shows after too many wrong passwords (for a name that
    no one has, so that no other sign-in is paused)."""
    page = sweep.page
    for language in LANGUAGES:
        for _ in range(6):
            page.goto(f"{live_server.url}/{language}/accounts/login/")
            if page.locator("input[name=password]").count() == 0:
                break
            page.fill("input[name=username]", "nobody-at-all")
            page.fill("input[name=password]", "wrong")
            page.click("form:has(input[name=password]) button[type=submit]")
            if page.locator("#locked-title").count():
                break
        assert page.locator("#locked-title").count(), "no locked-out page"
        sweep.axe(f"{language} locked-out page")


def _fulfil_with(body):
    def fulfil(route, request):
        route.fulfill(status=500, body=body, content_type="text/html; charset=utf-8")

    return fulfil


def _server_error(sweep):
    """The 500 page, as Django renders it, served at an address of the live server
    (a real server error cannot be asked for)."""
    from django.test import RequestFactory
    from django.utils import translation
    from django.views.defaults import server_error

    page = sweep.page
    for language in LANGUAGES:
        with translation.override(language):
            body = server_error(RequestFactory().get(f"/{language}/")).content
        address = f"{sweep.base}/{language}/a11y-server-error/"
        page.route(address, _fulfil_with(body))
        page.goto(address)
        sweep.axe(f"{language} 500 page")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_page_has_a_serious_or_critical_axe_violation(live_server, browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make install-test` (npm ci).")
    load_demo_data("i4c", "scorecards")
    pages = a11y_pages.pages(a11y_pages.build_world())
    found, checked = [], 0
    for person, paths in pages.items():
        # axe is injected as an inline script, which the portal's own policy forbids.
        page = new_page(browser, bypass_csp=True)
        if person != "anonymous":
            login(page, live_server, person, DEMO_PASSWORD)
        sweep = Sweep(page, live_server.url)
        for path in paths:
            for language in LANGUAGES:
                sweep.check(path, language)
        if person == "anonymous":
            _server_error(sweep)
            _locked_out(sweep, live_server)
            # Lockout is by address too: the people signing in next share it.
            from axes.utils import reset

            reset()
        found += sweep.found
        checked += sweep.checked
        page.context.close()
    quality.record("axe.pages", checked)
    quality.record("axe.serious", len(found))
    assert checked >= 4 * sum(len(paths) for paths in pages.values())
    assert not found, "\n".join(found)
