"""The scale-out topology on this machine: proxy, two app instances, Redis, primary and replica.

    .venv/bin/python bench/topology.py up       # from nothing; prints the status at the end
    .venv/bin/python bench/topology.py status   # each part and its health
    .venv/bin/python bench/topology.py check    # shows that it works, with figures
    .venv/bin/python bench/topology.py down     # stops all it started, removes what it made

The same topology as docs/deployment.md describes for production, all on 127.0.0.1 (run as
root, with PostgreSQL 15's server, Redis and nginx from Debian installed). Every part is its own,
started by `up` and stopped by `down`, so that the fault runs (bench/topology_faults.py) can stop
and start each one without touching the machine's own PostgreSQL or Redis:

- the primary: a PostgreSQL 15 cluster made with initdb in /tmp/ia-topology/primary, started
  with pg_ctl on port 5434 as the postgres user (wal_level=replica), with the database
  `ia_topology`, migrated once (the release step) and loaded with the sample archive.
- the replica: a second PostgreSQL 15 cluster made with `pg_basebackup -R` from the primary into
  /tmp/ia-topology/replica, started with pg_ctl on port 5433: a hot standby fed by streaming
  replication.
- Redis on 127.0.0.1:6390, not persisted, at most 64 MB (least recently used keys go first): the
  cache, the page cache, comment rate limits, shared by both instances.
- two gunicorn instances (gunicorn.conf.py, production settings: DJANGO_DEBUG off) on ports 8611
  and 8612, with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the replica.
- nginx on https://127.0.0.1:8610, with deploy/nginx/archive.conf.template and a certificate
  made for 127.0.0.1 (openssl): TLS ends there, then round robin over the two instances, a
  failed GET or HEAD retried on the other, X-Forwarded-For and -Proto set; the site trusts it
  (DJANGO_TRUSTED_PROXIES=127.0.0.1). The site keeps its production defaults: https only,
  secure cookies, HSTS.

Everything `up` starts is written to /tmp/ia-topology/state.json, which `down` reads: it stops
those processes by their ids, and nothing else.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
PG_BIN = Path("/usr/lib/postgresql/15/bin")
STATE_DIR = Path("/tmp/ia-topology")
STATE_FILE = STATE_DIR / "state.json"
PRIMARY_DIR = STATE_DIR / "primary"
REPLICA_DIR = STATE_DIR / "replica"
REDIS_DIR = STATE_DIR / "redis"
NGINX_DIR = STATE_DIR / "nginx"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "archive.conf.template"

HOST = "127.0.0.1"
PRIMARY_PORT = 5434
REPLICA_PORT = 5433
REPLICA_NAME = "ia_topology_replica"  # its cluster_name, which names it in pg_stat_replication
DATABASE = "ia_topology"
REDIS_PORT = 6390
REDIS_DB = 0
APP_PORTS = (8611, 8612)
PROXY_PORT = 8610
# Reader comments one client may post per window: the site's default, said here so that the
# fault runs know it.
COMMENT_RATE_LIMIT = (5, 600)
# The settings a hot standby must have at least as high as its primary, or it refuses to start.
STANDBY_MINIMUMS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def say(message: str) -> None:
    print(message, flush=True)


def database_url(port: int, name: str = DATABASE) -> str:
    return f"postgres://postgres@{HOST}:{port}/{name}"


def connect(port: int, name: str = "postgres"):
    return psycopg.connect(
        host=HOST, port=port, user="postgres", dbname=name, autocommit=True, connect_timeout=5
    )


def one(port: int, sql: str, params=(), name: str = "postgres"):
    with connect(port, name) as connection:
        return connection.execute(sql, params).fetchone()


def load_state() -> dict:
    return json.loads(STATE_FILE.read_text()) if STATE_FILE.exists() else {}


def save_state(state: dict) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(state, indent=2))


def site_environment(secret_key: str, *, with_replica: bool = True) -> dict[str, str]:
    """Production settings for one instance; both share the key (signed cookies cross them)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url(PRIMARY_PORT),
        DJANGO_CACHE_URL=f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
        DJANGO_TRUSTED_PROXIES=HOST,
        DJANGO_COMMENT_RATE_LIMIT="{}/{}".format(*COMMENT_RATE_LIMIT),
        GUNICORN_WORKERS="2",
        GUNICORN_FORWARDED_ALLOW_IPS=HOST,
        PYTHONUNBUFFERED="1",
    )
    if with_replica:
        env["DATABASE_REPLICA_URL"] = database_url(REPLICA_PORT)
    return env


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [str(PYTHON), "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=600
    )


