"""Reads of scorecards, the interface meeting and the JAAP.

Public reads see published versions only. Workspace reads are limited to the
user's scope (communes.scopes); a record outside it reads as None, and the view
answers 404, so an edited address reveals nothing.

`i4c` and the project-wide pages read scorecard results through this module:
`results_for_commune` for a commune's board. The stages of the I-SAF cycle are
counted in `scorecards.stats`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from communes.models import CAF, Commune, Cycle, Role, ServiceProvider, Village
from communes.scopes import (
    can_record_for_commune,
    can_record_for_provider,
    can_review_provider,
    communes_for,
    current_cycle,
    is_secretariat,
    providers_for,
    provinces_for_review,
)

from .models import (
    InterfaceMeeting,
    JaapAction,
    LibraryIndicator,
    Scorecard,
    ScorecardVersion,
)
from .results import Results, results_from_snapshots

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

    Three queries whatever the number of indicators and groups: the scorecard
    with its provider and places, the published versions of its siblings (the
    same provider and cycle), and the JAAP actions.
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
    return PublishedResults(
        provider=scorecard.provider,
        cycle=scorecard.cycle,
        scorecard_id=scorecard.pk,
        results=results_from_snapshots([v.snapshot for v in latest]),
        versions=versions,
        actions=_public_actions(
            provider_ids=[scorecard.provider_id], cycle_ids=[scorecard.cycle_id]
        ),
    )


def results_for_commune(*, commune: Commune) -> list[PublishedResults]:
    """The latest published results of each provider serving the commune.

    For the commune board (`templates/scorecards/includes/_commune_results.html`
    renders the list). Two queries whatever the number of providers.
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
                results=results_from_snapshots([v.snapshot for v in latest]),
                versions=rows,
                actions=[
                    a
                    for a in actions
                    if a.provider_id == first.provider_id
                    and a.meeting.cycle_id == first.cycle_id
                ],
            )
        )
    kinds = [k for k, _label in ServiceProvider.Kind.choices]
    boards.sort(key=lambda b: (kinds.index(b.provider.kind), b.provider.code))
    return boards


# Workspace -------------------------------------------------------------------


def villages_for_entry(*, user, cycle: Cycle, provider: ServiceProvider | None = None):
    """Villages a scorecard may name: those of the provider's communes, or, before
    a provider is chosen, of the communes whose providers the user works on."""
    if provider is not None:
        providers = ServiceProvider.objects.filter(pk=provider.pk)
    else:
        providers = providers_for(user, cycle=cycle)
    return Village.objects.filter(commune__in=providers.communes()).order_by("code")


def cafs_for_entry(*, user) -> QuerySet[CAF]:
    """The CAF roster of the user's organisations (all of it for the secretariat)."""
    cafs = CAF.objects.filter(is_active=True).order_by("name")
    if is_secretariat(user):
        return cafs
    organisations = Role.objects.filter(
        user_id=user.pk, kind=Role.Kind.FACILITATOR
    ).values("organisation_id")
    return cafs.filter(organisation_id__in=organisations)


def library_for(*, provider_kind: str) -> list[LibraryIndicator]:
    return list(
        LibraryIndicator.objects.filter(provider_kind=provider_kind, is_active=True)
    )


def scorecards_for_workspace(*, user, limit: int = 100) -> list[Scorecard]:
    """Scorecards of the current cycle for the providers in the user's scope."""
    cycle = current_cycle()
    if cycle is None:
        return []
    return list(
        Scorecard.objects.filter(
            cycle=cycle, provider__in=providers_for(user, cycle=cycle)
        )
        .select_related("provider", "cycle", "village")
        .order_by("provider__code", "kind", "group", "-held_on")[:limit]
    )


def scorecards_awaiting_review(*, user, limit: int = 100) -> list[Scorecard]:
    return list(
        Scorecard.objects.filter(
            status=Scorecard.Status.SUBMITTED,
            provider__commune__district__province__in=provinces_for_review(user),
        )
        .select_related("provider__commune", "cycle")
        .order_by("provider__code", "held_on")[:limit]
    )


def meetings_for_workspace(*, user, limit: int = 100) -> list[InterfaceMeeting]:
    cycle = current_cycle()
    if cycle is None:
        return []
    return list(
        InterfaceMeeting.objects.filter(
            cycle=cycle, commune__in=communes_for(user, cycle=cycle)
        )
        .select_related("commune", "cycle")
        .order_by("commune__code")[:limit]
    )


def scorecard_for_user(*, user, pk: int) -> Scorecard | None:
    """The scorecard if the user may record it or review it; None otherwise."""
    scorecard = (
        Scorecard.objects.select_related(
            "provider__commune__district__province", "cycle", "village"
        )
        .filter(pk=pk)
        .first()
    )
    if scorecard is None:
        return None
    if can_record_for_provider(
        user, scorecard.provider, scorecard.cycle
    ) or can_review_provider(user, scorecard.provider):
        return scorecard
    return None


def meeting_for_user(*, user, pk: int) -> InterfaceMeeting | None:
    meeting = (
        InterfaceMeeting.objects.select_related("commune__district", "cycle")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not can_record_for_commune(
        user, meeting.commune, meeting.cycle
    ):
        return None
    return meeting


def action_for_user(*, user, pk: int) -> JaapAction | None:
    action = (
        JaapAction.objects.select_related(
            "meeting__commune__district", "meeting__cycle", "provider", "indicator"
        )
        .filter(pk=pk)
        .first()
    )
    if action is None or not can_record_for_commune(
        user, action.meeting.commune, action.meeting.cycle
    ):
        return None
    return action


def meeting_providers(*, meeting: InterfaceMeeting) -> QuerySet[ServiceProvider]:
    """The providers that serve the meeting's commune, for its JAAP."""
    return ServiceProvider.objects.serving(meeting.commune_id)


def meeting_indicators(*, meeting: InterfaceMeeting):
    """Indicators selected on this cycle's scorecards of the commune's providers."""
    from .models import ScorecardIndicator

    return (
        ScorecardIndicator.objects.filter(
            scorecard__cycle_id=meeting.cycle_id,
            scorecard__kind=Scorecard.Kind.COMMUNITY,
            scorecard__provider__in=meeting_providers(meeting=meeting),
            is_selected=True,
        )
        .select_related("library_indicator", "scorecard__provider")
        .order_by("scorecard__provider__code", "scorecard_id", "position")
    )
