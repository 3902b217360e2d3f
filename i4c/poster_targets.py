"""Who may print an I4C document, and what a bulk run for a place prints: the
rules the print registry asks for each poster kind (i4c.posters registers them).
"""

from django.db.models import Q

from communes import scopes
from communes.models import ServiceProvider

from .models import Package

# Who may ask ----------------------------------------------------------------


def can_request_package(user, target: str) -> bool:
    """Councillors, facilitators and reviewers print the published packages of
    the providers in their scope."""
    try:
        pk = int(target)
    except (TypeError, ValueError):
        return False
    return Package.objects.filter(
        pk=pk,
        published_version__isnull=False,
        provider__in=scopes.providers_for(user),
    ).exists()


def can_request_booklet(user, target: str) -> bool:
    code = str(target).partition(":")[0]
    return scopes.communes_for(user).filter(pk=code).exists()


def is_commune_package(target: str) -> bool:
    return Package.objects.filter(
        pk=target, provider__kind=ServiceProvider.Kind.COMMUNE
    ).exists()


def is_provider_package(target: str) -> bool:
    return (
        Package.objects.filter(pk=target)
        .exclude(provider__kind=ServiceProvider.Kind.COMMUNE)
        .exists()
    )


# What a batch prints --------------------------------------------------------


def _place_filter(scope: str, code: str, prefix: str = "") -> Q:
    field = {
        "commune": "commune_id",
        "district": "commune__district_id",
        "province": "commune__district__province_id",
    }[scope]
    return Q(**{f"{prefix}{field}": code})


def _latest_packages(scope: str, code: str, *, communes: bool) -> list[str]:
    """The latest published package of each provider in the place."""
    packages = Package.objects.filter(
        _place_filter(scope, code, "provider__"), published_version__isnull=False
    )
    if communes:
        packages = packages.filter(provider__kind=ServiceProvider.Kind.COMMUNE)
    else:
        packages = packages.exclude(provider__kind=ServiceProvider.Kind.COMMUNE)
    latest = {}
    for pk, provider_id in packages.order_by("provider__code", "-year").values_list(
        "pk", "provider_id"
    ):
        latest.setdefault(provider_id, str(pk))
    return list(latest.values())


def commune_packages_in(scope: str, code: str) -> list[str]:
    return _latest_packages(scope, code, communes=True)


def provider_packages_in(scope: str, code: str) -> list[str]:
    return _latest_packages(scope, code, communes=False)


def communes_with_boards_in(scope: str, code: str) -> list[str]:
    return list(
        Package.objects.filter(
            _place_filter(scope, code, "provider__"),
            provider__kind=ServiceProvider.Kind.COMMUNE,
            published_version__isnull=False,
        )
        .order_by("provider__commune_id")
        .values_list("provider__commune_id", flat=True)
        .distinct()
    )
