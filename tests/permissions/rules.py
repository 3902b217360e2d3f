"""The words of the permission matrix: roles, who a rule names, and a route's
declaration. routes.py uses them; the runner reads them.

A rule names roles relative to the record a URL shows: COUNCILLOR is the
councillor of the record's commune, FACILITATOR a facilitator whose
organisation covers its district this cycle, REVIEWER a reviewer of its
province. On commune A's record they are councillor_a, facilitator_in and
reviewer_a; on commune B's, councillor_b, facilitator_out and reviewer_other;
on a route with no record (or `scoped=False`), both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Every role the matrix signs in as (world.py builds each), in the order tried.
ROLES = (
    "anonymous",
    "councillor_a",
    "councillor_b",
    "facilitator_in",
    "facilitator_out",
    "reviewer_a",
    "reviewer_other",
    "reviewer_national",
    "secretariat",
    "no_role",
    "admin",
)

# The symbols a rule is made of, and the role each is on each side.
_BY_SIDE = {
    "ANONYMOUS": {"A": {"anonymous"}, "B": {"anonymous"}},
    "NO_ROLE": {"A": {"no_role"}, "B": {"no_role"}},
    "COUNCILLOR": {"A": {"councillor_a"}, "B": {"councillor_b"}},
    "FACILITATOR": {"A": {"facilitator_in"}, "B": {"facilitator_out"}},
    "REVIEWER": {"A": {"reviewer_a"}, "B": {"reviewer_other"}},
    "NATIONAL_REVIEWER": {"A": {"reviewer_national"}, "B": {"reviewer_national"}},
    "SECRETARIAT": {"A": {"secretariat"}, "B": {"secretariat"}},
    "ADMIN": {"A": {"admin"}, "B": {"admin"}},
}
# Everyone signed in, whatever the record.
_BY_SIDE["SIGNED_IN"] = {
    side: {role for role in ROLES if role != "anonymous"} for side in ("A", "B")
}


class Rule(frozenset):
    """A set of symbols; `|` joins rules."""

    def __or__(self, other):
        return Rule(frozenset.__or__(self, other))

    def roles(self, side: str | None) -> set[str]:
        """The roles this rule lets in, on side "A", "B" or None (both)."""
        sides = ("A", "B") if side is None else (side,)
        return {role for s in self for one in sides for role in _BY_SIDE[s][one]}


def _rule(*symbols: str) -> Rule:
    return Rule(symbols)


NOBODY = Rule()
ANONYMOUS = _rule("ANONYMOUS")
NO_ROLE = _rule("NO_ROLE")
COUNCILLOR = _rule("COUNCILLOR")
FACILITATOR = _rule("FACILITATOR")
REVIEWER = _rule("REVIEWER")
NATIONAL_REVIEWER = _rule("NATIONAL_REVIEWER")
SECRETARIAT = _rule("SECRETARIAT")
# A Django superuser (staff): the admin's user, and the secretariat everywhere.
ADMIN = _rule("ADMIN")
STAFF = SECRETARIAT | ADMIN
SIGNED_IN = _rule("SIGNED_IN")
PUBLIC = SIGNED_IN | ANONYMOUS
# Reviewers of the record's province and of the whole country, and the staff.
REVIEWERS = REVIEWER | NATIONAL_REVIEWER | STAFF
# Who sees a provider's or commune's records in the workspace (scopes.providers_for).
WORKSPACE = COUNCILLOR | FACILITATOR | REVIEWERS
# Who records fieldwork for the record (scopes.can_record_for_provider / _commune).
FIELDWORK = FACILITATOR | STAFF


@dataclass(frozen=True)
class Route:
    """Who may use one URL name, and which records fill its arguments.

    get / post: the rule of who gets past the permission checks with that
    method (an empty POST then gets its form's errors; a real save is still
    the services' to refuse).
    kwargs: URL argument -> fixture name in world.Side.
    scoped: the records differ by side (A in scope, B out of it); False tries
    A's values only, with the rule on both sides.
    stored: an anonymous GET is answered from the stored page
    (isaf.pagestore), as in production.
    query: a query string for GET; data: the POST body (empty unless given);
    in both, `{fixture}` names are filled in.
    also: more cases of the same URL with other records (Routes without `also`).
    refused_with: more statuses that count as a refusal here (say why).
    """

    get: Rule
    post: Rule = NOBODY
    kwargs: dict[str, str] = field(default_factory=dict)
    scoped: bool = True
    stored: bool = False
    query: str = ""
    data: dict[str, str] = field(default_factory=dict)
    also: tuple[Route, ...] = ()
    refused_with: frozenset[int] = frozenset()
    why: str = ""

    def cases(self) -> tuple[Route, ...]:
        return (self, *self.also)
