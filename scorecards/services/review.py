"""A scorecard's way to the public: submit, return, publish, correct."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.freshness import figures_changed
from communes.scopes import can_record_for_provider, can_review_provider
from isaf import concurrency
from isaf.audit import audit_record
from isaf.pages import pages_changed
from notifications.services import notify

from ..models import Scorecard, ScorecardReturn, ScorecardVersion
from .audio import scorecard_clips_publish
from .guards import require
from .snapshots import scorecard_snapshot


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
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    concurrency.check_record(scorecard, version)
    if scorecard.status != Scorecard.Status.PLANNED:
        raise ValidationError(_("Only a scorecard being entered can be submitted."))
    selected = [i for i in scorecard.indicators.all() if i.is_selected]
    if not any(sum(i.votes) for i in selected):
        raise ValidationError(
            _("Select at least one indicator and enter its votes before submitting.")
        )
    _set_status(scorecard, user, Scorecard.Status.SUBMITTED, "scorecard.submit")
    notify("review.waiting", provider=scorecard.provider)
    return scorecard


@transaction.atomic
def scorecard_return(
    *, scorecard: Scorecard, user, version: int, comment: str
) -> Scorecard:
    """A reviewer sends a submitted scorecard back for correction, saying why."""
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_review_provider(user, scorecard.provider))
    concurrency.check_record(scorecard, version)
    if scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs correcting.")})
    scorecard.review_comment = comment.strip()
    # Keep what the reviewer saw, so that the resubmission shows what changed.
    kept = ScorecardReturn(
        scorecard=scorecard,
        returned_at=timezone.now(),
        returned_by=user,
        comment=scorecard.review_comment,
        snapshot=scorecard_snapshot(scorecard),
    )
    kept.full_clean()
    kept.save()
    _set_status(
        scorecard, user, Scorecard.Status.PLANNED, "scorecard.return", reason=comment
    )
    notify("scorecards.returned", scorecard=scorecard)
    return scorecard


@transaction.atomic
def scorecard_publish(*, scorecard: Scorecard, user, version: int) -> ScorecardVersion:
    """A reviewer publishes: the scorecard is frozen in a new numbered version."""
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(can_review_provider(user, scorecard.provider))
    concurrency.check_record(scorecard, version)
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
    # The indicators' voice clips go public with the results they belong to.
    scorecard_clips_publish(scorecard=scorecard)
    scorecard.correction_reason = ""
    scorecard.review_comment = ""
    _set_status(
        scorecard,
        user,
        Scorecard.Status.PUBLISHED,
        "scorecard.publish",
        reason=published.reason,
    )
    # Its results page, and the commune pages that show its results, stop
    # counting in this transaction and are stored again after the commit.
    pages_changed(
        commune=scorecard.provider.commune_codes(),
        provider=[scorecard.provider.code],
        scorecard=[scorecard.pk],
    )
    notify("scorecards.published", scorecard=scorecard, version=published)
    return published


@transaction.atomic
def scorecard_correction_open(
    *, scorecard: Scorecard, user, version: int, reason: str
) -> Scorecard:
    """Reopen a published scorecard to correct it. The public keeps seeing the
    published version until the correction is published as the next one."""
    scorecard = concurrency.lock(Scorecard, scorecard.pk)
    require(
        can_record_for_provider(user, scorecard.provider, scorecard.cycle)
        or can_review_provider(user, scorecard.provider)
    )
    concurrency.check_record(scorecard, version)
    if scorecard.status != Scorecard.Status.PUBLISHED:
        raise ValidationError(_("Only a published scorecard needs a correction."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    scorecard.correction_reason = reason.strip()
    _set_status(
        scorecard, user, Scorecard.Status.PLANNED, "scorecard.correct", reason=reason
    )
    return scorecard
