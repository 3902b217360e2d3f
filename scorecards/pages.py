"""A published scorecard's results page and CSV are stored (see `isaf.pages`)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from isaf.pages import PublicPages, pages_register

from .models import Scorecard


def scorecard_paths(pk: str) -> list[str]:
    paths = []
    for lang, _label in settings.LANGUAGES:
        with translation.override(lang):
            paths.append(reverse("scorecards:public", args=[int(pk)]))
            paths.append(reverse("scorecards:public-csv", args=[int(pk)]))
    return paths


pages_register(
    PublicPages(
        key="scorecards.results",
        kind="scorecard",
        paths=scorecard_paths,
        keys=lambda: (
            Scorecard.objects.filter(published_versions__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        ),
    )
)
