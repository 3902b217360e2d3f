"""The permission matrix's world: two communes far apart, their records, and one
signed-in client per role.

Commune A (110401, district 1104, province 11) is covered this cycle by the
"in" organisation; commune B (020801, district 0208, province 02) by the "out"
organisation, which covered A's district only last cycle. Each side has the
same records (a published board, a draft and a submitted package, a draft and
a published scorecard, a meeting with a JAAP action and evidence, a print job,
a workbook upload, a voice clip), so a route is tried on A's record (in scope
of the A-side roles) and on B's (out of their scope, in the B-side roles').

`side("A")` / `side("B")` map the fixture names that routes.py uses to the
values their URLs take; names that are not per side (a year, a guide, a batch)
are in both.
"""

from __future__ import annotations

import datetime
import io
from http.cookies import SimpleCookie

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from communes.models import Role, ServiceProvider
from communes.tests import factories as cf
from tests.upload_files import png

from .rules import ROLES

THIS_YEAR = datetime.date.today().year
BOARD_YEAR = THIS_YEAR - 1
TELEGRAM_SECRET = "matrix-webhook-secret"


class Side(dict):
    """One commune's records, by fixture name."""


def _places(code_province, code_district, code_commune):
    province = cf.ProvinceFactory(code=code_province)
    district = cf.DistrictFactory(code=code_district, province=province)
    commune = cf.CommuneFactory(code=code_commune, district=district)
    village = cf.VillageFactory(code=f"{code_commune}01", commune=commune)
    return province, district, commune, village


def _packages(commune, health_centre, admin, author, reviewer):
    from i4c.models import Package
    from i4c.tests.factories import PackageFactory
    from i4c.tests.helpers import full_commune_package, publish_directly

    published = full_commune_package(provider=admin, year=BOARD_YEAR)
    publish_directly(published)
    hc_published = PackageFactory(provider=health_centre, year=BOARD_YEAR)
    publish_directly(hc_published)
    draft = PackageFactory(provider=admin, year=THIS_YEAR)
    submitted = PackageFactory(
        provider=health_centre, year=THIS_YEAR, status=Package.Status.SUBMITTED
    )
    return published, hc_published, draft, submitted


def _scorecards(ns, tone):
    """A draft with an indicator written on the day (and its clip), and a
    published set, through the services as the facilitator and reviewer would."""
    from isaf.audio import opus_clip_from_upload
    from scorecards import services
    from scorecards.services import IndicatorChoice
    from scorecards.tests.conftest import build_published
    from scorecards.tests.steps import (
        choose_indicators,
        create,
        library_choices,
        send_back,
        set_votes,
        submit,
    )

    published = build_published(ns, indicators=2, groups=("women",))
    returned = create(ns, group="youth")
    choose_indicators(ns, returned, library_choices(1))
    set_votes(ns, returned, {i.pk: [0, 0, 1, 0, 0] for i in returned.indicators.all()})
    submit(ns, returned)
    send_back(ns, returned)
    draft = create(ns)
    choose_indicators(
        ns, draft, [*library_choices(1), IndicatorChoice(custom_name="Night bus")]
    )
    written = draft.indicators.get(library_indicator=None)
    clip = services.indicator_clip_record(
        indicator=written,
        user=ns.facilitator,
        recording=opus_clip_from_upload(io.BytesIO(tone)),
    )
    return draft, published[0], clip


def _jaap(ns):
    from scorecards import services
    from scorecards.tests.factories import InterfaceMeetingFactory, JaapActionFactory

    meeting = InterfaceMeetingFactory(commune=ns.commune, cycle=ns.cycle)
    action = JaapActionFactory(meeting=meeting, provider=ns.health_centre)
    follow_up = services.jaap_follow_up_add(
        action=action,
        user=ns.facilitator,
        checked_on=datetime.date.today(),
        status="ongoing",
        evidence=SimpleUploadedFile("latrines.png", png(), content_type="image/png"),
    )
    return meeting, action, follow_up


