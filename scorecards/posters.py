"""The printable blank scoring sheet that a facilitator takes to a village meeting.

A meeting in a village has no internet: the facilitator prints this sheet,
tallies the votes on it by hand, and types the totals in afterwards (or copies
them into the spreadsheet template). `printing` renders it; this module says
what goes on it and registers it with `printing.registry` (printing imports this
module when it starts, the way the admin finds ``admin.py``).
"""

from django.utils.translation import gettext_lazy as _

from communes.scopes import can_record_for_provider
from isaf.links import local_host, place_context, record_for_target, site_url
from isaf.qr import qr_svg
from printing.registry import (
    PrintDocument,
    PrintSource,
    TargetGone,
    document_register,
)

from .models import Scorecard
from .results import SCALE
from .selectors import scorecard_get

SHEET = "scorecards.sheet"

# Groups often raise an issue on the day that nobody proposed before: a few
# empty rows let the facilitator write it in. With nothing proposed yet, the
# sheet still offers enough rows for a whole meeting.
BLANK_ROWS = 3
MIN_ROWS = 8


def _scorecard(target: str) -> Scorecard:
    try:
        pk = int(target)
    except (TypeError, ValueError):
        raise TargetGone(_("This scorecard does not exist.")) from None
    scorecard = scorecard_get(pk=pk)
    if scorecard is None:
        raise TargetGone(_("This scorecard does not exist."))
    return scorecard


def sheet_indicators(scorecard: Scorecard) -> tuple[list, bool]:
    """The indicators to score: the selected ones, or, while the facilitator has
    selected none yet, every proposed one. The flag says which it is, because
    only selected indicators have a row in the spreadsheet template, so only
    their numbers are worth printing for typing the results in later."""
    indicators = list(scorecard.indicators.select_related("library_indicator"))
    selected = [i for i in indicators if i.is_selected]
    if selected:
        return selected, True
    return indicators, False


def scoring_sheet(target: str, lang: str) -> PrintSource:
    scorecard = _scorecard(target)
    indicators, selected = sheet_indicators(scorecard)
    blank = max(BLANK_ROWS, MIN_ROWS - len(indicators))
    # The code leads to the scorecard in the workspace, where the facilitator
    # types the tallies in after the meeting; the public page only answers once
    # the results are published, so it is printed as text for later.
    entry_url = site_url(lang, "scorecards:overview", scorecard.pk)
    public_url = site_url(lang, "scorecards:public", scorecard.pk)
    provider = scorecard.provider
    commune = provider.commune
    context = {
        "sheet": "a4-landscape",
        "scorecard": scorecard,
        "provider": provider,
        **place_context(commune),
        "is_self_assessment": scorecard.kind == Scorecard.Kind.SELF_ASSESSMENT,
        "facilitators": list(scorecard.facilitators.order_by("name")),
        "indicators": indicators,
        "show_numbers": selected,
        # Blank rows carry on the numbering of the printed indicators.
        "blank_rows": range(len(indicators) + 1, len(indicators) + blank + 1),
        "scale": [(level, SCALE[level]) for level in range(1, 6)],
        "entry_url": entry_url,
        "public_url": public_url,
        "sheet_url": entry_url,
        "sheet_qr": qr_svg(entry_url),
        "sheet_demo": provider.is_demo,
        "sheet_local": local_host(entry_url),
    }
    return PrintSource(
        template="print/scorecards/sheet.html",
        context=context,
        filename=(
            f"isaf-scoring-sheet-{scorecard.pk}-{provider.code}-"
            f"{scorecard.group}-{lang}.pdf"
        ),
    )


def can_request_sheet(user, target: str) -> bool:
    """Whoever records the scorecard's fieldwork prints its sheet: facilitators
    covering the provider's district in the scorecard's cycle, and the
    secretariat. Councillors and reviewers do not run scoring meetings."""
    scorecard = record_for_target(
        Scorecard.objects.select_related("provider", "cycle"), target
    )
    if scorecard is None:
        return False
    return can_record_for_provider(user, scorecard.provider, scorecard.cycle)


def posters_register() -> None:
    document_register(
        PrintDocument(
            key=SHEET,
            label=_("Blank scoring sheet for the meeting, A4"),
            target_kind="scorecards.scorecard",
            source=scoring_sheet,
            can_request=can_request_sheet,
        )
    )


posters_register()
