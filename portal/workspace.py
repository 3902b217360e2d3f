"""The signed-in workspace: what the user may act on, one section per role.

It reads only through `communes.scopes`, so it can never show more than the scope
allows. Moved here from `isaf/accounts.py` so that `isaf/` imports no app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import get_language

from communes import scopes
from communes import selectors as communes_selectors
from isaf.khmer import to_khmer_digits

if TYPE_CHECKING:  # names for the annotations; the data comes through selectors
    from communes.models import (
        Commune,
        Cycle,
        District,
        Organisation,
        Province,
        Role,
        ServiceProvider,
    )


@dataclass
class CommuneSection:
    """A councillor's commune with the administration they edit."""

    role: Role
    commune: Commune
    providers: list[ServiceProvider] = field(default_factory=list)


@dataclass
class CoveredDistrict:
    district: District
    communes: list[Commune] = field(default_factory=list)
    providers: list[ServiceProvider] = field(default_factory=list)


@dataclass
class OrganisationSection:
    """A facilitator's organisation and what it covers in the cycle."""

    role: Role
    organisation: Organisation
    districts: list[CoveredDistrict] = field(default_factory=list)


@dataclass
class Workspace:
    councillor: list[CommuneSection] = field(default_factory=list)
    facilitator: list[OrganisationSection] = field(default_factory=list)
    reviewer_provinces: list[Province] = field(default_factory=list)
    reviewer_national: bool = False
    secretariat: dict | None = None
    cycle: Cycle | None = None

    @property
    def cycle_label(self) -> str:
        """The cycle's year in the page's digits, without grouping (2026, ២០២៦)."""
        if self.cycle is None:
            return ""
        year = str(self.cycle.year)
        return to_khmer_digits(year) if get_language() == "km" else year

    @property
    def is_reviewer(self) -> bool:
        return self.reviewer_national or bool(self.reviewer_provinces)

    @property
    def is_empty(self) -> bool:
        return not (
            self.councillor or self.facilitator or self.is_reviewer or self.secretariat
        )


def _councillor_sections(user, roles: list[Role]) -> list[CommuneSection]:
    sections = [CommuneSection(role=r, commune=r.commune) for r in roles]
    if not sections:
        return []
    by_commune = defaultdict(list)
    for provider in communes_selectors.commune_administrations(
        providers=scopes.providers_for(user),
        commune_ids=[s.commune.pk for s in sections],
    ):
        by_commune[provider.commune_id].append(provider)
    for section in sections:
        section.providers = by_commune[section.commune.pk]
    return sections


def _facilitator_sections(
    user, roles: list[Role], cycle: Cycle | None
) -> list[OrganisationSection]:
    sections = [OrganisationSection(role=r, organisation=r.organisation) for r in roles]
    if not sections or cycle is None:
        return sections
    coverage = communes_selectors.coverage_for_organisations(
        cycle=cycle, organisation_ids=[s.organisation.pk for s in sections]
    )
    covered: dict[str, CoveredDistrict] = {}
    by_organisation = defaultdict(list)
    for row in coverage:
        entry = covered.setdefault(row.district_id, CoveredDistrict(row.district))
        by_organisation[row.organisation_id].append(entry)
    # Both lists go through the user's scope, so the workspace cannot show a
    # commune or provider that the scope rules would refuse.
    for commune in scopes.communes_for(user, cycle=cycle).filter(
        district_id__in=list(covered)
    ):
        covered[commune.district_id].communes.append(commune)
    providers = (
        scopes.providers_for(user, cycle=cycle)
        .filter(commune__district_id__in=list(covered))
        .select_related("commune")
        .order_by("commune_id", "kind", "code")
    )
    for provider in providers:
        covered[provider.commune.district_id].providers.append(provider)
    for section in sections:
        section.districts = by_organisation[section.organisation.pk]
    return sections


def workspace_for(user) -> Workspace:
    """What the user may act on, by role, in a small number of queries.

    The count does not grow with the number of roles, communes or providers.
    """
    roles = scopes.roles_by_kind(user)
    ws = Workspace()
    needs_cycle = bool(roles.facilitator or roles.secretariat)
    ws.cycle = scopes.current_cycle() if needs_cycle or user.is_superuser else None
    ws.councillor = _councillor_sections(user, roles.councillor)
    ws.facilitator = _facilitator_sections(user, roles.facilitator, ws.cycle)
    ws.reviewer_national = any(r.province_id is None for r in roles.reviewer)
    ws.reviewer_provinces = [r.province for r in roles.reviewer if r.province_id]
    if roles.secretariat or user.is_superuser:
        ws.secretariat = communes_selectors.programme_counts(cycle=ws.cycle)
    return ws
