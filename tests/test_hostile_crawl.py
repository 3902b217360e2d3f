"""Every form a signed-in user can reach, filled with hostile input and sent.

The pages are found by following the links of the workspace, the dashboard and
the review queue as a councillor, a facilitator and the secretariat would, not
listed by hand: a form added later is tried too. Each form is sent three times,
every text box and number field filled alike: markup and 4,301 digits; an RTL
override with a NUL and «1e-5»; 100,000 characters and «NaN». None may answer
500, no page may show the markup unescaped, and the second and third sendings
must be refused (nothing of them is valid).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from communes.models import Role
from communes.tests import factories as cf
from i4c.tests.factories import PackageFactory
from scorecards.models import JaapAction
from scorecards.tests.conftest import build_published, media_in_tmp, world  # noqa: F401
from scorecards.tests.test_services import action_for, meeting_for
from tests import quality

pytestmark = pytest.mark.django_db

MARKUP = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
# (text, number): the first is valid markup, stored as text; the others are not.
SENDINGS = [
    (MARKUP, "9" * 4301),
    ("ក\u202e\x00ខ", "1e-5"),
    ("ក" * 100_000, "NaN"),
]
PAGES_PER_ROLE = 80
# Ends the session, or is a link for another purpose than a page with forms.
SKIP = ("/accounts/logout/", ".pdf", ".csv", ".json", ".xlsx", "/media/", "/static/")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            action = attrs.get("action") or ""
            self._form = {"action": action, "fields": [], "button": False}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                self._form["fields"].append((attrs["name"], kind, attrs))
        elif (
            tag in ("button", "input")
            and attrs.get("name")
            and not self._form["button"]
        ):
            # The first named button says which of a page's forms was sent.
            if (attrs.get("type") or "submit").lower() == "submit":
                self._form["button"] = True
                self._form["fields"].append((attrs["name"], "submit", attrs))
        elif tag == "textarea" and attrs.get("name"):
            self._form["fields"].append((attrs["name"], "textarea", attrs))
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form["fields"].append((attrs["name"], "select", {"value": ""}))
        elif tag == "option" and self._select and "selected" in attrs:
            self._form["fields"].append(
                (self._select, "select", {"value": attrs.get("value") or ""})
            )

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _filled(form: dict, text: str, number: str) -> dict:
    data: dict = {}
    for name, kind, attrs in form["fields"]:
        value = attrs.get("value") or ""
        if kind == "textarea" or (
            kind in ("text", "search") and "inputmode" not in attrs
        ):
            value = text
        elif kind == "text":
            value = number
        if kind == "select" and name in data and not value:
            continue
        data[name] = value
    return data


def _typed_fields(form: dict) -> int:
    return sum(
        kind in ("text", "search", "textarea") for _name, kind, _attrs in form["fields"]
    )


def _crawl(client: Client, starts: list[str]):
    seen, queue, found = set(), list(starts), []
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen or any(part in url for part in SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type"):
            continue
        page = _Page()
        page.feed(response.content.decode())
        for form in page.forms:
            found.append((url, form))
        for href in page.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if not parts.netloc and parts.path.startswith("/km/") and not parts.query:
                queue.append(parts.path)
    return seen, found


@pytest.fixture
def roles(world):  # noqa: F811 - the scorecards world fixture
    build_published(world)
    action_for(world, meeting_for(world))
    PackageFactory(provider=cf.provider("C110401", world.commune))
    secretariat = cf.user_with_role("sec", kind=Role.Kind.SECRETARIAT)
    return [world.councillor, world.facilitator, world.reviewer, secretariat]


def test_every_reachable_form_survives_hostile_input(roles):
    tried, errors, unescaped, accepted, forms_tried = 0, [], [], [], set()
    starts = ["/km/workspace/", "/km/dashboard/", "/km/review/", "/km/printing/"]
    for action in JaapAction.objects.all():
        starts.append(f"/km/workspace/scorecards/actions/{action.pk}/")
        starts.append(f"/km/workspace/scorecards/meetings/{action.meeting_id}/")
    for user in roles:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        _pages, found = _crawl(client, starts)
        for url, form in found:
            action = urljoin(url, form["action"]) if form["action"] else url
            if any(part in action for part in SKIP) or not _typed_fields(form):
                continue
            key = (user.username, action, tuple(n for n, _k, _a in form["fields"]))
            if key in forms_tried:
                continue
            forms_tried.add(key)
            for index, (text, number) in enumerate(SENDINGS):
                # Read again: an earlier sending may have changed the version.
                tried += 1
                response = client.post(action, _filled(form, text, number))
                status = response.status_code
                if status >= 500:
                    errors.append((action, index))
                body = response.content.decode(errors="replace")
                if "<script>alert(1)" in body or "<img src=x onerror" in body:
                    unescaped.append((action, index))
                if index and status in (301, 302, 303):
                    accepted.append((user.username, action, index))
    quality.record("hostile.tried", tried)
    quality.record("hostile.server_errors", len(errors))
    quality.record("hostile.accepted_wrongly", len(accepted) + len(unescaped))
    assert len(forms_tried) >= 8, forms_tried
    assert errors == []
    assert unescaped == []
    assert accepted == [], accepted
