"""Recording voice clips, and making a scorecard's clips public when it is
published (see `scorecards.models.audio`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from communes.scopes import can_record_for_provider, records_fieldwork
from isaf.audio import OpusClip
from isaf.audit import audit_record
from isaf.pages import pages_forget_all

from ..models import Clip, LibraryIndicator, Scorecard, ScorecardIndicator
from ..models.audio import clip_file_name, clip_storage
from .guards import require, require_editable


def _delete_on_commit(name: str, *, public: bool) -> None:
    """Remove replaced bytes only once the new row is committed: a failed save
    keeps the clip people could hear."""
    if name:
        storage = clip_storage(public=public)
        transaction.on_commit(lambda: storage.delete(name))


def _save(clip: Clip, *, recording: OpusClip, public: bool) -> tuple[str, bool]:
    """Write the bytes under the clip's new random name; return the old name
    and whether it was public."""
    old = (clip.file.name, clip.is_public) if clip.pk else ("", False)
    # A new name for each recording: public clips are cached for a long time,
    # so bytes never change under a name people may have fetched.
    clip.token = Clip._meta.get_field("token").default()
    name = clip_storage(public=public).save(
        clip_file_name(token=clip.token, public=public), ContentFile(recording.data)
    )
    clip.file.name = name
    clip.is_public = public
    clip.seconds = recording.seconds
    clip.size = recording.size
    return old


def _record(owner: dict, *, user, recording: OpusClip, public: bool, is_demo: bool):
    clip = Clip.objects.select_for_update().filter(**owner).first() or Clip(**owner)
    old, was_public = _save(clip, recording=recording, public=public)
    clip.recorded_by = user if getattr(user, "pk", None) else None
    clip.is_demo = is_demo
    clip.full_clean()
    clip.save()
    _delete_on_commit(old, public=was_public)
    if public:
        # A library or scale clip plays on every stored page of published
        # results that use it, across the country: rather than list them, no
        # stored page counts any more and each is stored again on its next
        # read. Such clips are recorded a few dozen times in all.
        pages_forget_all()
    audit_record(
        user=user,
        action="clip.record",
        instance=clip,
        changes={"seconds": round(recording.seconds, 1), "size": recording.size},
    )
    return clip


@transaction.atomic
def library_clip_record(
    *,
    indicator: LibraryIndicator,
    user,
    recording: OpusClip,
    is_demo: bool = False,
) -> Clip:
    """The library is published to everyone, so its clips are public at once.
    Facilitators and the secretariat record them."""
    require(user is None or records_fieldwork(user))
    return _record(
        {"library_indicator": indicator},
        user=user,
        recording=recording,
        public=True,
        is_demo=is_demo,
    )


@transaction.atomic
def scale_clip_record(
    *, level: int, user, recording: OpusClip, is_demo: bool = False
) -> Clip:
    """A clip saying one point of the scale (its number and word); public."""
    require(user is None or records_fieldwork(user))
    if level not in range(1, 6):
        raise ValidationError(_("The scale goes from 1 to 5."))
    return _record(
        {"scale_level": level},
        user=user,
        recording=recording,
        public=True,
        is_demo=is_demo,
    )


@transaction.atomic
def indicator_clip_record(
    *,
    indicator: ScorecardIndicator,
    user,
    recording: OpusClip,
    is_demo: bool = False,
) -> Clip:
    """A clip of an indicator written on the day. It stays private while the
    scorecard is entered and becomes public when the scorecard is published
    (`scorecard_clips_publish`). A library indicator has the library's clip."""
    scorecard = Scorecard.objects.select_for_update().get(pk=indicator.scorecard_id)
    if user is not None:
        require(can_record_for_provider(user, scorecard.provider, scorecard.cycle))
    require_editable(scorecard)
    if indicator.library_indicator_id:
        raise ValidationError(
            _("This indicator is from the library: record it in the library.")
        )
    return _record(
        {"scorecard_indicator": indicator},
        user=user,
        recording=recording,
        public=False,
        is_demo=is_demo,
    )


def scorecard_clips_publish(*, scorecard: Scorecard) -> int:
    """Move the clips of a scorecard's indicators to public storage (called by
    `scorecard_publish`, inside its transaction). Returns how many moved."""
    moved = 0
    clips = Clip.objects.select_for_update().filter(
        scorecard_indicator__scorecard=scorecard, is_public=False
    )
    for clip in clips:
        # From the private storage to the public one, under the public name.
        with clip_storage(public=False).open(clip.file.name, "rb") as private:
            data = private.read()
        old = clip.file.name
        clip.file.name = clip_storage(public=True).save(
            clip_file_name(token=clip.token, public=True), ContentFile(data)
        )
        clip.is_public = True
        clip.save(update_fields=["file", "is_public"])
        _delete_on_commit(old, public=False)
        moved += 1
    return moved
