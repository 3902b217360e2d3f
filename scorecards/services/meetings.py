"""The interface meeting, its JAAP actions and their monthly follow-ups."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from communes.freshness import figures_changed
from communes.models import Commune, Cycle, ServiceProvider
from communes.scopes import can_record_for_commune, can_record_for_provider
from isaf import concurrency
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.audit import audit_record, audited_save, field_values
from isaf.private_files import download_name

from ..models import InterfaceMeeting, JaapAction, JaapFollowUp, ScorecardIndicator
from ..validators import evidence_check
from .guards import require, require_known

MEETING_FIELDS = ("held_on", *ATTENDANCE_FIELDS)
ACTION_FIELDS = ("indicator", "issue", *JaapAction.PLAN_FIELDS)


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
    require(can_record_for_commune(user, commune, cycle))
    meeting = InterfaceMeeting(
        commune=commune, cycle=cycle, held_on=held_on, is_demo=is_demo, **attendance
    )
    audited_save(
        meeting, user=user, action="interface_meeting.create", fields=MEETING_FIELDS
    )
    figures_changed(communes=[meeting.commune_id])
    return meeting


@transaction.atomic
def interface_meeting_update(
    *, meeting: InterfaceMeeting, user, version: int, **fields
) -> InterfaceMeeting:
    require_known(fields, MEETING_FIELDS, what="meeting")
    meeting = concurrency.lock(InterfaceMeeting, meeting.pk)
    require(can_record_for_commune(user, meeting.commune, meeting.cycle))
    concurrency.check_record(meeting, version)
    before = field_values(meeting, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.version += 1
    audited_save(
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
    require(
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
    audited_save(
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
    record = concurrency.lock(JaapAction, jaap_action.pk)
    _check_action_scope(user, record.meeting, record)
    concurrency.check_record(record, version)
    before = field_values(record, ACTION_FIELDS)
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
    audited_save(
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
    action = concurrency.lock(JaapAction, action.pk)
    _check_action_scope(user, action.meeting, action)
    follow_up = JaapFollowUp(
        action=action,
        checked_on=checked_on,
        status=status,
        note=note.strip(),
        recorded_by=user,
    )
    if evidence:
        # Judged by its bytes; stored privately under a random name, the name
        # it was chosen under kept (made safe) for its download.
        try:
            kind = evidence_check(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        follow_up.evidence_type = kind.content_type
        follow_up.evidence_name = download_name(
            getattr(evidence, "name", "") or "",
            extension=kind.extension,
            fallback="evidence",
        )
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