# --- HTTP ------------------------------------------------------------------------------------


def request(port: int, method: str, path: str, *, headers=None, body: bytes | None = None):
    """(status, headers as a dict of lower-case names, body, the Set-Cookie values).

    Through the proxy: https, checked against the certificate `up` made. To an instance
    directly: plain http, saying https as the proxy does (the site redirects anything else).
    """
    headers = {"Host": f"{HOST}:{port}", **(headers or {})}
    if port == PROXY_PORT:
        tls = ssl.create_default_context(cafile=NGINX_DIR / "tls" / "certificate.pem")
        connection = http.client.HTTPSConnection(HOST, port, timeout=30, context=tls)
    else:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers.setdefault("X-Forwarded-Proto", "https")
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content, cookies
    finally:
        connection.close()


@dataclasses.dataclass
class Posted:
    """A comment form's post: its answer, the receipt it leads to, and the pin cookie it set."""

    status: int
    headers: dict
    receipt: str
    pin: str
    body: bytes


def post_comment(port: int, slug: str, text: str, *, client: str | None = None) -> Posted:
    """Post a reader's comment through `port` (the proxy or one instance), as a browser does.

    `client` is the reader's address, said in X-Forwarded-For: the site believes it because
    this script connects from 127.0.0.1, a trusted proxy's address (each reader counts apart).
    """
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"https://{HOST}:{port}",
    }
    if client:
        headers["X-Forwarded-For"] = client
    body = urllib.parse.urlencode({"author_name": "Topology check", "author_url": "", "text": text})
    status, answer, content, cookies = request(
        port, "POST", f"/interviews/{slug}/comments/", headers=headers, body=body.encode()
    )
    return Posted(
        status=status,
        headers=answer,
        receipt=urllib.parse.urlsplit(answer.get("location", "")).path,
        pin="; ".join(cookie.split(";")[0] for cookie in cookies if "primary_pin" in cookie),
        body=content,
    )


