"""Scale benchmark: the archive at 1,000 and 100,000 interviews on PostgreSQL, against /healthz.

    .venv/bin/python bench/scale_benchmark.py [--sizes 1000,100000] [--seed 1] [--seconds 8]
        [--repeat 3] [--no-imports] [--trial]

1. Builds (or reuses) one data set per size with `generate_archive` and the sample archive
   fixture (bench/datasets.py), and runs collectstatic.
2. For each size starts gunicorn with the production settings (DJANGO_DEBUG off, a throwaway
   DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=127.0.0.1) and 2 workers on 127.0.0.1, with the
   cache in Redis when one answers at BENCH_REDIS (default redis://127.0.0.1:6379/11, flushed
   before each run: the benchmark's own database number), and drives load at it from this
   process (wrk, or bench/load.py's bounded generator) for `--seconds` per URL: /healthz, a
   hashed static file, the seed interview's page, the list with two filters and its facets,
   and two searches with their facets (a rare name, a common surname). Requests are
   anonymous (no cookies), as a first-time reader's are. Each page is requested once before
   its load ("seen once before"), so that a response cache, where the site has one, holds it;
   two cold variants ask for a different list or search on every request, so no cache has
   seen them. The list and the searches are measured again with the caches off (facets and,
   where the site has one, whole pages).
   Meanwhile the resident memory (VmRSS in /proc/<pid>/status) of each gunicorn worker is
   sampled four times a second.
3. After the load, at the largest size, requests a list of public URLs once each (common-word
   searches, last pages, facet combinations, the busiest person, outlet, topic and year, the
   longest interview, feeds, the sitemap) and prints the slowest.
4. Prints requests/s, p50 and p99 per URL and size, each one's ratio to /healthz, and for the
   list and the searches the ratio of p50 at the largest size to p50 at the smallest.
5. Measures at the largest size: EXPLAIN ANALYZE of the list's and a search's queries, imports
   of 500 to 4,000 turns (queries and time), and what the search column costs a bulk load.
6. Writes docs/benchmarks.md with the machine, the figures, the targets met or missed, and
   this command. `--trial` (or a load average above the number of CPUs during the run) marks
   the report as a trial run, not figures to plan with.

Proxy headers: requests carry `X-Forwarded-Proto: https`, as the TLS proxy in front of
production sets it, so that the production settings' HTTPS redirect does not answer instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import http.cookies
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import PYTHON, ROOT, DataSet, dataset_ensure, label
from load import LoadResult, drive, wrk_available

REPORT = ROOT / "docs" / "benchmarks.md"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/11")
WORKERS = 2
CONNECTIONS = 4
PROXY = {"X-Forwarded-Proto": "https"}

DETAIL = "/interviews/pyimagesearch-interview-francois-chollet-2018/"
LIST = "/interviews/?topic=machine-learning&year=2010"
SEARCH_RARE = "/interviews/?q=chollet"
SEARCH_COMMON = "/interviews/?q=nilsen"
STATIC_NAME = "css/site.css"
# The load's names for the pages the targets are about.
SEEN_ONCE = ("detail", "list", "search rare", "search common")
COLD_LIST, COLD_SEARCH = "list (cold)", "search (cold)"

# Issue 13: anonymous pages seen once before, against /healthz; worker memory under load.
PAGE_SHARE = 0.50
WORKER_RSS_LIMIT_MB = 120
# No public page may fail or run into gunicorn's timeout (gunicorn.conf.py, 30 s by default).
WORST_LIMIT_SECONDS = 30
# Issue 6, point 6, still in force: growth between the sizes, and imports.
GROWTH_LIMIT = 3.0
IMPORT_QUERY_LIMIT = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers() -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        client = redis.Redis.from_url(REDIS, socket_timeout=1)
        client.flushdb()
        return True
    except redis.RedisError:
        return False


def production_env(data_set: DataSet, *, port: int, facet_cache: bool) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_URL"))
    }
    env.update(
        DATABASE_URL=data_set.url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        # Workers are not recycled in the middle of a measurement.
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_LOG_LEVEL="warning",
    )
    if facet_cache:
        env["DJANGO_CACHE_URL"] = REDIS
    else:
        # Every cache of computed results off: the facets, and whole pages where the site keeps
        # them (DJANGO_PAGE_CACHE_SECONDS; a setting the site does not know is ignored).
        env["DJANGO_FACET_CACHE_SECONDS"] = "0"
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    return env


def collectstatic(env: dict[str, str]) -> str:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][STATIC_NAME]


def _children(parent: int) -> list[int]:
    """The processes whose parent is `parent` (gunicorn's workers, for its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # pid (comm) state ppid ...: the command name may hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.name))
    return found


def _resident_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


class WorkerMemory:
    """The resident memory of each of a gunicorn master's workers, sampled in a thread."""

    INTERVAL = 0.25

    def __init__(self, master: int):
        self.master = master
        self.samples: list[tuple[float, int, float]] = []  # (monotonic time, pid, MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            for pid in _children(self.master):
                megabytes = _resident_mb(pid)
                if megabytes is not None:
                    self.samples.append((now, pid, megabytes))
            self._stop.wait(self.INTERVAL)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def growth(self, since: float, until: float) -> float:
        """The most any one worker grew between two monotonic times, in MB."""
        first: dict[int, float] = {}
        grown = 0.0
        for when, pid, megabytes in self.samples:
            if since <= when <= until:
                first.setdefault(pid, megabytes)
                grown = max(grown, megabytes - first[pid])
        return grown

    def peaks(self, since: float = 0.0, until: float = float("inf")) -> dict[int, float]:
        """The largest sample of each worker between two monotonic times, in MB."""
        peaks: dict[int, float] = {}
        for when, pid, megabytes in self.samples:
            if since <= when <= until:
                peaks[pid] = max(peaks.get(pid, 0.0), megabytes)
        return peaks


class Server:
    """gunicorn with the production settings, on a free loopback port, for one data set."""

    def __init__(self, data_set: DataSet, *, facet_cache: bool, log_path: Path):
        self.port = free_port()
        self.env = production_env(data_set, port=self.port, facet_cache=facet_cache)
        # PostgreSQL gives up on a statement when gunicorn would kill its worker anyway (libpq
        # reads PGOPTIONS): a killed worker's query would otherwise run on, alone, and slow
        # every measurement after it. A limit the site sets itself replaces this one.
        self.env["PGOPTIONS"] = f"-c statement_timeout={WORST_LIMIT_SECONDS * 1000}"
        self.log = log_path.open("a")
        self.process = None
        self.memory: WorkerMemory | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "config.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(f"{self.base}/readyz", headers=PROXY)
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        self.memory = WorkerMemory(self.process.pid)
                        self.memory.start()
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not become ready; see the server log.")

    def __exit__(self, *exc) -> None:
        if self.memory:
            self.memory.stop()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def get(self, path: str, headers: dict[str, str] | None = None):
        """(status, headers) of a GET, as a proxy in front of the site would send it."""
        request = urllib.request.Request(self.base + path, headers={**PROXY, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                return response.status, response.headers
        except urllib.error.HTTPError as error:  # a 304 is one, to urllib
            return error.code, error.headers

    def timed(self, path: str) -> dict:
        """One anonymous GET: its status, size and seconds to the last byte."""
        request = urllib.request.Request(self.base + path, headers=PROXY)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=WORST_LIMIT_SECONDS + 30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except OSError as error:  # no answer at all: the worker was killed, or timed out
            status, body = f"no answer ({error})", b""
        return {
            "url": path,
            "status": status,
            "seconds": time.perf_counter() - started,
            "bytes": len(body),
            "body": body.decode(errors="replace"),
        }


REVALIDATED = " (304)"
DETAIL_304 = "detail" + REVALIDATED
# The response headers that say how a page was served, shown beside its figures.
SERVED_HEADERS = ("cache-control", "age", "vary", "set-cookie")


def _served(headers) -> str:
    """The response's caching headers, and any header that names a cache (X-Cache, ...)."""
    shown = []
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in SERVED_HEADERS or ("cache" in lowered and lowered != "cache-control"):
            if lowered == "set-cookie":
                value = value.split("=", 1)[0] + "=…"
            shown.append(f"{name}: {value}")
    return "; ".join(shown)


def cold_paths(data_set: DataSet, *, seed: int) -> dict[str, list[str]]:
    """Lists and searches no cache has seen: every topic in every year, every person's name."""
    with psycopg.connect(data_set.url) as conn:
        topics = [row[0] for row in conn.execute("SELECT slug FROM interviews_topic")]
        years = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT extract(year FROM published_on)::int FROM interviews_interview "
                "WHERE status = 'published' AND published_on IS NOT NULL"
            )
        ]
        names = [row[0] for row in conn.execute("SELECT name FROM people_person")]
    lists = [f"/interviews/?topic={topic}&year={year}" for topic in topics for year in years]
    searches = [f"/interviews/?q={quote_plus(name)}" for name in names]
    shuffle = random.Random(seed).shuffle
    shuffle(lists)
    shuffle(searches)
    return {COLD_LIST: lists, COLD_SEARCH: searches}


def measure(
    server: Server, targets: dict[str, str | list[str]], *, seconds: int, repeat: int
) -> dict[str, LoadResult]:
    """Load each target in turn, anonymously, after requesting it once.

    A target given as a list of paths asks for the next one on each request, none of them
    requested before. A name ending in REVALIDATED sends the page's own ETag back.
    """
    results = {}
    for name, target in targets.items():
        headers = dict(PROXY)
        cold = isinstance(target, list)
        path = target[0] if cold else target
        if cold:
            served = f"a different URL each request, from {len(target):,}"
        else:
            # Seen once before: the first request fills whatever cache the site keeps.
            status, answer = server.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            status, answer = server.get(path)
            served = _served(answer)
        if name.endswith(REVALIDATED):
            # A returning browser: the cookies the page set, and the page's ETag.
            cookies = http.cookies.SimpleCookie()
            for header in answer.get_all("Set-Cookie") or []:
                cookies.load(header)
            headers["Cookie"] = "; ".join(f"{key}={m.value}" for key, m in cookies.items())
            status, answer = server.get(path, headers)
            headers["If-None-Match"] = answer["ETag"] or ""
            status, answer = server.get(path, headers)
            served = _served(answer)
            if status != 304:  # measured all the same, and said beside the figures
                served = f"answered {status}, not 304, to its own ETag; {served}"
                print(f"  {path} did not answer 304 to its own ETag", file=sys.stderr)
        attempts = []
        for number in range(repeat):
            # /healthz again just before, so that the ratio compares two moments of the same
            # load on a machine whose other work comes and goes.
            floor = None
            if path != "/healthz":
                floor = drive(
                    server.base + "/healthz",
                    seconds=max(3, seconds // 3),
                    connections=CONNECTIONS,
                    headers=PROXY,
                )
            paths = None
            if cold:  # each run starts where the last one's share of the list ends
                share = len(target) // repeat
                paths = target[number * share :] + target[: number * share]
            began = time.monotonic()
            attempt = drive(
                server.base + path,
                seconds=seconds,
                connections=CONNECTIONS,
                headers=headers,
                paths=paths,
            )
            attempt.worker_rss_mb = max(
                server.memory.peaks(began, time.monotonic()).values(), default=0.0
            )
            attempt.floor_requests_per_second = (floor or attempt).requests_per_second
            attempt.load_average = os.getloadavg()[0]
            attempt.served = served
            attempts.append(attempt)
        # Other work on the machine only ever slows a run down: the fastest one is the page's.
        results[name] = max(attempts, key=lambda attempt: attempt.requests_per_second)
        print(
            f"  {name:22} {results[name].requests_per_second:8.1f} req/s  "
            f"p50 {results[name].p50_ms:7.1f} ms  p99 {results[name].p99_ms:7.1f} ms  "
            f"errors {results[name].errors}  worker {results[name].worker_rss_mb:.0f} MB  "
            f"load {results[name].load_average:.1f}  [{served}]",
            file=sys.stderr,
        )
    return results


# --- The worst public request ---------------------------------------------------------------

LAST_PAGE = "LAST"  # in a path: the last page of the list the path names without it
COMMON_WORDS = ("work", "time", "people", "community")


def _busiest(data_set: DataSet) -> dict[str, str]:
    """The person, outlet, topic and year with the most published interviews, and the longest
    published interview: the public pages with the most to show."""
    published = "SELECT id FROM interviews_interview WHERE status = 'published'"
    queries = {
        "person": "SELECT p.slug FROM people_person p JOIN interviews_participation x "
        f"ON x.person_id = p.id WHERE x.interview_id IN ({published}) "
        "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1",
        "outlet": "SELECT o.slug FROM interviews_outlet o JOIN interviews_interview i "
        "ON i.outlet_id = o.id WHERE i.status = 'published' "
        "GROUP BY o.slug ORDER BY count(*) DESC, o.slug LIMIT 1",
        "topic": "SELECT t.slug FROM interviews_topic t JOIN interviews_interview_topics x "
        f"ON x.topic_id = t.id WHERE x.interview_id IN ({published}) "
        "GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 1",
        "year": "SELECT extract(year FROM published_on)::int::text FROM interviews_interview "
        "WHERE status = 'published' AND published_on IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
        "longest": "SELECT i.slug FROM interviews_interview i JOIN interviews_turn t "
        "ON t.interview_id = i.id WHERE i.status = 'published' "
        "GROUP BY i.slug ORDER BY count(*) DESC, i.slug LIMIT 1",
    }
    with psycopg.connect(data_set.url) as conn:
        return {name: conn.execute(query).fetchone()[0] for name, query in queries.items()}


def public_paths(busiest: dict[str, str]) -> list[str]:
    person, outlet, topic, year = (busiest[key] for key in ("person", "outlet", "topic", "year"))
    longest = busiest["longest"]
    searches = [f"/interviews/?q={word}" for word in COMMON_WORDS]
    return [
        "/",
        "/interviews/",
        f"/interviews/?page={LAST_PAGE}",
        f"/interviews/?sort=oldest&page={LAST_PAGE}",
        *searches,
        f"/interviews/?q={COMMON_WORDS[0]}&page={LAST_PAGE}",
        f"/interviews/?q={COMMON_WORDS[0]}+{COMMON_WORDS[1]}&sort=relevance",
        f"/interviews/?q={COMMON_WORDS[1]}+OR+{COMMON_WORDS[2]}&sort=oldest",
        "/interviews/?q=%22years+of+small+steps%22",
        f"/interviews/?q={COMMON_WORDS[0]}+-{COMMON_WORDS[3]}",
        "/interviews/?q=the",
        f"/interviews/?q={COMMON_WORDS[0]}&topic={topic}&year={year}",
        f"/interviews/?topic={topic}&outlet={outlet}&year={year}",
        f"/interviews/?person={person}&topic={topic}",
        f"/interviews/?from={int(year) - 5}&to={year}&sort=oldest&page={LAST_PAGE}",
        f"/people/{person}/",
        f"/interviews/?person={person}&page={LAST_PAGE}",
        f"/outlets/{outlet}/",
        f"/outlets/{outlet}/?page={LAST_PAGE}",
        f"/topics/{topic}/",
        f"/topics/{topic}/?page={LAST_PAGE}",
        f"/years/{year}/",
        f"/years/{year}/?page={LAST_PAGE}",
        f"/interviews/{longest}/",
        f"/interviews/{longest}/search/?q={COMMON_WORDS[0]}",
        DETAIL,
        "/feeds/interviews/",
        f"/topics/{topic}/feed/",
        f"/people/{person}/feed/",
        "/sitemap.xml",
        f"/interviews.json?q={COMMON_WORDS[0]}",
    ]


def worst_requests(server: Server, paths: list[str]) -> list[dict]:
    """Each public path once, anonymously, slowest first; a LAST page is found from page 1."""
    timed = []
    for path in paths:
        if LAST_PAGE in path:
            first = server.timed(path.replace(f"page={LAST_PAGE}", "page=1"))
            pages = re.search(r"Page 1 of ([\d,]+)", first["body"])
            path = path.replace(LAST_PAGE, pages.group(1).replace(",", "") if pages else "1")
        began = time.monotonic()
        timed.append(server.timed(path))
        # The largest worker while this request ran, and the most one grew: which page makes
        # a worker grow (a worker keeps what it grew to, so the largest alone cannot say).
        ended = time.monotonic() + WorkerMemory.INTERVAL
        time.sleep(WorkerMemory.INTERVAL)
        timed[-1]["worker_rss_mb"] = max(server.memory.peaks(began, ended).values(), default=0.0)
        timed[-1]["worker_growth_mb"] = server.memory.growth(began, ended)
        print(
            f"  {timed[-1]['seconds']:7.3f} s  {timed[-1]['status']}  "
            f"worker {timed[-1]['worker_rss_mb']:.0f} MB "
            f"(+{timed[-1]['worker_growth_mb']:.0f})  {path}",
            file=sys.stderr,
        )
    for row in timed:
        del row["body"]
    return sorted(timed, key=lambda row: row["seconds"], reverse=True)


def probe(data_set: DataSet, *args: str) -> dict:
    """bench/probe.py with the production settings (DEBUG off), as gunicorn runs them."""
    env = production_env(data_set, port=0, facet_cache=False)
    output = subprocess.run(
        [PYTHON, "bench/probe.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    ).stdout
    return json.loads(output)


def machine() -> dict[str, str]:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return ""

    lscpu = run("lscpu")
    wanted = ("Architecture", "Model name", "CPU(s)", "Thread(s) per core", "CPU max MHz")
    cpu = "\n".join(line for line in lscpu.splitlines() if line.split(":")[0].strip() in wanted)
    postgres = run("psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SELECT version()")
    wrk = []
    if wrk_available():
        # wrk prints its version with its usage, and exits with 1.
        version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        wrk = (version.stdout or version.stderr).splitlines()[:1]
    versions = run(
        PYTHON,
        "-c",
        "import django, gunicorn, psycopg; "
        "print(f'Django {django.get_version()}, gunicorn {gunicorn.__version__}, "
        "psycopg {psycopg.__version__}')",
    )
    return {
        "cpu": cpu,
        "memory": run("free", "-h"),
        "postgres": postgres.strip(),
        "python": f"Python {platform.python_version()}; {versions.strip()}",
        "load": (wrk[0].strip() if wrk else "bench/load.py (wrk not installed)"),
        "kernel": platform.platform(),
    }


# --- The report ---------------------------------------------------------------------------------


def _ratio(value: float, base: float) -> float:
    return value / base if base else 0.0


def _share(result: LoadResult) -> float:
    return _ratio(result.requests_per_second, result.floor_requests_per_second)


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _why(*, runs, small, large, explained, timed_small, two_thousand) -> list[str]:
    """What the figures say about each target, from the probes' timings (production settings,
    one request at a time, test client: no HTTP, no gunicorn)."""
    at_large = {page["url"]: page for page in explained["pages"]}
    at_small = {page["url"]: page for page in timed_small["pages"]}
    lines = [
        "Where the time goes: one request at a time in the test client, production settings, "
        "facet cache off (median of five):",
        "",
        f"| URL | {label(small)} ms | of which database | {label(large)} ms | of which database "
        f"| interviews found {label(small)} / {label(large)} |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for url in (DETAIL, LIST, SEARCH_RARE, SEARCH_COMMON):
        one, other = at_small[url], at_large[url]
        found = f"{one['results']:,} / {other['results']:,}" if one["results"] is not None else ""
        lines.append(
            f"| `{url}` | {one['seconds'] * 1000:.0f} | {one['database_seconds'] * 1000:.0f} | "
            f"{other['seconds'] * 1000:.0f} | {other['database_seconds'] * 1000:.0f} | {found} |"
        )
    detail = at_large[DETAIL]
    rendering = 1 - _ratio(detail["database_seconds"], detail["seconds"])
    statements = (two_thousand or {}).get("statements", [])
    savepoints = [i for i, sql in enumerate(statements) if sql.startswith("SAVEPOINT")]
    history = 0
    if len(savepoints) > 1:
        history = sum(
            1
            for sql in statements[savepoints[1] :]
            if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        )
    own = sum(1 for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))
    revalidated = _share(runs[large]["cached"][DETAIL_304])
    lines += [
        "",
        f"- The interview page spends {rendering:.0%} of its time outside the database at "
        f"{label(large)}: rendering its template (every turn, every comment, the comment "
        "form), where /healthz renders nothing. A browser revalidating the page "
        f"(*detail (304)*) skips the rendering: {revalidated:.0%} of /healthz.",
    ]
    listed = at_large[LIST]
    lines.append(
        f"- The filtered list at {label(large)}: {listed['database_seconds'] * 1000:.0f} of "
        f"{listed['seconds'] * 1000:.0f} ms in the database with the facets counted afresh, "
        f"for {listed['results']:,} interviews found; from the facet cache, its database work "
        "is the count, the page and its prefetches, and the rest is rendering 20 entries and "
        "five facets of up to 30 links each."
    )
    for url, name in ((SEARCH_RARE, "search rare"), (SEARCH_COMMON, "search common")):
        one, other = at_small[url], at_large[url]
        grown = _ratio(other["database_seconds"], one["database_seconds"])
        found = _ratio(other["results"], one["results"])
        why = (
            "ranking each match (its best turn) and counting the facets over the matches "
            "follow the number found, which an index cannot shorten"
            if found >= 2
            else "the matches are found through the GIN indexes, but PostgreSQL cannot tell "
            "how rare a word is and joins them with every published interview in each "
            "facet (an index-only scan of the whole published set: the plans below)"
        )
        lines.append(
            f"- {name} (`{url}`) finds {one['results']:,} interviews at {label(small)} and "
            f"{other['results']:,} at {label(large)} ({found:.0f}×); its database time grows "
            f"{grown:.1f}×: {why}."
        )
    if two_thousand:
        lines.append(
            f"- The 2,000-turn import: {own} statements besides savepoints, {history} of them "
            "inside the edit history's own savepoint (django-reversion recording the new "
            f"interview with its turns and comments), so {own - history} for the import itself."
        )
    return lines


def _plans(page: dict, *, keep) -> str:
    blocks = []
    for query in page["queries"]:
        if keep(query["sql"]):
            blocks.append(f"```sql\n{query['sql']}\n```\n\n```\n{query['plan']}\n```")
    return "\n\n".join(blocks)


def _facet_query(sql: str) -> bool:
    return " GROUP BY " in sql and "COUNT(" in sql


def _search_query(sql: str) -> bool:
    return "websearch_to_tsquery" in sql


def _memory_lines(*, memory: dict[str, dict[str, list[float]]], sizes: list[int]) -> list[str]:
    if not memory:
        return []
    lines = [
        "## Worker memory under load",
        "",
        "The largest resident memory (VmRSS in /proc/<pid>/status, sampled every "
        f"{WorkerMemory.INTERVAL:g} s) each gunicorn worker reached over the whole load, "
        "per server:",
        "",
        "| size | server | each worker's peak MB |",
        "| --- | --- | --- |",
    ]
    for size in sizes:
        for group, peaks in memory.get(str(size), {}).items():
            facets = "caches on" if group == "cached" else "caches off"
            lines.append(
                f"| {label(size)} | {facets} | {', '.join(f'{peak:.0f}' for peak in peaks)} |"
            )
    return [*lines, ""]


def _import_lines(*, import_rows: list[dict], two_thousand: dict | None, large: int) -> list[str]:
    if not two_thousand:
        return []
    lines = [
        f"## Importing a transcript (at {large:,} interviews)",
        "",
        "`transcript_import` of a generated two-speaker transcript, in a transaction rolled back "
        "afterwards; median of three. Parsing is timed apart.",
        "",
        "| turns | queries | import s | ms a turn | parse s |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in import_rows:
        lines.append(
            f"| {row['turns']:,} | {row['queries']} | {row['import_seconds']:.2f} | "
            f"{row['import_seconds'] / row['turns'] * 1000:.2f} | {row['parse_seconds']:.2f} |"
        )
    return [
        *lines,
        "",
        "The statements of the 2,000-turn import (savepoints included, cut at 110 characters):",
        "",
        "```",
        *two_thousand.get("statements", []),
        "```",
    ]


def _worst_lines(*, worst: list[dict], large: int) -> list[str]:
    if not worst:
        return []
    # Figures saved before the worker column existed are shown without it.
    memory = "worker_rss_mb" in worst[0]
    lines = [
        f"## The worst public request at {large:,} interviews",
        "",
        "Each URL once, anonymously, after the load (caches on, so whatever the load left "
        "in it; none of these URLs was loaded). LAST: the last page, read from page 1's "
        '"Page 1 of N".'
        + (
            " Worker MB: the largest gunicorn worker while the request ran (and the most one "
            "grew meanwhile)."
            if memory
            else ""
        )
        + " Slowest first:",
        "",
        "| seconds | status | KB |" + (" worker MB |" if memory else "") + " URL |",
        "| ---: | --- | ---: |" + (" ---: |" if memory else "") + " --- |",
    ]
    for row in worst:
        grew = f" {row['worker_rss_mb']:.0f} (+{row['worker_growth_mb']:.0f}) |" if memory else ""
        lines.append(
            f"| {row['seconds']:.3f} | {row['status']} | {row['bytes'] / 1024:,.0f} |{grew} "
            f"`{row['url']}` |"
        )
    return [*lines, ""]


def write_report(
    *,
    command: str,
    sizes: list[int],
    data_sets: dict[int, DataSet],
    runs: dict[int, dict[str, dict[str, LoadResult]]],
    explained: dict,
    timed_small: dict,
    imports: dict,
    vectors: dict,
    about: dict,
    seconds: int,
    repeat: int,
    cached: bool,
    memory: dict[str, dict[str, list[float]]],
    worst: list[dict],
    trial: bool,
) -> str:
    small, large = min(sizes), max(sizes)
    busiest = max(
        result.load_average
        for groups in runs.values()
        for got in groups.values()
        for result in got.values()
    )
    overloaded = busiest > (os.cpu_count() or 1)
    tools = {
        result.tool
        for groups in runs.values()
        for got in groups.values()
        for result in got.values()
    }
    load_tool = about["load"] if tools != {"wrk"} or about["load"].startswith("wrk") else "wrk"
    lines = ["# Benchmarks: the archive at scale", ""]
    if trial or overloaded:
        why = []
        if trial:
            why.append("run with `--trial` (short runs, to check the benchmark works)")
        if overloaded:
            why.append(
                f"the machine's load average reached {busiest:.1f} on {os.cpu_count()} CPUs "
                "during the run (other work shared them)"
            )
        lines += [
            f"> **Trial run**: {'; '.join(why)}. Compare the rows with each other; do not plan "
            "with these figures, and run the benchmark again on a quiet machine for the final "
            "ones.",
            "",
        ]
    lines += [
        f"Written by `bench/scale_benchmark.py` on {datetime.date.today():%Y-%m-%d}. Reproduce:",
        "",
        "```sh",
        command,
        "```",
        "",
        "It builds (or reuses) the data sets in PostgreSQL, starts gunicorn with the production "
        f"settings and {WORKERS} sync workers on 127.0.0.1, and drives {CONNECTIONS} concurrent "
        f"connections at each URL for {seconds} s, {repeat} times, from a second process "
        f"({load_tool}), keeping the fastest of the {repeat} runs (other work on the "
        "machine only ever slows one down). Client, server and database share the machine's "
        "cores, so the figures are for comparing pages with each other and sizes with each "
        "other, not for capacity planning.",
        "",
        "## Machine",
        "",
        "```",
        about["cpu"],
        "",
        about["memory"].rstrip(),
        "```",
        "",
        f"- {about['postgres']}",
        f"- {about['python']}",
        f"- {about['kernel']}",
        "",
        "## Data sets",
        "",
        "`generate_archive --interviews N --seed 1` after `loaddata sample_archive` (the two "
        "seed interviews, so the seed page exists at every size):",
        "",
    ]
    for size in sizes:
        data_set = data_sets[size]
        lines += [
            f"**{size:,} interviews** (`{data_set.database}`, built in "
            f"{data_set.build_seconds:,.0f} s, migrations and fixture included):",
            "",
            "```",
            data_set.generate_log.rstrip(),
            "```",
            "",
        ]
    vc = vectors["vector_cost"]
    base = vc["seconds"]["no search column"]
    lines += [
        f"What search costs a bulk load: COPY of the same {vc['turns']:,} generated turns into "
        "a scratch table",
        "",
        "| table | seconds | µs a turn | × plain |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, took in vc["seconds"].items():
        lines.append(
            f"| {name} | {took:.2f} | {took / vc['turns'] * 1e6:.0f} | {_ratio(took, base):.1f} |"
        )
    lines += [
        "",
        "Almost all of the load time is PostgreSQL computing the stored `tsvector` "
        "(`to_tsvector('archive_english', ...)`, with `unaccent`) and keeping the GIN index; "
        "the Python side (making the rows and streaming COPY) is the small first row.",
        "",
        "## Requests",
        "",
        f"Cache: {'Redis (' + REDIS + '), flushed before each size' if cached else 'none'}"
        " for the first rows; the rows marked *uncached* run with `DJANGO_FACET_CACHE_SECONDS=0`"
        " and `DJANGO_PAGE_CACHE_SECONDS=0`, so each request renders its page and counts every "
        "facet. Every request is anonymous (no cookies). Each "
        "page was requested once before its load (seen once before), except the *cold* rows, "
        "which ask for a different list (a topic and a year) or search (a person's name) on "
        "each request, so that no cache has seen any of them.",
        "",
    ]
    header = "| URL | " + " | ".join(
        f"{label(size)} req/s | {label(size)} p50 ms | {label(size)} p99 ms | "
        f"{label(size)} × healthz | {label(size)} worker MB"
        for size in sizes
    )
    lines += [header + " | load avg |", "| --- |" + " ---: |" * (5 * len(sizes) + 1)]
    names = list(runs[small]["cached"]) + [f"{name} (uncached)" for name in runs[small]["uncached"]]
    for name in names:
        group, key = (
            ("uncached", name.removesuffix(" (uncached)"))
            if "(uncached)" in name
            else (
                "cached",
                name,
            )
        )
        cells = []
        for size in sizes:
            result = runs[size][group][key]
            cells.append(
                f"{result.requests_per_second:,.0f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
                f"{_share(result):.0%} | {result.worker_rss_mb:.0f}"
            )
        load = " / ".join(f"{runs[size][group][key].load_average:.1f}" for size in sizes)
        path = runs[small][group][key].url.split("/", 3)[3]
        lines.append(f"| {name} `/{path}` | " + " | ".join(cells) + f" | {load} |")
    lines += [
        "",
        "× healthz: the page's requests per second as a share of those of /healthz, measured "
        f"for {max(3, seconds // 3)} s on the same server just before the page (/healthz "
        "touches neither the database nor a template: the framework's floor). "
        "*detail (304)* sends the page's ETag back (If-None-Match), as a browser revalidating "
        "it does. Worker MB: the largest resident memory (VmRSS) of either gunicorn worker "
        "during the load. Load avg: the machine's 1-minute load average after each "
        f"measurement (small / large size); this machine has {os.cpu_count()} CPUs, and other "
        "work on it shows there.",
        "",
        f"How each page was served at {large:,} (the headers of the request after the one that "
        "warmed it; a response cache shows itself here, e.g. in `Age` or an `X-Cache` header):",
        "",
        "| URL | served |",
        "| --- | --- |",
        *(
            f"| {name} | {result.served or '(no caching headers)'} |"
            for name, result in runs[large]["cached"].items()
        ),
        "",
        f"Growth, p50 at {large:,} ÷ p50 at {small:,}:",
        "",
        "| URL | cached | uncached |",
        "| --- | ---: | ---: |",
    ]
    growth = {}
    for name in ("list", "search rare", "search common"):
        cached_growth = _ratio(
            runs[large]["cached"][name].p50_ms, runs[small]["cached"][name].p50_ms
        )
        uncached_growth = _ratio(
            runs[large]["uncached"][name].p50_ms, runs[small]["uncached"][name].p50_ms
        )
        growth[name] = (cached_growth, uncached_growth)
        lines.append(f"| {name} | {cached_growth:.2f} | {uncached_growth:.2f} |")

    import_rows = (imports or {}).get("imports", [])
    two_thousand = next((row for row in import_rows if row["turns"] == 2000), None)
    per_turn = [row["import_seconds"] / row["turns"] * 1000 for row in import_rows]
    worker_peaks = [peak for peaks in memory.get(str(large), {}).values() for peak in peaks]
    slowest = worst[0] if worst else None
    failed = [row for row in worst if not isinstance(row["status"], int) or row["status"] >= 500]
    lines += [
        "",
        f"## Targets (issue 13), at {large:,} interviews",
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
    ]
    for name, what in (
        ("detail", "the seed interview's page"),
        ("list", "the list with two filters and its facets"),
        ("search rare", "a search (rare name) with its facets"),
        ("search common", "a search (common surname) with its facets"),
    ):
        share = _share(runs[large]["cached"][name])
        lines.append(
            f"| {what}, anonymous, seen once before: ≥ {PAGE_SHARE:.0%} of /healthz req/s | "
            f"{share:.0%} | {_verdict(share >= PAGE_SHARE)} |"
        )
    if worker_peaks:
        lines.append(
            f"| each gunicorn worker ≤ {WORKER_RSS_LIMIT_MB} MB resident under load | "
            f"peak {max(worker_peaks):.0f} MB (of {len(worker_peaks)} workers over "
            f"{len(memory[str(large)])} servers) | "
            f"{_verdict(max(worker_peaks) <= WORKER_RSS_LIMIT_MB)} |"
        )
    if slowest:
        lines.append(
            f"| the worst public request ({len(worst)} URLs once each after the load) answers, "
            f"without a server error, in < {WORST_LIMIT_SECONDS} s (gunicorn's timeout) | "
            f"{slowest['seconds']:.2f} s, `{slowest['url']}` ({slowest['status']}); "
            f"{len(failed)} failed | "
            f"{_verdict(slowest['seconds'] < WORST_LIMIT_SECONDS and not failed)} |"
        )
    lines += [
        "",
        "For comparison, not targets: "
        + "; ".join(
            [
                f"{name} {_share(runs[large]['cached'][name]):.0%} of /healthz"
                for name in (COLD_LIST, COLD_SEARCH)
                if name in runs[large]["cached"]
            ]
            + [
                f"{name} with the caches off {_share(runs[large]['uncached'][name]):.0%}"
                for name in ("list", "search rare", "search common")
            ]
        )
        + ".",
        "",
        f"## Targets still in force from issue 6, at {large:,} interviews",
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
    ]
    for name, (cached_growth, uncached_growth) in growth.items():
        lines.append(
            f"| {name}: p50 at {label(large)} ≤ {GROWTH_LIMIT:g} × p50 at {label(small)} | "
            f"{cached_growth:.2f} cached, {uncached_growth:.2f} uncached | "
            f"{_verdict(cached_growth <= GROWTH_LIMIT)} cached, "
            f"{_verdict(uncached_growth <= GROWTH_LIMIT)} uncached |"
        )
    steady = {page["url"]: page for page in explained["pages"]}
    steady_small = {page["url"]: page for page in timed_small["pages"]}
    lines.append(
        "| the same growth from single requests (test client, facet cache off, no "
        "concurrent load) | "
        + ", ".join(
            f"{name} {_ratio(steady[url]['seconds'], steady_small[url]['seconds']):.2f}"
            for name, url in (
                ("list", LIST),
                ("search rare", SEARCH_RARE),
                ("search common", SEARCH_COMMON),
            )
        )
        + " | "
        + ", ".join(
            _verdict(_ratio(steady[url]["seconds"], steady_small[url]["seconds"]) <= GROWTH_LIMIT)
            for url in (LIST, SEARCH_RARE, SEARCH_COMMON)
        )
        + " |"
    )
    if two_thousand:
        lines += [
            f"| importing 2,000 turns in ≤ {IMPORT_QUERY_LIMIT} queries | "
            f"{two_thousand['queries']} queries | "
            f"{_verdict(two_thousand['queries'] <= IMPORT_QUERY_LIMIT)} |",
            f"| import time linear in size | {min(per_turn):.2f} to {max(per_turn):.2f} ms a "
            f"turn | {_verdict(max(per_turn) <= 2 * min(per_turn))} |",
        ]
    else:
        lines.append(
            "| importing 2,000 turns; import time linear in size | not measured "
            "(`--no-imports`) | — |"
        )
    lines += [
        "",
        *_why(
            runs=runs,
            small=small,
            large=large,
            explained=explained,
            timed_small=timed_small,
            two_thousand=two_thousand,
        ),
        "",
        "TARGET_NOTES",
        "",
        *_memory_lines(memory=memory, sizes=sizes),
        *_worst_lines(worst=worst, large=large),
        *_import_lines(import_rows=import_rows, two_thousand=two_thousand, large=large),
    ]
    pages = {page["url"]: page for page in explained["pages"]}
    lines += [
        "",
        f"## Query plans at {large:,} interviews",
        "",
        "EXPLAIN (ANALYZE, BUFFERS) of each query the page ran, facet cache off, after one "
        "warming request.",
        "",
    ]
    for url, what, keep in (
        (LIST, "facet counts", _facet_query),
        (SEARCH_RARE, "search, few matches", _search_query),
        (SEARCH_COMMON, "search, many matches", _search_query),
    ):
        page = pages[url]
        total = sum(query["seconds"] for query in page["queries"])
        lines += [
            f"### `{url}`: {what}",
            "",
            f"{len(page['queries'])} queries, {total * 1000:.0f} ms in the database, "
            f"{page['seconds'] * 1000:.0f} ms for the whole request (test client, DEBUG on).",
            "",
            _plans(page, keep=keep),
            "",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=8, help="load time per URL and run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per URL; the report keeps the fastest"
    )
    parser.add_argument("--build-only", action="store_true", help="build the data sets, stop")
    parser.add_argument("--report", default=str(REPORT))
    parser.add_argument(
        "--no-imports",
        action="store_true",
        help="skip the import probe (its rolled-back inserts leave dead rows in the data set)",
    )
    parser.add_argument(
        "--trial",
        action="store_true",
        help="mark the report as a trial run (a busy machine, short runs), not figures to keep",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="only write the report again from the figures saved beside it (.json)",
    )
    options = parser.parse_args()
    if options.render:
        report_path = Path(options.report)
        render(json.loads(report_path.with_suffix(".json").read_text()), report_path)
        return
    sizes = sorted(int(size) for size in options.sizes.split(","))
    command = (
        ".venv/bin/python bench/scale_benchmark.py"
        + "".join(
            f" --{name} {value}"
            for name, value, default in (
                ("sizes", options.sizes, "1000,100000"),
                ("seconds", options.seconds, 8),
                ("repeat", options.repeat, 3),
            )
            if value != default
        )
        + (" --no-imports" if options.no_imports else "")
        + (" --trial" if options.trial else "")
    )

    data_sets = {size: dataset_ensure(size=size, seed=options.seed) for size in sizes}
    if options.build_only:
        return
    log_path = Path(os.environ.get("BENCH_LOG", "/tmp/interview-archive-bench-gunicorn.log"))
    cached = redis_answers()
    if not cached:
        print(f"No Redis at {REDIS}: the facet cache is the workers' own memory.", file=sys.stderr)
    static_path = collectstatic(production_env(data_sets[sizes[0]], port=0, facet_cache=False))
    runs: dict[int, dict[str, dict[str, LoadResult]]] = {}
    memory: dict[str, dict[str, list[float]]] = {}
    worst: list[dict] = []
    started = time.monotonic()
    for size in sizes:
        runs[size] = {}
        memory[str(size)] = {}
        cached_targets = {
            "healthz": "/healthz",
            "static": static_path,
            "detail": DETAIL,
            DETAIL_304: DETAIL,
            "list": LIST,
            "search rare": SEARCH_RARE,
            "search common": SEARCH_COMMON,
            **cold_paths(data_sets[size], seed=options.seed),
        }
        uncached_targets = {
            "healthz": "/healthz",
            "list": LIST,
            "search rare": SEARCH_RARE,
            "search common": SEARCH_COMMON,
        }
        for group, targets, facet_cache in (
            ("cached", cached_targets, True),
            ("uncached", uncached_targets, False),
        ):
            print(f"{label(size)}, caches {'on' if facet_cache else 'off'}:", file=sys.stderr)
            if facet_cache:
                redis_answers()
            with Server(data_sets[size], facet_cache=facet_cache, log_path=log_path) as server:
                _, headers = server.get(static_path)
                print(f"  static Cache-Control: {headers.get('Cache-Control')}", file=sys.stderr)
                runs[size][group] = measure(
                    server, targets, seconds=options.seconds, repeat=options.repeat
                )
                if facet_cache and size == sizes[-1]:
                    print("The worst public request, each URL once:", file=sys.stderr)
                    worst = worst_requests(server, public_paths(_busiest(data_sets[size])))
                memory[str(size)][group] = sorted(server.memory.peaks().values(), reverse=True)
    load_seconds = time.monotonic() - started

    large = data_sets[sizes[-1]]
    print("Query plans, imports and the cost of the search column...", file=sys.stderr)
    measured = {
        "command": command,
        "sizes": sizes,
        "seconds": options.seconds,
        "repeat": options.repeat,
        "cached": cached,
        "trial": options.trial,
        "load_seconds": load_seconds,
        "data_sets": {str(size): dataclasses.asdict(data_sets[size]) for size in sizes},
        "runs": {
            str(size): {
                group: {name: dataclasses.asdict(result) for name, result in results.items()}
                for group, results in runs[size].items()
            }
            for size in sizes
        },
        "memory": memory,
        "worst": worst,
        "explained": probe(large, "explain", DETAIL, LIST, SEARCH_RARE, SEARCH_COMMON),
        "timed_small": probe(data_sets[sizes[0]], "time", DETAIL, LIST, SEARCH_RARE, SEARCH_COMMON),
        # The import probe inserts into the data set and rolls back: dead rows until a vacuum.
        "imports": None if options.no_imports else probe(large, "import"),
        "vectors": probe(large, "vector-cost"),
        "about": machine(),
    }
    report_path = Path(options.report)
    report_path.with_suffix(".json").write_text(json.dumps(measured, indent=1))
    render(measured, report_path)
    print(
        f"Load and worst requests: {load_seconds:.0f} s; everything: "
        f"{time.monotonic() - started:.0f} s after the data sets were ready.",
        file=sys.stderr,
    )


def render(measured: dict, report_path: Path) -> None:
    """Write the report from the figures (also from a saved docs/benchmarks.json)."""
    sizes = measured["sizes"]
    report = write_report(
        command=measured["command"],
        sizes=sizes,
        data_sets={size: DataSet(**measured["data_sets"][str(size)]) for size in sizes},
        runs={
            size: {
                group: {name: LoadResult(**result) for name, result in results.items()}
                for group, results in measured["runs"][str(size)].items()
            }
            for size in sizes
        },
        explained=measured["explained"],
        timed_small=measured["timed_small"],
        imports=measured["imports"],
        vectors=measured["vectors"],
        about=measured["about"],
        seconds=measured["seconds"],
        repeat=measured.get("repeat", 1),
        cached=measured["cached"],
        memory=measured.get("memory", {}),
        worst=measured.get("worst", []),
        trial=measured.get("trial", False),
    )
    # What the figures mean, written by whoever ran the benchmark, follows the targets table.
    notes = report_path.with_name(report_path.stem + "-notes.md")
    report = report.replace("TARGET_NOTES", notes.read_text().strip() if notes.exists() else "")
    # Sections measured by other commands (the admin, the first render, the import preview),
    # written by hand: kept whole each time this report is written again.
    sections = report_path.with_name(report_path.stem + "-sections.md")
    if sections.exists():
        report = report.rstrip("\n") + "\n\n" + sections.read_text().strip() + "\n"
    report_path.write_text(report)
    print(re.sub(r"\n## Query plans.*", "", report, flags=re.S))
    print(f"Wrote {report_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
