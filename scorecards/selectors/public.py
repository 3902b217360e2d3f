"""Public reads of scorecards: published versions only.

`i4c` and the project-wide pages read scorecard results through this package:
`results_for_commune` for a commune's board.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from communes.models import Commune, Cycle, ServiceProvider

from ..models import JaapAction, Scorecard, ScorecardVersion
from ..results import Results, results_from_snapshots
from .audio import ScaleClip, public_clips, results_with_clips

# Public ----------------------------------------------------------------------


@dataclass
class PublishedResults:
    """A provider's published scorecards of one cycle, with its JAAP."""

    provider: ServiceProvider
    cycle: Cycle
    scorecard_id: int
    results: Results
    versions: list[ScorecardVersion]
    actions: list[JaapAction] = field(default_factory=list)
    # The scale's voice clips, played beside the scores.
    scale_clips: list[ScaleClip] = field(default_factory=list)

    @property
    def corrections(self) -> list[ScorecardVersion]:
        return [v for v in self.versions if v.number > 1]

    @property
    def last_published_at(self):
        return max(v.published_at for v in self.versions)


def _latest_versions(versions) -> list[ScorecardVersion]:
    """The newest version of each scorecard, from rows ordered newest first."""
    latest = {}
    for version in versions:
        latest.setdefault(version.scorecard_id, version)
    return list(latest.values())


def _public_actions(*, provider_ids, cycle_ids) -> list[JaapAction]:
    return list(
        JaapAction.objects.filter(
            provider_id__in=provider_ids, meeting__cycle_id__in=cycle_ids
        )
        .select_related("meeting", "indicator__library_indicator")
        .order_by("due_on", "id")
    )


def published_results(*, scorecard_id: int) -> PublishedResults | None:
    """What `/scorecards/<id>/` shows: None unless that scorecard is published.

    Four queries whatever the number of indicators and groups: the scorecard
    with its provider and places, the published versions of its siblings (the
    same provider and cycle), the JAAP actions and the voice clips.
    """
    scorecard = (
        Scorecard.objects.select_related(
            "provider__commune__district__province", "cycle"
        )
        .filter(
            Exists(ScorecardVersion.objects.filter(scorecard_id=OuterRef("pk"))),
            pk=scorecard_id,
        )
        .first()
    )
    if scorecard is None:
        return None
    versions = list(
        ScorecardVersion.objects.filter(
            scorecard__provider_id=scorecard.provider_id,
            scorecard__cycle_id=scorecard.cycle_id,
        )
        .defer("published_by")
        .order_by("scorecard_id", "-number")
    )
    latest = _latest_versions(versions)
    latest.sort(
        key=lambda v: (v.snapshot["kind"] != "community", v.snapshot["held_on"])
    )
    snapshots = [v.snapshot for v in latest]
    clips = public_clips(snapshots)
    return PublishedResults(
        provider=scorecard.provider,
        cycle=scorecard.cycle,
        scorecard_id=scorecard.pk,
        results=results_with_clips(results_from_snapshots(snapshots), clips),
        versions=versions,
        actions=_public_actions(
            provider_ids=[scorecard.provider_id], cycle_ids=[scorecard.cycle_id]
        ),
        scale_clips=clips.scale,
    )


def results_for_commune(*, commune: Commune) -> list[PublishedResults]:
    """The latest published results of each provider serving the commune.

    For the commune board (`templates/scorecards/includes/_commune_results.html`
    renders the list). Three queries whatever the number of providers: the
    versions, the JAAP actions and the voice clips.
    """
    versions = list(
        ScorecardVersion.objects.filter(
            scorecard__provider_id__in=ServiceProvider.objects.serving(commune).values(
                "pk"
            )
        )
        .select_related("scorecard__provider", "scorecard__cycle")
        .defer("published_by")
        .order_by("-scorecard__cycle__year", "scorecard_id", "-number")
    )
    # Keep each provider's latest cycle only.
    latest_cycle: dict[int, int] = {}
    for version in versions:
        latest_cycle.setdefault(
            version.scorecard.provider_id, version.scorecard.cycle.year
        )
    by_provider: dict[int, list[ScorecardVersion]] = defaultdict(list)
    for version in versions:
        provider_id = version.scorecard.provider_id
        if version.scorecard.cycle.year == latest_cycle[provider_id]:
            by_provider[provider_id].append(version)
    if not by_provider:
        return []
    actions = _public_actions(
        provider_ids=list(by_provider),
        cycle_ids={rows[0].scorecard.cycle_id for rows in by_provider.values()},
    )
    clips = public_clips(
        v.snapshot for rows in by_provider.values() for v in _latest_versions(rows)
    )
    boards = []
    for rows in by_provider.values():
        first = rows[0].scorecard
        latest = _latest_versions(rows)
        latest.sort(key=lambda v: (v.snapshot["kind"] != "community", v.scorecard_id))
        community = [v for v in latest if v.snapshot["kind"] == "community"] or latest
        boards.append(
            PublishedResults(
                provider=first.provider,
                cycle=first.cycle,
                scorecard_id=community[0].scorecard_id,
                results=results_with_clips(
                    results_from_snapshots([v.snapshot for v in latest]), clips
                ),
                versions=rows,
                actions=[
                    a
                    for a in actions
                    if a.provider_id == first.provider_id
                    and a.meeting.cycle_id == first.cycle_id
                ],
                scale_clips=clips.scale,
            )
        )
    kinds = [k for k, _label in ServiceProvider.Kind.choices]
    boards.sort(key=lambda b: (kinds.index(b.provider.kind), b.provider.code))
    return boards