def _print_job(package, user):
    from printing.models import PrintJob

    name = f"print-matrix/{package.pk}.pdf"
    default_storage.save(name, ContentFile(b"%PDF-1.4 matrix"))
    return PrintJob.objects.create(
        document="i4c.commune_a3",
        target=str(package.pk),
        lang="km",
        requested_by=user,
        status=PrintJob.Status.DONE,
        file=name,
        filename="poster.pdf",
    )


def _workbook_job(user):
    from i4c.models import WorkbookImport

    return WorkbookImport.objects.create(
        user=user, filename="i4c.xlsx", status=WorkbookImport.Status.INVALID
    )


def _side(name, places, organisation, cycle, users, tone) -> Side:
    from types import SimpleNamespace

    province, district, commune, village = places
    admin = cf.provider(f"C{commune.code}", commune)
    health_centre = cf.provider(f"HC{commune.code}01", commune)
    ns = SimpleNamespace(
        cycle=cycle,
        commune=commune,
        village=village,
        health_centre=health_centre,
        facilitator=users[f"facilitator_{'in' if name == 'A' else 'out'}"],
        reviewer=users[f"reviewer_{'a' if name == 'A' else 'other'}"],
    )
    councillor = users[f"councillor_{name.lower()}"]
    published, hc_published, draft, submitted = _packages(
        commune, health_centre, admin, councillor, ns.reviewer
    )
    scorecard, published_scorecard, clip = _scorecards(ns, tone)
    meeting, action, follow_up = _jaap(ns)
    cf.CAFFactory(organisation=organisation, village=village)
    return Side(
        province=province.code,
        district=district.code,
        commune=commune.code,
        admin_provider=admin.code,
        health_centre=health_centre.code,
        board_year=BOARD_YEAR,
        draft_year=THIS_YEAR,
        version=1,
        published_package=published.pk,
        hc_published_package=hc_published.pk,
        package=draft.pk,
        section="revenue",
        submitted_package=submitted.pk,
        scorecard=scorecard.pk,
        published_scorecard=published_scorecard.pk,
        draft_clip=clip.token,
        meeting=meeting.pk,
        action=action.pk,
        follow_up=follow_up.pk,
        print_job=_print_job(published, councillor).pk,
        workbook_job=_workbook_job(councillor).pk,
    )


def _users(places_a, places_b, ngo_in, ngo_out):
    """One user per signed-in role (see rules.ROLES)."""
    scope = {
        "councillor_a": {"kind": Role.Kind.COUNCILLOR, "commune": places_a[2]},
        "councillor_b": {"kind": Role.Kind.COUNCILLOR, "commune": places_b[2]},
        "facilitator_in": {"kind": Role.Kind.FACILITATOR, "organisation": ngo_in},
        "facilitator_out": {"kind": Role.Kind.FACILITATOR, "organisation": ngo_out},
        "reviewer_a": {"kind": Role.Kind.REVIEWER, "province": places_a[0]},
        "reviewer_other": {"kind": Role.Kind.REVIEWER, "province": places_b[0]},
        "reviewer_national": {"kind": Role.Kind.REVIEWER},
        "secretariat": {"kind": Role.Kind.SECRETARIAT},
        "no_role": {},
        # The Django admin's user: staff and superuser, with no I-SAF role.
        "admin": {},
    }
    users = {}
    for role, spec in scope.items():
        fields = {"email": f"{role}@example.org"}
        if role == "admin":
            fields.update(is_staff=True, is_superuser=True)
        users[role] = cf.user_with_role(f"matrix-{role}", user_fields=fields, **spec)
    return users


