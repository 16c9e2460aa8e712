"""The figures behind docs/scaling.md: how the archive's database grows between two data sets.

    .venv/bin/python bench/capacity_report.py [--sizes 1000,100000] [--json PATH] [--no-plans]

For each benchmark data set (bench/datasets.py: ia_bench_1k, ia_bench_100k; built, not built
here) it prints:

- the server's memory settings and the machine's RAM;
- each table's rows, heap, TOAST and index sizes, and each index of the turn and interview
  tables (pg_relation_size, pg_total_relation_size), with their growth between the sizes and
  a straight-line projection to 1 and 10 million interviews (bytes per interview from the two
  sizes), beside RAM and shared_buffers;
- cache hit rates since the statistics were last reset (pg_stat_database, pg_statio_user_tables:
  the build's own reads and writes are in them, so they are read with the plans' buffers below);
- the turn table's vacuum state (pg_stat_user_tables) and when autovacuum would start on it;
- EXPLAIN (ANALYZE, BUFFERS) of every query of the pages that decide capacity: the interview
  page (the seed one and the longest), the unfiltered list and its last page, the filtered list,
  a rare and two common-word searches, each after five warming requests, facet cache off
  (bench/probe.py explain, production settings): per query its time and the 8 kB buffers it
  touched (shared hit + read).

It only reads: SELECTs, EXPLAIN ANALYZE of SELECTs, and the statistics views.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import SERVER, DataSet, label
from scale_benchmark import DETAIL, LIST, SEARCH_COMMON, SEARCH_RARE, _busiest, probe

TABLES = (
    "interviews_turn",
    "interviews_interview",
    "interviews_comment",
    "interviews_participation",
    "interviews_interview_topics",
    "people_person",
    "reversion_version",
)
INDEXED = ("interviews_turn", "interviews_interview", "interviews_comment")
SETTINGS = (
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "max_connections",
    "random_page_cost",
    "default_statistics_target",
    "autovacuum_vacuum_scale_factor",
    "autovacuum_vacuum_threshold",
    "autovacuum_vacuum_insert_scale_factor",
    "autovacuum_vacuum_insert_threshold",
    "autovacuum_analyze_scale_factor",
    "autovacuum_vacuum_cost_limit",
    "autovacuum_vacuum_cost_delay",
    "gin_pending_list_limit",
    "statement_timeout",
)
SEARCH_WORD = "/interviews/?q=work"  # a word in nearly every interview's turns
PROJECTED = (1_000_000, 10_000_000)
PAGE = 8192
MB = 1024 * 1024
GB = 1024 * MB


def ram_bytes() -> int:
    meminfo = Path("/proc/meminfo").read_text()
    return int(re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE).group(1)) * 1024


def server_settings() -> dict[str, str]:
    with psycopg.connect(f"{SERVER}/postgres") as conn:
        rows = conn.execute(
            "SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name = ANY(%s)",
            [list(SETTINGS)],
        ).fetchall()
        version = conn.execute("SHOW server_version").fetchone()[0]
    settings = {name: f"{setting} {unit}".strip() for name, setting, unit in rows}
    settings["server_version"] = version
    return settings


def _bytes_setting(value: str) -> int:
    number, _, unit = value.partition(" ")
    factor = {"8kB": 8192, "kB": 1024, "MB": MB, "": 1}[unit]
    return int(number) * factor


def sizes(conn: psycopg.Connection) -> dict:
    tables = {}
    for table in TABLES:
        row = conn.execute(
            f"""SELECT (SELECT count(*) FROM {table}),
                       pg_relation_size(c.oid),
                       coalesce(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0),
                       pg_indexes_size(c.oid),
                       pg_total_relation_size(c.oid)
                FROM pg_class c WHERE c.oid = %s::regclass""",
            [table],
        ).fetchone()
        tables[table] = dict(zip(("rows", "heap", "toast", "indexes", "total"), row, strict=True))
        # The rows' own bytes, and the dead rows the heap still holds (rolled-back inserts, such
        # as scale_benchmark.py's import probe, leave them until a vacuum): what the heap would
        # be without bloat is near live_bytes plus page and row overhead.
        tables[table]["live_bytes"] = conn.execute(
            f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t"
        ).fetchone()[0]
        tables[table]["dead_rows"] = conn.execute(
            "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = %s", [table]
        ).fetchone()[0]
    indexes = {}
    for table in INDEXED:
        for name, size, definition in conn.execute(
            """SELECT i.relname, pg_relation_size(i.oid), pg_get_indexdef(i.oid)
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = %s::regclass ORDER BY pg_relation_size(i.oid) DESC""",
            [table],
        ):
            indexes[name] = {"table": table, "bytes": size, "definition": definition}
    published = conn.execute(
        "SELECT count(*) FROM interviews_interview WHERE status = 'published'"
    ).fetchone()[0]
    database = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return {"tables": tables, "indexes": indexes, "published": published, "database": database}


def hit_rates(conn: psycopg.Connection) -> dict:
    database = conn.execute(
        """SELECT blks_hit, blks_read, stats_reset::text FROM pg_stat_database
           WHERE datname = current_database()"""
    ).fetchone()
    tables = {}
    for table in TABLES:
        row = conn.execute(
            """SELECT heap_blks_hit, heap_blks_read, coalesce(idx_blks_hit, 0),
                      coalesce(idx_blks_read, 0)
               FROM pg_statio_user_tables WHERE relname = %s""",
            [table],
        ).fetchone()
        tables[table] = dict(
            zip(("heap_hit", "heap_read", "index_hit", "index_read"), row, strict=True)
        )
    return {
        "database": {"hit": database[0], "read": database[1], "stats_reset": database[2]},
        "tables": tables,
    }


def vacuum_state(conn: psycopg.Connection, database: str) -> dict:
    row = conn.execute(
        """SELECT n_live_tup, n_dead_tup, n_ins_since_vacuum, last_vacuum::text,
                  last_autovacuum::text, vacuum_count, autovacuum_count, last_analyze::text,
                  last_autoanalyze::text
           FROM pg_stat_user_tables WHERE relname = 'interviews_turn'"""
    ).fetchone()
    keys = (
        "live",
        "dead",
        "inserted_since_vacuum",
        "last_vacuum",
        "last_autovacuum",
        "vacuum_count",
        "autovacuum_count",
        "last_analyze",
        "last_autoanalyze",
    )
    state = dict(zip(keys, row, strict=True))
    # The data set's build ends with VACUUM ANALYZE of the whole database; its log says how long.
    with psycopg.connect(f"{SERVER}/postgres") as admin:
        comment = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database],
        ).fetchone()[0]
    generated = json.loads(comment or "{}").get("generate", "")
    built = re.search(r"VACUUM ANALYZE: ([\d.]+) s", generated)
    state["build_vacuum_analyze_seconds"] = float(built.group(1)) if built else None
    return state


def _plan_summary(plan: str) -> dict:
    buffers = re.search(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?", plan)
    hit, read = (int(group or 0) for group in buffers.groups()) if buffers else (0, 0)
    executed = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return {
        "top": plan.splitlines()[0].strip() if plan else "",
        "hit": hit,
        "read": read,
        "execution_ms": float(executed.group(1)) if executed else 0.0,
    }


def plans(data_set: DataSet, published: int) -> dict:
    busiest = _busiest(data_set)
    last_page = max(1, published // 20)
    urls = {
        "interview page (seed)": DETAIL,
        "interview page (longest)": f"/interviews/{busiest['longest']}/",
        "list, unfiltered": "/interviews/",
        "list, unfiltered, last page": f"/interviews/?page={last_page}",
        "list, two filters": LIST,
        "search, rare word": SEARCH_RARE,
        "search, common surname": SEARCH_COMMON,
        "search, common word": SEARCH_WORD,
    }
    explained = probe(data_set, "explain", *urls.values())
    pages = {}
    for (name, url), page in zip(urls.items(), explained["pages"], strict=True):
        queries = [{**query, **_plan_summary(query["plan"])} for query in page["queries"]]
        pages[name] = {
            "url": url,
            "status": page["status"],
            "request_ms": page["seconds"] * 1000,
            "database_ms": page["database_seconds"] * 1000,
            "results": page["results"],
            "queries": queries,
        }
    return pages


def gather(size: int, *, with_plans: bool) -> dict:
    database = f"ia_bench_{label(size)}"
    data_set = DataSet(size, 1, database, "", 0.0, reused=True)
    with psycopg.connect(data_set.url) as conn:
        measured = {
            "database": database,
            "sizes": sizes(conn),
            "hit_rates": hit_rates(conn),
            "vacuum": vacuum_state(conn, database),
        }
    if with_plans:
        measured["plans"] = plans(data_set, measured["sizes"]["published"])
    return measured


# --- Printing -------------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / MB:,.1f}"


def _per_interview(small: int, large: int, at_small: float, at_large: float) -> float:
    """Bytes each further interview adds; with one size only, its average."""
    if large == small:
        return at_large / large
    return (at_large - at_small) / (large - small)


def _projected(small: int, large: int, at_small: float, at_large: float, size: int) -> float:
    return at_large + _per_interview(small, large, at_small, at_large) * (size - large)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "-"


def print_report(measured: dict, settings: dict, ram: int) -> None:
    sizes_ = sorted(int(size) for size in measured)
    small, large = sizes_[0], sizes_[-1]
    one, other = measured[str(small)], measured[str(large)]
    shared = _bytes_setting(settings["shared_buffers"])
    print(f"# Capacity figures: {', '.join(label(size) for size in sizes_)}")
    print()
    print(f"RAM {ram / GB:.1f} GiB; PostgreSQL {settings['server_version']}")
    for name in SETTINGS:
        print(f"  {name} = {settings.get(name)}")
    print()
    columns = ("rows", "dead rows", "live row MB", "heap MB", "total MB")
    head = f"{'table':28} " + " ".join(
        f"{label(size) + ' ' + what:>15}" for size in sizes_ for what in columns
    )
    print("## Tables (total: heap + TOAST + indexes; live row MB: the live rows' own bytes)")
    print(head)
    for table in TABLES:
        cells = []
        for size in sizes_:
            row = measured[str(size)]["sizes"]["tables"][table]
            cells += [
                f"{row['rows']:>15,}",
                f"{row['dead_rows']:>15,}",
                f"{_mb(row['live_bytes']):>15}",
                f"{_mb(row['heap']):>15}",
                f"{_mb(row['total']):>15}",
            ]
        print(f"{table:28} " + " ".join(cells))
    print()
    print("## Growth and projection (straight line through the two sizes)")
    print(
        f"{'relation':44} {'B/interview':>12} {'x growth':>9} "
        + " ".join(f"{label(size) + ' GB':>10}" for size in PROJECTED)
    )
    rows = []
    for table in TABLES:
        for part in ("live_bytes", "heap", "toast", "indexes", "total"):
            rows.append(
                (
                    f"{table} {part}",
                    one["sizes"]["tables"][table][part],
                    other["sizes"]["tables"][table][part],
                )
            )
    for name, index in other["sizes"]["indexes"].items():
        rows.append((f"  index {name}", one["sizes"]["indexes"][name]["bytes"], index["bytes"]))
    rows.append(("database", one["sizes"]["database"], other["sizes"]["database"]))
    for name, at_small, at_large in rows:
        slope = _per_interview(small, large, at_small, at_large)
        growth = at_large / at_small if at_small else 0.0
        projected = " ".join(
            f"{_projected(small, large, at_small, at_large, size) / GB:>10.2f}"
            for size in PROJECTED
        )
        print(f"{name:44} {slope:>12,.0f} {growth:>9.1f} {projected}")
    print(f"(RAM {ram / GB:.1f} GiB; shared_buffers {shared / MB:,.0f} MB)")
    print()
    print("## Cache hit rates since the statistics were reset (the build included)")
    for size in sizes_:
        rates = measured[str(size)]["hit_rates"]
        db = rates["database"]
        print(
            f"{label(size)}: database {_ratio(db['hit'], db['hit'] + db['read'])} "
            f"(hit {db['hit']:,}, read {db['read']:,}, reset {db['stats_reset']})"
        )
        for table, row in rates["tables"].items():
            heap = _ratio(row["heap_hit"], row["heap_hit"] + row["heap_read"])
            index = _ratio(row["index_hit"], row["index_hit"] + row["index_read"])
            print(f"  {table:30} heap {heap}  indexes {index}")
    print()
    print("## The turn table's vacuum")
    scale = float(settings["autovacuum_vacuum_scale_factor"])
    threshold = int(settings["autovacuum_vacuum_threshold"])
    insert_scale = float(settings["autovacuum_vacuum_insert_scale_factor"])
    for size in sizes_:
        state = measured[str(size)]["vacuum"]
        print(f"{label(size)}: {json.dumps(state)}")
    turns_per_interview = other["sizes"]["tables"]["interviews_turn"]["rows"] / large
    heap_per_interview = _per_interview(
        small,
        large,
        one["sizes"]["tables"]["interviews_turn"]["heap"],
        other["sizes"]["tables"]["interviews_turn"]["heap"],
    )
    for size in (large, *PROJECTED):
        turns = turns_per_interview * size
        print(
            f"  at {label(size)}: {turns:,.0f} turns; autovacuum after "
            f"{threshold + scale * turns:,.0f} dead or {insert_scale * turns:,.0f} inserted "
            f"turns; a full pass reads the heap, about {heap_per_interview * size / GB:,.1f} GB"
        )
    if "plans" not in one:
        return
    print()
    print("## Query plans (facet cache off; after five warming requests)")
    for name in one["plans"]:
        print(f"### {name}")
        for size in sizes_:
            page = measured[str(size)]["plans"][name]
            touched = sum(query["hit"] + query["read"] for query in page["queries"])
            found = f", {page['results']:,} found" if page["results"] is not None else ""
            print(
                f"{label(size)} `{page['url']}` {page['status']}: request {page['request_ms']:.0f} "
                f"ms, database {page['database_ms']:.0f} ms, {len(page['queries'])} queries, "
                f"{touched:,} buffers ({touched * PAGE / MB:,.1f} MB){found}"
            )
            for query in sorted(page["queries"], key=lambda q: q["execution_ms"], reverse=True)[:4]:
                print(
                    f"    {query['execution_ms']:8.1f} ms  hit {query['hit']:>8,}  "
                    f"read {query['read']:>6,}  {query['sql'][:110]}"
                )
        slowest = max(
            measured[str(large)]["plans"][name]["queries"], key=lambda q: q["execution_ms"]
        )
        print(f"  slowest query's plan at {label(large)}:")
        print("    " + slowest["plan"].replace("\n", "\n    "))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--json", help="also write every figure and plan to this file")
    parser.add_argument("--no-plans", action="store_true", help="sizes and statistics only")
    options = parser.parse_args()
    sizes_ = sorted(int(size) for size in options.sizes.split(","))
    measured = {str(size): gather(size, with_plans=not options.no_plans) for size in sizes_}
    settings = server_settings()
    ram = ram_bytes()
    if options.json:
        Path(options.json).write_text(
            json.dumps({"settings": settings, "ram": ram, "data_sets": measured}, indent=1)
        )
    print_report(measured, settings, ram)


if __name__ == "__main__":
    main()
