"""Who may see which figures, the filters of a dashboard page, and the target
communes they select.

Target communes of a cycle: the communes of the districts that a partner covers
(`Coverage`) in that cycle, narrowed by the filters (partner, province,
district) and by the user's scope. Target health centres and schools: those
standing in a target commune.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from communes import scopes
from communes import selectors as communes_selectors

from . import cycles

if TYPE_CHECKING:
    from communes.models import Commune, Cycle, District, Organisation, Province

# Who may see what ------------------------------------------------------------


def dashboard_provinces(*, user) -> QuerySet[Province]:
    """Provinces whose figures the user may read: the review scope.

    The secretariat and national reviewers get every province, a provincial
    reviewer theirs; councillors, facilitators and anonymous users none.
    """
    return scopes.provinces_for_review(user)


@dataclass(frozen=True)
class Filters:
    cycle: Cycle
    province: Province | None = None
    district: District | None = None
    organisation: Organisation | None = None
    # Every province the user may read, for the national level.
    provinces: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        if self.district is not None:
            return "district"
        if self.province is not None:
            return "province"
        return "national"

    @property
    def fiscal_year(self) -> int:
        """The fiscal year of the packages the cycle counts."""
        return cycles.fiscal_year(self.cycle)

    @property
    def held_between(self) -> dict:
        """The days of the meetings the cycle counts (`dashboard.cycles`)."""
        return cycles.held_between(self.cycle)

    def key(self) -> str:
        return ":".join(
            str(part)
            for part in (
                self.cycle.pk,
                self.province.pk if self.province else "",
                self.district.pk if self.district else "",
                self.organisation.pk if self.organisation else "",
                ",".join(self.provinces),
            )
        )

    def query(self, **changes) -> dict:
        """The filters as URL parameters, with `changes` applied."""
        params = {
            "year": self.cycle.year,
            "province": self.province.pk if self.province else "",
            "district": self.district.pk if self.district else "",
            "organisation": self.organisation.pk if self.organisation else "",
        }
        params.update(changes)
        return {k: v for k, v in params.items() if v not in ("", None)}


@dataclass
class FilterOptions:
    cycles: list[Cycle]
    provinces: list[Province]
    districts: list[District]
    organisations: list[Organisation]


def filters_resolve(
    *,
    user,
    year: int | None = None,
    province: str | None = None,
    district: str | None = None,
    organisation: int | None = None,
) -> tuple[Filters, FilterOptions]:
    """Check the requested filters against the user's scope and load them.

    Raises PermissionDenied when the user has no dashboard, or asks for a province
    or district outside their scope (a provincial reviewer is never shown another
    province's figures), and Http404 for a year, place or partner that does not
    exist. Four queries: cycles, provinces, districts, partners.
    """
    allowed = list(dashboard_provinces(user=user).order_by("code"))
    if not allowed:
        raise PermissionDenied
    allowed_codes = {p.pk for p in allowed}

    cycles = list(communes_selectors.cycles_by_year())
    if not cycles:
        raise Http404("No cycle yet")
    if year is None:
        this_year = timezone.localdate().year
        cycle = next((c for c in cycles if c.year == this_year), cycles[0])
    else:
        cycle = next((c for c in cycles if c.year == year), None)
        if cycle is None:
            raise Http404("No such cycle")

    district_obj = None
    if district:
        district_obj = communes_selectors.district_get(code=district)
        if district_obj is None:
            raise Http404("No such district")
        if province and district_obj.province_id != province:
            raise Http404("District outside province")
        province = district_obj.province_id
    province_obj = None
    if province:
        if province not in allowed_codes:
            if communes_selectors.province_exists(code=province):
                raise PermissionDenied
            raise Http404("No such province")
        province_obj = next(p for p in allowed if p.pk == province)
    elif len(allowed) == 1:
        # A provincial reviewer starts at their province, not at a national view
        # that would only ever show one province.
        province_obj = allowed[0]

    districts = (
        list(communes_selectors.districts_by_code(province=province_obj))
        if province_obj
        else []
    )
    organisations = list(communes_selectors.organisations_by_name())
    organisation_obj = None
    if organisation:
        organisation_obj = next(
            (o for o in organisations if o.pk == organisation), None
        )
        if organisation_obj is None:
            raise Http404("No such partner")

    filters = Filters(
        cycle=cycle,
        province=province_obj,
        district=district_obj,
        organisation=organisation_obj,
        provinces=tuple(sorted(allowed_codes)),
    )
    return filters, FilterOptions(
        cycles=cycles,
        provinces=allowed,
        districts=districts,
        organisations=organisations,
    )


def target_communes(*, filters: Filters) -> QuerySet[Commune]:
    """The communes of the districts covered in the cycle, within the filters."""
    return communes_selectors.communes_covered(
        cycle_id=filters.cycle.pk,
        province_codes=filters.provinces,
        organisation_id=filters.organisation.pk if filters.organisation else None,
        province_code=filters.province.pk if filters.province else None,
        district_code=filters.district.pk if filters.district else None,
    )
