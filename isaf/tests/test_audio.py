"""Voice clips are checked by what they hold: Opus sound, size and length."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from isaf.audio import (
    CLIP_MAX_BYTES,
    ffmpeg_path,
    opus_clip_from_upload,
    tone_clip,
)


def webm_tone(seconds: float) -> bytes:
    """What Chromium's MediaRecorder sends: Opus sound in a WebM container."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch, "tone.webm")
        subprocess.run(
            [ffmpeg_path(), "-v", "error", "-y", "-f", "lavfi", "-i"]
            + [f"sine=frequency=500:duration={seconds}", "-c:a", "libopus"]
            + [str(target)],
            check=True,
        )
        return target.read_bytes()


def refusal(data: bytes, lang: str = "en") -> str:
    with translation.override(lang):
        with pytest.raises(ValidationError) as caught:
            opus_clip_from_upload(io.BytesIO(data))
        return " ".join(caught.value.messages)


def test_it_accepts_an_ogg_opus_clip_and_reads_its_length():
    clip = opus_clip_from_upload(io.BytesIO(tone_clip(seconds=2)))
    assert clip.data.startswith(b"OggS")
    assert 1.9 < clip.seconds < 2.2


def test_it_rewraps_a_webm_recording_as_ogg_opus():
    clip = opus_clip_from_upload(io.BytesIO(webm_tone(3)))
    assert clip.data.startswith(b"OggS") and b"OpusHead" in clip.data[:200]
    assert 2.9 < clip.seconds < 3.2


@pytest.mark.parametrize(
    "disguised",
    [
        b"<!doctype html><html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"PK\x03\x04" + b"\0" * 200,
        b"OggS" + b"\0" * 500,  # looks like Ogg by its first bytes only
        b"\x1a\x45\xdf\xa3" + b"\0" * 500,  # a broken WebM
    ],
    ids=["html", "svg", "zip", "ogg-magic-only", "webm-magic-only"],
)
def test_it_refuses_a_file_that_is_not_opus_sound_whatever_its_name(disguised):
    assert "not a sound recording that the portal accepts" in refusal(disguised)


def test_it_refuses_a_clip_over_the_length_limit_in_khmer():
    message = refusal(tone_clip(seconds=61), lang="km")
    assert "វែងពេក" in message and "៦០" in message


def test_it_refuses_a_clip_over_the_size_limit_before_parsing_it():
    message = refusal(b"OggS" + b"\1" * CLIP_MAX_BYTES, lang="km")
    assert "ធំពេក" in message and "៥១២" in message
