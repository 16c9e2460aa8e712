"""Import transcript files into the archive through the same service as the admin."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.text import slugify

from interviews.management.commands.parse_transcript import (
    add_hint_arguments,
    hints_from_options,
    read_transcript,
)
from interviews.models import Interview, Outlet, Topic
from interviews.services import (
    TranscriptDraft,
    TranscriptImportError,
    partial_date_from_iso,
    speaker_choices_for_parse,
    transcript_import,
)
from interviews.transcript import parse


class Command(BaseCommand):
    help = (
        "Import one or more transcript files as interviews. A file whose source URL is already "
        "in the archive updates that interview."
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
        add_hint_arguments(parser)

    def handle(self, *args, **options):
        paths = options["paths"]
        if options["source_url"] and len(paths) > 1:
            raise CommandError("--source-url names one interview: give a single PATH with it.")
        try:
            published = (
                partial_date_from_iso(options["published"]) if options["published"] else None
            )
        except ValueError as error:
            raise CommandError(f"--published: {error}") from error
        outlet = self._outlet(options["outlet"])
        topics = [self._topic(name) for name in options["topic"]]

        outcomes = {"created": 0, "updated": 0, "refused": 0}
        for number, path in enumerate(paths, start=1):
            prefix = f"[{number}/{len(paths)}] {path}:"
            try:
                outcome = self._import_one(path, options, outlet, topics, published)
            except (CommandError, TranscriptImportError, IntegrityError) as error:
                outcomes["refused"] += 1
                self.stderr.write(f"{prefix} refused: {error}")
                continue
            verb = "created" if outcome.created else "updated"
            outcomes[verb] += 1
            new_people = ", ".join(person.name for person in outcome.people_created)
            self.stdout.write(
                f"{prefix} {verb} “{outcome.interview.title}” "
                f"({outcome.turns_written} turns, {outcome.comments_written} comments"
                + (f"; new people: {new_people}" if new_people else "")
                + ")"
            )
        self.stdout.write(
            f"{outcomes['created']} created, {outcomes['updated']} updated, "
            f"{outcomes['refused']} refused."
        )
        if outcomes["refused"]:
            raise CommandError(f"{outcomes['refused']} of {len(paths)} file(s) were refused.")

    def _import_one(self, path, options, outlet, topics, published):
        parsed = parse(read_transcript(path), hints_from_options(options))
        if not parsed.turns:
            reasons = "; ".join(parsed.warnings) or "no question or answer was recognised"
            raise CommandError(f"no turns found ({reasons})")
        draft = TranscriptDraft(
            title=parsed.title or Path(path).stem.replace("_", " "),
            turns=parsed.turns,
            speakers=speaker_choices_for_parse(
                parsed=parsed,
                interviewers=options["interviewer"],
                interviewees=options["interviewee"],
            ),
            comments=parsed.comments,
            deck=parsed.deck,
            byline=parsed.byline,
            outlet=outlet,
            published=published or parsed.published,
            source_url=options["source_url"] or parsed.metadata.get("source_url", ""),
            intro=parsed.intro,
            closing_note=parsed.outro,
            topics=topics,
            status=options["status"],
        )
        return transcript_import(draft=draft, origin=f"file {Path(path).name}")

    def _outlet(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        outlet = (
            Outlet.objects.filter(slug=slugify(name)).first()
            or Outlet.objects.filter(name__iexact=name).first()
        )
        if outlet is None:
            outlet = Outlet.objects.create(name=name, slug=slugify(name) or "outlet")
            self.stdout.write(f"Created outlet “{outlet.name}”.")
        return outlet

    def _topic(self, name: str) -> Topic:
        topic = (
            Topic.objects.filter(slug=slugify(name)).first()
            or Topic.objects.filter(name__iexact=name).first()
        )
        if topic is None:
            topic = Topic.objects.create(name=name, slug=slugify(name) or "topic")
            self.stdout.write(f"Created topic “{topic.name}”.")
        return topic
