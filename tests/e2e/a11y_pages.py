"""Which pages the accessibility sweep opens, as whom, and which routes it leaves out.

The list is checked against the URL resolver (`unlisted_routes`): a new route that
renders HTML fails tests/e2e/test_accessibility.py until it has a page here, or an
exclusion with its reason. Paths are written without the language prefix; the
sweep opens each one in Khmer and in English. A path that starts with "/" (the
admin) has no prefix: its language comes from the browser's Accept-Language.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

KRANG_TEH = "110401"

# Routes (as the resolver spells them, without the language prefix) that render no
# page of their own, with the reason.
EXCLUDED = {
    "": "redirects to /km/",
    "healthz": "plain-text health check for the load balancer",
    "telegram/<str:secret>/": "Telegram's webhook: JSON, POST only",
    "help/<slug:role>.pdf": "a PDF",
    "accounts/logout/": "POST only; redirects home",
    "accounts/workspace/": "redirects to the workspace",
    "communes/<commune_code:code>/": "shadowed: the portal's commune page has it",
    "communes/<str:code>/<int:year>.csv": "open data file (CSV)",
    "communes/<str:code>/<int:year>.json": "open data file (JSON)",
    "communes/<str:code>/<int:year>/<slug:name>.pdf": "a PDF",
    "providers/<str:code>/<int:year>/<slug:name>.pdf": "a PDF",
    "open-data/i4c/<int:year>.csv": "open data file (CSV)",
    "workspace/i4c/start/": "POST only; redirects to the new package",
    "workspace/i4c/workbook/download/": "a spreadsheet",
    "workspace/i4c/workbook/upload/": "POST only; redirects to the job's page",
    "workspace/i4c/workbook/<int:pk>/confirm/": "POST only; redirects",
    "workspace/i4c/<int:pk>/submit/": "POST only; redirects to the package",
    "scorecards/<int:pk>.csv": "open data file (CSV)",
    "scorecards/clips/<uuid:token>.ogg": "an audio clip",
    "workspace/scorecards/<int:pk>/sheet.xlsx": "a spreadsheet",
    "workspace/scorecards/<int:pk>/submit/": "POST only; redirects",
    "workspace/scorecards/<int:pk>/publish/": "POST only; redirects",
    "workspace/scorecards/<int:pk>/return/": "POST only; redirects",
    "workspace/scorecards/<int:pk>/correct/": "POST only; redirects",
    "workspace/scorecards/follow-ups/<int:pk>/evidence": "an evidence file",
    "printing/batches/": "redirects to /printing/",
    "printing/request/": "POST only; redirects to the job",
    "printing/jobs/<int:pk>/download/": "a PDF",
    "printing/batches/<int:pk>/zip/": "a ZIP file",
    "notifications/telegram/link/": "POST only; redirects to Telegram",
    "notifications/telegram/unlink/": "POST only; redirects",
    "field/sw.js": "the field app's service worker (JavaScript)",
    "field/manifest.webmanifest": "the field app's manifest (JSON)",
    "field/reference.json": "the field app's reference data (JSON)",
    "field/sync/": "the field app's sync endpoint (JSON, POST)",
}
# The admin is Django's, with the portal's base_site.html: the pages checked below
# use every template it has (index, list, form); the rest are the same templates.
EXCLUDED_PREFIXES = {
    "admin/": "Django's admin: same templates as the admin pages checked"
}


def routes() -> set[str]:
    """Every route of the site, without the language prefix."""

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    with translation.override("km"):
        return {_unprefixed(route) for route in walk(get_resolver())}


def _unprefixed(route: str) -> str:
    return route.removeprefix("km/")


def route_of(path: str) -> str | None:
    """The route a page's path resolves to, or None for a missing page."""
    from django.urls import Resolver404

    address = path.split("?")[0]
    if not address.startswith("/"):
        address = "/km/" + address
    try:
        with translation.override("km"):
            return _unprefixed(resolve(address).route)
    except Resolver404:
        return None


def unlisted_routes(pages: dict[str, list[str]]) -> set[str]:
    """Routes neither opened by the sweep nor excluded with a reason."""
    checked = {route_of(path) for paths in pages.values() for path in paths}
    return {
        route
        for route in routes()
        if route not in checked
        and route not in EXCLUDED
        and not route.startswith(tuple(EXCLUDED_PREFIXES))
    }


