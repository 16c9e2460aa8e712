"""Import transcript files (or JSON exports) through the same service as the admin."""

import dataclasses
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError
from django.utils.translation import ngettext

from interviews.exports import ExportFormatError
from interviews.importing.drafts import (
    ImportHints,
    TranscriptDraft,
    draft_from_export,
    draft_from_parse,
)
from interviews.importing.selectors import interview_for_reimport
from interviews.importing.services import (
    TranscriptImportError,
    export_import,
    outlet_get_or_create,
    topic_get_or_create,
    transcript_import,
)
from interviews.management.commands.parse_transcript import (
    add_hint_arguments,
    hints_from_options,
    parse_source,
    read_transcript,
)
from interviews.models import Interview
from interviews.transcript.model import PartialDate

# Not a transcript format: the archive's own export (interview-archive/1), read as it is.
JSON_EXPORT = "json"


class Command(BaseCommand):
    help = (
        "Import one or more transcript files as interviews, or JSON exports with --format json. "
        "A file whose source URL is already in the archive updates that interview; a file "
        "with no source URL whose text is already in the archive is refused, unless "
        "--update-matching says to update that interview."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--outlet", help="outlet name or slug (created if new)")
        parser.add_argument("--topic", action="append", default=[], help="topic (repeatable)")
        parser.add_argument("--published", help="YYYY, YYYY-MM or YYYY-MM-DD; else as parsed")
        parser.add_argument("--source-url", default="", help="only with a single PATH")
        parser.add_argument(
            "--status", choices=Interview.Status.values, default=Interview.Status.DRAFT
        )
        parser.add_argument(
            "--update-matching",
            action="store_true",
            help="a file with no source URL whose text is already in the archive updates that "
            "interview (without this, such a file is refused)",
        )
        add_hint_arguments(parser, more_formats=(JSON_EXPORT,))

    def handle(self, *args, **options):
        # Which file is being imported, and how many were saved before it, for the message.
        self._at, self._saved = None, 0
        try:
            self._import_all(options)
        except (OperationalError, InterfaceError) as error:
            # One line rather than a traceback: the database is down or the connection broke.
            # Each file is saved in one transaction, so nothing of the file being imported is.
            raise CommandError(self._database_gone_message(error)) from error

    def _database_gone_message(self, error) -> str:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        where = f"{self._at} " if self._at else ""
        return (
            f"{where}the database stopped answering ({reason}): nothing of this file was saved"
            + (
                ngettext(
                    ", and the %(saved)d file before it is kept",
                    ", and the %(saved)d files before it are kept",
                    self._saved,
                )
                % {"saved": self._saved}
                if self._saved
                else ""
            )
            + ". Run the command again once the database answers."
        )

    def _import_all(self, options):
        paths = options["paths"]
        if options["source_url"] and len(paths) > 1:
            raise CommandError("--source-url names one interview: give a single PATH with it.")
        try:
            published = PartialDate.from_iso(options["published"]) if options["published"] else None
        except ValueError as error:
            raise CommandError(f"--published: {error}") from error
        hints = ImportHints(
            interviewers=options["interviewer"],
            interviewees=options["interviewee"],
            source_url=options["source_url"],
            outlet=self._outlet(options["outlet"]),
            topics=[self._topic(name) for name in options["topic"]],
            published=published,
            status=options["status"],
        )

        outcomes = {"created": 0, "updated": 0, "refused": 0}
        for number, path in enumerate(paths, start=1):
            prefix = f"[{number}/{len(paths)}] {path}:"
            self._at = prefix
            try:
                if options["format"] == JSON_EXPORT:
                    outcome = self._import_export(path, options)
                else:
                    outcome = self._import_one(path, options, hints)
            except (CommandError, TranscriptImportError, ExportFormatError) as error:
                outcomes["refused"] += 1
                self.stderr.write(f"{prefix} refused: {error}")
                continue
            verb = "created" if outcome.created else "updated"
            outcomes[verb] += 1
            self._saved += 1
            new_people = ", ".join(person.name for person in outcome.people_created)
            self.stdout.write(
                f"{prefix} {verb} “{outcome.interview.title}” "
                f"({outcome.turns_written} turns, {outcome.comments_written} comments"
                + (f"; new people: {new_people}" if new_people else "")
                + ")"
            )
        self._at = None
        self.stdout.write(
            f"{outcomes['created']} created, {outcomes['updated']} updated, "
            f"{outcomes['refused']} refused."
        )
        if outcomes["refused"]:
            raise CommandError(
                ngettext(
                    "%(refused)d of %(count)d file was refused.",
                    "%(refused)d of %(count)d files were refused.",
                    len(paths),
                )
                % {"refused": outcomes["refused"], "count": len(paths)}
            )

    def _import_one(self, path, options, hints: ImportHints):
        parsed = parse_source(path, hints_from_options(options))
        if not parsed.turns:
            reasons = "; ".join(parsed.warnings) or "no question or answer was recognised"
            raise CommandError(f"no turns found ({reasons})")
        hints = dataclasses.replace(hints, title=Path(path).stem.replace("_", " "))
        draft = draft_from_parse(parsed=parsed, hints=hints)
        return transcript_import(
            draft=draft,
            how=f"Imported by import_transcript from {path}",
            update=self._interview_to_update(draft, options),
        )

    def _import_export(self, path, options):
        try:
            data = json.loads(read_transcript(path))
        except (ValueError, RecursionError) as error:
            raise CommandError(f"not JSON: {error}") from error
        draft = draft_from_export(data=data, status=options["status"])
        return export_import(
            data=data,
            status=options["status"],
            how=f"Imported by import_transcript from {path}",
            update=self._interview_to_update(draft, options),
        )

    def _interview_to_update(self, draft: TranscriptDraft, options) -> Interview | None:
        """The interview a file without a source URL repeats, if --update-matching allows it.

        A file with a source URL updates the interview with that URL, as it always has.
        """
        if draft.source_url:
            return None
        matching = interview_for_reimport(source_url="", fingerprint=draft.fingerprint())
        if matching is None:
            return None
        if not options["update_matching"]:
            raise CommandError(
                f"its text is already in the archive as “{matching.title}” "
                f"(id {matching.pk}, slug {matching.slug}): give --update-matching to update "
                "that interview with it"
            )
        return matching

    def _outlet(self, name: str | None):
        return outlet_get_or_create(name=name or "")

    def _topic(self, name: str):
        topic = topic_get_or_create(name=name)
        if topic is None:
            raise CommandError("--topic needs a name.")
        return topic
