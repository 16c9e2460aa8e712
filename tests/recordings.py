"""Real recordings for the player's tests, made here: nothing is downloaded.

A WAV of a tone, written with Python's `wave` module; other formats converted from it with
Debian's ffmpeg (/usr/bin/ffmpeg), the tests that need one skipped without it.
"""

import array
import datetime
import math
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from django.core.files import File

from interviews.models import Recording

FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"


def write_wav(path: Path, *, seconds: float, rate: int = 8000, frequency: float = 440.0) -> Path:
    """A mono 16-bit WAV of a quiet sine tone, `seconds` long."""
    # One second of the tone, repeated: a whole number of periods, so it joins up.
    period = [int(8000 * math.sin(2 * math.pi * frequency * index / rate)) for index in range(rate)]
    second = array.array("h", period)
    if sys.byteorder == "big":
        second.byteswap()  # WAV is little-endian
    whole, rest = divmod(int(seconds * rate), rate)
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(second.tobytes() * whole + second[:rest].tobytes())
    return path


def convert(source: Path, target: Path) -> Path:
    """`source` converted by ffmpeg to the format `target`'s suffix names (.mp3, .webm, ...)."""
    if not Path(FFMPEG).exists():
        pytest.skip(f"needs ffmpeg at {FFMPEG} (apt install ffmpeg)")
    subprocess.run(
        [FFMPEG, "-y", "-loglevel", "error", "-i", str(source), str(target)],
        check=True,
        timeout=120,
    )
    return target


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