def build_world():
    """On top of the demo data: drafts, a package and a scorecard waiting for
    review, a workbook import, a print job and batch, a reset link. Returns the ids
    the pages need."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from communes.models import Cycle, ServiceProvider
    from i4c import services as i4c_services
    from i4c.models import Package, WorkbookImport
    from i4c.tests.filling import submit_filled
    from printing.models import PrintBatch, PrintJob
    from scorecards.models import InterfaceMeeting, JaapAction, Scorecard
    from scorecards.tests import steps

    users = {u.username: u for u in get_user_model().objects.all()}
    provider = {p.code: p for p in ServiceProvider.objects.all()}
    cycle = Cycle.objects.order_by("-year")[0]
    year = (
        cycle.year + 1
        if Package.objects.filter(year=cycle.year).exists()
        else cycle.year
    )

    def draft(code, user):
        return i4c_services.package_create(
            user=users[user], provider=provider[code], year=year, copy_previous=True
        )

    commune_draft = draft("C" + KRANG_TEH, "councillor")
    school_draft = draft("PS11040101", "facilitator")
    waiting = draft("HC11040101", "facilitator")
    submit_filled(waiting, users["facilitator"])
    health_centre = provider["HC11040101"]
    world = SimpleNamespace(
        facilitator=users["facilitator"],
        health_centre=health_centre,
        cycle=cycle,
        village=health_centre.commune.villages.order_by("code")[0],
    )
    scorecard = steps.create(world, held_on=datetime.date(cycle.year, 3, 2))
    workbook = WorkbookImport.objects.create(
        user=users["councillor"],
        filename="i4c-2026.xlsx",
        status=WorkbookImport.Status.INVALID,
        errors=["Revenue!C7: not a number"],
    )
    batch = PrintBatch.objects.create(
        document="i4c.commune_a3",
        scope="province",
        code="11",
        lang="km",
        total=1,
        requested_by=users["ncdd"],
    )
    job = PrintJob.objects.create(
        document="i4c.commune_a3",
        target="1",
        lang="km",
        batch=batch,
        requested_by=users["ncdd"],
        status=PrintJob.Status.FAILED,
        error="The printer's paper ran out",
    )
    someone = users["councillor"]
    published = Package.objects.filter(
        provider__code="C" + KRANG_TEH, status="published"
    ).order_by("-year")[0]
    return {
        "commune_draft": commune_draft.pk,
        "school_draft": school_draft.pk,
        "waiting": waiting.pk,
        "published": published.pk,
        "public_scorecard": Scorecard.objects.filter(status="published")
        .order_by("pk")[0]
        .pk,
        "scorecard": scorecard.pk,
        "meeting": InterfaceMeeting.objects.order_by("pk")[0].pk,
        "action": JaapAction.objects.order_by("pk")[0].pk,
        "workbook": workbook.pk,
        "batch": batch.pk,
        "job": job.pk,
        "uid": urlsafe_base64_encode(force_bytes(someone.pk)),
        "token": default_token_generator.make_token(someone),
        "year": year,
    }


def pages(ids) -> dict[str, list[str]]:
    """The paths the sweep opens, by who opens them ("anonymous" or a demo user)."""
    i = SimpleNamespace(**ids)
    sections = ("revenue", "expenditure", "projects", "fees", "hours", "staff")
    return {
        "anonymous": [
            "",
            "about/",
            "documents/",
            "help/",
            "help/citizen/",
            "communes/",
            "communes/?q=krang",
            "communes/?q=qqqqzz",
            "communes/provinces/11/",
            "communes/districts/1104/",
            f"communes/{KRANG_TEH}/",
            f"communes/{KRANG_TEH}/2025/",
            f"communes/{KRANG_TEH}/2025/versions/1/",
            "providers/HC11040101/",
            "providers/PS11040101/2025/",
            f"scorecards/{i.public_scorecard}/",
            "accounts/login/",
            "accounts/password_reset/",
            "accounts/password_reset/done/",
            f"accounts/reset/{i.uid}/{i.token}/",
            "accounts/reset/done/",
            "no-such-page/",
        ],
        "councillor": [
            "workspace/",
            "workspace/i4c/",
            f"workspace/i4c/{i.commune_draft}/",
            *(f"workspace/i4c/{i.commune_draft}/{s}/" for s in sections),
            f"workspace/i4c/{i.published}/dissemination/",
            "workspace/i4c/workbook/",
            f"workspace/i4c/workbook/{i.workbook}/",
            "notifications/",
            "help/councillor/",
            "accounts/password/change/",
            "accounts/password/change/done/",
            # The review queue is for reviewers: a councillor is refused (403 page).
            "review/",
        ],
        "facilitator": [
            "workspace/",
            "workspace/scorecards/",
            "workspace/scorecards/new/",
            "workspace/scorecards/voice/",
            f"workspace/scorecards/{i.scorecard}/",
            f"workspace/scorecards/{i.scorecard}/edit/",
            f"workspace/scorecards/{i.scorecard}/indicators/",
            f"workspace/scorecards/{i.scorecard}/voice/",
            f"workspace/scorecards/{i.scorecard}/votes/",
            f"workspace/scorecards/{i.scorecard}/remarks/",
            f"workspace/scorecards/{i.scorecard}/import/",
            "workspace/scorecards/meetings/new/",
            f"workspace/scorecards/meetings/{i.meeting}/",
            f"workspace/scorecards/actions/{i.action}/",
            *(
                f"workspace/i4c/{i.school_draft}/{s}/"
                for s in ("enrolment", "facts", "performance")
            ),
            "field/",
        ],
        "reviewer": [
            "review/",
            f"review/{i.waiting}/",
            "review/workbook/",
            f"workspace/scorecards/{i.public_scorecard}/",
        ],
        "ncdd": [
            "dashboard/",
            "dashboard/?province=11",
            "dashboard/map/",
            "dashboard/coverage/",
            "printing/",
            f"printing/jobs/{i.job}/",
            f"printing/batches/{i.batch}/",
            "/admin/",
            "/admin/i4c/package/",
            f"/admin/i4c/package/{i.published}/change/",
            "/admin/communes/role/add/",
        ],
    }
