"""What a search of the interview list costs as the archive grows: 1,000 and 100,000 interviews.

    .venv/bin/python bench/search_benchmark.py                 # both data sets, then the ratios
    .venv/bin/python bench/search_benchmark.py --runs 9 --no-explain
    .venv/bin/python bench/search_benchmark.py sample          # the list without a search, SQLite

For each data set (the PostgreSQL databases ia_bench_1k and ia_bench_100k, see bench/datasets.py;
they are only read) it requests, with Django's test client in a process of its own, a common word
(learning), a middling one (nilsen) and a rare one (chollet), and the list with its facets and no
search, each with the facet cache on (a warm cache) and off (DJANGO_FACET_CACHE_SECONDS=0), and
prints the median (and the fastest and slowest) of `--runs` requests after one to warm up, the
median of this process's CPU time (less disturbed by other work on a busy machine), how many
interviews were ranked and whether the search was cut (SEARCH_RANK_CANDIDATES), then the growth
100k/1k of each median.
With --explain (the default) it prints the EXPLAIN (ANALYZE, BUFFERS) of the bounded search's
candidate query for each word at the largest size: the query is read through a cursor that
stops once it has enough interviews, so it is explained with a LIMIT of the rows the cursor read.

`sample` builds the sample archive (fixtures/sample_archive.json) in a scratch SQLite file and
times the list with facets there: the page every visitor sees first.

Not a test: it asserts nothing, it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PYTHON = sys.executable
DATA_SETS = ("ia_bench_1k", "ia_bench_100k")
URLS = (
    "/interviews/?q=learning",
    "/interviews/?q=nilsen",
    "/interviews/?q=chollet",
    "/interviews/",
)
EXPLAINED_WORDS = ("learning", "nilsen", "chollet")
PROXY_HEADERS = {"HTTP_X_FORWARDED_PROTO": "https"}


def _django_env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_CACHE_URL", None)
    return env


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _time_page(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, **PROXY_HEADERS)  # warms the buffers and, when on, the cache
    seconds, cpu_seconds, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, **PROXY_HEADERS)
            seconds.append(time.perf_counter() - started)
            cpu_seconds.append(time.process_time() - cpu_started)
        queries = len(captured.captured_queries)
    candidates, listed = _listed(url)
    return {
        "url": url,
        "status": response.status_code,
        "p50": statistics.median(seconds),
        # This process's own CPU time: on a busy machine, less noisy than the wall clock (and
        # with SQLite, the database's work too).
        "cpu_p50": statistics.median(cpu_seconds),
        "min": min(seconds),
        "max": max(seconds),
        "queries": queries,
        "ranked": len(candidates.ids) if candidates else listed,
        "cut": bool(candidates and candidates.cut),
    }


def _listed(url: str):
    """The search's candidates (or None) and how many interviews the list holds."""
    from django.http import QueryDict

    from interviews import selectors

    _, _, query = url.partition("?")
    filters = selectors.interview_filter(params=QueryDict(query))
    return filters.search_candidates, filters.qs.count()


def _explain_candidates(word: str) -> dict:
    """The candidate query's plan, limited to the rows its cursor reads for `word`."""
    from django.conf import settings
    from django.db import connection, transaction

    from interviews import search
    from interviews.models import Interview, Turn

    found = search.parse(word)
    interviews = Interview.objects.published()
    limit = settings.SEARCH_RANK_CANDIDATES
    matching = search.candidate_query(found, interviews=interviews, turns=Turn.objects.all())
    sql, params = matching.query.sql_with_params()
    # How many rows the cursor reads before it has limit + 1 distinct interviews.
    seen: set[int] = set()
    rows = 0
    with transaction.atomic(), connection.connection.cursor(name="candidates") as cursor:
        cursor.itersize = 2000
        cursor.execute(sql, params)
        for (interview_id,) in cursor:
            rows += 1
            seen.add(interview_id)
            if len(seen) > limit:
                break
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ({sql}) AS matching LIMIT {rows}", params
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    candidates = search.candidates(
        found, interviews=interviews, turns=Turn.objects.all(), limit=limit
    )
    return {"word": word, "rows_read": rows, "cut": candidates.cut, "plan": plan}


