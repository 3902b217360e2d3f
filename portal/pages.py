"""The commune page (board and scorecard results, latest year) is stored with the
commune's other public pages (see `isaf.pages`)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from communes import selectors as communes_selectors
from isaf.pages import PublicPages, pages_register


def commune_page_paths(code: str) -> list[str]:
    paths = []
    for lang, _label in settings.LANGUAGES:
        with translation.override(lang):
            paths.append(reverse("commune-page", args=[code]))
    return paths


pages_register(
    PublicPages(
        key="portal.commune-page",
        kind="commune",
        paths=commune_page_paths,
        keys=lambda: communes_selectors.communes_by_code().values_list(
            "code", flat=True
        ),
    )
)
