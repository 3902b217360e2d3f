"""Every write to scorecards, the interface meeting and the JAAP.

Each service checks the user's scope (communes.scopes) inside the transaction,
validates with full_clean, refuses a save made from a stale version, writes, and
records the change in the audit trail. A refused write writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.freshness import figures_changed
from communes.models import (
    CAF,
    Commune,
    Cycle,
    ServiceProvider,
    Village,
)
from communes.scopes import (
    can_record_for_commune,
    can_record_for_provider,
    can_review_provider,
)
from isaf import concurrency
from isaf.audit import audit_changes, audit_record, audited_save, field_values
from isaf.boardcache import board_cache_invalidate
from isaf.khmer import normalise_for_search

from .models import (
    InterfaceMeeting,
    JaapAction,
    JaapFollowUp,
    LibraryIndicator,
    Remark,
    Scorecard,
    ScorecardIndicator,
    ScorecardVersion,
)

SETUP_FIELDS = (
    "held_on",
    "village",
    "language",
    "attendance_female",
    "attendance_male",
    "attendance_youth",
    "attendance_disability",
    "attendance_minority",
    "attendance_id_poor",
)
MEETING_FIELDS = (
    "held_on",
    "attendance_female",
    "attendance_male",
    "attendance_youth",
    "attendance_disability",
    "attendance_minority",
    "attendance_id_poor",
)
ACTION_FIELDS = (
    "indicator",
    "issue",
    "action",
    "responsible_party",
    "supporting_party",
    "resources",
    "starts_on",
    "due_on",
    "status",
)


# One stale-save mechanism for every app (isaf.concurrency); the old name stays.
StaleVersionError = concurrency.StaleEdit


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("This is outside the places you work on."))


def _require_editable(scorecard: Scorecard) -> None:
    if not scorecard.is_editable:
        raise ValidationError(
            _(
                "This scorecard is submitted or published and cannot be changed. "
                "A reviewer can return it, or you can open a correction with a reason."
            ),
            code="not_editable",
        )


def _check_version(instance, version: int | None) -> None:
    concurrency.check_record(instance, version)


_lock = concurrency.lock


_values = field_values
_save_audited = audited_save


# Scorecards ------------------------------------------------------------------


@transaction.atomic
def scorecard_create(
    *,
    user,
    provider: ServiceProvider,
    cycle: Cycle,
    kind: str,
    group: str,
    held_on: datetime.date,
    village: Village | None = None,
    language: str = "km",
    facilitators: Sequence[CAF] = (),
    is_demo: bool = False,
    **participants: int,
) -> Scorecard:
    """Start a scorecard for one group (or the provider's self-assessment).

    A self-assessment starts with the indicators the community groups selected for
    the same provider and cycle, so that both sides score the same things.
    """
    _require(can_record_for_provider(user, provider, cycle))
    if kind == Scorecard.Kind.SELF_ASSESSMENT:
        group = Scorecard.Group.PROVIDER
    scorecard = Scorecard(
        provider=provider,
        cycle=cycle,
        kind=kind,
        group=group,
        held_on=held_on,
        village=village,
        language=language,
        created_by=user,
        is_demo=is_demo,
        **participants,
    )
    _validate_village(scorecard)
    scorecard.full_clean()
    scorecard.save()
    scorecard.facilitators.set(facilitators)
    if kind == Scorecard.Kind.SELF_ASSESSMENT:
        _copy_community_indicators(scorecard)
    audit_record(
        user=user,
        action="scorecard.create",
        instance=scorecard,
        changes=audit_changes(before={}, after=_values(scorecard, SETUP_FIELDS)),
    )
    return scorecard


def _validate_village(scorecard: Scorecard) -> None:
    """The meeting happened in a village that the provider serves."""
    if scorecard.village_id is None:
        return
    if not scorecard.provider.serves(scorecard.village.commune_id):
        raise ValidationError(
            {"village": _("Choose a village of a commune this provider serves.")}
        )


def _copy_community_indicators(scorecard: Scorecard) -> None:
    community = (
        ScorecardIndicator.objects.filter(
            scorecard__provider_id=scorecard.provider_id,
            scorecard__cycle_id=scorecard.cycle_id,
            scorecard__kind=Scorecard.Kind.COMMUNITY,
            is_selected=True,
        )
        .select_related("library_indicator")
        .order_by("scorecard_id", "position", "id")
    )
    seen = set()
    rows = []
    for indicator in community:
        key = indicator_key(indicator)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            ScorecardIndicator(
                scorecard=scorecard,
                library_indicator_id=indicator.library_indicator_id,
                custom_name=indicator.custom_name,
                is_selected=True,
                position=len(rows) + 1,
            )
        )
    ScorecardIndicator.objects.bulk_create(rows)


def indicator_key(indicator: ScorecardIndicator) -> str:
    """What makes two groups' indicators "the same": the library code, or the
    normalised wording of one written on the day."""
    if indicator.library_indicator_id:
        return f"lib:{indicator.library_indicator.code}"
    return f"txt:{normalise_for_search(indicator.custom_name)}"


@transaction.atomic
def scorecard_update(
    *,
    scorecard: Scorecard,
    user,
    version: int,
    facilitators: Sequence[CAF] | None = None,
    **fields,
) -> Scorecard:
    """Change the setup and participants of a scorecard that is not published."""
    unknown = set(fields) - set(SETUP_FIELDS)
    if unknown:
        raise ValueError(f"Not a setup field: {sorted(unknown)}")
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _require_editable(scorecard)
    _check_version(scorecard, version)
    before = _values(scorecard, SETUP_FIELDS)
    for name, value in fields.items():
        setattr(scorecard, name, value)
    scorecard.version += 1
    _validate_village(scorecard)
    scorecard.full_clean()
    scorecard.save()
    if facilitators is not None:
        scorecard.facilitators.set(facilitators)
    audit_record(
        user=user,
        action="scorecard.update",
        instance=scorecard,
        changes=audit_changes(before=before, after=_values(scorecard, SETUP_FIELDS)),
    )
    return scorecard


@dataclass(frozen=True)
class IndicatorChoice:
    """One indicator as the entry form gives it: from the library or by name."""

    library_indicator_id: int | None = None
    custom_name: str = ""
    is_selected: bool = True
    existing_id: int | None = None


@transaction.atomic
def scorecard_indicators_set(
    *,
    scorecard: Scorecard,
    user,
    version: int,
    choices: Sequence[IndicatorChoice],
) -> Scorecard:
    """Make the scorecard's indicators exactly `choices`, keeping the votes of
    those that stay. An indicator a JAAP action refers to cannot be dropped."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _require_editable(scorecard)
    _check_version(scorecard, version)
    current = {i.pk: i for i in scorecard.indicators.all()}
    by_library = {
        i.library_indicator_id: i for i in current.values() if i.library_indicator_id
    }
    library = LibraryIndicator.objects.in_bulk(
        [c.library_indicator_id for c in choices if c.library_indicator_id]
    )
    kept: set[int] = set()
    seen_library: set[int] = set()
    errors = []
    for position, choice in enumerate(choices, start=1):
        if choice.library_indicator_id:
            item = library.get(choice.library_indicator_id)
            if item is None or item.provider_kind != scorecard.provider.kind:
                errors.append(_("An indicator from another library was chosen."))
                continue
            if item.pk in seen_library:
                continue
            seen_library.add(item.pk)
            indicator = by_library.get(item.pk) or ScorecardIndicator(
                scorecard=scorecard, library_indicator=item
            )
        else:
            name = " ".join(choice.custom_name.split())
            if not name:
                continue
            indicator = current.get(choice.existing_id) if choice.existing_id else None
            if indicator is None or indicator.library_indicator_id:
                indicator = ScorecardIndicator(scorecard=scorecard)
            indicator.custom_name = name
        indicator.is_selected = choice.is_selected
        indicator.position = position
        indicator.full_clean()
        indicator.save()
        kept.add(indicator.pk)
    if errors:
        raise ValidationError(errors)
    dropped = [pk for pk in current if pk not in kept]
    try:
        ScorecardIndicator.objects.filter(pk__in=dropped).delete()
    except ProtectedError as error:
        raise ValidationError(
            _("An indicator that a JAAP action refers to cannot be removed.")
        ) from error
    scorecard.version += 1
    scorecard.save(update_fields=["version", "updated_at"])
    audit_record(
        user=user,
        action="scorecard.indicators",
        instance=scorecard,
        changes={"indicators": [len(current), len(kept)]},
    )
    return scorecard


def _apply_votes(scorecard: Scorecard, votes: dict[int, Sequence[int]]) -> dict:
    indicators = {i.pk: i for i in scorecard.indicators.all()}
    changes = {}
    for pk, counts in votes.items():
        indicator = indicators.get(int(pk))
        if indicator is None:
            raise ValidationError(_("An indicator of another scorecard was sent."))
        if len(counts) != 5:
            raise ValidationError(_("Give five vote counts, for scores 1 to 5."))
        before = list(indicator.votes)
        for score, count in enumerate(counts, start=1):
            setattr(indicator, f"votes_{score}", int(count or 0))
        indicator.full_clean()
        if list(indicator.votes) != before:
            indicator.save()
            changes[str(pk)] = [before, list(indicator.votes)]
    return changes


@transaction.atomic
def scorecard_votes_set(
    *,
    scorecard: Scorecard,
    user,
    version: int,
    votes: dict[int, Sequence[int]],
) -> Scorecard:
    """Record the number of votes for each score, per indicator."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _require_editable(scorecard)
    _check_version(scorecard, version)
    changes = _apply_votes(scorecard, votes)
    scorecard.version += 1
    scorecard.save(update_fields=["version", "updated_at"])
    audit_record(
        user=user, action="scorecard.votes", instance=scorecard, changes=changes
    )
    return scorecard


@transaction.atomic
def scorecard_remarks_set(
    *,
    scorecard: Scorecard,
    user,
    version: int,
    remarks: Sequence[tuple[str, str]],
) -> Scorecard:
    """Replace the strengths, weaknesses and suggestions with `remarks`."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _require_editable(scorecard)
    _check_version(scorecard, version)
    before = list(scorecard.remarks.values_list("kind", "text"))
    scorecard.remarks.all().delete()
    rows = []
    for kind, text in remarks:
        text = text.strip()
        if not text:
            continue
        remark = Remark(scorecard=scorecard, kind=kind, text=text)
        remark.full_clean()
        rows.append(remark)
    Remark.objects.bulk_create(rows)
    scorecard.version += 1
    scorecard.save(update_fields=["version", "updated_at"])
    audit_record(
        user=user,
        action="scorecard.remarks",
        instance=scorecard,
        changes={"remarks": [before, [(r.kind, r.text) for r in rows]]},
    )
    return scorecard


def _set_status(scorecard, user, status, action, *, reason="") -> None:
    before = scorecard.status
    scorecard.status = status
    scorecard.version += 1
    scorecard.full_clean()
    scorecard.save()
    audit_record(
        user=user,
        action=action,
        instance=scorecard,
        changes={"status": [before, status]},
        reason=reason,
    )
    figures_changed(providers=[scorecard.provider_id])


@transaction.atomic
def scorecard_submit(*, scorecard: Scorecard, user, version: int) -> Scorecard:
    """Hand the scorecard to the reviewers: it needs a selected, scored indicator."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _check_version(scorecard, version)
    if scorecard.status != Scorecard.Status.PLANNED:
        raise ValidationError(_("Only a scorecard being entered can be submitted."))
    selected = [i for i in scorecard.indicators.all() if i.is_selected]
    if not any(sum(i.votes) for i in selected):
        raise ValidationError(
            _("Select at least one indicator and enter its votes before submitting.")
        )
    _set_status(scorecard, user, Scorecard.Status.SUBMITTED, "scorecard.submit")
    return scorecard


@transaction.atomic
def scorecard_return(
    *, scorecard: Scorecard, user, version: int, comment: str
) -> Scorecard:
    """A reviewer sends a submitted scorecard back for correction, saying why."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_review_provider(user, scorecard.provider))
    _check_version(scorecard, version)
    if scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs correcting.")})
    scorecard.review_comment = comment.strip()
    _set_status(
        scorecard, user, Scorecard.Status.PLANNED, "scorecard.return", reason=comment
    )
    return scorecard


@transaction.atomic
def scorecard_publish(*, scorecard: Scorecard, user, version: int) -> ScorecardVersion:
    """A reviewer publishes: the scorecard is frozen in a new numbered version."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_review_provider(user, scorecard.provider))
    _check_version(scorecard, version)
    if scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be published."))
    last = scorecard.published_versions.aggregate(n=Max("number"))["n"] or 0
    published = ScorecardVersion(
        scorecard=scorecard,
        number=last + 1,
        snapshot=scorecard_snapshot(scorecard),
        reason=scorecard.correction_reason,
        published_at=timezone.now(),
        published_by=user,
    )
    published.full_clean()
    published.save()
    scorecard.correction_reason = ""
    scorecard.review_comment = ""
    _set_status(
        scorecard,
        user,
        Scorecard.Status.PUBLISHED,
        "scorecard.publish",
        reason=published.reason,
    )
    # The commune boards show scorecard results: drop their cached pages.
    codes = scorecard.provider.commune_codes()
    provider_code = scorecard.provider.code
    transaction.on_commit(
        lambda: board_cache_invalidate(
            commune_codes=codes, provider_codes=[provider_code]
        )
    )
    return published


@transaction.atomic
def scorecard_correction_open(
    *, scorecard: Scorecard, user, version: int, reason: str
) -> Scorecard:
    """Reopen a published scorecard to correct it. The public keeps seeing the
    published version until the correction is published as the next one."""
    scorecard = _lock(Scorecard, scorecard.pk)
    _require(
        can_record_for_provider(user, scorecard.provider, scorecard.cycle)
        or can_review_provider(user, scorecard.provider)
    )
    _check_version(scorecard, version)
    if scorecard.status != Scorecard.Status.PUBLISHED:
        raise ValidationError(_("Only a published scorecard needs a correction."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    scorecard.correction_reason = reason.strip()
    _set_status(
        scorecard, user, Scorecard.Status.PLANNED, "scorecard.correct", reason=reason
    )
    return scorecard


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


# Interface meeting and JAAP --------------------------------------------------


@transaction.atomic
def interface_meeting_create(
    *,
    user,
    commune: Commune,
    cycle: Cycle,
    held_on: datetime.date,
    is_demo=False,
    **attendance,
) -> InterfaceMeeting:
    _require(can_record_for_commune(user, commune, cycle))
    meeting = InterfaceMeeting(
        commune=commune, cycle=cycle, held_on=held_on, is_demo=is_demo, **attendance
    )
    _save_audited(
        meeting, user=user, action="interface_meeting.create", fields=MEETING_FIELDS
    )
    figures_changed(communes=[meeting.commune_id])
    return meeting


@transaction.atomic
def interface_meeting_update(
    *, meeting: InterfaceMeeting, user, version: int, **fields
) -> InterfaceMeeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {sorted(unknown)}")
    meeting = _lock(InterfaceMeeting, meeting.pk)
    _require(can_record_for_commune(user, meeting.commune, meeting.cycle))
    _check_version(meeting, version)
    before = _values(meeting, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.version += 1
    _save_audited(
        meeting,
        user=user,
        action="interface_meeting.update",
        fields=MEETING_FIELDS,
        before=before,
    )
    figures_changed(communes=[meeting.commune_id])
    return meeting


def _check_action_scope(user, meeting: InterfaceMeeting, action: JaapAction) -> None:
    provider = action.provider
    _require(
        can_record_for_commune(user, meeting.commune, meeting.cycle)
        and can_record_for_provider(user, provider, meeting.cycle)
    )
    if not provider.serves(meeting.commune_id):
        raise ValidationError(
            {"provider": _("This provider does not serve the meeting's commune.")}
        )
    if action.indicator_id:
        indicator = action.indicator
        if (
            indicator.scorecard.provider_id != provider.pk
            or indicator.scorecard.cycle_id != meeting.cycle_id
        ):
            raise ValidationError(
                {"indicator": _("Choose an indicator scored for this provider.")}
            )


@transaction.atomic
def jaap_action_create(
    *,
    user,
    meeting: InterfaceMeeting,
    provider: ServiceProvider,
    issue: str = "",
    action: str,
    responsible_party: str,
    starts_on: datetime.date,
    due_on: datetime.date,
    indicator: ScorecardIndicator | None = None,
    supporting_party: str = "",
    resources: str = "",
    status: str = JaapAction.Status.NOT_STARTED,
    is_demo=False,
) -> JaapAction:
    jaap_action = JaapAction(
        meeting=meeting,
        provider=provider,
        is_demo=is_demo,
        indicator=indicator,
        issue=issue,
        action=action,
        responsible_party=responsible_party,
        supporting_party=supporting_party,
        resources=resources,
        starts_on=starts_on,
        due_on=due_on,
        status=status,
    )
    _check_action_scope(user, meeting, jaap_action)
    _save_audited(
        jaap_action, user=user, action="jaap_action.create", fields=ACTION_FIELDS
    )
    figures_changed(communes=[meeting.commune_id])
    return jaap_action


@transaction.atomic
def jaap_action_update(
    *,
    jaap_action: JaapAction,
    user,
    version: int,
    indicator: ScorecardIndicator | None,
    issue: str,
    action: str,
    responsible_party: str,
    supporting_party: str,
    resources: str,
    starts_on: datetime.date,
    due_on: datetime.date,
    status: str,
) -> JaapAction:
    """Change an action's plan. The record is `jaap_action`, so that `action`,
    the text of what will be done, is named like the model's and form's field."""
    record = _lock(JaapAction, jaap_action.pk)
    _check_action_scope(user, record.meeting, record)
    _check_version(record, version)
    before = _values(record, ACTION_FIELDS)
    record.indicator = indicator
    record.issue = issue
    record.action = action
    record.responsible_party = responsible_party
    record.supporting_party = supporting_party
    record.resources = resources
    record.starts_on = starts_on
    record.due_on = due_on
    record.status = status
    _check_action_scope(user, record.meeting, record)
    record.version += 1
    _save_audited(
        record,
        user=user,
        action="jaap_action.update",
        fields=ACTION_FIELDS,
        before=before,
    )
    return record


@transaction.atomic
def jaap_follow_up_add(
    *,
    action: JaapAction,
    user,
    checked_on: datetime.date,
    status: str,
    note: str = "",
    evidence=None,
) -> JaapFollowUp:
    """Record a monthly check; the action takes the status it reports."""
    action = _lock(JaapAction, action.pk)
    _check_action_scope(user, action.meeting, action)
    follow_up = JaapFollowUp(
        action=action,
        checked_on=checked_on,
        status=status,
        note=note.strip(),
        recorded_by=user,
    )
    if evidence:
        follow_up.evidence = evidence
    follow_up.full_clean()
    follow_up.save()
    figures_changed(communes=[action.meeting.commune_id])
    before = action.status
    if before != status:
        action.status = status
        action.version += 1
        action.save(update_fields=["status", "version"])
    audit_record(
        user=user,
        action="jaap_action.follow_up",
        instance=action,
        changes={"status": [before, status]} if before != status else {},
        reason=follow_up.note,
    )
    return follow_up


@transaction.atomic
def scorecard_sheet_import(
    *, scorecard: Scorecard, user, version: int, file
) -> Scorecard:
    """Import a filled spreadsheet: all of it, or, if any row is wrong, nothing.

    Raises ValidationError with one message per problem, each naming its row and
    column.
    """
    from .spreadsheets import sheet_parse

    scorecard = _lock(Scorecard, scorecard.pk)
    _require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    _require_editable(scorecard)
    _check_version(scorecard, version)
    parsed = sheet_parse(scorecard, file)
    if parsed.errors:
        raise ValidationError(parsed.errors, code="sheet")
    changes = _apply_votes(scorecard, parsed.votes)
    position = scorecard.indicators.aggregate(n=Max("position"))["n"] or 0
    for name, counts in parsed.new_indicators:
        position += 1
        indicator = ScorecardIndicator(
            scorecard=scorecard, custom_name=name, is_selected=True, position=position
        )
        for score, count in enumerate(counts, start=1):
            setattr(indicator, f"votes_{score}", count)
        indicator.full_clean()
        indicator.save()
        changes[f"new:{indicator.pk}"] = [None, list(indicator.votes)]
    scorecard.version += 1
    scorecard.save(update_fields=["version", "updated_at"])
    audit_record(
        user=user, action="scorecard.import", instance=scorecard, changes=changes
    )
    return scorecard
