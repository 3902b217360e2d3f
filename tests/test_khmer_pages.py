"""Every kind of Khmer page, public and signed in, reads in Khmer.

The demo is loaded (the gazetteer `make run` loads, then `load_demo`), a few
things the demo leaves out are added as users would add them (a package waiting
for review, a scorecard being entered, a poster batch), and the pages are
crawled with Django's test client as a citizen and as each demo sign-in, from
the entry points of DESIGN's address table, following every Khmer link. The
HTML every poster kind, the booklet and the scoring sheet are printed from, and
two forms sent back with errors that carry numbers, are read the same way.

What a page may keep in Latin is defined in tests/khmer_text.py: codes and
other identifiers marked `translate="no"`, URLs, typed values, and a short list
of acronyms. Place names may also show their official romanisation (the
gazetteer's Latin name) after the Khmer one, and organisations their names.

A few English pages are read too: there, statuses and groups must read as
labels, not as the codes stored for them.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from communes.models import (
    Commune,
    Cycle,
    District,
    Organisation,
    Province,
    ServiceProvider,
    Village,
)
from i4c.models import Package
from i4c.tests.filling import submit_filled
from isaf.pdf import render_html
from printing import registry
from printing import services as printing_services
from scorecards import services as scorecard_services
from scorecards.models import JaapAction, Scorecard
from tests import khmer_text

# The tests read what the module's fixture stored; the mark makes pytest-django
# create the test database for it.
pytestmark = pytest.mark.django_db

SIGN_INS = ("councillor", "facilitator", "reviewer", "ncdd")
PUBLIC_SEEDS = [
    "/km/",
    "/km/communes/",
    "/km/communes/?q=ក្រង់តេះ",
    "/km/communes/?q=Krang",
    "/km/communes/110401/",
    "/km/communes/provinces/11/",
    "/km/communes/districts/1104/",
    "/km/about/",
    "/km/documents/",
    "/km/accounts/login/",
]
SIGNED_IN_SEEDS = [
    "/km/workspace/",
    "/km/workspace/i4c/",
    "/km/workspace/scorecards/",
    "/km/workspace/scorecards/new/",
    "/km/workspace/scorecards/meetings/new/",
    "/km/review/",
    "/km/dashboard/",
    "/km/dashboard/map/",
    "/km/dashboard/coverage/",
    "/km/printing/",
    "/km/accounts/password/change/",
]
# Pages that must be among those read, so that a broken link or seed cannot
# quietly shrink the crawl (one of each kind the issue names).
MUST_READ = {
    # Every poster kind, the booklet and the scoring sheet (see _posters_in_khmer).
    "/iNc.commune_aN/N/",
    "/iNc.provider_aN/N/",
    "/iNc.booklet_aN/N/",
    "/scorecards.sheet/N/",
    "/km/",
    "/km/communes/",
    "/km/communes/N/",
    "/km/communes/N/N/",
    "/km/providers/HCN/",
    "/km/providers/PSN/",
    "/km/scorecards/N/",
    "/km/documents/",
    "/km/about/",
    "/km/workspace/",
    "/km/workspace/iNc/N/",
    "/km/workspace/iNc/N/revenue/",
    "/km/review/",
    "/km/review/N/",
    "/km/dashboard/",
    "/km/workspace/scorecards/N/",
    "/km/workspace/scorecards/N/edit/",
    "/km/workspace/scorecards/N/indicators/",
    "/km/workspace/scorecards/N/votes/",
    "/km/workspace/scorecards/N/remarks/",
    "/km/printing/",
    "/km/printing/batches/N/",
    "/km/printing/jobs/N/",
}


def _add_what_the_demo_leaves_out() -> list[str]:
    """A package waiting for review, a scorecard being entered, a poster batch
    and a poster job: each adds pages the crawl must read. Returns their
    addresses, read as seeds."""
    users = get_user_model().objects
    councillor, facilitator, ncdd = (
        users.get(username=name) for name in ("councillor", "facilitator", "ncdd")
    )
    commune = ServiceProvider.objects.get(code="C110401")
    latest = Package.objects.filter(provider=commune).order_by("-year").first()
    year = latest.year + 1 if latest else datetime.date.today().year
    from i4c import services as i4c_services

    package = i4c_services.package_create(user=councillor, provider=commune, year=year)
    submit_filled(package, councillor)
    health_centre = ServiceProvider.objects.get(code="HC11040101")
    scorecard = scorecard_services.scorecard_create(
        user=facilitator,
        provider=health_centre,
        cycle=Cycle.objects.order_by("-year").first(),
        kind=Scorecard.Kind.COMMUNITY,
        group=Scorecard.Group.YOUTH,
        held_on=datetime.date.today(),
        village=Village.objects.filter(commune__code="110401").first(),
        attendance_female=12,
        attendance_male=9,
    )
    batch = printing_services.print_batch_request(
        user=ncdd, document="i4c.commune_a3", scope="district", code="1104", lang="km"
    )
    published = Package.objects.filter(provider=commune, status="published").first()
    job = printing_services.print_job_request(
        user=councillor,
        document="i4c.commune_a3",
        target=str(published.pk),
        lang="km",
    )
    entry = f"/km/workspace/scorecards/{scorecard.pk}"
    return [
        f"/km/review/{package.pk}/",
        f"{entry}/",
        f"{entry}/edit/",
        f"{entry}/indicators/",
        f"{entry}/votes/",
        f"{entry}/remarks/",
        f"{entry}/import/",
        f"/km/printing/batches/{batch.pk}/",
        f"/km/printing/jobs/{job.pk}/",
        # The year with published figures: national standards, with their units.
        f"/km/dashboard/?year={published.year}",
    ]


def added_scorecard(added: list[str]) -> str:
    """The scorecard being entered, from its address among the added seeds."""
    return next(a for a in added if a.endswith("/edit/")).split("/")[-3]


def _posters_in_khmer(*, scorecard_pk: str) -> dict[str, str]:
    """The HTML each kind of poster, booklet and sheet is printed from, in Khmer,
    for Pech Chreada's documents and the scorecard being entered."""
    posters = {}
    for document in registry.documents_all():
        targets = (
            document.targets("district", "1104") if document.targets else []
        ) or [scorecard_pk]
        for target in list(targets)[:2]:
            source = document.source(target, "km")
            html = render_html(
                template=source.template,
                context=source.context,
                lang="km",
                word_breaks=False,
            )
            posters[f"poster /{document.key}/{target}/"] = html
    return posters


