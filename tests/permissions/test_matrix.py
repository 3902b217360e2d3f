"""The permission matrix: every route of the URL resolver, as every role, by GET
and by POST, on a record in the role's scope and on one outside it.

A leak is a role outside a route's rule that gets a 2xx answer, a redirect to
anything but a sign-in page, or whose request writes a row. A role inside the
rule must not be refused (403, 404, 405, or sent to sign in), which shows that
the records filling the address are real. Nobody gets a 5xx. Anonymous readers
of public pages are answered from the stored pages, as in production.

Declaring a new route: add it to ROUTES in tests/permissions/routes.py (its
URL name, or its pattern if unnamed, as the failure message prints it), with
`get` and `post` rules from rules.py (PUBLIC, SIGNED_IN, WORKSPACE, FIELDWORK,
REVIEWERS, STAFF, COUNCILLOR | FACILITATOR ..., NOBODY) and `kwargs` naming
the records of world.py that fill its arguments (add a record there, on both
sides, if the route shows something new). A route in the resolver that is not
declared fails `test_every_route_is_declared` and its own matrix test; a
declaration whose route is gone fails too. Run:

    pytest tests/permissions -q
"""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests import quality

from . import routes as table
from .resolver import routes
from .runner import attempts, finish, fixture_values, judge
from .world import TELEGRAM_SECRET, world_build

RESOLVED = routes()
BY_KEY = {route.key: route for route in RESOLVED}
HOW_TO_DECLARE = (
    "Declare it in tests/permissions/routes.py: ROUTES[{key!r}] = Route(get=..., "
    "post=..., kwargs={{argument: fixture}}) (see the module's docstring)."
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module in a transaction rolled back at its
    end; each test's `db` is a savepoint inside it."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = world_build()
            _store_public_pages(built)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _store_public_pages(world) -> None:
    """Read every public page and PDF once, anonymously, as the first reader
    after a publish does: the matrix's anonymous readers then get stored copies."""
    reader = Client()
    for resolved in RESOLVED:
        route = table.declaration(resolved.key)
        if route is None or not (route.stored or resolved.key.endswith("pdf")):
            continue
        for side in world.sides.values():
            response = reader.get(
                resolved.address(fixture_values(resolved.key, route, side))
            )
            assert response.status_code == 200, (resolved.key, response.status_code)
            finish(response)


def test_every_route_is_declared():
    missing = [key for key in BY_KEY if table.declaration(key) is None]
    assert not missing, "\n".join(HOW_TO_DECLARE.format(key=key) for key in missing)
    quality.record("matrix.routes", len(RESOLVED))


def test_every_declaration_names_a_route():
    gone = [key for key in table.ROUTES if key not in BY_KEY]
    assert not gone, f"declared but not in the URL resolver: {gone}"
    unused = [
        pattern
        for pattern, _route in table.ADMIN_GROUPS
        if not any(re.fullmatch(pattern, key) for key in BY_KEY)
    ]
    assert not unused, f"admin groups that match no route: {unused}"


def test_the_world_has_a_row_for_every_admin_page(world, db):
    from django.contrib import admin

    empty = [
        model._meta.label
        for model in admin.site._registry
        if not model._default_manager.exists()
    ]
    assert not empty


@pytest.mark.parametrize("key", list(BY_KEY))
def test_route_answers_only_the_roles_it_declares(key, world, db):
    route = table.declaration(key)
    assert route is not None, HOW_TO_DECLARE.format(key=key)
    problems, tried, leaks = [], 0, 0
    for attempt, allowed, case in attempts(world, BY_KEY[key], route):
        tried += 1
        verdict = judge(attempt, allowed, case)
        if verdict is not None:
            kind, why = verdict
            leaks += kind == "leak"
            problems.append(f"{kind}: {attempt.describe()}: {why}")
    quality.record("matrix.requests", tried)
    quality.record("matrix.leaks", leaks)
    assert tried > 0
    assert not problems, "\n".join(problems)
