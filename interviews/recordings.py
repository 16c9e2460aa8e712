"""An interview's recording: what an uploaded file is, which external addresses are allowed,
subtitles as WebVTT, and the one write that stores a recording.

The checks are plain functions of bytes, text and settings values, so they are tested without a
request: `media_facts` reads the container (mutagen for MP3, AAC, MP4/M4A, Ogg and WAV; the
EBML header for WebM, which mutagen does not read) and refuses, with a sentence an editor can act
on, anything that is not a whole recording in a format browsers play: a text file or an image
renamed .mp3, a file cut short, a container without sound or picture. The name an upload came
with and the type the browser announced are never trusted. `recording_save` is the write.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import struct
from typing import BinaryIO
from urllib.parse import urlsplit

import mutagen
import mutagen.aac
import mutagen.mp3
import mutagen.mp4
import mutagen.oggopus
import mutagen.oggtheora
import mutagen.oggvorbis
import mutagen.wave
from django.db import transaction

from interviews.models import Recording

ACCEPTED_FORMATS = "MP3, M4A or AAC, Ogg (Opus or Vorbis), WAV, MP4 or WebM"
# Subtitles are text: a file larger than this is not a subtitle track.
MAX_SUBTITLES_BYTES = 2 * 1024 * 1024
# What mutagen may raise on a damaged file besides its own errors: it reads untrusted structures.
_READ_ERRORS = (
    mutagen.MutagenError,
    mutagen.mp4.AtomError,  # not a MutagenError
    struct.error,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    OverflowError,
    ZeroDivisionError,
)


class MediaRefused(ValueError):
    """The upload, address or subtitles cannot be used; the message says why, for the editor."""


@dataclasses.dataclass(frozen=True)
class MediaFacts:
    """What the container says a recording is, as Recording stores it."""

    kind: str  # Recording.Kind: "audio" or "video"
    mime_type: str
    format_name: str
    duration: datetime.timedelta
    size_bytes: int


# --- Sizes ------------------------------------------------------------------------------------


def size_text(size: int) -> str:
    """500 MB, 1.5 GB, 12 kB: a size as the messages give it (decimal-free when whole)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= factor:
            return f"{round(size / factor, 1):g} {unit}"
    return f"{size:,} bytes"


def check_upload_size(size: int, *, limit: int) -> None:
    if size > limit:
        raise MediaRefused(
            f"This file is {size_text(size)}; a recording may be at most {size_text(limit)} "
            "(DJANGO_MEDIA_MAX_UPLOAD_BYTES). Compress it (a spoken-word MP3 or M4A at 64 kbit/s "
            "is about 30 MB an hour), or host it elsewhere and give its address."
        )


# --- What a file is ---------------------------------------------------------------------------


def media_facts(fileobj: BinaryIO, *, size: int) -> MediaFacts:
    """Read the recording in `fileobj` (seekable, `size` bytes): its kind, type and length.

    Raises MediaRefused, saying what the file seems to be instead, when it is not a whole
    recording of an accepted format.
    """
    if size == 0:
        raise MediaRefused("This file is empty.")
    fileobj.seek(0)
    head = fileobj.read(64)
    reader = _reader_for(head)
    if reader is None:
        raise MediaRefused(
            f"This file is {_what_else(head)}, not a recording. Upload {ACCEPTED_FORMATS}."
        )
    try:
        fileobj.seek(0)
        facts = reader(fileobj, size)
    except MediaRefused:
        raise
    except _READ_ERRORS as error:
        raise MediaRefused(
            "This file starts like a recording but cannot be read as one: it is damaged or "
            f"incomplete ({error}). Export it again and upload the new file."
        ) from error
    finally:
        fileobj.seek(0)
    if facts.duration <= datetime.timedelta(0):
        raise MediaRefused(f"This {facts.format_name} file holds no sound: its length is zero.")
    return facts


def _reader_for(head: bytes):
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _wav_facts
    if head[:4] == b"OggS":
        return _ogg_facts
    if head[4:8] == b"ftyp":
        return _mp4_facts
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _webm_facts
    if head[:3] == b"ID3" or _mpeg_audio_header(head[:4]) is not None:
        return _mp3_facts
    if _adts_frame_length(head[:7]) is not None:
        return _aac_facts
    return None


