"""Importing a filled scorecard spreadsheet."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from communes.scopes import can_record_for_provider
from isaf import concurrency
from isaf.audit import audit_record

from ..models import Scorecard, ScorecardIndicator
from ..spreadsheets import sheet_parse
from .guards import require, require_editable
from .records import apply_votes


@transaction.atomic
def scorecard_sheet_import(
    *, scorecard: Scorecard, user, version: int, file
) -> Scorecard:
    """Import a filled spreadsheet: all of it, or, if any row is wrong, nothing.

    Raises ValidationError with one message per problem, each naming its row and
    column.
    """
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    concurrency.check_record(scorecard, version)
    parsed = sheet_parse(scorecard, file)
    if parsed.errors:
        raise ValidationError(parsed.errors, code="sheet")
    changes = apply_votes(scorecard, parsed.votes)
    position = scorecard.indicators.aggregate(n=Max("position"))["n"] or 0
    for name, counts in parsed.new_indicators:
        position += 1
        indicator = ScorecardIndicator(
            scorecard=scorecard, custom_name=name, is_selected=True, position=position
        )
        for score, count in enumerate(counts, start=1):
            setattr(indicator, f"votes_{score}", count)
        indicator.full_clean()
        indicator.save()
        changes[f"new:{indicator.pk}"] = [None, list(indicator.votes)]
    scorecard.version += 1
    scorecard.save(update_fields=["version", "updated_at"])
    audit_record(
        user=user, action="scorecard.import", instance=scorecard, changes=changes
    )
    return scorecard
