"""Aggregation queries over scorecards, interface meetings and JAAPs for the
dashboards: pure reads, no per-commune loops.

The stage rules are written as SQL conditions (sets of commune, provider or
meeting ids) so that a caller can count them over every commune of the country
in one statement:

- scorecards done: a community scorecard of a provider located in or serving the
  commune was submitted or published in the cycle (or was published once and is
  being corrected);
- interface meeting held: its meeting is recorded on a date that has come;
- JAAP agreed: that meeting has at least one action;
- JAAP reviewed: one of those actions has at least one follow-up.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet, Subquery, Sum

from communes.models import Commune, ServiceProvider
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.queues import waiting_queue

from ..models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    Scorecard,
    ScorecardVersion,
)

# Participation fields per model, in one order: women, men, youth, persons with
# disabilities, ethnic minorities, ID-Poor card holders.
SCORECARD_PARTICIPATION = ATTENDANCE_FIELDS
MEETING_PARTICIPATION = ATTENDANCE_FIELDS


def _done() -> Q:
    return Q(status__in=[Scorecard.Status.SUBMITTED, Scorecard.Status.PUBLISHED]) | Q(
        published_versions__isnull=False
    )


def _done_community() -> QuerySet[Scorecard]:
    return Scorecard.objects.filter(_done(), kind=Scorecard.Kind.COMMUNITY)


def _done_scorecards(cycle_ref) -> QuerySet[Scorecard]:
    return _done_community().filter(cycle_id=cycle_ref)


def _held_meetings(*, cycle_ref, today: datetime.date):
    return InterfaceMeeting.objects.filter(cycle_id=cycle_ref, held_on__lte=today)


def _actions_agreed(*, cycle_ref, today: datetime.date) -> QuerySet[JaapAction]:
    return JaapAction.objects.filter(
        meeting__cycle_id=cycle_ref, meeting__held_on__lte=today
    )


def _follow_ups(*, cycle_ref, today: datetime.date) -> QuerySet[JaapFollowUp]:
    return JaapFollowUp.objects.filter(
        action__meeting__cycle_id=cycle_ref, action__meeting__held_on__lte=today
    )


# The rules for one fixed cycle, as sets of keys that PostgreSQL builds and
# hashes once: for a few thousand communes or ten thousand providers this is
# several times cheaper than probing an index per row with a correlated EXISTS,
# which is how the dashboard first computed them (see `i4c.stats` too).


def communes_scorecards_done(*, cycle_id) -> Q:
    """Communes (by `code`) with a done community scorecard of a provider
    located in or serving them."""
    done = _done_scorecards(cycle_id)
    providers = ServiceProvider.objects.filter(pk__in=done.values("provider_id"))
    return Q(code__in=providers.communes().values("code"))


def communes_meeting_held(*, cycle_id, today: datetime.date) -> Q:
    return Q(
        code__in=_held_meetings(cycle_ref=cycle_id, today=today).values("commune_id")
    )


def communes_jaap_agreed(*, cycle_id, today: datetime.date) -> Q:
    return Q(
        code__in=_actions_agreed(cycle_ref=cycle_id, today=today).values(
            "meeting__commune_id"
        )
    )


def communes_jaap_reviewed(*, cycle_id, today: datetime.date) -> Q:
    return Q(
        code__in=_follow_ups(cycle_ref=cycle_id, today=today).values(
            "action__meeting__commune_id"
        )
    )


# The three rules that wait for the meeting's date, as the first day on which
# each counts a commune (outer row, by `commune_ref`) or a provider (by
# `provider_ref`; its meeting is its commune's); NULL: never. A caller can then
# store them once and read them for any day as `since <= today`.
_EVER = datetime.date.max


def _earliest(rows, date_path: str) -> Subquery:
    """The earliest `date_path` among `rows`, as a subquery."""
    return Subquery(rows.order_by(date_path).values(date_path)[:1])


def commune_meeting_held_since(*, cycle_id, commune_ref) -> Subquery:
    held = _held_meetings(cycle_ref=cycle_id, today=_EVER)
    return _earliest(held.filter(commune_id=commune_ref), "held_on")


def commune_jaap_agreed_since(*, cycle_id, commune_ref) -> Subquery:
    actions = _actions_agreed(cycle_ref=cycle_id, today=_EVER)
    actions = actions.filter(meeting__commune_id=commune_ref)
    return _earliest(actions, "meeting__held_on")


def commune_jaap_reviewed_since(*, cycle_id, commune_ref) -> Subquery:
    follow_ups = _follow_ups(cycle_ref=cycle_id, today=_EVER)
    follow_ups = follow_ups.filter(action__meeting__commune_id=commune_ref)
    return _earliest(follow_ups, "action__meeting__held_on")


def provider_jaap_agreed_since(*, cycle_id, provider_ref) -> Subquery:
    actions = _actions_agreed(cycle_ref=cycle_id, today=_EVER)
    return _earliest(actions.filter(provider_id=provider_ref), "meeting__held_on")


def provider_jaap_reviewed_since(*, cycle_id, provider_ref) -> Subquery:
    follow_ups = _follow_ups(cycle_ref=cycle_id, today=_EVER)
    follow_ups = follow_ups.filter(action__provider_id=provider_ref)
    return _earliest(follow_ups, "action__meeting__held_on")


def providers_scorecards_done(*, cycle_id) -> Q:
    """Providers (by `pk`) that held a done community scorecard in the cycle."""
    return Q(pk__in=_done_scorecards(cycle_id).values("provider_id"))


def providers_meeting_held(*, cycle_id, today: datetime.date) -> Q:
    """Providers (by `commune_id`) that took part in the interface meeting of
    the commune they stand in."""
    return Q(
        commune_id__in=_held_meetings(cycle_ref=cycle_id, today=today).values(
            "commune_id"
        )
    )


def providers_jaap_agreed(*, cycle_id, today: datetime.date) -> Q:
    """Providers (by `pk`) to which an action of the cycle's JAAP is addressed."""
    return Q(
        pk__in=_actions_agreed(cycle_ref=cycle_id, today=today).values("provider_id")
    )


