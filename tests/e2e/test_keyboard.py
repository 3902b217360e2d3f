"""Every form, filled and sent with the keyboard alone.

For each form the walk starts at the top of the page and presses Tab (only Tab)
until it reaches the form's button, typing into the fields it is told to fill on
the way (Space ticks a box or opens the file chooser), then presses Enter. Every
control that gets focus on the way must show it (an outline or a box shadow from
the computed style), no element may have a tabindex above 0 (focus follows the
page's order), and the form must answer: saved, or the error it should give.
The first Tab of each page lands on the "Skip to content" link, which moves the
focus to the main content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import a11y_pages
from .conftest import DEMO_PASSWORD, JOURNEY, load_demo_data, login, new_page

pytestmark = JOURNEY

MAX_TABS = 250
FOCUSED = """sel => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== "none";
  return {
    what: `${e.tagName.toLowerCase()}${e.name ? "[name=" + e.name + "]" : ""}`
      + `${e.id ? "#" + e.id : ""} ${(e.innerText || "").trim().slice(0, 30)}`,
    name: e.name || "", type: e.type || "", checked: !!e.checked,
    shown: outline || shadow, body: e === document.body, submit: e.matches(sel),
  };
}"""
POSITIVE_TABINDEX = (
    "[...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0)"
    ".map(e => e.outerHTML.slice(0, 80))"
)


@dataclass
class Form:
    person: str  # "anonymous" or a demo user
    path: str
    submit: str  # CSS selector of the button that sends the form
    values: dict = field(default_factory=dict)  # name -> text, True (tick), a Path
    answered: Callable = lambda page: True  # what the page shows once sent


def _skip_link_works(page, problems, where):
    if page.evaluate("document.activeElement !== document.body"):
        # A page that puts the focus in its first field (autofocus: sign-in,
        # reset) starts there; the skip link is still first in the order.
        if page.evaluate(
            "document.querySelector('a.skip-link') !== "
            "document.querySelector('a[href], button, input, select')"
        ):
            problems.append(f"{where}: the skip link is not the first control")
        return
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED, "a.skip-link")
    if not first["submit"]:
        problems.append(
            f"{where}: the first Tab goes to {first['what']}, not the skip link"
        )
        return
    box = page.locator("a.skip-link").bounding_box()
    if not first["shown"] or box is None or box["x"] < 0 or box["y"] < 0:
        problems.append(f"{where}: the skip link gets focus but is not seen")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "main":
        problems.append(
            f"{where}: the skip link does not move the focus to the content"
        )


def walk(page, base, form: Form, language="km"):
    """Tab through the page to the form's button, filling on the way; returns the
    problems seen."""
    problems = []
    where = f"{form.person} {form.path}"
    page.goto(f"{base}/{language}/{form.path}")
    problems += [
        f"{where}: tabindex > 0: {e}" for e in page.evaluate(POSITIVE_TABINDEX)
    ]
    _skip_link_works(page, problems, where)
    page.goto(f"{base}/{language}/{form.path}")
    wanted = dict(form.values)
    trail = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED, form.submit)
        trail.append(now["what"])
        if now["body"]:
            continue
        if not now["shown"]:
            problems.append(f"{where}: no visible focus on {now['what']}")
        if now["name"] in wanted:
            _fill(page, now, wanted.pop(now["name"]))
        if now["submit"] and not wanted:
            break
    else:
        return [
            *problems,
            f"{where}: Tab never reached {form.submit} ({wanted} unfilled); "
            f"focus went to: {' > '.join(trail[-12:])}",
        ]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if not form.answered(page):
        problems.append(f"{where}: no answer after sending the form ({page.url})")
    return problems


def _fill(page, focused, value):
    if value is True:
        if not focused["checked"]:
            page.keyboard.press("Space")
    elif hasattr(value, "read_bytes"):
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(str(value))
    else:
        page.keyboard.press("Control+a")
        page.keyboard.type(value)


def _shows(selector):
    return lambda page: page.locator(selector).count() > 0


def forms(ids, junk_workbook):
    saved = _shows(".message-success")
    return [
        Form(
            "anonymous",
            "communes/",
            "form[role=search] button[type=submit], form:has(input[name=q]) button",
            {"q": "krang"},
            _shows(f"a[href*='{a11y_pages.KRANG_TEH}']"),
        ),
        Form(
            "anonymous",
            "accounts/password_reset/",
            "form:has(input[name=email]) button[type=submit]",
            {"email": "someone@example.org"},
            lambda page: page.url.endswith("/password_reset/done/"),
        ),
        Form(
            "anonymous",
            "accounts/login/",
            "form:has(input[name=password]) button[type=submit]",
            {"username": "councillor", "password": DEMO_PASSWORD},
            lambda page: "/accounts/login/" not in page.url,
        ),
        Form(
            "councillor",
            f"workspace/i4c/{ids['commune_draft']}/revenue/",
            "form:has(input[name='rows-0-planned']) button[type=submit]",
            {"rows-0-planned": "1200"},
            saved,
        ),
        Form(
            "councillor",
            "workspace/i4c/workbook/",
            "form:has(input[name=file]) button[type=submit]",
            {"file": junk_workbook},
            lambda page: (
                re.search(r"/workbook/\d+/$", page.url)
                or page.locator(".errorlist").count() > 0
            ),
        ),
        Form(
            "councillor",
            "notifications/",
            "form:has(input[name=by_email]) button[type=submit]",
            {"by_email": True},
            saved,
        ),
        Form(
            "facilitator",
            f"workspace/scorecards/{ids['scorecard']}/edit/",
            "form.entry button[type=submit]",
            {"attendance_female": "12"},
            lambda page: "/edit/" not in page.url or saved(page),
        ),
        Form(
            "facilitator",
            f"workspace/scorecards/actions/{ids['action']}/",
            "button[name=save_action]",
            {"issue": "Waiting times"},
            saved,
        ),
        Form(
            "reviewer",
            f"review/{ids['waiting']}/",
            "form:has(input[value=return]) button[type=submit]",
            {"return-comment": "The staff figures are missing."},
            lambda page: (
                "/review/" in page.url and page.locator(".errorlist").count() == 0
            ),
        ),
    ]


def test_every_form_can_be_filled_and_sent_by_keyboard_alone(
    live_server, browser, tmp_path
):
    load_demo_data("i4c", "scorecards")
    ids = a11y_pages.build_world()
    junk = tmp_path / "not-a-workbook.xlsx"
    junk.write_bytes(b"this is not a spreadsheet")
    problems, pages = [], {}
    for form in forms(ids, junk):
        if form.person not in pages:
            pages[form.person] = new_page(
                browser, viewport={"width": 1280, "height": 800}
            )
            if form.person != "anonymous":
                login(pages[form.person], live_server, form.person, DEMO_PASSWORD)
        problems += walk(pages[form.person], live_server.url, form)
    for page in pages.values():
        page.context.close()
    assert not problems, "\n".join(problems)
