"""Saving meetings recorded offline: each through the scorecards' own forms and
services, exactly once.

A meeting from the phone holds its setup, the indicators proposed, one entry per
citizen group (participants, votes for each indicator, remarks) and, if held,
the provider's self-assessment. Each group becomes one scorecard, as on the web
forms: the same form validates the setup and participants (Khmer digits,
attendance bounds), the same services save indicators, votes and remarks (scope,
votes over participants). The whole meeting is saved or none of it, and a
refusal comes back with the reason in the user's language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from communes import scopes
from isaf import concurrency
from isaf.attendance import ATTENDANCE_FIELDS
from scorecards import selectors, services
from scorecards.forms import RemarksForm, ScorecardStartForm, VotesForm

from .models import MeetingReceipt

# Bounds on what one sync may carry: a day's meetings fit many times over.
MAX_RECORDS = 50
MAX_INDICATORS = 60
MAX_GROUPS = 12
REMARK_KINDS = ("strength", "weakness", "suggestion")
COMMUNITY, SELF_ASSESSMENT = "community", "self_assessment"


class Refused(Exception):
    """A meeting that cannot be saved as sent; `reason` is for the facilitator."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Outcome:
    id: str
    status: str
    reason: str = ""
    scorecards: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        data = {"id": self.id, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
        if self.scorecards:
            data["scorecards"] = self.scorecards
        return data


def meetings_sync(*, user, records: list) -> list[dict]:
    """Save each meeting on its own: one refused does not hold back the others."""
    return [meeting_save(user=user, record=record).as_json() for record in records]


def meeting_save(*, user, record) -> Outcome:
    client_id = _client_id(record)
    if client_id is None:
        raw = record.get("id") if isinstance(record, dict) else None
        return Outcome(
            id=str(raw or ""),
            status="refused",
            reason=_("This meeting has no valid id: record it again."),
        )
    try:
        with transaction.atomic():
            receipt = _receipt_or_none(user=user, client_id=client_id)
            if receipt is None:
                # Sent before: answer with what the first sending saved.
                return _saved(MeetingReceipt.objects.get(client_id=client_id))
            receipt.scorecards.set(_meeting_write(user=user, record=record))
    except Refused as refused:
        return Outcome(id=str(client_id), status="refused", reason=refused.reason)
    return _saved(receipt)


def _client_id(record) -> uuid.UUID | None:
    if not isinstance(record, dict):
        return None
    try:
        return uuid.UUID(str(record.get("id")))
    except ValueError:
        return None


def _receipt_or_none(*, user, client_id) -> MeetingReceipt | None:
    """The new receipt; None if this meeting was saved already.

    The unique index makes a second, simultaneous sending of the same meeting
    wait here until the first commits, then find it saved.
    """
    try:
        with transaction.atomic():
            return MeetingReceipt.objects.create(client_id=client_id, user=user)
    except IntegrityError:
        existing = MeetingReceipt.objects.filter(client_id=client_id).first()
        if existing is None or existing.user_id != user.pk:
            raise Refused(_("This meeting has no valid id: record it again.")) from None
        return None


def _saved(receipt: MeetingReceipt) -> Outcome:
    return Outcome(
        id=str(receipt.client_id),
        status="saved",
        scorecards=[
            {
                "id": s.pk,
                "group": str(s.get_group_display()),
                "url": reverse("scorecards:overview", args=[s.pk]),
            }
            for s in receipt.scorecards.order_by("pk")
        ],
    )


# The meeting ---------------------------------------------------------------------


def _meeting_write(*, user, record: dict) -> list:
    cycle = scopes.current_cycle()
    if cycle is None or not scopes.records_fieldwork(user):
        raise Refused(_("You cannot record scorecards in this cycle."))
    providers = scopes.providers_for(user, cycle=cycle)
    provider = providers.filter(pk=_as_int(record.get("provider"))).first()
    if provider is None:
        raise Refused(_("This service provider is outside the places you work on now."))
    indicators = _indicators(record.get("indicators"), provider)
    sessions = _sessions(record)
    context = {
        "providers": providers,
        "villages": selectors.villages_for_entry(
            user=user, cycle=cycle, provider=provider
        ),
        "cafs": selectors.cafs_for_entry(user=user),
    }
    scorecards = []
    for kind, session in sessions:
        label = _session_label(kind, session)
        try:
            scorecards.append(
                _session_write(
                    user=user,
                    cycle=cycle,
                    record=record,
                    provider=provider,
                    kind=kind,
                    session=session,
                    indicators=indicators,
                    context=context,
                )
            )
        except Refused as refused:
            raise Refused(_join(label, refused.reason)) from None
        except (ValidationError, PermissionDenied, concurrency.StaleEdit) as error:
            raise Refused(_join(label, _messages(error))) from None
    return scorecards


def _indicators(raw, provider) -> list[services.IndicatorChoice]:
    if not isinstance(raw, list) or not raw:
        raise Refused(_("Add at least one indicator to score."))
    if len(raw) > MAX_INDICATORS:
        raise Refused(_("A meeting has too many indicators."))
    choices, seen = [], set()
    for item in raw:
        if not isinstance(item, dict):
            raise Refused(_("An indicator was sent in a form the portal cannot read."))
        library = _as_int(item.get("library"))
        text = " ".join(str(item.get("text") or "").split())
        key = ("lib", library) if library else ("txt", text.casefold())
        if not library and not text:
            raise Refused(_("An indicator written on the day has no words."))
        if key in seen:
            raise Refused(_("The same indicator is listed twice."))
        seen.add(key)
        choices.append(
            services.IndicatorChoice(library_indicator_id=library)
            if library
            else services.IndicatorChoice(custom_name=text)
        )
    return choices


def _sessions(record: dict) -> list[tuple[str, dict]]:
    groups = record.get("groups") or []
    if not isinstance(groups, list) or len(groups) > MAX_GROUPS:
        raise Refused(_("A meeting has too many groups."))
    sessions = [(COMMUNITY, g) for g in groups]
    own = record.get("self_assessment")
    if own:
        sessions.append((SELF_ASSESSMENT, own))
    if not sessions:
        raise Refused(_("Add at least one group that scored."))
    if not all(isinstance(s, dict) for _kind, s in sessions):
        raise Refused(_("A group was sent in a form the portal cannot read."))
    return sessions


def _session_label(kind: str, session: dict) -> str:
    if kind == SELF_ASSESSMENT:
        return _("Self-assessment")
    groups = dict(ScorecardStartForm.base_fields["group"].choices)
    return str(groups.get(session.get("group"), _("Group")))


def _session_write(
    *, user, cycle, record, provider, kind, session, indicators, context
):
    """One group's scorecard, through the web forms and services in their order:
    start, indicators, votes, remarks."""
    data = {
        "provider": str(provider.pk),
        "kind": kind,
        "group": str(session.get("group") or "") if kind == COMMUNITY else "",
        "held_on": str(record.get("held_on") or ""),
        "village": str(record.get("village") or ""),
        "language": str(record.get("language") or "km"),
        "facilitators": [str(f) for f in _list(record.get("facilitators"))],
    }
    data.update({name: _text(session.get(name)) for name in ATTENDANCE_FIELDS})
    form = ScorecardStartForm(data, **context)
    _require_valid(form)
    setup = form.cleaned_data
    scorecard = services.scorecard_create(
        user=user,
        provider=provider,
        cycle=cycle,
        kind=setup["kind"],
        group=setup["group"],
        held_on=setup["held_on"],
        village=setup["village"],
        language=setup["language"],
        facilitators=setup["facilitators"],
        **{name: setup[name] for name in ATTENDANCE_FIELDS},
    )
    scorecard = services.scorecard_indicators_set(
        scorecard=scorecard, user=user, version=scorecard.version, choices=indicators
    )
    saved = list(scorecard.indicators.select_related("library_indicator"))
    votes = _list(session.get("votes"))
    data = {"version": str(scorecard.version)}
    for position, indicator in enumerate(saved):
        row = _list(votes[position]) if position < len(votes) else []
        for score in range(1, 6):
            value = row[score - 1] if score <= len(row) else ""
            data[f"votes_{indicator.pk}_{score}"] = _text(value)
    form = VotesForm(data, indicators=saved)
    _require_valid(form)
    scorecard = services.scorecard_votes_set(
        scorecard=scorecard,
        user=user,
        version=form.cleaned_data["version"],
        votes=form.votes(),
    )
    data = {"version": str(scorecard.version)}
    data.update({kind: _text(session.get(kind)) for kind in REMARK_KINDS})
    form = RemarksForm(data)
    _require_valid(form)
    if form.remarks():
        scorecard = services.scorecard_remarks_set(
            scorecard=scorecard,
            user=user,
            version=form.cleaned_data["version"],
            remarks=form.remarks(),
        )
    return scorecard


# Reasons ------------------------------------------------------------------------


def _require_valid(form) -> None:
    if form.is_valid():
        return
    reasons = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            reasons.append(_join(str(label), message) if label else message)
    raise Refused(" ".join(reasons))


def _messages(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(m) for m in error.messages)
    return str(error.args[0] if error.args else error)


def _join(label: str, reason: str) -> str:
    # A label, then what is wrong with it: «ក្រុមស្ត្រី៖ ...» in Khmer.
    return _("%(part)s: %(reason)s") % {"part": label, "reason": reason}


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)
