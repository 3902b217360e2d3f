"""The printable I4C documents: commune posters (A3, A2), health-centre and school
posters, and the commune's A5 citizen booklet.

`printing` renders them; this module says what goes on them and registers them
with `printing.registry` (printing imports this module when it starts, the way
the admin finds ``admin.py``). Everything printed is read from published
versions only, as on the public boards.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, ServiceProvider
from isaf.links import local_host, place_context, record_for_target, site_url
from isaf.qr import qr_svg
from printing.registry import (
    PrintDocument,
    PrintSource,
    PublicKey,
    TargetGone,
    document_register,
)

from .models import Package
from .poster_targets import (
    can_request_booklet,
    can_request_package,
    commune_packages_in,
    communes_with_boards_in,
    is_commune_package,
    is_provider_package,
    provider_packages_in,
)
from .selectors import board_for_commune, board_for_provider

COMMUNE_A3 = "i4c.commune_a3"
COMMUNE_A2 = "i4c.commune_a2"
PROVIDER_POSTER = "i4c.provider_a3"
BOOKLET = "i4c.booklet_a5"

# A poster is one sheet: long lists are cut here and the poster sends readers to
# the online board (by its QR code) for the rest.
POSTER_PROJECTS = 8
POSTER_FEES = 8


def _published_package(target: str) -> Package:
    package = record_for_target(
        Package.objects.select_related(
            "provider__commune__district__province", "published_version"
        ),
        target,
    )
    if package is None or package.published_version is None:
        raise TargetGone(_("This package has not been published."))
    return package


def _sheet_footer(*, version: dict, url: str, demo: bool, issuer: str) -> dict:
    """The footer of every page: version, date, address and QR code, who issued
    the document and where to complain, the demo mark, and a warning when the QR
    code leads to a development machine."""
    return {
        "sheet_demo": demo,
        "sheet_local": local_host(url),
        "sheet_issuer": issuer,
        "sheet_version": version["number"],
        # The date in Cambodia, not in UTC: a version published at 6 a.m. in
        # Phnom Penh was published on that day, not the evening before.
        "sheet_date": timezone.localtime(version["published_at"]).date(),
        "sheet_url": url,
        "sheet_qr": qr_svg(url),
    }


def _commune_poster(sheet: str):
    def source(target: str, lang: str) -> PrintSource:
        package = _published_package(target)
        provider = package.provider
        if provider.kind != ServiceProvider.Kind.COMMUNE:
            raise TargetGone(_("This is not a commune's package."))
        commune = provider.commune
        # Naming the version keys the board's cache by it too, so a poster can
        # never be drawn from a cached board of the version before.
        board = board_for_commune(
            commune=commune,
            year=package.year,
            version=package.published_version.number,
        )
        if board["snapshot"] is None:
            raise TargetGone(_("This package has not been published."))
        url = site_url(lang, "i4c:commune-board", commune.code, package.year)
        projects = board["projects"]
        fees = board["fees"]
        context = {
            "sheet": sheet,
            "board": board,
            "projects": projects[:POSTER_PROJECTS],
            "more_projects": max(len(projects) - POSTER_PROJECTS, 0),
            "fees": fees[:POSTER_FEES],
            "more_fees": max(len(fees) - POSTER_FEES, 0),
            **place_context(commune),
            **_sheet_footer(
                version=board["version"],
                url=url,
                demo=board["is_demo"],
                issuer="commune",
            ),
        }
        number = board["version"]["number"]
        return PrintSource(
            template="print/i4c/commune_poster.html",
            fit_pages=1,
            context=context,
            filename=f"isaf-{commune.code}-{package.year}-v{number}-{sheet}-{lang}.pdf",
            public=PublicKey(code=commune.code, year=package.year, version=number),
        )

    return source


def provider_poster(target: str, lang: str) -> PrintSource:
    package = _published_package(target)
    provider = package.provider
    if provider.kind == ServiceProvider.Kind.COMMUNE:
        raise TargetGone(_("This is a commune's package, not a provider's."))
    board = board_for_provider(provider=provider, year=package.year)
    if board["snapshot"] is None:
        raise TargetGone(_("This package has not been published."))
    url = site_url(lang, "i4c:provider-board-year", provider.code, package.year)
    performance = board["performance"]
    context = {
        "sheet": "a3",
        # It carries more tables than a commune's poster on the same sheet: it
        # starts one step denser (printing.fitting).
        "density": 1,
        "board": board,
        "provider": provider,
        "is_school": provider.kind == ServiceProvider.Kind.PRIMARY_SCHOOL,
        "fees": board["fees"][:POSTER_FEES],
        "more_fees": max(len(board["fees"]) - POSTER_FEES, 0),
        "meets": sum(1 for f in performance if f["meets"]),
        "judged": sum(1 for f in performance if f["meets"] is not None),
        **place_context(provider.commune),
        **_sheet_footer(
            version=board["version"],
            url=url,
            demo=provider.is_demo,
            issuer="provider",
        ),
    }
    number = board["version"]["number"]
    return PrintSource(
        template="print/i4c/provider_poster.html",
        fit_pages=1,
        context=context,
        filename=f"isaf-{provider.code}-{package.year}-v{number}-a3-{lang}.pdf",
        public=PublicKey(code=provider.code, year=package.year, version=number),
    )


def _scorecard_results(commune: Commune) -> list:
    """Published scorecard results and JAAP of the commune's providers, if the
    scorecards app is there to ask (it stands beside i4c, never under it)."""
    try:
        from scorecards.selectors import results_for_commune
    except ImportError:
        return []
    return results_for_commune(commune=commune)


def booklet_target(code: str, year: int | None = None) -> str:
    """A booklet's print target: the commune's code, with the fiscal year for the
    booklet of that year (without it, the latest year)."""
    return f"{code}:{year}" if year else str(code)


def booklet(target: str, lang: str) -> PrintSource:
    code, _sep, year = str(target).partition(":")
    year = int(year) if year.isdigit() else None
    commune = (
        Commune.objects.select_related("district__province").filter(pk=code).first()
    )
    if commune is None:
        raise TargetGone(_("This commune does not exist."))
    board = board_for_commune(commune=commune, year=year)
    if board["snapshot"] is None:
        raise TargetGone(_("This commune has not published its information yet."))
    providers = []
    for summary in board["providers"]:
        provider = ServiceProvider.objects.get(code=summary["code"])
        if year and summary["year"] is None:
            # Nothing published by that year: the booklet says so.
            detail = {"years": [], "year": None, "snapshot": None}
        else:
            detail = board_for_provider(
                provider=provider, year=summary["year"] if year else None
            )
        providers.append({"summary": summary, "board": detail})
    url = site_url(lang, "i4c:commune-board", commune.code, board["year"])
    context = {
        "sheet": "a5",
        "board": board,
        "providers": providers,
        "scorecards": _scorecard_results(commune),
        **place_context(commune),
        **_sheet_footer(
            version=board["version"], url=url, demo=board["is_demo"], issuer=""
        ),
        # A5 has no room for it in the footer: the cover says who issued it.
        "booklet_issuer": "commune",
    }
    number = board["version"]["number"]
    return PrintSource(
        template="print/i4c/booklet.html",
        context=context,
        filename=f"isaf-{commune.code}-{board['year']}-v{number}-booklet-{lang}.pdf",
        public=PublicKey(code=commune.code, year=board["year"], version=number),
    )


# Registration and the publish hook -------------------------------------------


def posters_register() -> None:
    for key, label, source, targets, applies in (
        (
            COMMUNE_A3,
            _("Commune poster, A3"),
            _commune_poster("a3"),
            commune_packages_in,
            is_commune_package,
        ),
        (
            COMMUNE_A2,
            _("Commune poster, A2"),
            _commune_poster("a2"),
            commune_packages_in,
            is_commune_package,
        ),
        (
            PROVIDER_POSTER,
            _("Health centre or school poster, A3"),
            provider_poster,
            provider_packages_in,
            is_provider_package,
        ),
    ):
        document_register(
            PrintDocument(
                key=key,
                label=label,
                target_kind="i4c.package",
                source=source,
                can_request=can_request_package,
                targets=targets,
                applies=applies,
            )
        )
    document_register(
        PrintDocument(
            key=BOOKLET,
            label=_("Citizen booklet, A5"),
            target_kind="communes.commune",
            source=booklet,
            can_request=can_request_booklet,
            targets=communes_with_boards_in,
        )
    )


def _booklets_showing(package: Package) -> list[tuple[str, int]]:
    """(commune, year) of the published booklets that show a provider's package:
    those of the communes it serves, for its year and later ones."""
    return list(
        Package.objects.filter(
            provider__kind=ServiceProvider.Kind.COMMUNE,
            provider__commune_id__in=package.provider.commune_codes(),
            year__gte=package.year,
            published_version__isnull=False,
        )
        .order_by("provider__commune_id", "year")
        .values_list("provider__commune_id", "year")
        .distinct()
    )


def package_posters_request(*, package: Package, user, lang: str = "km") -> list:
    """Ask for a newly published version's posters (and a commune's booklet of
    that year), sent once the publication commits. Called by
    `i4c.services.review.package_publish`, inside its transaction, so a
    publication that fails asks for nothing.

    A health centre's or school's package also redraws the booklets that list
    it. Each is stored at its public address in both languages
    (`printing.public`): citizens download them from the boards. `lang` comes
    first in the queue.
    """
    from printing.services import print_job_request

    if package.provider.kind == ServiceProvider.Kind.COMMUNE:
        wanted = [(COMMUNE_A3, str(package.pk)), (COMMUNE_A2, str(package.pk))]
        commune = package.provider.commune_id
        wanted.append((BOOKLET, booklet_target(commune, package.year)))
    else:
        wanted = [(PROVIDER_POSTER, str(package.pk))]
        # The booklets of the communes it serves list its figures: redrawn too.
        wanted += [
            (BOOKLET, booklet_target(code, year))
            for code, year in _booklets_showing(package)
        ]
    languages = [lang] + [other for other in ("km", "en") if other != lang]
    return [
        print_job_request(
            user=user, document=key, target=target, lang=language, system=True
        )
        for language in languages
        for key, target in wanted
    ]


posters_register()
