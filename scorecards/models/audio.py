"""Voice clips: a short Khmer recording of an indicator or of a scale label, for
participants and citizens who read less easily.

A clip belongs to exactly one thing: a library indicator, one point of the
scale (1 to 5, with its word), or an indicator written on the day on one
scorecard. Clips of published things (the library, the scale, the indicators of
a published scorecard) are public: their bytes live under `audio/public/`. A
clip of a draft scorecard lives under `audio/private/` until the scorecard is
published. Both names are random, and both are served only by
`scorecards.views.audio.clip_file`, which shows a private clip only to people
who may edit that scorecard. Public clips are in the media storage; private
ones in the private storage (`isaf.private_files`), which no web server shows.
"""

import uuid

from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from isaf.private_files import private_storage
from isaf.records import person_field

PUBLIC_DIR = "audio/public"
PRIVATE_DIR = "audio/private"


def clip_file_name(*, token: uuid.UUID, public: bool) -> str:
    return f"{PUBLIC_DIR if public else PRIVATE_DIR}/{token.hex}.ogg"


def clip_storage(*, public: bool):
    """Where a clip's bytes live: the media storage once public, else the
    private storage."""
    return default_storage if public else private_storage()


class ClipFieldFile(FieldFile):
    """A clip's file, read from the storage its clip's `is_public` says."""

    @property
    def storage(self):
        return clip_storage(public=self.instance.is_public)

    @storage.setter
    def storage(self, value):
        # FieldFile sets the field's storage; the clip decides instead.
        pass


class ClipFileField(models.FileField):
    attr_class = ClipFieldFile


class Clip(models.Model):
    """One recording (Ogg Opus, checked by `isaf.audio`), replaced whole when
    someone records it again."""

    token = models.UUIDField(_("name"), default=uuid.uuid4, unique=True, editable=False)
    library_indicator = models.OneToOneField(
        "scorecards.LibraryIndicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clip",
        verbose_name=_("library indicator"),
    )
    scorecard_indicator = models.OneToOneField(
        "scorecards.ScorecardIndicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clip",
        verbose_name=_("indicator on a scorecard"),
    )
    scale_level = models.PositiveSmallIntegerField(
        _("score on the scale"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    file = ClipFileField(_("recording"), max_length=200)
    is_public = models.BooleanField(_("public"), default=False)
    seconds = models.FloatField(_("length in seconds"))
    size = models.PositiveIntegerField(_("size in bytes"))
    recorded_by = person_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("voice clip")
        verbose_name_plural = _("voice clips")
        constraints = [
            # Exactly one owner: a library indicator, a scale point, or an
            # indicator written on the day.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        library_indicator__isnull=False,
                        scorecard_indicator__isnull=True,
                        scale_level__isnull=True,
                    )
                    | models.Q(
                        library_indicator__isnull=True,
                        scorecard_indicator__isnull=False,
                        scale_level__isnull=True,
                    )
                    | models.Q(
                        library_indicator__isnull=True,
                        scorecard_indicator__isnull=True,
                        scale_level__isnull=False,
                    )
                ),
                name="clip_has_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(scale_level__isnull=True)
                | models.Q(scale_level__gte=1, scale_level__lte=5),
                name="clip_scale_level_1_to_5",
            ),
        ]

    def __str__(self):
        return self.file.name
