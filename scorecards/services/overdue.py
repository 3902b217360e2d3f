"""The weekly digest of overdue JAAP actions.

Each open action past its due date is told to the facilitators who follow up the
commune's JAAP (their organisation covers its district in the meeting's cycle) and
to the commune's councillors; each person gets one message a week listing all of
theirs. The message's once-only key is the ISO week, so a second run in the same
week sends nothing.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from notifications.audience import councillors_of, facilitators_of
from notifications.services import notify

from ..models import JaapAction


def overdue_actions(*, today) -> list[JaapAction]:
    return list(
        JaapAction.objects.exclude(status__in=JaapAction.CLOSED)
        .filter(due_on__lt=today)
        .select_related("meeting__commune__district", "meeting__cycle", "provider")
        .order_by("meeting__commune_id", "due_on", "pk")
    )


@transaction.atomic
def jaap_overdue_notify(*, today=None) -> int:
    """Queue this week's digest for everyone concerned; returns how many people
    were told now (none on a second run in the same week)."""
    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    by_place = defaultdict(list)
    for action in overdue_actions(today=today):
        by_place[(action.meeting.commune, action.meeting.cycle)].append(action)
    people: dict[int, tuple] = {}
    for (commune, cycle), actions in by_place.items():
        for user in [*facilitators_of(commune, cycle), *councillors_of(commune.code)]:
            people.setdefault(user.pk, (user, []))[1].extend(actions)
    told = 0
    for user, actions in people.values():
        told += bool(
            notify(
                "scorecards.jaap_overdue",
                user=user,
                actions=actions,
                week=f"{year}-W{week:02d}",
            )
        )
    return told
