"""The matrix's own rules: what counts as a leak, and that a route nobody
declared is caught. (The matrix is test_matrix.py.)"""

import sys
import types

from django.http import HttpResponse
from django.urls import path

from isaf import urls as project_urls

from . import routes as table
from .resolver import routes
from .rules import COUNCILLOR, FACILITATOR, PUBLIC, SIGNED_IN, WORKSPACE, Route
from .runner import Attempt, judge


def attempt(status, *, role="councillor_b", method="GET", location="", wrote=0):
    return Attempt(
        key="i4c:package-detail",
        side="A",
        role=role,
        method=method,
        url="/km/workspace/i4c/1/",
        status=status,
        location=location,
        wrote=wrote,
        from_store=False,
    )


ROUTE = Route(get=WORKSPACE)


def test_a_refused_role_answered_200_is_a_leak():
    assert judge(attempt(200), False, ROUTE)[0] == "leak"


def test_a_refused_role_sent_anywhere_but_sign_in_is_a_leak():
    verdict = judge(attempt(302, location="/km/workspace/i4c/1/"), False, ROUTE)
    assert verdict[0] == "leak"


def test_a_refused_role_sent_to_sign_in_or_answered_404_is_refused():
    to_sign_in = attempt(302, location="/km/accounts/login/?next=/km/x/")
    assert judge(to_sign_in, False, ROUTE) is None
    assert judge(attempt(404), False, ROUTE) is None


def test_a_refused_post_that_wrote_a_row_is_a_leak_even_when_answered_403():
    verdict = judge(attempt(403, method="POST", wrote=1), False, ROUTE)
    assert verdict == ("leak", "a refused request wrote 1 rows")


def test_an_allowed_role_that_is_refused_fails_the_declaration():
    assert judge(attempt(404, role="councillor_a"), True, ROUTE)[0] == "refused"


def test_a_server_error_fails_whoever_asked():
    assert judge(attempt(500, role="councillor_a"), True, ROUTE)[0] == "error"
    assert judge(attempt(500), False, ROUTE)[0] == "error"


def test_a_rule_names_the_records_own_councillor_and_facilitator():
    rule = COUNCILLOR | FACILITATOR
    assert rule.roles("A") == {"councillor_a", "facilitator_in"}
    assert rule.roles("B") == {"councillor_b", "facilitator_out"}
    assert "councillor_b" in PUBLIC.roles("A")
    assert "anonymous" not in SIGNED_IN.roles(None)


def test_a_new_route_is_caught_until_it_is_declared():
    module = types.ModuleType("matrix_urlconf_with_a_new_route")
    module.urlpatterns = [
        *project_urls.urlpatterns,
        path("new/", lambda request: HttpResponse(), name="matrix-new"),
    ]
    sys.modules[module.__name__] = module
    try:
        keys = [route.key for route in routes(module.__name__)]
    finally:
        del sys.modules[module.__name__]
    assert [key for key in keys if table.declaration(key) is None] == ["matrix-new"]
