"""Who may use each route: the permission matrix's one table.

To declare a new route, add its URL name to ROUTES (an unnamed route: its
pattern as the matrix prints it), saying who gets past its permission checks
by GET and by POST, and which records of world.Side fill its arguments:

    "scorecards:evidence": Route(get=FIELDWORK, kwargs={"pk": "follow_up"}),

The rules (rules.py) name roles relative to the record: COUNCILLOR, FACILITATOR
and REVIEWER are those of the record's commune, district and province. A record
the world lacks goes in world.py, on both sides. Django admin routes are
declared by pattern in ADMIN_GROUPS (first match wins).

A private file's address (evidence, an upload) is declared the same way: give
each side a stored file in world.py (as `follow_up` has its evidence) and say
who may read it, e.g. Route(get=FIELDWORK | REVIEWERS, kwargs={"name": ...}),
so that everyone else, anonymous first, must get 403 or 404. A route that is
a redirect for everyone says so with `why`.
"""

from __future__ import annotations

import re

from .rules import (
    ADMIN,
    COUNCILLOR,
    FACILITATOR,
    FIELDWORK,
    NOBODY,
    PUBLIC,
    REVIEWERS,
    SIGNED_IN,
    STAFF,
    WORKSPACE,
    Route,
)

# Who reads a scorecard in the workspace: those who record it and reviewers.
SCORECARD_READERS = FACILITATOR | REVIEWERS
# Who may start fieldwork anywhere in their scope (no record yet).
RECORDS_FIELDWORK = FACILITATOR | STAFF
COMMUNE = {"code": "commune"}
BOARD = {"code": "commune", "year": "board_year"}
# A year whose packages are a draft (the commune's) and a submission (the
# health centre's): nothing of it is anyone's to read on a public address.
DRAFT_YEAR = {"code": "commune", "year": "draft_year"}
PROVIDER = {"code": "health_centre"}
PROVIDER_YEAR = {"code": "health_centre", "year": "board_year"}


def public(**kwargs) -> Route:
    """A public page served from storage to anonymous readers."""
    return Route(get=PUBLIC, stored=True, **kwargs)


def unpublished(**kwargs) -> Route:
    """The same public address for a record not published: nobody's."""
    return Route(get=NOBODY, **kwargs)


