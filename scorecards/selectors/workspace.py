"""Workspace reads of scorecards, the interface meeting and the JAAP.

They are limited to the user's scope (communes.scopes); a record outside it reads
as None, and the view answers 404, so an edited address reveals nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet

from communes import scopes
from communes.models import CAF, Cycle, ServiceProvider, Village
from communes.scopes import (
    can_record_for_commune,
    can_record_for_provider,
    can_review_provider,
    communes_for,
    current_cycle,
    providers_for,
    provinces_for_review,
)

from ..models import (
    InterfaceMeeting,
    JaapAction,
    LibraryIndicator,
    Scorecard,
    ScorecardIndicator,
)

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
    """The CAFs a user may name as a scorecard's facilitators (a scope rule)."""
    return scopes.cafs_for(user)


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


def scorecard_get(*, pk: int) -> Scorecard | None:
    """The scorecard with what its pages and sheet show about it; None if gone."""
    return (
        Scorecard.objects.select_related(
            "provider__commune__district__province", "cycle", "village"
        )
        .filter(pk=pk)
        .first()
    )


def scorecard_for_user(*, user, pk: int) -> Scorecard | None:
    """The scorecard if the user may record it or review it; None otherwise."""
    scorecard = scorecard_get(pk=pk)
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
