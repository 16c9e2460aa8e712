"""Real recordings for the tests, made on the spot: nothing is downloaded or kept in the repository.

`make_wav` writes a tone with Python's `wave` module; `convert` turns it into another format with
Debian's ffmpeg (`/usr/bin/ffmpeg`, or FFMPEG_PATH), for the compressed formats. Tests that need
ffmpeg use the `ffmpeg` fixture's check (`needs_ffmpeg`), which skips them with the reason.
"""

import math
import os
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest

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


def make_wav(path: Path, seconds: float = 2.0, tone: float = 440.0) -> Path:
    """A mono 16-bit WAV of `seconds` of a sine `tone` (Hz) at 16 kHz, written to `path`."""
    path = Path(path)
    frames = int(seconds * SAMPLE_RATE)
    samples = (
        int(12_000 * math.sin(2 * math.pi * tone * index / SAMPLE_RATE)) for index in range(frames)
    )
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(SAMPLE_RATE)
        output.writeframes(b"".join(struct.pack("<h", sample) for sample in samples))
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
