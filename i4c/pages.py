"""The I4C public pages that are stored (see `isaf.pages`): a commune's board for
each published year and its open data, a provider's board, the national CSV.

`isaf` imports this module at start-up; publishing (`services.review`) names
the scopes it changes.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from communes.models import Commune, ServiceProvider
from isaf.pages import PublicPages, pages_register

from .models import Package


def _addresses(name: str, *args) -> list[str]:
    paths = []
    for lang, _label in settings.LANGUAGES:
        with translation.override(lang):
            paths.append(reverse(name, args=args))
    return paths


def _published_years(**provider) -> list[int]:
    return list(
        Package.objects.filter(published_version__isnull=False, **provider)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def commune_paths(code: str) -> list[str]:
    """Each published year's board, CSV and JSON, in both languages."""
    years = _published_years(
        provider__commune_id=code, provider__kind=ServiceProvider.Kind.COMMUNE
    )
    paths = []
    for year in years:
        paths += _addresses("i4c:commune-board", code, year)
    for year in years:
        paths += _addresses("i4c:commune-csv", code, year)
        paths += _addresses("i4c:commune-json", code, year)
    return paths


def provider_paths(code: str) -> list[str]:
    provider = (
        ServiceProvider.objects.filter(code=code)
        .exclude(kind=ServiceProvider.Kind.COMMUNE)
        .values_list("pk", flat=True)
        .first()
    )
    if provider is None:
        return []
    paths = _addresses("i4c:provider-board", code)
    for year in _published_years(provider_id=provider):
        paths += _addresses("i4c:provider-board-year", code, year)
    return paths


def national_paths(year: str) -> list[str]:
    return _addresses("i4c:national-csv", int(year))


pages_register(
    PublicPages(
        key="i4c.commune-boards",
        kind="commune",
        paths=commune_paths,
        keys=lambda: Commune.objects.order_by("code").values_list("code", flat=True),
    )
)
pages_register(
    PublicPages(
        key="i4c.provider-boards",
        kind="provider",
        paths=provider_paths,
        keys=lambda: (
            Package.objects.filter(published_version__isnull=False)
            .exclude(provider__kind=ServiceProvider.Kind.COMMUNE)
            .order_by("provider__code")
            .values_list("provider__code", flat=True)
            .distinct()
        ),
    )
)
pages_register(
    PublicPages(
        key="i4c.national-csv",
        kind="national",
        paths=national_paths,
        keys=lambda: _published_years(),
    )
)
