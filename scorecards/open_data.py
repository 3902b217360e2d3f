"""A published scorecard as open data: the rows of its CSV.

One row per indicator and group (the community, each group that voted, the
provider's self-assessment), a blank line, then the provider's JAAP for the
cycle. The rows hold plain values; `isaf.exports` writes them and neutralises
anything a spreadsheet would run as a formula.
"""

from dataclasses import dataclass

from .models import JaapAction
from .selectors import published_results

SCORE_COLUMNS = [
    "record",
    "provider_code",
    "cycle",
    "indicator_km",
    "indicator_en",
    "group",
    "votes_1",
    "votes_2",
    "votes_3",
    "votes_4",
    "votes_5",
    "total",
    "median",
    "mean",
]
ACTION_COLUMNS = [
    "record",
    "provider_code",
    "cycle",
    "topic",
    *JaapAction.PLAN_FIELDS,
    "overdue",
]


@dataclass
class ScorecardOpenData:
    filename: str
    rows: list[list]


def scorecard_open_data(*, scorecard_id: int) -> ScorecardOpenData | None:
    """The CSV of a published scorecard, or None when it is not published."""
    published = published_results(scorecard_id=scorecard_id)
    if published is None:
        return None
    code, year = published.provider.code, published.cycle.year
    rows = [SCORE_COLUMNS]
    for item in published.results.indicators:
        cells = [("community", item.community)]
        cells += [(group, cell) for group, cell in item.groups if cell is not None]
        if item.self_assessment is not None:
            cells.append(("self_assessment", item.self_assessment))
        for group, cell in cells:
            summary = cell.summary
            rows.append(
                [
                    "score",
                    code,
                    year,
                    item.name_km,
                    item.name_en,
                    group,
                    *summary.counts,
                    summary.total,
                    summary.median,
                    summary.mean,
                ]
            )
    rows += [[], ACTION_COLUMNS]
    for action in published.actions:
        rows.append(
            [
                "jaap_action",
                code,
                year,
                action.topic,
                *(getattr(action, name) for name in JaapAction.PLAN_FIELDS),
                "yes" if action.overdue else "no",
            ]
        )
    return ScorecardOpenData(filename=f"scorecard-{scorecard_id}-{code}.csv", rows=rows)
