"""Where an interview page's first render goes: its time and queries, and a profile.

    .venv/bin/python bench/page_profile.py [--runs 200] [--profile] [--instrumented]
        [--database-url sqlite:////tmp/page_profile_bench.sqlite3]

With the test suite's settings (config.settings_test: DEBUG off, as the tests run) in a
throwaway database (SQLite by default; give a PostgreSQL DATABASE_URL to measure that),
with the sample archive (fixtures/sample_archive.json) loaded, the benchmark requests each seed
interview's page with Django's test client in this process (no network, no server), `--runs`
times, and prints the median (p50) and 90th percentile (p90) in milliseconds, the median CPU
time of this process (less sensitive to other work on a shared machine), and the queries of one
request:

- *first render*: every cache (caches.all(), the template fragment cache included) cleared
  before each request, so the transcript and the comments are rendered each time;
- *warm fragments*: the caches left as the previous request filled them, as most reads are;
- for reference, a list with facets (`/interviews/?topic=...`), its caches cleared each time.

The templates render as a server renders them; `--instrumented` renders them as under pytest,
where Django's test environment sends a signal, and the test client keeps a copy of the context,
for every template and include rendered. `--profile` adds, for each seed page's first render
(50 more requests, apart from the timed ones), the Python function calls a request makes (a
figure that does not depend on the machine) and cProfile's 25 most expensive functions by
cumulative time, then by own time. Figures from one machine, not a timed test: the target is
10 ms at p50 for a seed interview's first render.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED_PAGES = (
    "/interviews/pyimagesearch-interview-francois-chollet-2018/",
    "/interviews/datacamp-interview-francois-chollet-2017/",
)
LIST_PAGE = "/interviews/?topic=deep-learning"
PROFILE_LINES = 25
PROFILED_REQUESTS = 50


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url: str, *, runs: int, cold: bool, profiler=None) -> dict:
    """`runs` GETs of `url`: their wall-clock and CPU times in seconds, and the queries of one.

    The CPU time is this process's alone, which other work on the machine slows down less than
    the wall clock (with SQLite it includes the database's work; with PostgreSQL it does not).
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu, queries = [], [], 0
    for _ in range(runs):
        if cold:
            for cache in caches.all():
                cache.clear()
        with CaptureQueriesContext(connection) as captured:
            if profiler:
                profiler.enable()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            if profiler:
                profiler.disable()
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return {"wall": wall, "cpu": cpu, "queries": queries}


def print_profile(url: str, profiler: cProfile.Profile, requests: int) -> None:
    """The function calls a request makes; the functions that take the most time with what
    they call (leaving out the wrappers that hold nearly all of it: the test client, the
    middleware, the view's decorators), then the most by themselves."""
    stats = pstats.Stats(profiler)
    whole = max(cumulative for _, _, _, cumulative, _ in stats.stats.values())
    calls = stats.total_calls / requests
    print(f"\n--- {url}, first render: {calls:,.0f} function calls a request")
    for title, column, skip in (
        ("by cumulative time", 3, 0.9 * whole),
        ("by own time", 2, whole),
    ):
        print(f"\n{title}, ms a request (profiled, so slower than above)")
        print(f"{'calls':>8} {'own ms':>7} {'cum ms':>7}  function")
        rows = sorted(stats.stats.items(), key=lambda item: item[1][column], reverse=True)
        rows = [row for row in rows if row[1][3] <= skip][:PROFILE_LINES]
        for (filename, line, name), (_, calls, own, cumulative, _) in rows:
            where = filename.split("site-packages/")[-1].removeprefix(f"{ROOT}/")
            print(
                f"{calls / requests:>8.0f} {1000 * own / requests:>7.2f} "
                f"{1000 * cumulative / requests:>7.2f}  {where}:{line}({name})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument(
        "--instrumented",
        action="store_true",
        help="render as pytest's client does: a signal and a copy of the context per template",
    )
    parser.add_argument("--database-url", default="sqlite:////tmp/page_profile_bench.sqlite3")
    options = parser.parse_args()
    if options.database_url.startswith("sqlite:////"):
        Path(options.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = options.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    if options.instrumented:
        setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "sample_archive", verbosity=0)
    # A host the settings allow without the test environment's "testserver".
    client = Client(SERVER_NAME="localhost")
    for url in (*SEED_PAGES, LIST_PAGE):  # imports, URL resolver and template loading done once
        client.get(url)

    print(
        f"database: {connection.vendor}; DEBUG={settings.DEBUG}; runs: {options.runs}; "
        f"template instrumentation: {'on' if options.instrumented else 'off'}; "
        f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )
    print(f"{'page':<60} {'caches':<14} {'p50 ms':>7} {'p90 ms':>7} {'CPU p50':>8} {'queries':>8}")
    rows = [(url, True) for url in SEED_PAGES]
    rows += [(url, False) for url in SEED_PAGES]
    rows.append((LIST_PAGE, True))
    for url, cold in rows:
        measured = measure(client, url, runs=options.runs, cold=cold)
        wall, cpu = measured["wall"], measured["cpu"]
        print(
            f"{url:<60} {'first render' if cold else 'warm fragments':<14} "
            f"{1000 * statistics.median(wall):>7.2f} {1000 * percentile(wall, 0.9):>7.2f} "
            f"{1000 * statistics.median(cpu):>8.2f} {measured['queries']:>8}"
        )
    if options.profile:
        # Apart from the timed runs: the profiler slows every call down, the small ones most.
        requests = min(options.runs, PROFILED_REQUESTS)
        for url in SEED_PAGES:
            profiler = cProfile.Profile()
            measure(client, url, runs=requests, cold=True, profiler=profiler)
            print_profile(url, profiler, requests)


if __name__ == "__main__":
    main()
