"""What the scorecard app tells people (see `notifications.registry`): a
scorecard returned or published (its authors; on publication also the citizens who
follow the communes it serves), what waits for review, and the weekly digest of
overdue JAAP actions (`scorecards.services.overdue`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes import scopes
from isaf.formatting import format_date, format_digits, format_number
from notifications.audience import authors
from notifications.registry import (
    Event,
    Notice,
    ReviewQueue,
    Waiting,
    event_register,
    queue_register,
)
from notifications.text import commune_title

from .models import Scorecard, ScorecardVersion
from .results import results_from_snapshots, scale_word
from .selectors.workspace import scorecards_awaiting_review


def scorecard_authors(scorecard: Scorecard, **_payload) -> list:
    """Who entered the scorecard and may still record for its provider."""
    return authors(
        [scorecard.created_by],
        may=lambda user: scopes.can_record_for_provider(
            user, scorecard.provider, scorecard.cycle
        ),
    )


def _what(scorecard: Scorecard) -> str:
    return _("%(kind)s of %(provider)s, %(commune)s, %(date)s") % {
        "kind": scorecard.get_kind_display(),
        "provider": scorecard.provider.name,
        "commune": commune_title(scorecard.provider.commune),
        "date": format_date(scorecard.held_on),
    }


def _returned(recipient, scorecard: Scorecard, **_payload) -> Notice:
    return Notice(
        subject=_("Returned for correction: %(what)s") % {"what": _what(scorecard)},
        body=_("The reviewer returned the scorecard with this comment:")
        + f"\n\n{scorecard.review_comment}\n\n"
        + _("Correct it and submit it again."),
        link=reverse("scorecards:overview", args=[scorecard.pk]),
    )


def headline(version: ScorecardVersion) -> list[str]:
    """Each scored indicator with the community's median, in words."""
    results = results_from_snapshots([version.snapshot])
    lines = []
    for indicator in results.indicators[:8]:
        cell = indicator.community or indicator.self_assessment
        if cell is None or cell.median is None:
            continue
        lines.append(
            f"• {indicator.name}: {format_number(cell.median, decimals=1)} "
            f"({scale_word(round(cell.median))})"
        )
    return lines


def _published(
    recipient, scorecard: Scorecard, version: ScorecardVersion, **_p
) -> Notice:
    if recipient is None:
        intro = _("New scorecard results were published:")
    else:
        intro = _("Your scorecard was published (version %(number)s):") % {
            "number": format_digits(version.number)
        }
    return Notice(
        subject=_("Published: %(what)s") % {"what": _what(scorecard)},
        body="\n".join([intro, _what(scorecard), "", *headline(version)]),
        link=reverse("scorecards:public", args=[scorecard.pk]),
    )


event_register(
    Event(
        key="scorecards.returned",
        label=gettext_lazy("A scorecard was returned"),
        users=scorecard_authors,
        render=_returned,
        occurrence=lambda scorecard, **_: f"{scorecard.pk}:{scorecard.version}",
    )
)
event_register(
    Event(
        key="scorecards.published",
        label=gettext_lazy("A scorecard was published"),
        users=scorecard_authors,
        render=_published,
        occurrence=lambda scorecard, version, **_: f"{scorecard.pk}:{version.number}",
        communes=lambda scorecard, **_: scorecard.provider.commune_codes(),
    )
)


def _overdue(recipient, actions, **_payload) -> Notice:
    lines = [_("These JAAP actions are past their due date:")]
    for action in actions[:50]:
        lines.append(
            _("• %(commune)s: %(action)s (responsible: %(party)s; due %(date)s)")
            % {
                "commune": commune_title(action.meeting.commune),
                "action": action.action[:120],
                "party": action.responsible_party,
                "date": format_date(action.due_on),
            }
        )
    if len(actions) > 50:
        lines.append(
            _("…and %(count)s more.") % {"count": format_number(len(actions) - 50)}
        )
    if scopes.records_fieldwork(recipient):
        link = reverse("scorecards:workspace")
    else:
        link = reverse("communes:detail", args=[actions[0].meeting.commune_id])
    return Notice(
        subject=_("JAAP actions overdue: %(count)s")
        % {"count": format_number(len(actions))},
        body="\n".join(lines),
        link=link,
    )


event_register(
    Event(
        key="scorecards.jaap_overdue",
        label=gettext_lazy("JAAP actions are overdue (weekly digest)"),
        users=lambda user, **_: [user],
        render=_overdue,
        occurrence=lambda week, **_: week,
    )
)


def _waiting(user) -> list[Waiting]:
    return [
        Waiting(
            label=_what(scorecard),
            path=reverse("scorecards:overview", args=[scorecard.pk]),
        )
        for scorecard in scorecards_awaiting_review(user=user)
    ]


queue_register(
    ReviewQueue(
        key="scorecards.scorecards", label=gettext_lazy("Scorecards"), waiting=_waiting
    )
)