ROUTES: dict[str, Route] = {
    "/": Route(get=PUBLIC, post=PUBLIC, why="a redirect to /km/"),
    "healthz": Route(get=PUBLIC, scoped=False),
    "telegram-webhook": Route(
        get=NOBODY,
        post=PUBLIC,
        kwargs={"secret": "telegram_secret"},
        scoped=False,
        why="Telegram's secret path is the credential",
        also=(Route(get=NOBODY, kwargs={"secret": "commune"}, scoped=False),),
    ),
    # Portal, pages and help.
    "home": Route(get=PUBLIC),
    "workspace": Route(get=SIGNED_IN),
    "pages:about": Route(get=PUBLIC),
    "pages:documents": Route(get=PUBLIC),
    "help:index": Route(get=PUBLIC),
    "help:guide": Route(get=PUBLIC, kwargs={"role": "guide"}, scoped=False),
    "help:guide-pdf": Route(get=PUBLIC, kwargs={"role": "guide"}, scoped=False),
    "commune-page": public(kwargs=COMMUNE),
    # Accounts.
    "accounts:login": Route(get=PUBLIC, post=PUBLIC),
    "accounts:logout": Route(get=NOBODY, post=PUBLIC),
    "accounts:password_change": Route(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:password_change_done": Route(get=SIGNED_IN),
    "accounts:password_reset": Route(get=PUBLIC, post=PUBLIC),
    "accounts:password_reset_done": Route(get=PUBLIC),
    "accounts:password_reset_confirm": Route(
        get=PUBLIC,
        post=PUBLIC,
        kwargs={"uidb64": "uidb64", "token": "token"},
        scoped=False,
        why="the one-time link is the credential",
    ),
    "accounts:password_reset_complete": Route(get=PUBLIC),
    "accounts:workspace": Route(get=PUBLIC, why="a redirect to the workspace"),
    # Gazetteer.
    "communes:finder": Route(get=PUBLIC),
    "communes:province": Route(get=PUBLIC, kwargs={"code": "province"}),
    "communes:district": Route(get=PUBLIC, kwargs={"code": "district"}),
    # Its address is the commune page's (commune-page comes first).
    "communes:detail": public(kwargs=COMMUNE),
    # I4C: public boards, open data, posters.
    "i4c:commune-board": public(kwargs=BOARD, also=(unpublished(kwargs=DRAFT_YEAR),)),
    "i4c:commune-board-version": public(kwargs={**BOARD, "number": "version"}),
    "i4c:commune-csv": public(kwargs=BOARD, also=(unpublished(kwargs=DRAFT_YEAR),)),
    "i4c:commune-json": public(kwargs=BOARD, also=(unpublished(kwargs=DRAFT_YEAR),)),
    "i4c:commune-pdf": Route(
        get=PUBLIC,
        kwargs={**BOARD, "name": "pdf_name"},
        also=(unpublished(kwargs={**DRAFT_YEAR, "name": "pdf_name"}),),
    ),
    "i4c:provider-board": public(kwargs=PROVIDER),
    "i4c:provider-board-year": public(
        kwargs=PROVIDER_YEAR,
        also=(unpublished(kwargs={"code": "health_centre", "year": "draft_year"}),),
    ),
    "i4c:provider-pdf": Route(
        get=PUBLIC,
        kwargs={**PROVIDER_YEAR, "name": "pdf_name"},
        also=(
            unpublished(
                kwargs={
                    "code": "health_centre",
                    "year": "draft_year",
                    "name": "pdf_name",
                }
            ),
        ),
    ),
    "i4c:national-csv": public(kwargs={"year": "national_year"}, scoped=False),
    # I4C: workspace, workbook and review.
    "i4c:workspace": Route(get=SIGNED_IN),
    "i4c:package-start": Route(get=NOBODY, post=SIGNED_IN),
    "i4c:workbook": Route(get=SIGNED_IN),
    # Anyone who authors a package downloads the workbook of their own scope.
    "i4c:workbook-download": Route(
        get=COUNCILLOR | FACILITATOR | STAFF, query="year={board_year}", scoped=False
    ),
    "i4c:workbook-upload": Route(get=NOBODY, post=SIGNED_IN),
    # An upload is its uploader's (the councillor of its side) alone.
    "i4c:workbook-job": Route(get=COUNCILLOR, kwargs={"pk": "workbook_job"}),
    "i4c:workbook-confirm": Route(
        get=NOBODY, post=COUNCILLOR, kwargs={"pk": "workbook_job"}
    ),
    "i4c:package-detail": Route(
        get=WORKSPACE,
        kwargs={"pk": "package"},
        # A health centre's package is not the councillor's to read.
        also=(Route(get=FACILITATOR | REVIEWERS, kwargs={"pk": "submitted_package"}),),
    ),
    "i4c:package-submit": Route(
        get=NOBODY, post=WORKSPACE, kwargs={"pk": "package"}, data={"version": "1"}
    ),
    "i4c:dissemination-create": Route(
        get=COUNCILLOR | FACILITATOR | STAFF,
        post=COUNCILLOR | FACILITATOR | STAFF,
        kwargs={"pk": "published_package"},
        also=(
            Route(
                get=FACILITATOR | STAFF,
                post=FACILITATOR | STAFF,
                kwargs={"pk": "hc_published_package"},
            ),
        ),
    ),
    "i4c:package-section": Route(
        get=WORKSPACE,
        post=WORKSPACE,
        kwargs={"pk": "package", "section": "section"},
        why="readers see the section read-only; the service refuses their save",
    ),
    "i4c:review-queue": Route(get=REVIEWERS),
    "i4c:review-detail": Route(
        get=REVIEWERS, post=REVIEWERS, kwargs={"pk": "submitted_package"}
    ),
    "i4c:workbook-export": Route(
        get=REVIEWERS,
        query="province={province}",
        refused_with=frozenset({400}),
        why="another province is not among the form's choices: 400, beside the field",
    ),
    # Scorecards: public results and clips.
    "scorecards:public": public(
        kwargs={"pk": "published_scorecard"},
        also=(unpublished(kwargs={"pk": "scorecard"}),),
    ),
    "scorecards:public-csv": public(
        kwargs={"pk": "published_scorecard"},
        also=(unpublished(kwargs={"pk": "scorecard"}),),
    ),
    "scorecards:clip": Route(
        get=SCORECARD_READERS,
        kwargs={"token": "draft_clip"},
        also=(Route(get=PUBLIC, kwargs={"token": "public_clip"}, scoped=False),),
    ),
    # Scorecards: entry and review.
    "scorecards:workspace": Route(get=SIGNED_IN),
    "scorecards:start": Route(get=RECORDS_FIELDWORK, post=RECORDS_FIELDWORK),
    "scorecards:voice-library": Route(get=RECORDS_FIELDWORK, post=RECORDS_FIELDWORK),
    "scorecards:overview": Route(get=SCORECARD_READERS, kwargs={"pk": "scorecard"}),
    **{
        f"scorecards:{name}": Route(
            get=FIELDWORK, post=FIELDWORK, kwargs={"pk": "scorecard"}
        )
        for name in ("edit", "indicators", "voice", "votes", "remarks", "import")
    },
    "scorecards:sheet": Route(get=FIELDWORK, kwargs={"pk": "scorecard"}),
    **{
        f"scorecards:{name}": Route(
            get=NOBODY, post=SCORECARD_READERS, kwargs={"pk": "scorecard"}
        )
        for name in ("submit", "publish", "return", "correct")
    },
    "scorecards:meeting-start": Route(get=RECORDS_FIELDWORK, post=RECORDS_FIELDWORK),
    "scorecards:meeting": Route(
        get=FIELDWORK, post=FIELDWORK, kwargs={"pk": "meeting"}
    ),
    "scorecards:action": Route(get=FIELDWORK, post=FIELDWORK, kwargs={"pk": "action"}),
    "scorecards:evidence": Route(get=FIELDWORK, kwargs={"pk": "follow_up"}),
    # Dashboards: reviewers and the secretariat, each for their provinces.
    **{
        f"dashboard:{name}": Route(get=REVIEWERS, query="province={province}")
        for name in ("home", "map", "coverage")
    },
    # Printing.
    "printing:batches": Route(get=STAFF, post=STAFF),
    "/{lang}/printing/batches/": Route(
        get=PUBLIC, post=PUBLIC, why="a redirect to /printing/"
    ),
    "printing:request": Route(
        get=NOBODY,
        post=WORKSPACE,
        data={
            "document": "i4c.commune_a3",
            "target": "{published_package}",
            "lang": "km",
        },
    ),
    "printing:job": Route(get=WORKSPACE, kwargs={"pk": "print_job"}),
    "printing:job-download": Route(get=WORKSPACE, kwargs={"pk": "print_job"}),
    "printing:batch": Route(get=STAFF, kwargs={"pk": "batch"}, scoped=False),
    "printing:batch-zip": Route(get=STAFF, kwargs={"pk": "batch"}, scoped=False),
    # Notifications: each signed-in user's own.
    "notifications:home": Route(get=SIGNED_IN, post=SIGNED_IN),
    "notifications:telegram-link": Route(get=NOBODY, post=SIGNED_IN),
    "notifications:telegram-unlink": Route(get=NOBODY, post=SIGNED_IN),
    # The field app: facilitators (any organisation: sync checks each record).
    "field:app": Route(get=FACILITATOR, scoped=False),
    "field:sw": Route(get=PUBLIC),
    "field:manifest": Route(get=PUBLIC),
    "field:reference": Route(get=FACILITATOR, scoped=False),
    "field:sync": Route(get=NOBODY, post=FACILITATOR, scoped=False),
}

# The Django admin, by pattern: staff (the superuser) only; its records belong
# to no side. Some models' rows change only through services: the admin shows
# them and refuses to add, change or delete them, even for the superuser.
VIEW_ONLY = (
    "isaf_auditentry|scorecards_(scorecard|scorecardversion|scorecardreturn"
    "|interfacemeeting|jaapaction|jaapfollowup)|notifications_(message|follow)"
    "|i4c_(package|publishedversion|disseminationevent)"
)
# The gazetteer comes from its loader: coordinates may be filled in, no more.
GAZETTEER = "communes_(province|district|commune|village)"
NO_ADD = r"axes_\w+|printing_printjob"
OBJECT = {"object_id": "admin_object"}


def staff(get=ADMIN, post=ADMIN, **fields) -> Route:
    return Route(get=get, post=post, scoped=False, **fields)


ADMIN_GROUPS: list[tuple[str, Route]] = [
    (r"admin:login", staff(PUBLIC, PUBLIC)),
    # Non-staff are sent to the admin's index, which sends them to sign in.
    (r"admin:logout", staff(NOBODY)),
    (r"admin:(index|password_change)", staff()),
    (r"admin:(password_change_done|jsi18n)", staff(post=NOBODY)),
    (
        r"admin:autocomplete",
        staff(
            post=NOBODY,
            query="app_label=communes&model_name=role&field_name=commune&term=1",
        ),
    ),
    # No model here has a public address: the superuser gets a 404 too.
    (
        r"admin:view_on_site",
        staff(NOBODY, NOBODY, kwargs={"content_type_id": "admin_type", **OBJECT}),
    ),
    (r"admin:app_list", staff(kwargs={"app_label": "admin_app"})),
    (rf"admin:({VIEW_ONLY}|{GAZETTEER}|{NO_ADD})_add", staff(NOBODY, NOBODY)),
    (rf"admin:({VIEW_ONLY}|{GAZETTEER})_delete", staff(NOBODY, NOBODY, kwargs=OBJECT)),
    (rf"admin:({VIEW_ONLY})_change", staff(post=NOBODY, kwargs=OBJECT)),
    (r"admin:auth_user_password_change", staff(kwargs={"id": "admin_object"})),
    (r"admin:\w+_(changelist|add)", staff()),
    (r"admin:\w+_(history|delete|change)", staff(kwargs=OBJECT)),
    # Each model's old address of a change page: a redirect to it, for staff.
    (r"/admin/\w+/\w+/<path:object_id>/", staff(kwargs=OBJECT)),
    (
        r"/admin/\(\?P<url>\.\*\)\$",
        staff(NOBODY, NOBODY, kwargs={"url": "unknown_path"}),
    ),
]


def declaration(key: str) -> Route | None:
    """The route's declaration, from the table or the first admin group it matches."""
    if key in ROUTES:
        return ROUTES[key]
    for pattern, route in ADMIN_GROUPS:
        if re.fullmatch(pattern, key):
            return route
    return None
