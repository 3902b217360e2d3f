"""Short voice clips: what an uploaded or recorded clip must be, checked by what
it holds, never by its name.

Clips are kept as Ogg Opus, the small open format every current browser plays
in a plain `<audio>` element. Browsers record differently: Firefox's
MediaRecorder writes Ogg Opus, Chromium's writes WebM with the same Opus inside.
A WebM clip is rewrapped into Ogg by ffmpeg without re-encoding (`-c:a copy`,
milliseconds for a minute of speech), so the portal stores and serves one
format. The duration is read from the Ogg pages themselves (mutagen), so a file
that only looks like Ogg by its first bytes is refused too.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from mutagen.oggopus import OggOpus

from isaf.formatting import format_number

CLIP_MAX_BYTES = 512 * 1024
CLIP_MAX_SECONDS = 60
CLIP_CONTENT_TYPE = "audio/ogg"
# The upload field's hint to the browser's file picker; the server decides by
# content whatever the picker let through.
CLIP_ACCEPT = "audio/ogg,audio/opus,audio/webm,.ogg,.opus,.oga,.webm"

OGG_MAGIC = b"OggS"
EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # Matroska and WebM
FFMPEG_SECONDS = 20


@dataclass(frozen=True)
class OpusClip:
    """A checked clip: its Ogg Opus bytes and length in seconds."""

    data: bytes
    seconds: float

    @property
    def size(self) -> int:
        return len(self.data)


def _too_big() -> ValidationError:
    return ValidationError(
        _("The recording is too large: at most %(size)s KB.")
        % {"size": format_number(CLIP_MAX_BYTES // 1024)},
        code="clip_too_large",
    )


def _not_audio() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a sound recording that the portal accepts. Record "
            "again here, or choose another file."
        ),
        code="clip_not_opus",
    )


def _read_bounded(file) -> bytes:
    """The upload's bytes, refusing before reading more than the limit."""
    if getattr(file, "size", None) is not None and file.size > CLIP_MAX_BYTES:
        raise _too_big()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(CLIP_MAX_BYTES + 1)
    if len(data) > CLIP_MAX_BYTES:
        raise _too_big()
    return data


def ffmpeg_path() -> str | None:
    return shutil.which("ffmpeg")


def webm_to_ogg(data: bytes) -> bytes:
    """Rewrap a WebM Opus recording as Ogg Opus, copying the sound as it is."""
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        raise ValidationError(
            _(
                "WebM recordings cannot be converted on this server: upload an "
                "Ogg Opus file."
            ),
            code="clip_no_converter",
        )
    with tempfile.TemporaryDirectory(prefix="clip-") as scratch:
        source, target = Path(scratch, "in.webm"), Path(scratch, "out.ogg")
        source.write_bytes(data)
        try:
            subprocess.run(
                [ffmpeg, "-v", "error", "-nostdin", "-y", "-protocol_whitelist", "file"]
                + ["-f", "webm", "-i"]
                + [str(source), "-vn", "-map", "0:a:0", "-c:a", "copy"]
                + ["-f", "ogg", str(target)],
                check=True,
                capture_output=True,
                timeout=FFMPEG_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise _not_audio() from error
        return target.read_bytes()


def _ogg_opus_seconds(data: bytes) -> float:
    try:
        info = OggOpus(io.BytesIO(data)).info
    except Exception as error:  # mutagen raises many kinds for a bad file
        raise _not_audio() from error
    return float(info.length)


def opus_clip_from_upload(file) -> OpusClip:
    """The clip in `file` as Ogg Opus, or a ValidationError that says why not:
    not Opus sound (whatever its name), too large, too long or silent-empty."""
    data = _read_bounded(file)
    if data.startswith(EBML_MAGIC):
        data = webm_to_ogg(data)
        if len(data) > CLIP_MAX_BYTES:
            raise _too_big()
    elif not data.startswith(OGG_MAGIC):
        raise _not_audio()
    seconds = _ogg_opus_seconds(data)
    if seconds <= 0:
        raise ValidationError(
            _("The recording is empty: record again."), code="clip_empty"
        )
    if seconds > CLIP_MAX_SECONDS:
        raise ValidationError(
            _("The recording is too long: at most %(seconds)s seconds.")
            % {"seconds": format_number(CLIP_MAX_SECONDS)},
            code="clip_too_long",
        )
    return OpusClip(data=data, seconds=seconds)


def tone_clip(*, seconds: float = 2.0, frequency: int = 440) -> bytes:
    """A short tone as Ogg Opus (for demo data and tests): no voice can be
    synthesised in Khmer here, so the demo's clips are a plain sound."""
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        raise RuntimeError("ffmpeg is needed to make demo clips: run `make install`")
    with tempfile.TemporaryDirectory(prefix="tone-") as scratch:
        target = Path(scratch, "tone.ogg")
        subprocess.run(
            [ffmpeg, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i"]
            + [f"sine=frequency={frequency}:duration={seconds}"]
            + ["-c:a", "libopus", "-b:a", "24k", "-ac", "1", str(target)],
            check=True,
            capture_output=True,
            timeout=FFMPEG_SECONDS,
        )
        return target.read_bytes()
