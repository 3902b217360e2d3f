"""Trying one route as every role, and judging each answer.

Each request runs in a savepoint that is rolled back after it, so an allowed
POST (a publish, a sign-out) never changes what the next request sees; the
client's cookies are put back before each request for the same reason. What a
request wrote is read from PostgreSQL's per-transaction counters
(pg_stat_xact_user_tables), so every table counts, not only the ones a test
thinks of.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError

from . import routes as table
from .resolver import ResolvedRoute
from .rules import ROLES, Route
from .world import World, reset

# A refusal: the answer a role outside a rule must get.
REFUSED = {401, 403, 404, 405}
SIGN_IN = {"/km/accounts/login/", "/admin/login/"}
# Where a refused role may be sent: a sign-in page, or the admin's index,
# which sends non-staff on to its sign-in page.
HARMLESS = SIGN_IN | {"/admin/"}
# Tables a refused request may write: the session and the sign-in throttle.
UNCOUNTED = ("django_session", "axes_accessattempt", "axes_accesslog")

_WRITES = """
SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)
FROM pg_stat_xact_user_tables WHERE relname <> ALL(%s)
"""


def rows_written() -> int | None:
    """Rows inserted, updated or deleted so far in this transaction."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(_WRITES, [list(UNCOUNTED)])
            return int(cursor.fetchone()[0])
    except (DatabaseError, TransactionManagementError):
        return None


@dataclass
class Attempt:
    key: str
    side: str | None
    role: str
    method: str
    url: str
    status: int
    location: str
    wrote: int | None
    from_store: bool
    error: str = ""

    def describe(self) -> str:
        where = f" to {self.location}" if self.location else ""
        side = f" (record of {self.side})" if self.side else ""
        return f"{self.method} {self.url} as {self.role}{side}: {self.status}{where}"


def _admin_model(key: str):
    """The admin model a route's key names (`admin:communes_role_change`)."""
    if key.startswith("/admin/"):
        label = "_".join(key.split("/")[2:4])
    else:
        label = key.removeprefix("admin:")
    found = [
        model
        for model in admin.site._registry
        if label.startswith(f"{model._meta.app_label}_{model._meta.model_name}")
    ]
    return max(found, key=lambda m: len(m._meta.model_name)) if found else None


def fixture_values(key: str, route: Route, side: dict) -> dict[str, object]:
    """The route's URL arguments for one side's records."""
    values = {}
    for argument, name in route.kwargs.items():
        if name == "admin_object":
            from communes.models import Commune

            model = _admin_model(key) or Commune
            values[argument] = model._default_manager.order_by("pk").first().pk
        elif name == "admin_type":
            from communes.models import Commune

            values[argument] = ContentType.objects.get_for_model(Commune).pk
        elif name == "admin_app":
            values[argument] = "communes"
        else:
            values[argument] = side[name]
    return values


def _request(client, method: str, url: str, route: Route, side: dict, allowed):
    """The answer, and the rows written (counted for refused requests only)."""
    reset(client)
    with transaction.atomic():
        before = 0 if allowed else rows_written()
        if method == "GET":
            query = route.query.format(**side)
            response = client.get(f"{url}?{query}" if query else url)
        else:
            data = {k: v.format(**side) for k, v in route.data.items()}
            response = client.post(url, data)
        after = 0 if allowed else rows_written()
        transaction.set_rollback(True)
    wrote = None if after is None or before is None else after - before
    error = ""
    if getattr(response, "exc_info", None):
        error = repr(response.exc_info[1])
    finish(response)
    return response, wrote, error


def finish(response) -> None:
    """Read a streamed answer to its end, which closes its file as a server
    would (closing it by hand would also close the database connection)."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def attempts(world: World, resolved: ResolvedRoute, route: Route):
    """Every role's GET and POST of each case of the route, on each side."""
    for case in route.cases():
        by_record = case.kwargs or "{" in case.query + "".join(case.data.values())
        sides = ("A", "B") if case.scoped and by_record else (None,)
        for side_name in sides:
            side = world.sides[side_name or "A"]
            url = resolved.address(fixture_values(resolved.key, case, side))
            for method, rule in (("GET", case.get), ("POST", case.post)):
                allowed = rule.roles(side_name)
                for role in ROLES:
                    response, wrote, error = _request(
                        world.clients[role], method, url, case, side, role in allowed
                    )
                    attempt = Attempt(
                        key=resolved.key,
                        side=side_name,
                        role=role,
                        method=method,
                        url=url,
                        status=response.status_code,
                        location=response.get("Location", ""),
                        wrote=wrote,
                        from_store=not hasattr(response.wsgi_request, "user"),
                        error=error,
                    )
                    yield attempt, role in allowed, case


def judge(attempt: Attempt, allowed: bool, case: Route) -> tuple[str, str] | None:
    """None when the answer is right; else (kind, why): kind is "leak" (a role
    outside the rule got through or wrote), "error" (a 5xx) or "refused" (a
    role inside the rule was turned away: a wrong declaration or record)."""
    status = attempt.status
    target = urlsplit(attempt.location).path
    if status >= 500:
        return "error", f"answered {status} {attempt.error}"
    if allowed:
        if status in REFUSED or (300 <= status < 400 and target in SIGN_IN):
            return "refused", "a role the rule names was refused"
        if case.stored and attempt.role == "anonymous" and attempt.method == "GET":
            if not attempt.from_store:
                return "refused", "an anonymous read was not served from storage"
        return None
    if attempt.wrote is None or attempt.wrote > 0:
        return "leak", f"a refused request wrote {attempt.wrote} rows"
    if status in REFUSED | case.refused_with:
        return None
    if 300 <= status < 400 and target in HARMLESS:
        return None
    return "leak", "a role outside the rule got through"


def declaration_or_none(key: str) -> Route | None:
    return table.declaration(key)
