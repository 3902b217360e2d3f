"""Key results of a cycle beyond the stages: who took part in the meetings,
providers meeting national standards, active CAFs, and what waits for review.

- Participation: the dissemination meetings held during the cycle, its
  community scorecards done and its interface meetings held (`dashboard.cycles`).
- Meeting national standards: a provider whose published I4C of the cycle's
  fiscal year reports figures against national standards and meets every one of
  them; the share is over the providers that reported.
"""

from __future__ import annotations

import datetime

from communes import selectors as communes_selectors
from i4c.selectors import stats as i4c_stats
from scorecards.selectors import stats as scorecard_stats

from .filters import Filters, target_communes

# The attendance of each kind of meeting is read in the rules' modules
# (`i4c.stats.PARTICIPATION_FIELDS`, `scorecards.stats.SCORECARD_PARTICIPATION`
# and `MEETING_PARTICIPATION`); here only their common order has names.
PARTICIPATION_KEYS = ("female", "male", "youth", "disability", "minority", "id_poor")


def participation(*, filters: Filters, today: datetime.date) -> dict[str, dict]:
    """Who took part in each kind of recorded meeting; three statements."""
    communes = target_communes(filters=filters)
    raw = {
        "dissemination": (
            i4c_stats.dissemination_participation(
                communes=communes, **filters.held_between
            ),
            i4c_stats.PARTICIPATION_FIELDS,
        ),
        "scorecards": (
            scorecard_stats.scorecard_participation(
                communes=communes, cycle_id=filters.cycle.pk
            ),
            scorecard_stats.SCORECARD_PARTICIPATION,
        ),
        "interface": (
            scorecard_stats.meeting_participation(
                communes=communes, cycle_id=filters.cycle.pk, today=today
            ),
            scorecard_stats.MEETING_PARTICIPATION,
        ),
    }
    result = {}
    for kind, (row, fields) in raw.items():
        result[kind] = {
            "meetings": row["meetings"] or 0,
            **{
                key: row[field] or 0
                for key, field in zip(PARTICIPATION_KEYS, fields, strict=True)
            },
        }
    result["total"] = {
        key: sum(result[kind][key] for kind in raw)
        for key in ("meetings", *PARTICIPATION_KEYS)
    }
    return result


def standards(*, filters: Filters) -> dict:
    providers = communes_selectors.providers_in_communes(
        communes=target_communes(filters=filters)
    )
    return {
        "by_kind": i4c_stats.standards_by_provider_kind(
            providers=providers, year=filters.fiscal_year
        ),
        "by_indicator": i4c_stats.standards_by_indicator(
            providers=providers, year=filters.fiscal_year
        ),
    }


def caf_totals(*, filters: Filters) -> dict:
    """Active CAFs living in target communes (of the partner, when filtered)."""
    return communes_selectors.caf_counts(
        communes=target_communes(filters=filters),
        organisation_id=filters.organisation.pk if filters.organisation else None,
    )


def review_queue(*, filters: Filters, now: datetime.datetime) -> dict:
    """What waits for a reviewer in the filtered area, and since when.

    Not limited to target communes: anything submitted waits, covered or not.
    """
    provinces = communes_selectors.provinces_by_code(codes=filters.provinces)
    if filters.province is not None:
        provinces = provinces.filter(pk=filters.province.pk)
    district = filters.district.pk if filters.district else None
    packages = i4c_stats.review_waiting(provinces=provinces, district=district)
    scorecards = scorecard_stats.review_waiting(provinces=provinces, district=district)
    oldest = [
        {
            "what": "i4c",
            "pk": row["pk"],
            "year": row["year"],
            "since": row["submitted_at"],
            "provider": row["provider__name"],
            "commune_code": row["provider__commune_id"],
            "commune_km": row["provider__commune__name_km"],
            "commune_latin": row["provider__commune__name_latin"],
            "commune_kind": row["provider__commune__kind"],
        }
        for row in packages.pop("rows")
    ] + [
        {
            "what": "scorecard",
            "pk": row["pk"],
            "year": row["cycle__year"],
            "since": row["updated_at"],
            "provider": row["provider__name"],
            "commune_code": row["provider__commune_id"],
            "commune_km": row["provider__commune__name_km"],
            "commune_latin": row["provider__commune__name_latin"],
            "commune_kind": row["provider__commune__kind"],
        }
        for row in scorecards.pop("rows")
    ]
    oldest.sort(key=lambda row: (row["since"] is None, row["since"] or now))
    return {
        "i4c": packages,
        "scorecards": scorecards,
        "oldest": oldest[:10],
    }
