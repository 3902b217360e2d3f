"""Which published package a public poster or booklet address shows.

`/<lang>/communes/<code>/<year>/poster-a3.pdf` and its siblings name a commune
(or a provider) and a fiscal year; the document shows that year's latest
published version. Drafts, submissions and returned packages are never found
here: only a package with a published version is.
"""

from django.db.models import Q

from communes.models import ServiceProvider
from isaf.khmer import to_ascii_digits

from ..models import Package
from ..posters import BOOKLET, COMMUNE_A2, COMMUNE_A3, PROVIDER_POSTER, booklet_target

COMMUNE_DOCUMENTS = {
    "poster-a3": COMMUNE_A3,
    "poster-a2": COMMUNE_A2,
    "booklet": BOOKLET,
}
PROVIDER_DOCUMENTS = {"poster-a3": PROVIDER_POSTER}


def public_pdf_source(
    *, document: str, code: str, year: int
) -> tuple[str, int, str] | None:
    """(print target, published version number, public code) for the document
    of this commune or provider and year, or None when nothing is published.
    One query."""
    code = to_ascii_digits(str(code)).strip()
    commune_kind = ServiceProvider.Kind.COMMUNE
    if document == PROVIDER_POSTER:
        where = Q(provider__code=code) & ~Q(provider__kind=commune_kind)
    else:
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            return None
        # The commune's administration, as its board picks it (the first by code).
        where = Q(provider__commune_id=code, provider__kind=commune_kind)
    found = (
        Package.objects.filter(where, year=year, published_version__isnull=False)
        .order_by("provider__code")
        .values_list("pk", "published_version__number", "provider__code")
        .first()
    )
    if found is None:
        return None
    package_id, number, provider_code = found
    if document == BOOKLET:
        return booklet_target(code, year), number, code
    if document == PROVIDER_POSTER:
        return str(package_id), number, provider_code
    return str(package_id), number, code
