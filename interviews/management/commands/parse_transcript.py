"""Parse a transcript and print what the importer would propose; saves nothing."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from interviews.importing.sources import SourceDocument, UnreadableSource
from interviews.importing.sources.reading import document_from_upload
from interviews.transcript import ParsedTranscript, ParseHints, parse, threads
from interviews.transcript.model import FORMATS, comment_replies
from interviews.transcript.source import UnreadableTranscript, decode_transcript


def read_transcript(path: str) -> str:
    """The text at PATH, or on standard input for "-", refused clearly when it is not text."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    try:
        return decode_transcript(data)
    except UnreadableTranscript as error:
        raise CommandError(f"{path}: {error}") from error


def read_source(path: str) -> SourceDocument:
    """The file at PATH (text, subtitles, PDF, Word or a saved web page) read as the admin's
    upload reads it, or standard input for "-"; refused clearly when it cannot be read."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    try:
        return document_from_upload(path, data)
    except UnreadableSource as error:
        raise CommandError(f"{path}: {error}") from error


def parse_source(path: str, hints: ParseHints) -> ParsedTranscript:
    document = read_source(path)
    return document.apply_to(parse(document.text, hints))


def add_hint_arguments(parser, *, more_formats: tuple[str, ...] = ()) -> None:
    parser.add_argument("--interviewer", action="append", default=[], help="who asks (repeatable)")
    parser.add_argument(
        "--interviewee", action="append", default=[], help="who answers (repeatable)"
    )
    parser.add_argument("--speaker", action="append", default=[], help="another speaker")
    parser.add_argument(
        "--format", choices=[*FORMATS, *more_formats], default="auto", help="force a format"
    )


def hints_from_options(options) -> ParseHints:
    return ParseHints(
        speakers=options["speaker"],
        interviewers=options["interviewer"],
        interviewees=options["interviewee"],
        format=options["format"],
    )


class Command(BaseCommand):
    help = "Parse a transcript (a file, or - for standard input) and print the proposed import."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help="the transcript (text, subtitles, PDF, .docx or a saved web page), or - to "
            "read standard input",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        add_hint_arguments(parser)

    def handle(self, *args, **options):
        parsed = parse_source(options["path"], hints_from_options(options))
        if options["json"]:
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(summary(parsed))


def summary(parsed) -> str:
    lines = [
        f"Title:     {parsed.title or '(none found)'}",
        f"Byline:    {parsed.byline or '(none found)'}",
        f"Published: {parsed.published.isoformat() if parsed.published else '(none found)'}",
        f"Format:    {parsed.format}",
        f"Speakers:  {', '.join(parsed.speakers) or '(none)'}",
        f"Turns:     {len(parsed.turns)}",
    ]
    for number, turn in enumerate(parsed.turns, start=1):
        who = turn.speaker or "-"
        first_line = turn.text.split("\n", 1)[0]
        excerpt = first_line if len(first_line) <= 70 else first_line[:69] + "…"
        lines.append(f"  {number:>4}  {turn.kind:<9} {who:<20} {excerpt}")
    count = threads.count(parsed.comments, children=comment_replies)
    lines.append(f"Comments:  {count} ({len(parsed.comments)} top-level)")
    for key, value in parsed.metadata.items():
        lines.append(f"Metadata:  {key}: {value}")
    lines.append(f"Ignored:   {len(parsed.ignored)} lines")
    for warning in parsed.warnings:
        lines.append(f"Warning:   {warning}")
    return "\n".join(lines)