def wait_for(port: int, path: str, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if request(port, "GET", path)[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"http://{HOST}:{port}{path} did not answer 200 in {seconds:.0f} s")
        time.sleep(0.3)


# --- The parts ---------------------------------------------------------------------------------


def pg_ctl(data: Path, action: str, log: Path | None = None) -> None:
    """Start or stop (fast: open connections are cut, as when a server goes down) a cluster."""
    if action == "start":
        arguments = ["-l", str(log or data.parent / "postgres.log"), "-w", "-t", "60", "start"]
    else:
        arguments = ["-m", "fast", "-w", "-t", "60", "stop"]
    subprocess.run(
        [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(data), *arguments],
        check=True, timeout=90, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def write_cluster_files(data: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (data / name).write_text(text)
        if AS_POSTGRES:
            shutil.chown(data / name, user="postgres", group="postgres")


def own_folder(folder: Path) -> None:
    folder.mkdir(parents=True)
    if AS_POSTGRES:
        shutil.chown(folder, user="postgres", group="postgres")


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, port)) == 0


def make_primary(state: dict) -> None:
    own_folder(PRIMARY_DIR)
    state["primary_dir"] = str(PRIMARY_DIR)
    save_state(state)
    data = PRIMARY_DIR / "data"
    subprocess.run(
        [*AS_POSTGRES, str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
         "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, timeout=120, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    settings = {
        "port": PRIMARY_PORT,
        "listen_addresses": f"'{HOST}'",
        "unix_socket_directories": f"'{PRIMARY_DIR}'",
        "cluster_name": "'ia_topology_primary'",
        "wal_level": "replica",
        "max_wal_senders": 4,
        "shared_buffers": "64MB",
        # Autovacuum visits each database once a naptime, in transactions that `check` and the
        # fault runs would count as reads on the primary: every 10 minutes rather than every
        # minute (`up` analyses the loaded rows itself).
        "autovacuum_naptime": "'10min'",
    }
    conf = data / "postgresql.conf"
    conf.write_text(
        conf.read_text() + "".join(f"{name} = {value}\n" for name, value in settings.items())
    )
    # initdb's pg_hba.conf with -A trust already lets 127.0.0.1 connect, replication included.
    pg_ctl(data, "start")
    say(f"primary: initdb into {data}, started on port {PRIMARY_PORT} (wal_level=replica)")


def create_database(state: dict) -> None:
    with connect(PRIMARY_PORT) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    state["database"] = DATABASE
    save_state(state)
    # The release step, once, on the primary: the instances never migrate.
    env = site_environment(state["secret_key"], with_replica=False)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "loaddata", "sample_archive", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    # Statistics for the rows just loaded, now: otherwise autovacuum analyses them on the primary
    # within the next minutes, transactions that `check` would count as reads on the primary.
    with connect(PRIMARY_PORT, DATABASE) as connection:
        connection.execute("VACUUM ANALYZE")
    say(f"primary: database {DATABASE} migrated, sample archive loaded, static files collected")


def make_replica(state: dict) -> None:
    own_folder(REPLICA_DIR)
    data = REPLICA_DIR / "data"
    state["replica_dir"] = str(REPLICA_DIR)
    save_state(state)
    started = time.monotonic()
    subprocess.run(
        [*AS_POSTGRES, str(PG_BIN / "pg_basebackup"), "-h", HOST, "-p", str(PRIMARY_PORT),
         "-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast"],
        check=True, timeout=600,
    )  # fmt: skip
    minimums = {name: one(PRIMARY_PORT, f"SHOW {name}")[0] for name in STANDBY_MINIMUMS}
    # Debian keeps the primary's configuration in /etc, so the copy has none: its own, here.
    config = {
        "port": REPLICA_PORT,
        "listen_addresses": f"'{HOST}'",
        "unix_socket_directories": f"'{REPLICA_DIR}'",
        "cluster_name": f"'{REPLICA_NAME}'",
        "hot_standby": "on",
        # Long public reads are not cancelled by the primary's vacuum: the standby tells it
        # which rows it still reads.
        "hot_standby_feedback": "on",
        "shared_buffers": "64MB",
        **minimums,
    }
    files = {
        "postgresql.conf": "".join(f"{name} = {value}\n" for name, value in config.items()),
        "pg_hba.conf": "local all all trust\nhost all all 127.0.0.1/32 trust\n",
        "pg_ident.conf": "",
    }
    write_cluster_files(data, files)
    pg_ctl(data, "start")
    deadline = time.monotonic() + 30
    while not replication_row():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the replica does not stream: see {REPLICA_DIR / 'postgres.log'}")
        time.sleep(0.2)
    say(
        f"replica: pg_basebackup -R into {data} and started on port {REPLICA_PORT} "
        f"in {time.monotonic() - started:.1f} s; streaming"
    )


def replication_row() -> dict | None:
    with connect(PRIMARY_PORT) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT state, sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
            " write_lag, flush_lag, replay_lag FROM pg_stat_replication"
            " WHERE application_name = %s",
            [REPLICA_NAME],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    names = ("state", "sync_state", "bytes_behind", "write_lag", "flush_lag", "replay_lag")
    return dict(zip(names, row, strict=True))


def redis_client() -> redis.Redis:
    return redis.Redis(host=HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)


def start_redis(state: dict) -> None:
    """Redis as production runs it for this site: nothing persisted, LRU eviction when full."""
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", HOST, "--save", "",
         "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru",
         "--dir", str(REDIS_DIR), "--logfile", str(REDIS_DIR / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    state["redis_pid"] = process.pid
    save_state(state)
    deadline = time.monotonic() + 20
    while True:
        try:
            redis_client().ping()
            return
        except redis.RedisError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis did not start: see {REDIS_DIR / 'redis.log'}") from None
            time.sleep(0.1)


def start_instance(state: dict, port: int) -> dict:
    """One gunicorn instance on `port`, in a session of its own (its workers with it)."""
    env = site_environment(state["secret_key"])
    env["GUNICORN_BIND"] = f"{HOST}:{port}"
    log = STATE_DIR / f"gunicorn-{port}.log"
    with log.open("ab") as output:
        process = subprocess.Popen(
            [str(PYTHON.parent / "gunicorn"), "config.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    instances = [i for i in state.get("instances", []) if i["port"] != port]
    instance = {"port": port, "pid": process.pid, "log": str(log)}
    state["instances"] = sorted([*instances, instance], key=lambda i: i["port"])
    save_state(state)
    return instance


def start_instances(state: dict) -> None:
    for port in APP_PORTS:
        start_instance(state, port)
    for instance in state["instances"]:
        wait_for(instance["port"], "/readyz")
        say(f"app: gunicorn pid {instance['pid']} on {HOST}:{instance['port']}, /readyz 200")


def start_proxy(state: dict) -> None:
    for folder in ("logs", "tmp"):
        (NGINX_DIR / folder).mkdir(parents=True, exist_ok=True)
    tls = NGINX_DIR / "tls"
    tls.mkdir()
    # A certificate for 127.0.0.1, valid two days: what a certificate authority gives in
    # production. The check's client trusts exactly this one.
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
         "-keyout", str(tls / "key.pem"), "-out", str(tls / "certificate.pem")],
        check=True, timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    values = {
        "APP_1": f"{HOST}:{APP_PORTS[0]}",
        "APP_2": f"{HOST}:{APP_PORTS[1]}",
        "PROXY_LISTEN": f"{HOST}:{PROXY_PORT}",
        "TLS_CERTIFICATE": str(tls / "certificate.pem"),
        "TLS_CERTIFICATE_KEY": str(tls / "key.pem"),
        # The instances' MEDIA_ROOT: the settings' default, as they are started here.
        "MEDIA_ROOT": str(ROOT / "media"),
    }
    site = re.sub(r"\$\{(\w+)\}", lambda match: values[match.group(1)], NGINX_TEMPLATE.read_text())
    (NGINX_DIR / "archive.conf").write_text(site)
    # What the official image's /etc/nginx/nginx.conf provides around conf.d/, in this folder.
    user = "user www-data;\n" if os.geteuid() == 0 else ""
    (NGINX_DIR / "nginx.conf").write_text(
        f"{user}worker_processes 2;\npid nginx.pid;\nerror_log logs/error.log;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        "    access_log logs/access.log;\n"
        "    client_body_temp_path tmp/body;\n    proxy_temp_path tmp/proxy;\n"
        "    fastcgi_temp_path tmp/fastcgi;\n    uwsgi_temp_path tmp/uwsgi;\n"
        "    scgi_temp_path tmp/scgi;\n"
        "    include archive.conf;\n"
        "}\n"
    )
    if os.geteuid() == 0:
        shutil.chown(NGINX_DIR / "tmp", user="www-data")
    command = ["nginx", "-p", str(NGINX_DIR), "-c", str(NGINX_DIR / "nginx.conf")]
    subprocess.run([*command, "-t", "-q"], check=True, timeout=30)
    subprocess.run(command, check=True, timeout=30)
    state["nginx_pid_file"] = str(NGINX_DIR / "nginx.pid")
    save_state(state)
    wait_for(PROXY_PORT, "/readyz")
    say(f"proxy: nginx pid {nginx_pid(state)} on https://{HOST}:{PROXY_PORT}, /readyz 200 through")


def nginx_pid(state: dict) -> int | None:
    pid_file = Path(state.get("nginx_pid_file", "/nonexistent"))
    return int(pid_file.read_text()) if pid_file.exists() else None


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def stop(pid: int | None, sig=signal.SIGTERM, seconds: float = 40) -> None:
    if not alive(pid):
        return
    os.kill(pid, sig)
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        # Reaped if it is this process's child (`up` failing calls `down`).
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.2)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


# --- Commands -------------------------------------------------------------------------------


def up() -> int:
    if load_state():
        say(f"{STATE_FILE} exists: the topology is up (or half up). Run `down` first.")
        return 1
    state = {"secret_key": secrets.token_urlsafe(50), "started_at": time.time()}
    save_state(state)
    started = time.monotonic()
    try:
        taken = [p for p in (PRIMARY_PORT, REPLICA_PORT, REDIS_PORT, *APP_PORTS, PROXY_PORT)
                 if port_taken(p)]  # fmt: skip
        if taken:
            raise SystemExit(f"ports already in use: {taken}")
        make_primary(state)
        start_redis(state)
        say(f"redis: {HOST}:{REDIS_PORT}, pid {state['redis_pid']}")
        create_database(state)
        make_replica(state)
        start_instances(state)
        start_proxy(state)
    except BaseException:
        say("up failed; stopping what it started (`down`)")
        down()
        raise
    say(f"up in {time.monotonic() - started:.1f} s\n")
    return status()


def down() -> int:
    state = load_state()
    if not state:
        say("nothing to stop")
        return 0
    pid = nginx_pid(state)
    stop(pid, signal.SIGQUIT)  # graceful: requests in flight are finished
    say(f"proxy: nginx {pid} stopped" if pid else "proxy: not running")
    for instance in state.get("instances", []):
        stop(instance["pid"])
        say(f"app: gunicorn {instance['pid']} on port {instance['port']} stopped")
    for name in ("replica", "primary"):
        if f"{name}_dir" not in state:
            continue
        data = Path(state[f"{name}_dir"]) / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                pg_ctl(data, "stop")
        shutil.rmtree(state[f"{name}_dir"], ignore_errors=True)
        say(f"{name}: stopped, {state[f'{name}_dir']} removed")
    if state.get("redis_pid"):
        stop(state["redis_pid"])
        say(f"redis: {state['redis_pid']} stopped")
    shutil.rmtree(STATE_DIR, ignore_errors=True)
    return 0


def status() -> int:
    state = load_state()
    if not state:
        say("down (no state file)")
        return 1
    healthy = True

    def part(name: str, ok: bool, detail: str) -> None:
        nonlocal healthy
        healthy = healthy and ok
        say(f"{name:<9} {'ok  ' if ok else 'FAIL'} {detail}")

    try:
        version = one(PRIMARY_PORT, "SHOW server_version")[0]
        part("primary", True, f"PostgreSQL {version} at {HOST}:{PRIMARY_PORT}, database {DATABASE}")
    except psycopg.Error as error:
        part("primary", False, str(error).strip())
    try:
        recovering, replay_delay = one(
            REPLICA_PORT,
            "SELECT pg_is_in_recovery(), now() - pg_last_xact_replay_timestamp()",
        )
        row = replication_row() or {}
        part(
            "replica",
            recovering and row.get("state") == "streaming",
            f"{HOST}:{REPLICA_PORT} in recovery={recovering}, "
            f"pg_stat_replication: state={row.get('state')}, "
            f"bytes behind={row.get('bytes_behind')}, replay_lag={row.get('replay_lag')}; "
            f"last replayed transaction {replay_delay} ago",
        )
    except psycopg.Error as error:
        part("replica", False, str(error).strip())
    try:
        keys = redis_client().dbsize()
        part("redis", True, f"{HOST}:{REDIS_PORT}/{REDIS_DB}, {keys} keys")
    except redis.RedisError as error:
        part("redis", False, str(error))
    for instance in state.get("instances", []):
        try:
            code = request(instance["port"], "GET", "/readyz")[0]
        except OSError as error:
            code = error
        part(
            "app",
            alive(instance["pid"]) and code == 200,
            f"gunicorn {instance['pid']} on {HOST}:{instance['port']}: /readyz {code}",
        )
    try:
        code = request(PROXY_PORT, "GET", "/readyz")[0]
    except OSError as error:
        code = error
    part("proxy", alive(nginx_pid(state)) and code == 200,
         f"nginx {nginx_pid(state)} on {HOST}:{PROXY_PORT}: /readyz {code}")  # fmt: skip
    return 0 if healthy else 1


def replica_reads() -> tuple[int, int]:
    """Transactions the ia_topology database has run on (the primary, the replica).

    Read from the `postgres` database, so that reading them adds none to ia_topology's.
    """
    sql = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
    primary, replica = (one(port, sql, [DATABASE])[0] for port in (PRIMARY_PORT, REPLICA_PORT))
    return primary, replica


def check() -> int:
    """Show, with figures, that the topology does what docs/deployment.md says."""
    if not load_state():
        say("down: run `up` first")
        return 1
    failures = []

    def verdict(ok: bool, text: str) -> None:
        say(f"  {'PASS' if ok else 'FAIL'}  {text}")
        if not ok:
            failures.append(text)

    slug = one(
        PRIMARY_PORT,
        "SELECT slug FROM interviews_interview WHERE status = 'published' ORDER BY id LIMIT 1",
        name=DATABASE,
    )[0]
    pages = [
        "/",
        "/interviews/",
        f"/interviews/{slug}/",
        "/interviews/?q=keras",
        "/feeds/interviews/",
    ]

    say("1. Load balancing: 40 GETs through the proxy")
    served_by = collections.Counter()
    statuses = collections.Counter()
    for index in range(40):
        code, headers, _, _ = request(PROXY_PORT, "GET", pages[index % len(pages)])
        statuses[code] += 1
        served_by[headers.get("x-served-by")] += 1
    say(f"     statuses {dict(statuses)}; X-Served-By {dict(served_by)}")
    verdict(
        statuses == {200: 40} and all(served_by[f"{HOST}:{port}"] for port in APP_PORTS),
        "every GET answered 200, and both instances served",
    )

    say("2. Public reads go to the replica: pg_stat_database transactions for 200 GETs")
    # A PostgreSQL 15 session that goes idle reports its counts within 10 s, not at once: the
    # figures are read once the earlier requests (`up`'s /readyz) are counted, and these too.
    time.sleep(11)
    before = replica_reads()
    for index in range(200):
        request(PROXY_PORT, "GET", pages[index % len(pages)])
    time.sleep(11)
    after = replica_reads()
    on_primary, on_replica = after[0] - before[0], after[1] - before[1]
    say(f"     transactions on the primary {on_primary}, on the replica {on_replica}")
    verdict(on_replica >= 200 and on_primary == 0, "the replica ran the reads, the primary none")

    say("3. Read-your-writes: a comment posted with the replica's replay paused")
    one(REPLICA_PORT, "SELECT pg_wal_replay_pause()")
    try:
        text = f"Posted through the proxy at {time.strftime('%H:%M:%S')}: does it show?"
        posted = post_comment(PROXY_PORT, slug, text)
        code, headers, receipt, pin = posted.status, posted.headers, posted.receipt, posted.pin
        say(f"     POST -> {code}, served by {headers.get('x-served-by')}, "
            f"pin cookie {'set' if pin else 'MISSING'}, receipt {receipt}")  # fmt: skip
        verdict(code == 302 and bool(pin), "the post was saved, its client pinned to the primary")
        if failures:
            return 1
        for attempt in range(4):  # through both instances: the cookie works on either
            code, headers, content, _ = request(PROXY_PORT, "GET", receipt, headers={"Cookie": pin})
            say(f"     poster's GET {attempt + 1} -> {code} from {headers.get('x-served-by')}")
            verdict(code == 200 and text.encode() in content, "the poster sees the comment")
        page = f"/interviews/{slug}/"
        _, poster_page, _, _ = request(PROXY_PORT, "GET", page, headers={"Cookie": pin})
        _, reader_page, _, _ = request(PROXY_PORT, "GET", page)
        say(f"     interview page ETag: poster {poster_page.get('etag')}, "
            f"another reader {reader_page.get('etag')}")  # fmt: skip
        verdict(
            poster_page.get("etag") != reader_page.get("etag"),
            "the poster's page is the new version, the replica's still the old one",
        )
        code, _, _, _ = request(PROXY_PORT, "GET", receipt)
        say(f"     another reader's GET (replica, replay paused) -> {code}")
        verdict(code == 404, "another reader does not see it yet: the replica has not replayed it")
        row = replication_row() or {}
        say(f"     pg_stat_replication meanwhile: bytes behind {row.get('bytes_behind')}")
    finally:
        one(REPLICA_PORT, "SELECT pg_wal_replay_resume()")
    resumed = time.monotonic()
    code = None
    while time.monotonic() - resumed < 10:
        code = request(PROXY_PORT, "GET", receipt)[0]
        if code == 200:
            break
        time.sleep(0.01)
    say(f"     replay resumed: another reader's GET -> {code} "
        f"after {(time.monotonic() - resumed) * 1000:.0f} ms")  # fmt: skip
    verdict(code == 200, "everyone sees it once the replica has replayed it")
    row = replication_row() or {}
    say(f"     pg_stat_replication: {row}")

    say(f"\n{'all checks passed' if not failures else f'{len(failures)} checks FAILED'}")
    return 0 if not failures else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=["up", "down", "status", "check"])
    command = parser.parse_args().command
    return {"up": up, "down": down, "status": status, "check": check}[command]()


if __name__ == "__main__":
    sys.exit(main())
