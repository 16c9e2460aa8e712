"""Measurements taken inside Django against one data set; prints one JSON object.

    DATABASE_URL=postgres://.../ia_bench_100k .venv/bin/python bench/probe.py explain URL...
    DATABASE_URL=... .venv/bin/python bench/probe.py time URL...
    DATABASE_URL=... .venv/bin/python bench/probe.py import
    DATABASE_URL=... .venv/bin/python bench/probe.py vector-cost

- explain: requests each URL with the test client (facet cache off, so every query runs) and
  runs EXPLAIN (ANALYZE, BUFFERS) on each query the page made; with the median of five
  requests' time, the part of it spent in the database, and how many interviews a list finds.
- time: the same without EXPLAIN.
- import: imports generated transcripts of 500 to 4,000 turns through `transcript_import`,
  each in a transaction that is rolled back (the data set stays as built), with its queries
  counted and its time taken (median of three).
- vector-cost: COPYs the same generated turns into three scratch tables (temporary, dropped
  with the session): no search column, the generated tsvector column, and the column with its
  GIN index, to show what the database spends on search while generating.

Called by bench/scale_benchmark.py; not a test, it asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

IMPORT_SIZES = (500, 1000, 2000, 4000)
PROXY_HEADERS = {"HTTP_X_FORWARDED_PROTO": "https"}


def _results(url: str) -> int | None:
    """How many interviews a list URL finds, or None for another page."""
    from django.http import QueryDict

    from interviews import selectors

    path, _, query = url.partition("?")
    if path != "/interviews/":
        return None
    return selectors.interview_filter(params=QueryDict(query)).qs.count()


def explain(urls: list[str], *, explain_plans: bool = True) -> dict:
    client = Client()
    pages = []
    # No cached facets nor cached pages (PAGE_CACHE_SECONDS, where the site keeps pages): every
    # query of the page runs, to be explained.
    with override_settings(
        FACET_CACHE_SECONDS=0, PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]
    ):
        for url in urls:
            client.get(url, **PROXY_HEADERS)  # warm the buffers, as a served page would be
            timings = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, **PROXY_HEADERS)
                    timings.append(time.perf_counter() - started)
                    database = sum(float(query["time"]) for query in captured.captured_queries)
                timings[-1] = (timings[-1], database)
            took, in_database = sorted(timings)[len(timings) // 2]
            queries = []
            for query in captured.captured_queries:
                plan = ""
                # Only statements that read: a server-side cursor also logs its BEGIN, DECLARE and
                # CLOSE, which have no plan of their own (the DECLAREd SELECT is captured too).
                if explain_plans and query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                        plan = "\n".join(row[0] for row in cursor.fetchall())
                queries.append({"sql": query["sql"], "seconds": float(query["time"]), "plan": plan})
            pages.append(
                {
                    "url": url,
                    "status": response.status_code,
                    "seconds": took,
                    "database_seconds": in_database,
                    "results": _results(url),
                    "queries": queries,
                }
            )
    return {"pages": pages}


def _transcript(turns: int) -> str:
    from interviews.management.synthetic.words import QUESTIONS, SENTENCES

    lines = ["Source: https://bench.example.org/import-probe", ""]
    for number in range(turns):
        if number % 2 == 0:
            text = QUESTIONS[number % len(QUESTIONS)].format(
                subject="benchmarks", concept="scale", concept2="time", place="Oslo", year=2020
            )
            lines += [f"Ana Ruiz: {text}", ""]
        else:
            text = " ".join(
                SENTENCES[(number + k) % len(SENTENCES)].format(
                    subject="benchmarks",
                    concept="scale",
                    concept2="time",
                    place="Oslo",
                    year=2020,
                    first="Lea",
                )
                for k in range(3)
            )
            lines += [f"Ben Okafor: {text} (answer {number})", ""]
    return "\n".join(lines)


class _RolledBack(Exception):
    pass


def import_timings() -> dict:
    from interviews.importing.drafts import TranscriptDraft, speaker_choices_for_parse
    from interviews.importing.services import transcript_import
    from interviews.transcript import ParseHints, parse

    rows = []
    for size in IMPORT_SIZES:
        text = _transcript(size)
        parse_times, import_times, query_counts = [], [], []
        turns = 0
        for _ in range(3):
            started = time.perf_counter()
            parsed = parse(text, ParseHints(interviewers=["Ana Ruiz"], interviewees=["Ben Okafor"]))
            parse_times.append(time.perf_counter() - started)
            choices = speaker_choices_for_parse(
                parsed=parsed, interviewers=["Ana Ruiz"], interviewees=["Ben Okafor"]
            )
            draft = TranscriptDraft(
                title=f"Import probe, {size} turns",
                turns=parsed.turns,
                speakers=choices,
                source_url="https://bench.example.org/import-probe",
            )
            turns = len(parsed.turns)
            try:
                with transaction.atomic():
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        transcript_import(draft=draft)
                        import_times.append(time.perf_counter() - started)
                    query_counts.append(len(captured.captured_queries))
                    statements = [query["sql"][:110] for query in captured.captured_queries]
                    raise _RolledBack
            except _RolledBack:
                pass
        rows.append(
            {
                "turns_asked": size,
                "turns": turns,
                "parse_seconds": statistics.median(parse_times),
                "import_seconds": statistics.median(import_times),
                "queries": max(query_counts),
                "statements": statements,
            }
        )
    return {"imports": rows}


def vector_cost(turn_count: int = 50_000) -> dict:
    """Seconds to COPY the same turns with and without what search costs the database."""
    from interviews.management.synthetic.catalogue import catalogue_in_memory
    from interviews.management.synthetic.interviews import ChunkRows, interview_rows

    catalogue = catalogue_in_memory(seed=99)
    rows = ChunkRows()
    ids = {"interview": 1, "participation": 1, "topic_link": 1, "turn": 1, "comment": 1}
    number = 0
    while len(rows.turns) < turn_count:
        interview_rows(number=number, seed=99, catalogue=catalogue, ids=ids, rows=rows)
        number += 1
    turns = rows.turns[:turn_count]
    columns = ["id", "interview_id", "position", "speaker_id", "speaker_label", "kind", "text"]
    variants = {
        "no search column": "CREATE TEMP TABLE probe_turns "
        "(LIKE interviews_turn INCLUDING DEFAULTS)",
        "generated tsvector": "CREATE TEMP TABLE probe_turns "
        "(LIKE interviews_turn INCLUDING DEFAULTS INCLUDING GENERATED)",
        "generated tsvector + GIN index": "CREATE TEMP TABLE probe_turns "
        "(LIKE interviews_turn INCLUDING DEFAULTS INCLUDING GENERATED); "
        "CREATE INDEX ON probe_turns USING gin (search_vector)",
    }
    results = {}
    with connection.cursor() as cursor:
        for name, create in variants.items():
            cursor.execute("DROP TABLE IF EXISTS probe_turns")
            for statement in create.split("; "):
                cursor.execute(statement)
            started = time.perf_counter()
            with cursor.copy(f"COPY probe_turns ({', '.join(columns)}) FROM STDIN") as copy:
                for row in turns:
                    copy.write_row([row[column] for column in columns])
            results[name] = time.perf_counter() - started
        cursor.execute("DROP TABLE IF EXISTS probe_turns")
    return {"vector_cost": {"turns": len(turns), "seconds": results}}


if __name__ == "__main__":
    mode, *arguments = sys.argv[1:]
    if mode == "explain":
        result = explain(arguments)
    elif mode == "time":
        result = explain(arguments, explain_plans=False)
    elif mode == "import":
        result = import_timings()
    elif mode == "vector-cost":
        result = vector_cost()
    else:
        raise SystemExit(f"Unknown mode {mode!r}: explain, import or vector-cost.")
    print(json.dumps(result))
