"""The demo's voice clips: tones made once per pitch and reused (demo only)."""

from functools import cache

from isaf.audio import OpusClip, opus_clip_from_upload, tone_clip

# One pitch per scale point (rising with the score), one for indicators.
PITCHES = {0: 330, 1: 262, 2: 294, 3: 349, 4: 392, 5: 440}


@cache
def demo_recording(pitch: int) -> OpusClip:
    """A short tone as a checked clip, through the same check as uploads."""
    import io

    return opus_clip_from_upload(
        io.BytesIO(tone_clip(seconds=1.5, frequency=PITCHES[pitch]))
    )