def _refusals_in_khmer() -> dict[str, str]:
    """Forms sent back with their errors: messages that carry numbers."""
    users = get_user_model().objects
    refusals = {}
    client = Client(HTTP_ACCEPT_LANGUAGE="km")
    client.force_login(users.get(username="ncdd"))
    response = client.post(
        "/km/printing/",
        {
            "document": "i4c.commune_a3",
            "scope": "district",
            "code": "123456789",
            "lang": "km",
        },
    )
    refusals["ncdd POST /km/printing/"] = response.content.decode()
    client.force_login(users.get(username="councillor"))
    response = client.post(
        "/km/accounts/password/change/",
        {"old_password": "isaf-demo", "new_password1": "5", "new_password2": "5"},
    )
    refusals["councillor POST /km/accounts/password/change/"] = (
        response.content.decode()
    )
    return refusals


def _english_pages(added: list[str]) -> dict[str, str]:
    """The pages that list statuses and groups, in English."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(username="facilitator"))
    published = Scorecard.objects.filter(status="published").first()
    addresses = [
        "/en/communes/110401/",
        f"/en/scorecards/{published.pk}/",
        "/en/workspace/scorecards/",
        "/en/workspace/i4c/",
    ]
    return {a: client.get(a).content.decode() for a in addresses}


def _read(client):
    def get(path):
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        html = response.content.decode() if "text/html" in content_type else ""
        return response.status_code, content_type, html

    return get


@pytest.fixture(scope="module")
def khmer_pages(django_db_setup, django_db_blocker):
    """{path: html} of every Khmer page read, and the places' Latin names.

    Everything happens in one transaction rolled back at the end, so the demo
    does not leak into other tests.
    """
    pages = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_gazetteer", verbosity=0)
        call_command("load_demo", verbosity=0)
        added = _add_what_the_demo_leaves_out()
        visitors = [(None, PUBLIC_SEEDS)] + [
            (name, PUBLIC_SEEDS[:1] + SIGNED_IN_SEEDS + added) for name in SIGN_INS
        ]
        for username, seeds in visitors:
            client = Client(HTTP_ACCEPT_LANGUAGE="km")
            if username:
                client.force_login(get_user_model().objects.get(username=username))
            for path, html in khmer_text.crawl(_read(client), seeds):
                pages[f"{username or 'citizen'} {path}"] = html
        pages.update(_posters_in_khmer(scorecard_pk=added_scorecard(added)))
        pages.update(_refusals_in_khmer())
        english = _english_pages(added)
        latin_names = set()
        for model in (Province, District, Commune, Village):
            latin_names.update(model.objects.values_list("name_latin", flat=True))
        for organisation in Organisation.objects.all():
            latin_names.update({organisation.name, organisation.acronym})
        transaction.set_rollback(True)
    return pages, khmer_text.proper_names(latin_names), english


def _report(found: dict[str, list[str]]) -> str:
    """Each offending text once, with the pages (kinds) it was seen on."""
    where: dict[str, set[str]] = {}
    for key, texts in found.items():
        who, path = key.split(" ", 1)
        for text in texts:
            where.setdefault(text, set()).add(f"{who} {khmer_text.page_kind(path)}")
    lines = [
        f"{text!r}: {', '.join(sorted(kinds)[:4])}" for text, kinds in where.items()
    ]
    return f"{len(lines)} texts:\n" + "\n".join(sorted(lines)[:200])


def test_the_crawl_reads_every_kind_of_page(khmer_pages):
    pages, _names, _english = khmer_pages
    kinds = {khmer_text.page_kind(key.split()[1].split("?")[0]) for key in pages}
    assert MUST_READ - kinds == set(), sorted(kinds)


def test_khmer_pages_show_no_latin_digit_outside_codes_and_urls(khmer_pages):
    pages, names, _english = khmer_pages
    found = {
        key: texts
        for key, html in pages.items()
        if (texts := khmer_text.latin_digits(html, names=names))
    }
    assert not found, _report(found)


def test_khmer_pages_leave_no_english_word(khmer_pages):
    pages, latin_names, _english = khmer_pages
    found = {
        key: words
        for key, html in pages.items()
        if (words := khmer_text.english_words(html, names=latin_names))
    }
    assert not found, _report(found)


def test_refused_forms_are_among_the_pages_read(khmer_pages):
    """The refusals read above did refuse, with their numbers (checked for Latin
    digits with every other page)."""
    pages, _names, _english = khmer_pages
    password = pages["councillor POST /km/accounts/password/change/"]
    assert "យ៉ាងតិច ១០ តួអក្សរ" in password
    assert "errorlist" in pages["ncdd POST /km/printing/"]


def test_english_pages_show_labels_not_codes(khmer_pages):
    """A status or a group on an English page reads as a label («Ongoing»,
    «Women»), never as the stored code («ongoing», «not_started»)."""
    _pages, _names, english = khmer_pages
    codes = {
        code
        for model in (Scorecard, JaapAction, Package)
        for field in model._meta.get_fields()
        for code, _label in getattr(field, "choices", None) or ()
        if isinstance(code, str)
    }
    found = {}
    for address, html in english.items():
        # The page is English: read it as the checks read a Khmer one.
        texts = khmer_text.visible_text(html.replace('lang="en"', 'lang="km"'))
        if shown := sorted({text for text in texts if text in codes}):
            found[address] = shown
    assert found == {}
