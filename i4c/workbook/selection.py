"""Which providers a workbook holds: a place, a kind, a package status."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from communes import scopes
from communes.models import ServiceProvider

from ..models import Package

NO_PACKAGE = "none"


def workbook_providers(
    *,
    year: int,
    providers: QuerySet[ServiceProvider] | None = None,
    province: str = "",
    district: str = "",
    kind: str = "",
    status: str = "",
) -> QuerySet[ServiceProvider]:
    """The providers of a selection, in the workbook's order (by commune)."""
    providers = ServiceProvider.objects.all() if providers is None else providers
    if province:
        providers = providers.filter(commune__district__province_id=province)
    if district:
        providers = providers.filter(commune__district_id=district)
    if kind:
        providers = providers.filter(kind=kind)
    if status:
        packages = Package.objects.filter(provider=OuterRef("pk"), year=year)
        if status == NO_PACKAGE:
            providers = providers.filter(~Exists(packages))
        else:
            providers = providers.filter(Exists(packages.filter(status=status)))
    return providers.order_by("commune_id", "kind", "code")


def providers_to_fill(user) -> QuerySet[ServiceProvider]:
    """The providers whose workbook a councillor, a facilitator or district
    staff downloads: those whose packages they author."""
    return scopes.providers_to_author(user)


def providers_to_export(user) -> QuerySet[ServiceProvider]:
    """What reviewers and the secretariat may export: what they may read."""
    return scopes.providers_for(user)
