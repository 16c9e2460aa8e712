"""The import preview's cost per step, for generated transcripts of 300, 1,400 and 3,000 turns.

    DJANGO_DEBUG=1 .venv/bin/python bench/import_preview.py [--turns 300,1400,3000] [--runs 3]
        [--database-url sqlite:////tmp/import_preview_bench.sqlite3]

In a throwaway database (SQLite by default; give a PostgreSQL DATABASE_URL to measure that),
an editor pastes each transcript (step 1 stores the draft), then the benchmark measures, with
Django's test client in this process (no network, no server):

- the HTML size of the preview's first page (IMPORT_PREVIEW_TURNS_PER_PAGE turns),
- the time of a GET of that page and of a POST of an "Update preview" step carrying one
  changed turn (the redirect it answers is not followed), the median of `--runs`,
- the queries each one makes.

Figures from one machine, not a timed test: the targets are under a second per step and under
500 kB of HTML for 3,000 turns.
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


def transcript(turns: int) -> str:
    """A labelled interview of `turns` turns, each a sentence or two, like a long talk."""
    lines = ["A long conversation, generated", ""]
    for number in range(turns):
        if number % 2:
            lines.append(
                f"Ben Okafor: Answer {number}: the harbour changed, and so did the boats; "
                "the pilots learned the new charts one winter at a time."
            )
        else:
            lines.append(f"Ana Ruiz: Question {number}: what happened next?")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", default="300,1400,3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="sqlite:////tmp/import_preview_bench.sqlite3")
    options = parser.parse_args()
    if options.database_url.startswith("sqlite:////"):
        Path(options.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = options.database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # the test client's response.context, and ALLOWED_HOSTS "testserver"
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    client = Client()
    client.force_login(user)

    print(
        f"database: {connection.vendor}; turns per page: {settings.IMPORT_PREVIEW_TURNS_PER_PAGE}"
    )
    print(
        f"{'turns':>6} {'paste s':>8} {'HTML kB':>8} {'GET s':>7} {'GET q':>6} "
        f"{'POST s':>7} {'POST q':>7}"
    )
    for turns in [int(value) for value in options.turns.split(",")]:
        started = time.perf_counter()
        response = client.post("/admin/interviews/interview/import/", {"text": transcript(turns)})
        pasted = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        url = response.url

        get_times, get_queries, size = [], 0, 0
        for _ in range(options.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                page = client.get(url)
                get_times.append(time.perf_counter() - started)
            assert page.status_code == 200, page.status_code
            assert f"{turns} turns" in page.content.decode()
            size, get_queries = len(page.content), len(queries)

        data = form_data(page)
        post_times, post_queries = [], 0
        for run in range(options.runs):
            data["turns-1-text"] = f"Answer 1, corrected ({run})."
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                answer = client.post(url, {**data, "action": "update"})
                post_times.append(time.perf_counter() - started)
            assert answer.status_code == 302, answer.content.decode()[:2000]
            post_queries = len(queries)
        print(
            f"{turns:>6} {pasted:>8.2f} {size / 1000:>8.0f} {statistics.median(get_times):>7.3f} "
            f"{get_queries:>6} {statistics.median(post_times):>7.3f} {post_queries:>7}"
        )


def form_data(response) -> dict:
    """The page's fields as a browser posts them (the form reader of the admin tests)."""
    from tests.interviews.importing.admin_pages import form_data as read

    return read(response)


if __name__ == "__main__":
    main()
