"""Entering a scorecard: its setup, indicators, votes and remarks."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from communes.models import CAF, Cycle, ServiceProvider, Village
from communes.scopes import can_record_for_provider
from isaf import concurrency
from isaf.attendance import ATTENDANCE_FIELDS
from isaf.audit import audit_changes, audit_record, field_values
from isaf.khmer import normalise_for_search
from isaf.text import TEXT_MESSAGES, typed_text_problem

from ..models import LibraryIndicator, Remark, Scorecard, ScorecardIndicator
from .guards import require, require_editable, require_known

SETUP_FIELDS = ("held_on", "village", "language", *ATTENDANCE_FIELDS)


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
    require(can_record_for_provider(user, provider, cycle))
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
        changes=audit_changes(before={}, after=field_values(scorecard, SETUP_FIELDS)),
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
    require_known(fields, SETUP_FIELDS, what="setup")
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    concurrency.check_record(scorecard, version)
    before = field_values(scorecard, SETUP_FIELDS)
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
        changes=audit_changes(
            before=before, after=field_values(scorecard, SETUP_FIELDS)
        ),
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
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    concurrency.check_record(scorecard, version)
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
            # The field app sends names straight here, not through a form.
            problem = typed_text_problem(name)
            if problem:
                errors.append(TEXT_MESSAGES[problem])
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


def apply_votes(scorecard: Scorecard, votes: dict[int, Sequence[int]]) -> dict:
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
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    concurrency.check_record(scorecard, version)
    changes = apply_votes(scorecard, votes)
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
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    concurrency.check_record(scorecard, version)
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
