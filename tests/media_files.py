"""Real recordings for the tests, made on the spot: nothing is downloaded or kept in the repository.

`make_wav` writes a tone with Python's `wave` module; `convert` turns it into another format with
Debian's ffmpeg (`/usr/bin/ffmpeg`, or FFMPEG_PATH), for the compressed formats. Tests that need
ffmpeg use the `ffmpeg` fixture's check (`needs_ffmpeg`), which skips them with the reason.
"""

import array
import datetime
import math
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from django.core.files import File

from interviews.models import Recording

FFMPEG = Path(os.environ.get("FFMPEG_PATH", "/usr/bin/ffmpeg"))
SAMPLE_RATE = 16_000

# Each format the site accepts: ffmpeg's arguments after the input, and what the site reads
# from the result (kind, MIME type). Video gets a small test pattern beside the tone.
FORMATS = {
    ".mp3": (["-c:a", "libmp3lame", "-b:a", "64k"], "audio", "audio/mpeg"),
    ".m4a": (["-c:a", "aac", "-b:a", "64k"], "audio", "audio/mp4"),
    ".aac": (["-c:a", "aac", "-b:a", "64k", "-f", "adts"], "audio", "audio/aac"),
    ".ogg": (["-c:a", "libvorbis"], "audio", "audio/ogg"),
    ".opus": (["-c:a", "libopus", "-b:a", "32k"], "audio", "audio/ogg"),
    ".mp4": (["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"], "video", "video/mp4"),
    ".webm": (["-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus"], "video", "video/webm"),
}
VIDEO_SUFFIXES = {suffix for suffix, (_, kind, _) in FORMATS.items() if kind == "video"}


def make_wav(path: Path, seconds: float = 2.0, tone: int = 440, rate: int = SAMPLE_RATE) -> Path:
    """A mono 16-bit WAV of `seconds` of a sine `tone` (Hz) at `rate` samples a second.

    One second of the tone is computed and repeated (a whole number of periods, so it joins up),
    which keeps a ten-minute recording quick to make.
    """
    path = Path(path)
    second = array.array(
        "h", (int(12_000 * math.sin(2 * math.pi * tone * index / rate)) for index in range(rate))
    )
    if sys.byteorder == "big":
        second.byteswap()  # WAV is little-endian
    whole, rest = divmod(int(seconds * rate), rate)
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(rate)
        output.writeframes(second.tobytes() * whole + second[:rest].tobytes())
    return path


def ffmpeg_missing_reason() -> str | None:
    if FFMPEG.exists() or shutil.which(str(FFMPEG)):
        return None
    return f"needs ffmpeg at {FFMPEG} (apt install ffmpeg) to make compressed recordings"


def needs_ffmpeg() -> None:
    reason = ffmpeg_missing_reason()
    if reason:
        pytest.skip(reason)


def convert(wav: Path, suffix: str) -> Path:
    """`wav` converted by ffmpeg to the format of `suffix` (a key of FORMATS), beside it."""
    needs_ffmpeg()
    wav = Path(wav)
    arguments, kind, _ = FORMATS[suffix]
    output = wav.with_suffix(suffix)
    inputs = ["-i", str(wav)]
    if kind == "video":
        with wave.open(str(wav)) as source:
            seconds = source.getnframes() / source.getframerate()
        inputs = [
            "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
            *inputs,
        ]  # fmt: skip
    subprocess.run(
        [str(FFMPEG), "-hide_banner", "-loglevel", "error", "-y", *inputs, *arguments, str(output)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return output


def truncated(path: Path, keep: float = 0.5) -> bytes:
    """The first `keep` of a file's bytes: a download or an upload cut short."""
    content = Path(path).read_bytes()
    return content[: int(len(content) * keep)]


def attach_recording(interview, path: Path, *, kind: str = "audio", **fields) -> Recording:
    """A Recording of `interview` holding the file at `path`, stored as an upload would be."""
    recording = Recording(interview=interview, kind=kind, size_bytes=path.stat().st_size, **fields)
    with path.open("rb") as source:
        recording.file.save(path.name, File(source), save=True)
    return recording


def stamp_turns(interview, seconds_apart: float, *, start: float = 0.0) -> None:
    """Give the interview's turns times `seconds_apart` apart, from `start`, in order."""
    for index, turn in enumerate(interview.turns.order_by("position")):
        turn.timestamp = datetime.timedelta(seconds=start + index * seconds_apart)
        turn.save(update_fields=["timestamp"])
