"""Demo voice clips: a tone for each point of the scale and for each library
indicator, marked as demo data.

No Khmer voice can be synthesised on these machines, so the demo's clips are
plain tones (ffmpeg, installed by `make install`); real clips come from
facilitators. The written-on-the-day indicator of Krang Teh's women's group gets
its clip from `load_demo_scorecards` before that scorecard is published, the way
a facilitator records one. Idempotent: a clip already recorded is kept.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from isaf.audio import ffmpeg_path
from scorecards import services
from scorecards.management.demo_audio import demo_recording
from scorecards.models import Clip, LibraryIndicator


class Command(BaseCommand):
    help = (
        "Make demo voice clips (tones) for the scale and the indicator library. "
        "Run after load_demo. Idempotent."
    )

    def handle(self, *args, **options):
        if ffmpeg_path() is None:
            self.stderr.write(
                "ffmpeg is missing (run `make install` as root): no demo clips made."
            )
            return
        user = get_user_model().objects.filter(username="ncdd").first()
        made = 0
        with transaction.atomic():
            have = set(
                Clip.objects.filter(scale_level__isnull=False).values_list(
                    "scale_level", flat=True
                )
            )
            for level in range(1, 6):
                if level not in have:
                    services.scale_clip_record(
                        level=level,
                        user=user,
                        recording=demo_recording(level),
                        is_demo=True,
                    )
                    made += 1
            library = LibraryIndicator.objects.filter(clip__isnull=True)
            for indicator in library:
                services.library_clip_record(
                    indicator=indicator,
                    user=user,
                    recording=demo_recording(0),
                    is_demo=True,
                )
                made += 1
        if made:
            self.stdout.write(self.style.SUCCESS(f"Demo voice clips made: {made}."))
        else:
            self.stdout.write("Demo voice clips already made: nothing changed.")
