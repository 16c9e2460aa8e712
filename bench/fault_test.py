"""Load and fault test: gunicorn under mixed traffic, PostgreSQL stopped under it, imports cut.

    .venv/bin/python bench/fault_test.py        # about five minutes; writes docs/load_and_faults.md

What it does, all on this machine:

1. Creates a throwaway PostgreSQL cluster (initdb into a temporary folder, as the `postgres` user
   when run as root, trust authentication, port 5499, listening on 127.0.0.1 only). Only that
   cluster is ever stopped: the machine's own PostgreSQL is not touched.
2. Migrates a database there, loads the sample archive and imports every sample transcript of
   tests/transcript/samples/ (published), and collects the static files.
3. Serves it with gunicorn (gunicorn.conf.py, 2 sync workers, production settings, workers never
   recycled so that memory growth would show) on a free loopback port.
4. Steady load: 64 connections for 60 s of mixed traffic (home, lists, searches, filters,
   interview pages, people, topics, outlets, feeds, exports, sitemap, a stylesheet, /healthz),
   as from a TLS proxy (X-Forwarded-Proto: https). Counts errors; samples each worker's RSS.
5. Outage: the same load for 45 s; after 10 s the cluster is stopped (fast shutdown) for 10 s.
   Every response is classified: a 503 must be the friendly page (no traceback, Retry-After),
   never a 500; /readyz must say 503 and /healthz 200 meanwhile; pages must come back by
   themselves once the cluster is up.
6. Imports in flight: a 20,000-turn transcript imported with `manage.py import_transcript`, the
   cluster stopped once its transaction has begun writing; after the restart the interview must
   be there whole or not at all. Once more without a stop: it must be there whole.

Traffic goes to 127.0.0.1 only; every loop is bounded in time and in count, and the cluster and
gunicorn are stopped at the end whatever happens.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
REPORT = ROOT / "docs" / "load_and_faults.md"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 5499
HOST = "127.0.0.1"
CONNECTIONS = 64
STEADY_SECONDS = 60
OUTAGE_LOAD_SECONDS = 45
# The cluster is stopped once the load has run this long, and kept down this long.
OUTAGE_STARTS, OUTAGE_SECONDS = 10, 10
IMPORT_TURNS = 20_000
IMPORT_TRIALS = 3
# A bound on the whole run's requests, whatever the machine's speed.
MAX_REQUESTS = 400_000
FRIENDLY_503 = "<h1>Temporarily unavailable</h1>"


# --- The throwaway PostgreSQL cluster ----------------------------------------------------------


class Cluster:
    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="ia-fault-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.directory, user="postgres", group="postgres")

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_postgres, *command], check=True, capture_output=True, text=True, timeout=120
        )

    def create(self) -> None:
        if _port_open(HOST, PG_PORT):
            raise SystemExit(f"Port {PG_PORT} is taken: another cluster is running there.")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = f"-p {PG_PORT} -c listen_addresses={HOST} -k {self.directory} -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        # Fast: open connections are cut, as when a database server goes down.
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            if self.running():
                self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@{HOST}:{PG_PORT}/{database}"

    def connect(self, database: str = "postgres", **options):
        return psycopg.connect(
            host=HOST, port=PG_PORT, user="postgres", dbname=database, connect_timeout=5, **options
        )


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def _free_port() -> int:
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        return listener.getsockname()[1]


# --- The site ----------------------------------------------------------------------------------


def site_environment(database_url: str, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url,
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"{HOST}:{port}",
        GUNICORN_WORKERS="2",
        # Never recycled: memory that grows with traffic has to show.
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_LOG_LEVEL="warning",
    )
    return env


def manage(env: dict[str, str], *arguments: str, timeout: int = 600, check: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare_archive(env: dict[str, str]) -> dict:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "loaddata", "sample_archive", "-v0")
    samples = sorted(str(p) for p in (ROOT / "tests" / "transcript" / "samples").iterdir())
    # A few samples hold only comments and are refused (no turns): the rest become interviews.
    manage(
        env, "import_transcript", *samples, "--status", "published", "--outlet", "Samples",
        check=False,
    )  # fmt: skip
    manage(env, "collectstatic", "--noinput", "-v0")
    found = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "import json\n"
        "from interviews.models import Interview, Topic, Outlet, public_people\n"
        "print(json.dumps({\n"
        " 'interviews': list(Interview.objects.published().values_list('slug', flat=True)),\n"
        " 'people': list(public_people().values_list('slug', flat=True)[:50]),\n"
        " 'topics': list(Topic.objects.values_list('slug', flat=True)),\n"
        " 'outlets': list(Outlet.objects.values_list('slug', flat=True)),\n"
        " 'years': sorted({d.year for d in Interview.objects.published()"
        ".exclude(published_on=None).values_list('published_on', flat=True)}),\n"
        "}))",
    )
    return json.loads(found.strip().splitlines()[-1])


def traffic_mix(archive: dict) -> list[tuple[str, int]]:
    """(path, weight): mostly pages, some searches, filters, feeds, exports and a stylesheet."""
    mix = [
        ("/", 10),
        ("/interviews/", 10),
        ("/interviews/?page=2", 2),
        ("/interviews/?q=learning", 4),
        ('/interviews/?q="deep+learning"+-keras', 2),
        ("/interviews/?sort=oldest", 2),
        ("/feeds/interviews/", 2),
        ("/sitemap.xml", 1),
        ("/interviews.json", 2),
        ("/static/css/site.css", 3),
        ("/healthz", 2),
    ]
    mix += [(f"/interviews/{slug}/", 3) for slug in archive["interviews"]]
    mix += [(f"/interviews/{slug}/export.json", 1) for slug in archive["interviews"][:5]]
    mix += [(f"/interviews/{slug}/search/?q=data", 1) for slug in archive["interviews"][:5]]
    mix += [(f"/people/{slug}/", 1) for slug in archive["people"][:20]]
    mix += [(f"/topics/{slug}/", 1) for slug in archive["topics"]]
    mix += [(f"/outlets/{slug}/", 1) for slug in archive["outlets"]]
    mix += [(f"/years/{year}/", 1) for year in archive["years"]]
    return mix


class Gunicorn:
    def __init__(self, env: dict[str, str], port: int, log: Path):
        self.port = port
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while get(port, "/healthz").status != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("gunicorn did not start: see " + log.name)
            time.sleep(0.2)

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- Load ------------------------------------------------------------------------------------


@dataclass
class Response:
    at: float  # seconds since the phase began
    path: str
    status: int  # 0: no HTTP response (connection refused, reset, timed out)
    seconds: float
    friendly: bool = False  # a 503 that is the friendly page, with Retry-After
    traceback: bool = False
    error: str = ""


def get(port: int, path: str, timeout: float = 30) -> Response:
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(
            "GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https", "Connection": "close"}
        )
        reply = connection.getresponse()
        body = reply.read().decode("utf-8", "replace")
        if path == "/readyz":
            friendly = body.startswith("database unavailable")
        else:
            friendly = FRIENDLY_503 in body and reply.getheader("Retry-After") is not None
        return Response(
            at=started,
            path=path,
            status=reply.status,
            seconds=time.monotonic() - started,
            friendly=reply.status == 503 and friendly,
            traceback="Traceback" in body or "OperationalError" in body,
        )
    except (OSError, http.client.HTTPException) as error:
        return Response(started, path, 0, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()


@dataclass
class Load:
    port: int
    mix: list[tuple[str, int]]
    seconds: float
    responses: list[Response] = field(default_factory=list)
    budget: list[int] = field(default_factory=lambda: [MAX_REQUESTS])

    def run(self, during=None) -> list[Response]:
        """Load with CONNECTIONS clients for `seconds`; `during(start)` runs alongside."""
        paths = [path for path, _ in self.mix]
        weights = [weight for _, weight in self.mix]
        start = time.monotonic()
        deadline = start + self.seconds
        lock = threading.Lock()

        def client(seed: int) -> None:
            rng = random.Random(seed)
            mine = []
            while time.monotonic() < deadline:
                with lock:
                    if self.budget[0] <= 0:
                        break
                    self.budget[0] -= 1
                response = get(self.port, rng.choices(paths, weights)[0])
                response.at -= start
                mine.append(response)
            with lock:
                self.responses.extend(mine)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        if during is not None:
            during(start)
        for thread in threads:
            thread.join(timeout=self.seconds + 60)
        self.responses.sort(key=lambda r: r.at)
        return self.responses


def summary(responses: list[Response], seconds: float) -> dict:
    statuses: dict[int, int] = {}
    for response in responses:
        statuses[response.status] = statuses.get(response.status, 0) + 1
    latencies = sorted(r.seconds * 1000 for r in responses if r.status)
    return {
        "requests": len(responses),
        "per_second": round(len(responses) / seconds, 1),
        "statuses": dict(sorted(statuses.items())),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "tracebacks": sum(r.traceback for r in responses),
    }


def steady_phase(port: int, mix, server: Gunicorn) -> dict:
    Load(port, mix, 5).run()  # warm-up: imports, connections, template caches
    samples: list[tuple[float, dict[int, float]]] = []

    def sample_memory(start: float) -> None:
        while time.monotonic() - start < STEADY_SECONDS:
            samples.append(
                (time.monotonic() - start, {pid: rss_mb(pid) for pid in server.workers()})
            )
            time.sleep(2)

    responses = Load(port, mix, STEADY_SECONDS).run(during=sample_memory)
    workers = sorted({pid for _, rss in samples for pid in rss})
    per_worker = {pid: [rss[pid] for _, rss in samples if pid in rss] for pid in workers}
    memory = {
        pid: {
            "first_10s_mb": round(statistics.mean(values[:5]), 1),
            "last_10s_mb": round(statistics.mean(values[-5:]), 1),
            "max_mb": round(max(values), 1),
            "samples": len(values),
        }
        for pid, values in per_worker.items()
    }
    errors = [r for r in responses if r.status not in (200, 301, 302, 304)]
    return {
        **summary(responses, STEADY_SECONDS),
        "errors": len(errors),
        "error_examples": sorted({f"{r.status} {r.path} {r.error}" for r in errors})[:10],
        "memory": memory,
        "workers_replaced": workers != sorted(server.workers()),
    }


def outage_phase(port: int, mix, cluster: Cluster) -> dict:
    events: dict[str, float] = {}
    probes: list[Response] = []

    def break_database(start: float) -> None:
        def probe_until(until: float) -> None:
            while time.monotonic() - start < until:
                for path in ("/readyz", "/healthz"):
                    response = get(port, path, timeout=5)
                    response.at -= start
                    probes.append(response)
                time.sleep(0.25)

        probe_until(OUTAGE_STARTS)
        events["stop_begun"] = time.monotonic() - start
        cluster.stop()
        events["stopped"] = time.monotonic() - start
        probe_until(events["stopped"] + OUTAGE_SECONDS)
        events["start_begun"] = time.monotonic() - start
        cluster.start()
        events["started"] = time.monotonic() - start
        probe_until(OUTAGE_LOAD_SECONDS)

    responses = Load(port, mix, OUTAGE_LOAD_SECONDS).run(during=break_database)
    down_from, up_at = events["stop_begun"], events["started"]

    def window(rows, begin, end):
        # By when the answer came: a request sent just before the stop may be answered after it.
        return [r for r in rows if begin <= r.at + r.seconds < end]

    before = window(responses, 0, down_from)
    during = window(responses, events["stopped"], events["start_begun"])
    after = window(responses, up_at, OUTAGE_LOAD_SECONDS)
    first_ok = next(
        (
            r.at + r.seconds
            for r in after
            if r.status == 200 and not r.path.startswith(("/healthz", "/static"))
        ),
        None,
    )
    settled = [r for r in after if first_ok is not None and r.at >= first_ok + 2]
    readyz_during = window(
        [p for p in probes if p.path == "/readyz"], events["stopped"], events["start_begun"]
    )
    healthz_during = window(
        [p for p in probes if p.path == "/healthz"], events["stopped"], events["start_begun"]
    )
    readyz_after = [p for p in probes if p.path == "/readyz" and p.at >= up_at]
    unfriendly = [r for r in responses if r.status >= 500 and not r.friendly]
    return {
        "events_s": {name: round(value, 2) for name, value in events.items()},
        "all": summary(responses, OUTAGE_LOAD_SECONDS),
        "before": summary(before, max(down_from, 0.001)),
        "during": summary(during, events["start_begun"] - events["stopped"]),
        "after": summary(after, OUTAGE_LOAD_SECONDS - up_at),
        "server_errors_not_friendly": len(unfriendly),
        "unfriendly_examples": sorted({f"{r.status} {r.path}" for r in unfriendly})[:10],
        "no_response": sum(1 for r in responses if r.status == 0),
        "friendly_503_during": sum(r.status == 503 and r.friendly for r in during),
        "paths_200_during": sorted({r.path for r in during if r.status == 200}),
        "readyz_during": sorted({p.status for p in readyz_during}),
        "healthz_during": sorted({p.status for p in healthz_during}),
        "readyz_first_200_after_start_s": next(
            (round(p.at - up_at, 2) for p in readyz_after if p.status == 200), None
        ),
        "first_page_200_after_start_s": round(first_ok - up_at, 2) if first_ok else None,
        "not_200_once_settled": sum(1 for r in settled if r.status != 200),
    }


# --- Imports in flight -------------------------------------------------------------------------


def big_transcript(path: Path, source_url: str) -> None:
    lines = [f"Source: {source_url}", "", "A very long conversation", ""]
    for n in range(IMPORT_TURNS // 2):
        lines += [f"Ana: Question number {n}, about bees?", "", f"Ben: Answer number {n}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def import_in_flight(env: dict[str, str], cluster: Cluster, work: Path, *, interrupt: bool) -> dict:
    source_url = f"https://example.org/fault-test/{secrets.token_hex(4)}"
    transcript = work / f"{source_url.rsplit('/', 1)[1]}.txt"
    big_transcript(transcript, source_url)
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "import_transcript", str(transcript), "--interviewer", "Ana",
         "--interviewee", "Ben", "--outlet", "Fault test"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    writing_seen = None
    if interrupt:
        # Wait until the import's transaction has written rows, then cut the server.
        with cluster.connect("archive", autocommit=True) as watcher:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                row = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = 'archive' "
                    "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
                ).fetchone()
                if row[0]:
                    writing_seen = round(time.monotonic() - started, 2)
                    break
                time.sleep(0.02)
        time.sleep(0.3)
        cluster.stop()
        output = process.communicate(timeout=120)[0]
        time.sleep(2)
        cluster.start()
    else:
        output = process.communicate(timeout=600)[0]
    with cluster.connect("archive") as db:
        rows = db.execute(
            "SELECT i.id, (SELECT count(*) FROM interviews_turn t WHERE t.interview_id = i.id) "
            "FROM interviews_interview i WHERE i.source_url = %s",
            [source_url],
        ).fetchall()
    turns = rows[0][1] if rows else 0
    return {
        "interrupted": interrupt,
        "transaction_writing_seen_after_s": writing_seen,
        "exit_status": process.returncode,
        "seconds": round(time.monotonic() - started, 2),
        "interviews_saved": len(rows),
        "turns_saved": turns,
        "whole_or_nothing": (not rows) or turns == IMPORT_TURNS,
        "last_output": output.strip().splitlines()[-1][:160] if output.strip() else "",
    }


# --- Report ------------------------------------------------------------------------------------


def verdicts(steady: dict, outage: dict, imports: list[dict]) -> list[tuple[str, bool]]:
    growth = [m["last_10s_mb"] - m["first_10s_mb"] for m in steady["memory"].values()]
    return [
        ("Steady load: 0 errors", steady["errors"] == 0),
        (
            "Steady load: worker memory flat (last 10 s within 10 MB of the first 10 s)",
            bool(growth) and max(growth) < 10 and not steady["workers_replaced"],
        ),
        (
            "Outage: no 500 and no traceback, only the friendly 503",
            outage["server_errors_not_friendly"] == 0 and outage["all"]["tracebacks"] == 0,
        ),
        (
            "Outage: pages answer the friendly 503 while the database is down",
            outage["friendly_503_during"] > 0
            and outage["during"]["statuses"].keys() <= {200, 503}
            and set(outage["paths_200_during"]) <= {"/healthz", "/static/css/site.css"},
        ),
        (
            "Outage: /readyz 503 and /healthz 200 while the database is down",
            outage["readyz_during"] == [503] and outage["healthz_during"] == [200],
        ),
        (
            "Outage: everything recovers by itself",
            outage["first_page_200_after_start_s"] is not None
            and outage["not_200_once_settled"] == 0,
        ),
        (
            "Imports cut short: each interview whole or absent",
            all(i["whole_or_nothing"] for i in imports),
        ),
        (
            "Import not cut short: saved whole",
            any(not i["interrupted"] and i["turns_saved"] == IMPORT_TURNS for i in imports),
        ),
    ]


def write_report(context: dict) -> None:
    steady, outage, imports = context["steady"], context["outage"], context["imports"]
    lines = [
        "# Load and faults",
        "",
        "Written by `bench/fault_test.py` (run on demand: `.venv/bin/python bench/fault_test.py`),"
        " one gunicorn on one database; the last section, the scale-out topology's faults, by"
        " `bench/topology_faults.py`.",
        f"Run on {context['when']}, {context['machine']}.",
        "",
        "gunicorn with `gunicorn.conf.py`: 2 sync workers, never recycled"
        " (`GUNICORN_MAX_REQUESTS=0`), production settings (DEBUG off, persistent connections"
        f" with health checks), on a throwaway PostgreSQL 15 cluster on port {PG_PORT}. The"
        f" archive: the sample interviews and the {context['samples']} sample transcripts,"
        f" {context['interviews']} published interviews. {CONNECTIONS} client connections on"
        " the same machine, each request on a new connection, as from a TLS proxy"
        " (`X-Forwarded-Proto: https`).",
        "",
        "## Verdicts",
        "",
        "| Check | Result |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {'pass' if ok else '**FAIL**'} |" for name, ok in context["verdicts"]]
    lines += [
        "",
        f"## Steady load: {CONNECTIONS} connections, {STEADY_SECONDS} s of mixed traffic",
        "",
        f"- {steady['requests']} requests, {steady['per_second']} per second;"
        f" statuses {steady['statuses']}; errors: {steady['errors']}",
        f"- latency p50 {steady['p50_ms']} ms, p99 {steady['p99_ms']} ms, max {steady['max_ms']} ms"
        " (64 clients queue for 2 workers)",
        "",
        "| Worker | RSS, first 10 s | RSS, last 10 s | max | samples |",
        "| --- | --- | --- | --- | --- |",
    ]
    for n, memory in enumerate(steady["memory"].values(), start=1):
        lines.append(
            f"| {n} | {memory['first_10s_mb']} MB | {memory['last_10s_mb']} MB |"
            f" {memory['max_mb']} MB | {memory['samples']} |"
        )
    events = outage["events_s"]
    lines += [
        "",
        f"## PostgreSQL stopped under load ({OUTAGE_LOAD_SECONDS} s of the same traffic)",
        "",
        f"The cluster was stopped (fast shutdown) at {events['stop_begun']} s (down at"
        f" {events['stopped']} s) and started again at {events['start_begun']} s (up at"
        f" {events['started']} s).",
        "",
        "| Window | Requests | Statuses | p50 | p99 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in ("before", "during", "after"):
        part = outage[name]
        lines.append(
            f"| {name} | {part['requests']} | {part['statuses']} | {part['p50_ms']} ms |"
            f" {part['p99_ms']} ms |"
        )
    lines += [
        "",
        f"- 5xx responses that were not the friendly 503: {outage['server_errors_not_friendly']}"
        f"; responses with a traceback: {outage['all']['tracebacks']}; requests without any"
        f" HTTP response: {outage['no_response']}",
        f"- friendly 503 pages while down: {outage['friendly_503_during']}; the 200s then were"
        f" {outage['paths_200_during']} (no database)",
        f"- `/readyz` while down: {outage['readyz_during']}; `/healthz` while down:"
        f" {outage['healthz_during']}",
        f"- after the start: first page 200 after {outage['first_page_200_after_start_s']} s,"
        f" `/readyz` 200 after {outage['readyz_first_200_after_start_s']} s; responses other than"
        f" 200 from 2 s after the first 200: {outage['not_200_once_settled']}",
        "",
        f"## Imports in flight ({IMPORT_TURNS:,} turns, `manage.py import_transcript`)",
        "",
        "| Cut short | Writing seen at (s) | Exit status | Interviews | Turns | Whole or nothing |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for result in imports:
        lines.append(
            f"| {'yes' if result['interrupted'] else 'no'} |"
            f" {result['transaction_writing_seen_after_s'] or '—'} | {result['exit_status']} |"
            f" {result['interviews_saved']} | {result['turns_saved']} |"
            f" {'yes' if result['whole_or_nothing'] else '**no**'} |"
        )
    lines += [
        "",
        "An import cut short fails with the database's error and leaves nothing: the service",
        "writes the interview, its turns, comments and its history revision in one transaction.",
        "",
        "<details><summary>Raw figures (JSON)</summary>",
        "",
        "```json",
        json.dumps({k: v for k, v in context.items() if k != "verdicts"}, indent=1, default=str),
        "```",
        "",
        "</details>",
        "",
    ]
    REPORT.parent.mkdir(exist_ok=True)
    # The section bench/topology_faults.py writes at the end of the file is kept.
    previous = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    marker = "<!-- topology faults: written by bench/topology_faults.py -->"
    if marker in previous:
        lines.append(previous[previous.index(marker) :])
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    if not (PG_BIN / "initdb").exists():
        print(f"needs PostgreSQL 15's server binaries in {PG_BIN}", file=sys.stderr)
        return 2
    cluster = Cluster()
    server = None
    work = Path(tempfile.mkdtemp(prefix="ia-fault-"))
    try:
        print(f"cluster: {cluster.directory} on {HOST}:{PG_PORT}", flush=True)
        cluster.create()
        with cluster.connect(autocommit=True) as db:
            db.execute("CREATE DATABASE archive")
        port = _free_port()
        env = site_environment(cluster.url("archive"), port)
        archive = prepare_archive(env)
        mix = traffic_mix(archive)
        server = Gunicorn(env, port, work / "gunicorn.log")
        print(f"gunicorn on {HOST}:{port}, workers {server.workers()}", flush=True)

        steady = steady_phase(port, mix, server)
        print("steady:", json.dumps(steady), flush=True)
        outage = outage_phase(port, mix, cluster)
        print("outage:", json.dumps(outage), flush=True)
        server.stop()
        server = None
        imports = [
            import_in_flight(env, cluster, work, interrupt=True) for _ in range(IMPORT_TRIALS)
        ]
        imports.append(import_in_flight(env, cluster, work, interrupt=False))
        print("imports:", json.dumps(imports), flush=True)

        context = {
            "when": time.strftime("%Y-%m-%d %H:%M %Z"),
            "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average"
            f" {os.getloadavg()[0]:.1f} at the start (the machine is shared with other work)",
            "samples": len(list((ROOT / "tests" / "transcript" / "samples").iterdir())),
            "interviews": len(archive["interviews"]),
            "mix": mix,
            "steady": steady,
            "outage": outage,
            "imports": imports,
        }
        context["verdicts"] = verdicts(steady, outage, imports)
        write_report(context)
        for name, ok in context["verdicts"]:
            print(f"{'pass' if ok else 'FAIL'}: {name}")
        print(f"wrote {REPORT.relative_to(ROOT)}")
        return 0 if all(ok for _, ok in context["verdicts"]) else 1
    finally:
        if server is not None:
            server.stop()
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
