"""The admin's pages and the import save, timed against a data set, one request at a time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ia_bench_100k DJANGO_DEBUG=1 \\
        .venv/bin/python bench/admin_benchmark.py [--runs 3] [--turns 200] [--only change,turns]

Against the database DATABASE_URL names (a bench data set, bench/datasets.py), with Django's
test client in this process (no server, no network): a superuser is logged in, each admin page
below is requested `--runs` times after one warm-up request, and the median time (p50), the
fastest time and the number of queries of a request are printed per page (the fastest says
more than the median when other work shares the machine: the load average is printed too).
Then `transcript_import` saves a generated `--turns`-turn transcript with a dozen comments,
`--runs` times, each in a savepoint rolled back, and its times are printed too.

Everything happens inside one transaction that is rolled back at the end: the superuser, the
sessions and the imported interviews never reach the data set, which stays as it was (the
shared data sets are read-only). The pages:

- change: the change page of the seed interview (its participants and turns inline),
- interviews, interviews filtered (by the seed interview's outlet, published), interviews
  searched (`?q=keras`),
- turns, turns searched (`?q=keras`), turns of one kind,
- comments, the moderation queue (`?status__exact=pending`).

Figures from one machine, not a timed test: the target is a p50 of 300 ms or less per page at
100,000 interviews (issue 13).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED_SLUG = "pyimagesearch-interview-francois-chollet-2018"
SEARCH = "keras"


class RolledBack(Exception):
    """Raised to leave a transaction without keeping anything it wrote."""


def transcript(turns: int, comments: int = 12) -> str:
    """A two-speaker interview of `turns` turns with `comments` reader comments after it."""
    lines = ["A conversation about benchmarks, generated", ""]
    for number in range(turns):
        if number % 2 == 0:
            lines.append(f"Ana Ruiz: Question {number}: how did the archive grow that year?")
        else:
            lines.append(
                f"Ben Okafor: Answer {number}: slowly at first; the editors indexed what the "
                "readers searched for, and the rest followed one winter at a time."
            )
        lines.append("")
    lines += ["Comments", ""]
    for number in range(comments):
        lines += [f"Reader {number} says:", f"Thank you for part {number} of this talk.", ""]
    return "\n".join(lines)


def pages(seed, outlet_id) -> dict[str, str]:
    base = "/admin/interviews"
    return {
        "change": f"{base}/interview/{seed.pk}/change/",
        "interviews": f"{base}/interview/",
        "interviews filtered": (
            f"{base}/interview/?status__exact=published&outlet__id__exact={outlet_id}"
        ),
        "interviews searched": f"{base}/interview/?q={SEARCH}",
        "turns": f"{base}/turn/",
        "turns searched": f"{base}/turn/?q={SEARCH}",
        "turns of a kind": f"{base}/turn/?kind__exact=question",
        "comments": f"{base}/comment/",
        "moderation queue": f"{base}/comment/?status__exact=pending",
    }


def timed_get(client, url: str, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: Python's and the database's caches, as in steady use
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(captured)
    return statistics.median(times), min(times), queries


def timed_import(turns: int, runs: int):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from interviews.importing.drafts import TranscriptDraft, speaker_choices_for_parse
    from interviews.importing.services import transcript_import
    from interviews.transcript import ParseHints, parse

    hints = {"interviewers": ["Ana Ruiz"], "interviewees": ["Ben Okafor"]}
    parsed = parse(transcript(turns), ParseHints(**hints))
    draft = TranscriptDraft(
        title=f"Admin benchmark, {turns} turns",
        turns=parsed.turns,
        comments=parsed.comments,
        speakers=speaker_choices_for_parse(parsed=parsed, **hints),
    )
    times, queries = [], 0
    for _ in range(runs):
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    transcript_import(draft=draft)
                    times.append(time.perf_counter() - started)
                queries = len(captured)
                raise RolledBack
        except RolledBack:
            pass
    return (
        statistics.median(times),
        min(times),
        queries,
        len(parsed.turns),
        len(parsed.comments),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated page names (default: all)")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Give the data set as DATABASE_URL=postgres://...")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client

    from interviews.models import Interview

    # The test client's host. Not setup_test_environment(): its instrumented template
    # rendering (a signal per template) would add a third to a change page's time.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    only = {name.strip() for name in options.only.split(",") if name.strip()}
    try:
        with transaction.atomic():
            seed = Interview.objects.get(slug=SEED_SLUG)
            print(
                f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
                f"{Interview.objects.count():,} interviews, the seed interview has "
                f"{seed.turns.count()} turns and {seed.comments.count()} comments; "
                f"runs: {options.runs}; load average {os.getloadavg()[0]:.1f}"
            )
            user = get_user_model().objects.create_superuser("admin-bench", "b@example.org", "x")
            client = Client()
            client.force_login(user)
            print(f"{'page':<22} {'p50 ms':>7} {'min ms':>7} {'queries':>8}  URL")
            for name, url in pages(seed, seed.outlet_id).items():
                if only and name not in only:
                    continue
                median, fastest, queries = timed_get(client, url, options.runs)
                print(
                    f"{name:<22} {median * 1000:>7.0f} {fastest * 1000:>7.0f} {queries:>8}  {url}",
                    flush=True,
                )
            if not only or "import" in only:
                median, fastest, queries, turns, comments = timed_import(
                    options.turns, options.runs
                )
                print(
                    f"{'import save':<22} {median * 1000:>7.0f} {fastest * 1000:>7.0f} "
                    f"{queries:>8}  transcript_import of {turns} turns and {comments} comments"
                )
            print(f"load average (1, 5, 15 min): {', '.join(f'{n:.1f}' for n in os.getloadavg())}")
            raise RolledBack
    except RolledBack:
        pass


if __name__ == "__main__":
    main()
