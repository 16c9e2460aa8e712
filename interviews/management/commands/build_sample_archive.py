"""Build fixtures/sample_archive.json from the seed pages (see ../sample_archive/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.management.sample_archive.build import (
    DEFAULT_OUTPUT,
    SEEDS_DIR,
    SeedMismatch,
    sample_archive_build,
)


class Command(BaseCommand):
    help = (
        "Build the sample archive fixture from the seed pages with the transcript parser. The "
        "output is byte-for-byte reproducible; nothing is written if a seed does not parse to the "
        "expected number of turns and comments. Load it with `loaddata sample_archive`."
    )
    # It writes a file and reads no database: nothing for the system checks to guard.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            type=Path,
            default=DEFAULT_OUTPUT,
            help=f"where to write the fixture (default: {DEFAULT_OUTPUT})",
        )
        parser.add_argument(
            "--seeds",
            type=Path,
            default=SEEDS_DIR,
            metavar="DIR",
            help=f"the folder holding the seed pages (default: {SEEDS_DIR})",
        )

    def handle(self, *args, output: Path, seeds: Path, **options):
        try:
            sample_archive_build(output=output, seeds_dir=seeds)
        except SeedMismatch as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(f"Wrote {output}")
