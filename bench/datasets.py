"""The benchmark's PostgreSQL data sets: one database per size, built once and then reused.

A data set is the database `ia_bench_<label>` (ia_bench_1k, ia_bench_100k) on the server that
`BENCH_POSTGRES` names (default postgres://postgres@127.0.0.1:5432): migrated, with the sample
archive fixture loaded (so the seed interviews' pages exist) and `generate_archive --interviews N
--seed S` run. When the build finishes, the database's comment records N, the seed and the
generator's figures; a database whose comment says the same N and seed is reused as it is (only
migrated, for indexes added since). Any other database by that name, e.g. a build that was
interrupted, is dropped and built again. No other database is ever touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
MARKER = "interview-archive bench data set"


def label(size: int) -> str:
    """1000 -> "1k", 100000 -> "100k"."""
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


@dataclass
class DataSet:
    size: int
    seed: int
    database: str
    generate_log: str  # what generate_archive printed when the data set was built
    build_seconds: float
    reused: bool

    @property
    def url(self) -> str:
        return f"{SERVER}/{self.database}"


def _admin_connection() -> psycopg.Connection:
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def _recorded(database: str) -> dict | None:
    with _admin_connection() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database],
        ).fetchone()
    if row is None:
        return None
    try:
        recorded = json.loads(row[0] or "")
    except ValueError:
        return {}
    return recorded if isinstance(recorded, dict) and recorded.get("marker") == MARKER else {}


def django_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a management command against one data set (development settings)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1", **extra}
    env.pop("DJANGO_CACHE_URL", None)
    return env


def manage(database_url: str, *args: str, log=None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=django_env(database_url),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=log if log is not None else subprocess.DEVNULL,
    )
    return result.stdout


def dataset_ensure(*, size: int, seed: int, log=sys.stderr) -> DataSet:
    """The data set of `size` interviews and `seed`, built unless it already exists."""
    database = f"ia_bench_{label(size)}"
    url = f"{SERVER}/{database}"
    recorded = _recorded(database)
    if recorded and recorded.get("interviews") == size and recorded.get("seed") == seed:
        print(f"{database}: reusing the data set ({size:,} interviews, seed {seed})", file=log)
        manage(url, "migrate", "--noinput", "-v0", log=log)
        return DataSet(size, seed, database, recorded["generate"], recorded["seconds"], reused=True)

    print(f"{database}: building {size:,} interviews with seed {seed}", file=log)
    with _admin_connection() as conn:
        if recorded is not None:
            conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    started = time.perf_counter()
    manage(url, "migrate", "--noinput", "-v0", log=log)
    manage(url, "loaddata", "sample_archive", "-v0", log=log)
    generated = manage(
        url, "generate_archive", "--interviews", str(size), "--seed", str(seed), log=log
    )
    seconds = time.perf_counter() - started
    print(generated, file=log, end="")
    comment = json.dumps(
        {
            "marker": MARKER,
            "interviews": size,
            "seed": seed,
            "generate": generated,
            "seconds": round(seconds, 1),
        }
    )
    with _admin_connection() as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database), sql.Literal(comment)
            )
        )
    return DataSet(size, seed, database, generated, seconds, reused=False)