def providers_jaap_reviewed(*, cycle_id, today: datetime.date) -> Q:
    """Providers (by `pk`) with a followed-up action of the cycle's JAAP."""
    return Q(
        pk__in=_follow_ups(cycle_ref=cycle_id, today=today).values(
            "action__provider_id"
        )
    )


def meetings_up_to(*, year: int, today: datetime.date) -> QuerySet[InterfaceMeeting]:
    """Interface meetings held in the cycles up to `year`: the rows from which
    full cycles are counted (a full cycle always has its meeting)."""
    return InterfaceMeeting.objects.filter(cycle__year__lte=year, held_on__lte=today)


def meetings_with_scorecard_stages(
    *, year: int, today: datetime.date
) -> QuerySet[InterfaceMeeting]:
    """Interface meetings held in the cycles up to `year` whose commune reached
    the four scorecard stages in the meeting's cycle: scorecards done, meeting
    held, JAAP agreed (the meeting has an action), JAAP reviewed (one of those
    actions has a follow-up).

    Each stage is a set of meeting ids joined without reference to the outer
    row, so PostgreSQL builds each set once with hash joins; testing the stages
    with an EXISTS per meeting cost a fifth of a second on national data.
    """
    located = _done_community().filter(
        provider__commune__interface_meetings__cycle_id=F("cycle_id")
    )
    served = _done_community().filter(
        provider__communes_served__interface_meetings__cycle_id=F("cycle_id")
    )
    return meetings_up_to(year=year, today=today).filter(
        Q(pk__in=located.values("provider__commune__interface_meetings"))
        | Q(pk__in=served.values("provider__communes_served__interface_meetings")),
        Q(pk__in=JaapAction.objects.values("meeting_id")),
        Q(pk__in=JaapFollowUp.objects.values("action__meeting_id")),
    )


def jaap_status_counts(*, communes: QuerySet[Commune], cycle_id: int) -> dict[str, int]:
    """JAAP actions agreed in the cycle's interface meetings of `communes`, by
    status; one grouped statement."""
    rows = (
        JaapAction.objects.filter(
            meeting__cycle_id=cycle_id, meeting__commune__in=communes
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = dict.fromkeys(JaapAction.Status.values, 0)
    counts.update(dict(rows))
    return counts


def scorecard_participation(*, communes: QuerySet[Commune], cycle_id: int) -> dict:
    """Sessions held in the cycle (community scorecards and self-assessments) by
    providers located in `communes`, and who took part."""
    sessions = Scorecard.objects.filter(
        Q(status__in=[Scorecard.Status.SUBMITTED, Scorecard.Status.PUBLISHED])
        | Q(pk__in=ScorecardVersion.objects.values("scorecard_id")),
        cycle_id=cycle_id,
        provider__commune__in=communes,
    )
    return sessions.aggregate(
        meetings=Count("pk"), **{field: Sum(field) for field in SCORECARD_PARTICIPATION}
    )


def meeting_participation(
    *, communes: QuerySet[Commune], cycle_id: int, today: datetime.date
) -> dict:
    meetings = InterfaceMeeting.objects.filter(
        cycle_id=cycle_id, held_on__lte=today, commune__in=communes
    )
    return meetings.aggregate(
        meetings=Count("pk"), **{field: Sum(field) for field in MEETING_PARTICIPATION}
    )


def review_waiting(
    *, provinces: QuerySet, district: str | None = None, limit: int = 10
) -> dict:
    """Submitted scorecards in `provinces`: how many, since when, and the `limit`
    that have waited longest; one statement.

    A submitted scorecard cannot be edited, so the last change of its row is its
    submission.
    """
    return waiting_queue(
        Scorecard.objects.filter(status=Scorecard.Status.SUBMITTED),
        provinces=provinces,
        district=district,
        since="updated_at",
        values=("cycle__year", "group"),
        limit=limit,
    )


def change_marker_sql() -> list[str]:
    """Cheap SQL expressions that change whenever scorecard figures may change.

    Every service save of a scorecard, meeting or action bumps its `version`;
    follow-ups are only added; deleting rows changes the counts.
    """
    parts = []
    for model in (Scorecard, InterfaceMeeting, JaapAction):
        table = model._meta.db_table
        parts.append(
            f"(SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) FROM {table})"
        )
    follow_up = JaapFollowUp._meta.db_table
    parts.append(f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {follow_up})")
    return parts


# The statuses of a JAAP action (values and translated labels), for readers that
# count actions by status (the dashboard).
JaapStatus = JaapAction.Status