def measure(runs: int, explain: bool) -> dict:
    """Run inside the data set's own process: every URL, facet cache on then off."""
    _setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from interviews.models import Interview

    result = {"interviews": Interview.objects.count(), "pages": []}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM interviews_turn")
        result["turns"] = cursor.fetchone()[0]
    for facet_cache in (True, False):
        with override_settings(
            FACET_CACHE_SECONDS=600 if facet_cache else 0, ALLOWED_HOSTS=["testserver"]
        ):
            client = Client()
            for url in URLS:
                page = _time_page(client, url, runs)
                page["facet_cache"] = facet_cache
                result["pages"].append(page)
    if explain:
        result["explain"] = [_explain_candidates(word) for word in EXPLAINED_WORDS]
    return result


def measure_sample(runs: int) -> dict:
    """The list with facets on the sample archive, in a scratch SQLite database."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/sample.sqlite3"
        env = _django_env(url)
        for command in (("migrate", "--noinput", "-v0"), ("loaddata", "sample_archive", "-v0")):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        output = subprocess.run(
            [PYTHON, __file__, "measure-sample", "--runs", str(runs)],
            cwd=ROOT,
            env=env,
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout
    return json.loads(output)


def _sample_pages(runs: int) -> dict:
    _setup_django()
    from django.test import Client
    from django.test.utils import override_settings

    pages = []
    for facet_cache in (True, False):
        with override_settings(
            FACET_CACHE_SECONDS=600 if facet_cache else 0, ALLOWED_HOSTS=["testserver"]
        ):
            client = Client()
            for url in ("/interviews/", "/interviews/?q=keras"):
                page = _time_page(client, url, runs)
                page["facet_cache"] = facet_cache
                pages.append(page)
    return {"pages": pages}


def _print_pages(title: str, pages: list[dict]) -> None:
    print(f"\n{title}")
    print(
        f"  {'page':<28} {'facets':<8} {'p50 ms':>8} {'min ms':>8} {'max ms':>8} {'cpu ms':>8}"
        f" {'queries':>7}"
        "  ranked"
    )
    for page in pages:
        cache = "cached" if page["facet_cache"] else "counted"
        ranked = "" if page["ranked"] is None else f"{page['ranked']:,}"
        if page["cut"]:
            ranked += " (cut)"
        print(
            f"  {page['url']:<28} {cache:<8} {page['p50'] * 1000:8.1f} {page['min'] * 1000:8.1f} "
            f"{page['max'] * 1000:8.1f} "
            f"{page['cpu_p50'] * 1000:8.1f} {page['queries']:7d}  {ranked}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="compare")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-explain", dest="explain", action="store_false")
    arguments = parser.parse_args()
    if arguments.mode == "measure":
        print(json.dumps(measure(arguments.runs, arguments.explain)))
        return
    if arguments.mode == "measure-sample":
        print(json.dumps(_sample_pages(arguments.runs)))
        return
    if arguments.mode == "sample":
        _print_pages("Sample archive (SQLite)", measure_sample(arguments.runs)["pages"])
        return
    measured = {}
    for database in DATA_SETS:
        command = [PYTHON, __file__, "measure", "--runs", str(arguments.runs)]
        if not arguments.explain or database != DATA_SETS[-1]:
            command.append("--no-explain")
        output = subprocess.run(
            command,
            cwd=ROOT,
            env=_django_env(f"{SERVER}/{database}"),
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout
        measured[database] = json.loads(output)
        data = measured[database]
        _print_pages(
            f"{database}: {data['interviews']:,} interviews, {data['turns']:,} turns",
            data["pages"],
        )
    small, large = (measured[database]["pages"] for database in DATA_SETS)
    print(f"\nGrowth of the median, {DATA_SETS[1]} / {DATA_SETS[0]}")
    for before, after in zip(small, large, strict=True):
        cache = "cached" if before["facet_cache"] else "counted"
        print(f"  {before['url']:<28} {cache:<8} {after['p50'] / before['p50']:6.2f}x")
    for explained in measured[DATA_SETS[-1]].get("explain", []):
        print(
            f"\nThe candidate query for {explained['word']!r} at {DATA_SETS[-1]}: the cursor read "
            f"{explained['rows_read']:,} rows (cut: {explained['cut']}); explained with that LIMIT"
        )
        print(explained["plan"])


if __name__ == "__main__":
    main()