def _what_else(head: bytes) -> str:
    """A few words on what a refused file seems to be, from its first bytes."""
    signatures = (
        (b"\x89PNG", "an image (PNG)"),
        (b"\xff\xd8\xff", "an image (JPEG)"),
        (b"GIF8", "an image (GIF)"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
        (b"fLaC", "FLAC audio, which not every browser plays"),
    )
    for signature, description in signatures:
        if head.startswith(signature):
            return description
    if head[:4] == b"RIFF":
        return "a RIFF file that is not WAV audio (AVI video or WebP image)"
    if head[:2] == b"\xff\xfe" or head[:2] == b"\xfe\xff":
        return "text"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # Text cut inside a character at the 64th byte is still text.
        if error.start < len(head) - 3:
            return "in a format the site does not know"
        text = head[: error.start].decode("utf-8")
    if any(char < " " and char not in "\t\n\r\f" for char in text):
        return "in a format the site does not know"
    return "text"


def _facts(kind: str, mime_type: str, format_name: str, seconds: float, size: int) -> MediaFacts:
    return MediaFacts(
        kind=kind,
        mime_type=mime_type,
        format_name=format_name,
        duration=datetime.timedelta(seconds=round(seconds, 3)),
        size_bytes=size,
    )


def _cut_short(format_name: str, detail: str) -> MediaRefused:
    return MediaRefused(
        f"This {format_name} file is incomplete ({detail}): it was probably cut short while it "
        "was copied or uploaded. Upload the whole file."
    )


def _wav_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    (riff_size,) = struct.unpack("<I", fileobj.read(8)[4:8])
    if riff_size + 8 > size:
        raise _cut_short(
            "WAV", f"it declares {size_text(riff_size + 8)} but holds {size_text(size)}"
        )
    fileobj.seek(0)
    info = mutagen.wave.WAVE(fileobj).info
    return _facts("audio", "audio/wav", "WAV", info.length, size)


def _mp3_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    audio = mutagen.mp3.MP3(fileobj)
    if audio.info.sketchy:
        raise MediaRefused(
            "This file is not MP3 audio: no run of MPEG audio frames was found in it."
        )
    _check_frames(fileobj, size, "MP3", start=_id3_size(fileobj), frame_length=_mpeg_frame_length)
    return _facts("audio", "audio/mpeg", "MP3", audio.info.length, size)


def _aac_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    info = mutagen.aac.AAC(fileobj).info
    _check_frames(fileobj, size, "AAC", start=0, frame_length=_adts_frame_length, header_size=7)
    return _facts("audio", "audio/aac", "AAC (ADTS)", info.length, size)


def _id3_size(fileobj: BinaryIO) -> int:
    """Where the audio starts: after an ID3v2 tag, if the file opens with one."""
    fileobj.seek(0)
    header = fileobj.read(10)
    if header[:3] != b"ID3" or len(header) < 10:
        return 0
    synchsafe = header[6:10]
    length = (synchsafe[0] << 21) | (synchsafe[1] << 14) | (synchsafe[2] << 7) | synchsafe[3]
    footer = 10 if header[5] & 0x10 else 0
    return 10 + length + footer


# kbit/s by MPEG version (1, or 2 and 2.5) for layer III, index 1 to 14.
_MP3_BITRATES = {
    1: (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MP3_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_audio_header(header: bytes) -> tuple[int, int, int, int] | None:
    """(version bits, bitrate kbit/s, sample rate, padding) of an MPEG layer III frame header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 0x03
    layer = (header[1] >> 1) & 0x03
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0x03
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None  # reserved values, another layer, or free format (no frame length)
    bitrate = _MP3_BITRATES[1 if version == 3 else 2][bitrate_index - 1]
    return version, bitrate, _MP3_SAMPLE_RATES[version][rate_index], (header[2] >> 1) & 0x01


def _mpeg_frame_length(header: bytes) -> int | None:
    parsed = _mpeg_audio_header(header)
    if parsed is None:
        return None
    version, bitrate, sample_rate, padding = parsed
    samples_per_byte = 144 if version == 3 else 72
    return samples_per_byte * bitrate * 1000 // sample_rate + padding


def _adts_frame_length(header: bytes) -> int | None:
    """The length of an AAC ADTS frame from its 7-byte header, or None if it is not one."""
    if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
        return None
    length = ((header[3] & 0x03) << 11) | (header[4] << 3) | (header[5] >> 5)
    return length if length >= 7 else None


# Tags that may follow the last MPEG frame: ID3v1, APEv2, Lyrics3, an appended ID3v2.
_TRAILING_TAGS = (b"TAG", b"APETAGEX", b"LYRICS", b"ID3")


def _check_frames(
    fileobj, size: int, format_name: str, *, start: int, frame_length, header_size: int = 4
) -> None:
    """Walk the frames from `start`: the last one must end within the file.

    Each frame header gives the frame's length, so a file cut short ends inside its last
    frame. Where the frames stop chaining before the end (junk, a tag), the rest is not judged:
    players skip it too. About 40 frames a second: a three-hour file is 400,000 small reads.
    """
    offset = start
    fileobj.seek(offset)
    while offset < size:
        fileobj.seek(offset)
        header = fileobj.read(max(header_size, 8))
        if header.startswith(_TRAILING_TAGS):
            return
        length = frame_length(header[:header_size])
        if length is None:
            return
        if offset + length > size:
            raise _cut_short(
                format_name, f"its last frame needs {offset + length - size:,} more bytes"
            )
        offset += length


def _ogg_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    first_packet = _ogg_first_packet(fileobj)
    fileobj.seek(0)
    if first_packet.startswith(b"OpusHead"):
        audio, name, kind, mime = mutagen.oggopus.OggOpus(fileobj), "Ogg Opus", "audio", "audio/ogg"
    elif first_packet.startswith(b"\x01vorbis"):
        audio, name, kind = mutagen.oggvorbis.OggVorbis(fileobj), "Ogg Vorbis", "audio"
        mime = "audio/ogg"
    elif first_packet.startswith(b"\x80theora"):
        audio, name, kind = mutagen.oggtheora.OggTheora(fileobj), "Ogg Theora", "video"
        mime = "video/ogg"
    else:
        raise MediaRefused(
            "This Ogg file holds neither Opus nor Vorbis audio, which browsers play. "
            f"Upload {ACCEPTED_FORMATS}."
        )
    _check_ogg_ends_whole(fileobj, size, name)
    return _facts(kind, mime, name, audio.info.length, size)


def _ogg_first_packet(fileobj: BinaryIO) -> bytes:
    fileobj.seek(0)
    header = fileobj.read(27)
    segments = header[26] if len(header) == 27 else 0
    table = fileobj.read(segments)
    return fileobj.read(min(sum(table), 64))


def _check_ogg_ends_whole(fileobj: BinaryIO, size: int, name: str) -> None:
    """A whole Ogg stream ends with a complete page marked end-of-stream, at the file's end."""
    tail_start = max(0, size - 70_000)  # an Ogg page is at most 65,307 bytes
    fileobj.seek(tail_start)
    tail = fileobj.read()
    position = tail.rfind(b"OggS")
    while position >= 0:
        header = tail[position : position + 27]
        if len(header) == 27 and header[4] == 0:
            table = tail[position + 27 : position + 27 + header[26]]
            end = position + 27 + len(table) + sum(table)
            if len(table) == header[26] and end == len(tail):
                if not header[5] & 0x04:
                    raise _cut_short(name, "its last page does not end the stream")
                return
        position = tail.rfind(b"OggS", 0, position)
    raise _cut_short(name, "it ends in the middle of a page")


def _mp4_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    top_level = _mp4_top_level_atoms(fileobj, size)
    if b"moov" not in top_level:
        raise _cut_short("MP4", "it has no movie header (moov), which is written last")
    fileobj.seek(0)
    atoms = mutagen.mp4.Atoms(fileobj)
    handlers = set()
    for trak in atoms.path(b"moov")[-1].findall(b"trak"):
        for hdlr in trak.findall(b"hdlr", recursive=True):
            ok, data = hdlr.read(fileobj)
            if ok and len(data) >= 12:
                handlers.add(data[8:12])
    seconds = _mvhd_seconds(fileobj, atoms)
    brand = top_level[b"ftyp"][:4]
    if b"vide" in handlers:
        return _facts("video", "video/mp4", "MP4 (video)", seconds, size)
    if b"soun" in handlers:
        name = "M4A (MPEG-4 audio)" if brand in (b"M4A ", b"M4B ") else "MP4 (audio)"
        return _facts("audio", "audio/mp4", name, seconds, size)
    raise MediaRefused("This MP4 file has neither sound nor picture: no audio or video track.")


def _mp4_top_level_atoms(fileobj: BinaryIO, size: int) -> dict[bytes, bytes]:
    """The top-level boxes by type, each with its first 16 bytes; every one must fit the file."""
    boxes = {}
    offset = 0
    while offset < size:
        fileobj.seek(offset)
        header = fileobj.read(16)
        if len(header) < 8:
            raise _cut_short("MP4", "it ends inside a box header")
        length, box_type = struct.unpack(">I4s", header[:8])
        if length == 1:
            if len(header) < 16:
                raise _cut_short("MP4", "it ends inside a box header")
            (length,) = struct.unpack(">Q", header[8:16])
        elif length == 0:
            length = size - offset  # the last box runs to the end of the file
        if length < 8:
            raise MediaRefused("This MP4 file is damaged: a box has an impossible length.")
        if offset + length > size:
            raise _cut_short(
                "MP4",
                f"its {box_type.decode('latin-1')!r} box needs {offset + length - size:,} "
                "more bytes",
            )
        boxes.setdefault(box_type, header[8:16])
        offset += length
    return boxes


def _mvhd_seconds(fileobj: BinaryIO, atoms) -> float:
    ok, data = atoms.path(b"moov", b"mvhd")[-1].read(fileobj)
    if not ok:
        raise _cut_short("MP4", "its movie header is cut")
    if data[0] == 1:
        timescale, duration = struct.unpack(">IQ", data[20:32])
    else:
        timescale, duration = struct.unpack(">II", data[12:20])
    return duration / timescale if timescale else 0.0


# WebM (Matroska) element ids, as the EBML specification numbers them.
_EBML_DOCTYPE = 0x4282
_SEGMENT = 0x18538067
_INFO = 0x1549A966
_TIMECODE_SCALE = 0x2AD7B1
_DURATION = 0x4489
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_UNKNOWN_SIZE = -1
# Element sizes read from a file; an element beyond this is not read into memory.
_MAX_EBML_READ = 16 * 1024 * 1024


def _webm_facts(fileobj: BinaryIO, size: int) -> MediaFacts:
    """WebM's EBML: the header's DocType, the segment's Info (duration) and Tracks (kinds)."""
    _, header_size, body_size = _ebml_element(fileobj, 0)
    header = _ebml_children(_ebml_read(fileobj, header_size, body_size))
    doctype = header.get(_EBML_DOCTYPE, b"").rstrip(b"\x00")
    if doctype != b"webm":
        raise MediaRefused(
            f"This is a Matroska ({doctype.decode('latin-1') or 'unknown'}) file, which not every "
            "browser plays: convert it to WebM or MP4."
        )
    segment_start = header_size + body_size
    segment_id, segment_header, segment_size = _ebml_element(fileobj, segment_start)
    if segment_id != _SEGMENT:
        raise MediaRefused("This WebM file is damaged: no segment follows its header.")
    body_start = segment_start + segment_header
    if segment_size != _UNKNOWN_SIZE and body_start + segment_size > size:
        raise _cut_short(
            "WebM", f"its segment needs {body_start + segment_size - size:,} more bytes"
        )
    segment_end = size if segment_size == _UNKNOWN_SIZE else body_start + segment_size
    info = tracks = None
    offset = body_start
    while offset < segment_end and (info is None or tracks is None):
        child_id, child_header, child_size = _ebml_element(fileobj, offset)
        if child_size == _UNKNOWN_SIZE or offset + child_header + child_size > size:
            raise _cut_short("WebM", "an element runs past the end of the file")
        if child_id == _INFO:
            info = _ebml_children(_ebml_read(fileobj, offset + child_header, child_size))
        elif child_id == _TRACKS:
            tracks = _ebml_read(fileobj, offset + child_header, child_size)
        offset += child_header + child_size
    if info is None or tracks is None:
        raise _cut_short("WebM", "its Info or Tracks element is missing")
    kinds = {
        int.from_bytes(_ebml_children(entry).get(_TRACK_TYPE, b"\x00"), "big")
        for entry in _ebml_all(tracks, _TRACK_ENTRY)
    }
    scale = int.from_bytes(info.get(_TIMECODE_SCALE, b""), "big") or 1_000_000
    duration = info.get(_DURATION)
    if duration is None:
        raise MediaRefused(
            "This WebM file does not say how long it is (a live recording saved as it streamed). "
            "Remux it, e.g. ffmpeg -i in.webm -c copy out.webm, and upload the result."
        )
    ticks = struct.unpack(">f" if len(duration) == 4 else ">d", duration)[0]
    seconds = ticks * scale / 1e9
    if 1 in kinds:
        return _facts("video", "video/webm", "WebM (video)", seconds, size)
    if 2 in kinds:
        return _facts("audio", "audio/webm", "WebM (audio)", seconds, size)
    raise MediaRefused("This WebM file has neither sound nor picture: no audio or video track.")


def _ebml_vint(data: bytes, offset: int, *, keep_marker: bool) -> tuple[int, int]:
    """A variable-length integer at `offset`: (value, its length in bytes)."""
    if offset >= len(data):
        raise EOFError("the file ends inside an element")
    first = data[offset]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or offset + length > len(data):
        raise ValueError("an element's id or size is not valid EBML")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[offset + 1 : offset + length]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = _UNKNOWN_SIZE
    return value, length


def _ebml_element(fileobj: BinaryIO, offset: int) -> tuple[int, int, int]:
    """(id, header length, body size) of the element at `offset` in the file."""
    fileobj.seek(offset)
    data = fileobj.read(12)
    element_id, id_length = _ebml_vint(data, 0, keep_marker=True)
    body_size, size_length = _ebml_vint(data, id_length, keep_marker=False)
    return element_id, id_length + size_length, body_size


def _ebml_read(fileobj: BinaryIO, offset: int, size: int) -> bytes:
    if size == _UNKNOWN_SIZE or size > _MAX_EBML_READ:
        raise ValueError("a header element is larger than a header can be")
    fileobj.seek(offset)
    data = fileobj.read(size)
    if len(data) < size:
        raise EOFError("the file ends inside an element")
    return data


def _ebml_all(data: bytes, wanted: int | None = None):
    """(id, body) of each element in `data`, or of those with the id `wanted`."""
    offset = 0
    while offset < len(data):
        element_id, id_length = _ebml_vint(data, offset, keep_marker=True)
        size, size_length = _ebml_vint(data, offset + id_length, keep_marker=False)
        start = offset + id_length + size_length
        if size == _UNKNOWN_SIZE or start + size > len(data):
            raise ValueError("an element runs past its parent")
        if wanted is None:
            yield element_id, data[start : start + size]
        elif element_id == wanted:
            yield data[start : start + size]
        offset = start + size


def _ebml_children(data: bytes) -> dict[int, bytes]:
    children: dict[int, bytes] = {}
    for element_id, body in _ebml_all(data):
        children.setdefault(element_id, body)
    return children


# --- External addresses -----------------------------------------------------------------------


def check_external_url(url: str, *, allowed_hosts: list[str]) -> None:
    """An external recording is https on a host of MEDIA_EXTERNAL_HOSTS (the CSP's media-src)."""
    if not allowed_hosts:
        raise MediaRefused(
            "This site takes no external recordings: no host is allowed "
            "(DJANGO_MEDIA_EXTERNAL_HOSTS is empty). Upload the file instead, or ask an "
            "administrator to allow the host it is on."
        )
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise MediaRefused("An external recording's address must start with https://.")
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = (parts.hostname or "").lower()
    if port not in (None, 443) or parts.username is not None or parts.password is not None:
        raise MediaRefused(
            "An external recording's address must name its host alone: no port, user or password."
        )
    if host not in allowed_hosts:
        raise MediaRefused(
            f"Recordings may not come from {host or 'this address'}: the allowed hosts are "
            f"{', '.join(allowed_hosts)}. Upload the file instead, or ask an administrator to "
            "allow the host (DJANGO_MEDIA_EXTERNAL_HOSTS)."
        )


# --- Subtitles --------------------------------------------------------------------------------

# "00:01:02,500 --> 00:01:04,000" (SRT) or "01:02.500 --> 01:04.000 align:start" (WebVTT).
_CUE_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_CUE_TIMING_RE = re.compile(rf"^\s*{_CUE_TIME}\s*-->\s*{_CUE_TIME}(?P<settings>[ \t].*)?$")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")


def _cue_seconds(hours, minutes, seconds, fraction) -> float:
    if int(minutes) > 59 or int(seconds) > 59:
        raise ValueError("minutes and seconds go up to 59")
    return (
        int(hours or 0) * 3600
        + int(minutes) * 60
        + int(seconds)
        + int(fraction.ljust(3, "0")) / 1000
    )


def vtt_time(seconds: float) -> str:
    """01:02:03.500: a cue time as WebVTT writes it."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def subtitles_webvtt(content: bytes) -> str:
    """An SRT or WebVTT file as WebVTT, each cue's timing normalised; MediaRefused if it is not one.

    Cue numbers are dropped, comments (NOTE) and styles kept out; the cue text is kept as
    written (WebVTT's tags are markup the browser renders as text, never as HTML).
    """
    if len(content) > MAX_SUBTITLES_BYTES:
        raise MediaRefused(
            f"This subtitle file is {size_text(len(content))}; one may be at most "
            f"{size_text(MAX_SUBTITLES_BYTES)}."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MediaRefused(
            "This subtitle file is not UTF-8 text. Save it as UTF-8 (SRT or WebVTT) and upload "
            "it again."
        ) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise MediaRefused("This is not a subtitle file: it holds binary data.")
    cues = []
    for number, block in enumerate(re.split(r"\n[ \t]*\n", text.strip()), start=1):
        lines = block.split("\n")
        if number == 1 and lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith(_VTT_BLOCKS):
            continue
        timing_at = next(
            (index for index, line in enumerate(lines[:2]) if _CUE_TIMING_RE.match(line)), None
        )
        if timing_at is None:
            raise MediaRefused(
                f"This is not an SRT or WebVTT subtitle file: block {number} "
                f"(“{lines[0][:60]}”) has no timing line such as "
                "00:00:01,000 --> 00:00:04,000."
            )
        timing = _CUE_TIMING_RE.match(lines[timing_at])
        try:
            start = _cue_seconds(*timing.groups()[0:4])
            end = _cue_seconds(*timing.groups()[4:8])
        except ValueError as error:
            raise MediaRefused(
                f"Block {number} of the subtitles has an impossible time ({lines[timing_at]}): "
                f"{error}."
            ) from error
        if end < start:
            raise MediaRefused(
                f"Block {number} of the subtitles ends before it starts ({lines[timing_at]})."
            )
        cue_text = "\n".join(line for line in lines[timing_at + 1 :] if line.strip())
        cues.append(f"{vtt_time(start)} --> {vtt_time(end)}\n{cue_text}".rstrip("\n"))
    if not cues:
        raise MediaRefused("This subtitle file holds no cue: nothing to show.")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def cue_count(webvtt: str) -> int:
    return sum(1 for line in webvtt.split("\n") if _CUE_TIMING_RE.match(line))


# --- The write --------------------------------------------------------------------------------


def recording_save(*, recording: Recording) -> Recording:
    """Save the recording (its upload is written to storage as the row is saved).

    If the save fails, the file it just wrote is removed, so that a refused or failed save
    leaves nothing in storage. A file it replaces is kept: the interview's edit history can
    bring the older version back (docs/media.md).
    """
    new_upload = bool(recording.file) and not recording.file._committed
    try:
        with transaction.atomic():
            recording.save()
    except BaseException:
        if new_upload and recording.file._committed and recording.file.name:
            recording.file.storage.delete(recording.file.name)
        raise
    return recording
