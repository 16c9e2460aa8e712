"""Fill the database with a synthetic archive for scale tests (interviews/management/synthetic/)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from interviews.management.synthetic.archive import GenerateReport, analyse, archive_generate

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Add N synthetic interviews (20 to 200 turns, 0 to 300 comments each) with about 5,000 "
        "people, 200 outlets and 300 topics. The same N and seed give the same archive. "
        "PostgreSQL is written with COPY, other databases with bulk inserts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interviews", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-analyse",
            action="store_true",
            help="skip VACUUM ANALYZE after the load (PostgreSQL)",
        )

    def handle(self, *args, **options):
        total = options["interviews"]
        if total < 1:
            raise CommandError("--interviews must be at least 1.")
        self.last_drawn = 0.0
        report = archive_generate(interviews=total, seed=options["seed"], progress=self.progress)
        self.stderr.write("")
        for table, count in report.rows.items():
            self.stdout.write(f"  {table:15} {count:>12,}")
        self.stdout.write(
            f"{report.total_rows:,} rows in {report.seconds:.1f} s: "
            f"{report.rows_per_second:,.0f} rows/s, "
            f"{report.interviews / report.seconds:,.0f} interviews/s"
        )
        if not options["no_analyse"]:
            started = time.perf_counter()
            analyse()
            self.stdout.write(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")

    def progress(self, done: int, total: int, report: GenerateReport) -> None:
        # At most a few redraws a second; a log file gets one line per redraw.
        now = time.perf_counter()
        if done < total and now - self.last_drawn < 0.5:
            return
        self.last_drawn = now
        filled = BAR_WIDTH * done // total
        remaining = report.seconds / done * (total - done) if done else 0
        line = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,} interviews, "
            f"{report.rows_per_second:,.0f} rows/s, {remaining:,.0f} s left"
        )
        end = "\r" if sys.stderr.isatty() else "\n"
        self.stderr.write(line, ending=end)
