"""Turning what an editor uploads or pastes into text the parser can read, or saying why not."""

MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024


class UnreadableTranscript(ValueError):
    """The input cannot be a transcript; the message is meant for the editor."""


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size} bytes"


def check_transcript_size(size: int, limit: int = MAX_TRANSCRIPT_BYTES) -> None:
    if size > limit:
        raise UnreadableTranscript(
            f"The transcript is {size_text(size)}; the limit is {size_text(limit)}. "
            "Split it into parts, or remove what is not the interview (page menus, footers)."
        )


def decode_transcript(data: bytes, limit: int = MAX_TRANSCRIPT_BYTES) -> str:
    """The text of an uploaded file: UTF-8 (a byte-order mark is fine), at most `limit` bytes."""
    check_transcript_size(len(data), limit)
    if b"\x00" in data:
        raise UnreadableTranscript(
            "This file is not text (it contains NUL bytes): upload a plain-text, subtitle (.srt, "
            ".vtt) or Markdown file, or paste the transcript instead."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableTranscript(
            f"This file is not UTF-8 text (byte {error.start + 1} cannot be read). Save it as "
            "UTF-8 and upload it again, or paste its text."
        ) from error
    return text