def _common(users) -> dict:
    """Records that belong to no side: a guide, a batch, reset links, admin rows."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from notifications.models import Follow, Message
    from printing.models import PrintBatch

    user = users["no_role"]
    batch = PrintBatch.objects.create(
        document="i4c.commune_a3",
        scope=PrintBatch.Scope.DISTRICT,
        code="1104",
        lang="km",
        requested_by=users["secretariat"],
    )
    from printing.models import PrintJob

    default_storage.save("print-matrix/batch.pdf", ContentFile(b"%PDF-1.4 matrix"))
    PrintJob.objects.create(
        document="i4c.commune_a3",
        target="0",
        lang="km",
        batch=batch,
        status=PrintJob.Status.DONE,
        file="print-matrix/batch.pdf",
        filename="batch.pdf",
    )
    Group.objects.create(name="matrix")
    AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", failures_since_start=1
    )
    AccessLog.objects.create(username="x", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1")
    Message.objects.create(
        user=user,
        channel="email",
        event="matrix",
        subject="s",
        body="b",
        dedupe_key="matrix",
    )
    Follow.objects.create(chat_id="1", commune_id="110401")
    return {
        "guide": "citizen",
        "national_year": BOARD_YEAR,
        "batch": batch.pk,
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "telegram_secret": TELEGRAM_SECRET,
        "pdf_name": "poster-a3",
        "unknown_path": "matrix/unknown/",
    }


def _dissemination(side_a_package, facilitator):
    from communes.models import Village
    from i4c import services
    from i4c.models import Package

    package = Package.objects.get(pk=side_a_package)
    services.dissemination_event_create(
        package=package,
        user=facilitator,
        village=Village.objects.filter(commune=package.provider.commune_id).first(),
        held_on=datetime.date.today(),
        attendance_female=3,
        attendance_male=2,
    )


def _clients(users) -> dict[str, Client]:
    """A test client per role, signed in once; `reset()` puts back its cookies
    before each request, so that a sign-out or a message never carries over."""
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(users[role])
        client.saved_cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
        clients[role] = client
    return clients


def reset(client: Client) -> None:
    client.cookies = SimpleCookie()
    for key, morsel in client.saved_cookies.items():
        client.cookies[key] = morsel.value


class World:
    def __init__(self, sides: dict[str, Side], users, clients):
        self.sides = sides
        self.users = users
        self.clients = clients


def world_build() -> World:
    from isaf.audio import opus_clip_from_upload, tone_clip
    from scorecards import services as scorecard_services

    cycle = cf.CycleFactory(year=THIS_YEAR)
    last_cycle = cf.CycleFactory(year=THIS_YEAR - 1)
    places_a = _places("11", "1104", "110401")
    places_b = _places("02", "0208", "020801")
    ngo_in = cf.OrganisationFactory()
    ngo_out = cf.OrganisationFactory()
    cf.CoverageFactory(organisation=ngo_in, district=places_a[1], cycle=cycle)
    cf.CoverageFactory(organisation=ngo_out, district=places_b[1], cycle=cycle)
    # Coverage of another cycle opens nothing this cycle.
    cf.CoverageFactory(organisation=ngo_out, district=places_a[1], cycle=last_cycle)
    users = _users(places_a, places_b, ngo_in, ngo_out)
    tone = tone_clip(seconds=1.0)
    common = _common(users)
    sides = {}
    for name, places, ngo in (("A", places_a, ngo_in), ("B", places_b, ngo_out)):
        sides[name] = Side({**common, **_side(name, places, ngo, cycle, users, tone)})
    _dissemination(sides["A"]["published_package"], users["facilitator_in"])
    scorecard_services.scale_clip_record(
        level=1,
        user=users["secretariat"],
        recording=opus_clip_from_upload(io.BytesIO(tone)),
    )
    from scorecards.models import Clip

    public_clip = Clip.objects.get(scale_level=1).token
    for side in sides.values():
        side["public_clip"] = public_clip
    assert ServiceProvider.objects.filter(code__startswith="HC").count() >= 2
    return World(sides, users, _clients(users))
