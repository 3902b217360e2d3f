"""A scorecard frozen as JSON: what the public page shows of it."""

from __future__ import annotations

from ..models import Scorecard
from .records import indicator_key


def scorecard_snapshot(scorecard: Scorecard) -> dict:
    """Everything the public page shows of one scorecard, frozen as JSON.

    Library indicators keep both their Khmer and English names as they were on
    the day of publication, so later edits to the library change no published
    result.
    """
    return snapshot_build(
        scorecard,
        indicators=scorecard.indicators.select_related("library_indicator"),
        remarks=scorecard.remarks.all(),
        facilitators=[caf.name for caf in scorecard.facilitators.all()],
    )


def snapshot_build(scorecard, *, indicators, remarks, facilitators) -> dict:
    """The snapshot from rows already in memory (the bulk seeder uses it too)."""
    village = scorecard.village
    return {
        "id": scorecard.pk,
        "provider": scorecard.provider_id,
        "cycle": scorecard.cycle.year,
        "kind": scorecard.kind,
        "group": scorecard.group,
        "held_on": scorecard.held_on.isoformat(),
        "village": (
            {
                "code": village.code,
                "name_km": village.name_km,
                "name_latin": village.name_latin,
            }
            if village
            else None
        ),
        "language": scorecard.language,
        "facilitators": list(facilitators),
        "participants": {
            "female": scorecard.attendance_female,
            "male": scorecard.attendance_male,
            "youth": scorecard.attendance_youth,
            "disability": scorecard.attendance_disability,
            "minority": scorecard.attendance_minority,
            "id_poor": scorecard.attendance_id_poor,
        },
        "indicators": [
            {
                "id": indicator.pk,
                "key": indicator_key(indicator),
                "name_km": (
                    indicator.library_indicator.name_km
                    or indicator.library_indicator.name
                    if indicator.library_indicator_id
                    else indicator.custom_name
                ),
                "name_en": (
                    indicator.library_indicator.name_en or ""
                    if indicator.library_indicator_id
                    else ""
                ),
                "selected": indicator.is_selected,
                "votes": list(indicator.votes),
            }
            for indicator in indicators
        ],
        "remarks": [{"kind": remark.kind, "text": remark.text} for remark in remarks],
    }
