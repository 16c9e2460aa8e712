"""Faults under load on the scale-out topology, written to docs/load_and_faults.md.

    .venv/bin/python bench/topology.py up
    .venv/bin/python bench/topology_faults.py      # about five minutes; rewrites its section
    .venv/bin/python bench/topology.py down

On the topology `bench/topology.py up` brings up on 127.0.0.1 (nginx on 8610, two gunicorn
instances, Redis, a PostgreSQL primary and its streaming replica, each its own process), with wrk
as the load: GETs of public pages through the proxy, at most LOAD_SECONDS per fault, on the
loopback only. Each fault is made for real (a process killed or stopped, then started again) while
wrk runs, and each check's verdict is computed from what was measured:

a. one app instance killed (SIGKILL, its workers with it) and started again: no GET lost (the
   proxy retries it on the other instance), every comment the site acknowledged saved once;
b. Redis stopped and started: pages render uncached, no 500, a comment can be posted meanwhile;
c. the replica stopped and started: public reads move to the primary (its transaction count),
   no 500, then back to the replica;
d. the primary stopped and started: writes, the admin and /readyz answer the friendly 503 while
   the replica keeps serving public pages; everything recovers by itself;
e. a comment posted through one instance is seen by its poster through the other at once (the
   read-your-writes cookie) while the replica has not replayed it, and is on both databases once;
f. the comment rate limit and the admin login lockout hold across both instances.

The section it writes sits between two markers in docs/load_and_faults.md (bench/fault_test.py,
which writes the rest of that file, keeps it).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import redis
import topology as topo  # bench/topology.py, beside this script

REPORT = topo.ROOT / "docs" / "load_and_faults.md"
BEGIN = "<!-- topology faults: written by bench/topology_faults.py -->"
END = "<!-- end of topology faults -->"
LOAD_SECONDS = {
    "app_killed": 40,
    "redis_restarted": 35,
    "replica_stopped": 50,
    "primary_stopped": 45,
}
WRK_THREADS = 2
WRK_CONNECTIONS = 8
# Each run's comments are told apart by this, in their text.
RUN = secrets.token_hex(3)

# wrk's script: GETs rotating over the pages, and per-status and per-instance counts (nginx's
# X-Served-By lists every instance tried: two for a request retried on the other).
WRK_SCRIPT = r"""
local paths = {__PATHS__}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; served = {}; counter = math.random(#paths) end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local by = headers["X-Served-By"] or "-"
  served[by] = (served[by] or 0) + 1
end
local function merge(into, from)
  for k, v in pairs(from) do into[k] = (into[k] or 0) + v end
end
local function json(t)
  local parts = {}
  for k, v in pairs(t) do table.insert(parts, string.format("%q:%d", k, v)) end
  return "{" .. table.concat(parts, ",") .. "}"
end
function done(summary, latency, requests)
  local all_statuses, all_served = {}, {}
  for _, t in ipairs(threads) do
    merge(all_statuses, t:get("statuses"))
    merge(all_served, t:get("served"))
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"seconds":%.1f,"errors":{"connect":%d,"read":%d,'
    .. '"write":%d,"timeout":%d},"p50_ms":%.0f,"p99_ms":%.0f,"max_ms":%.0f,"statuses":%s,'
    .. '"served_by":%s}\n', summary.requests, summary.duration / 1e6, e.connect, e.read,
    e.write, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, json(all_statuses), json(all_served)))
end
"""


def say(message: str) -> None:
    topo.say(message)


class Load:
    """wrk through the proxy for `seconds`, in the background; `at(t)` waits until t s in."""

    def __init__(self, seconds: int, paths: list[str]):
        script = topo.STATE_DIR / "faults.lua"
        script.write_text(WRK_SCRIPT.replace("__PATHS__", ", ".join(json.dumps(p) for p in paths)))
        self.seconds = seconds
        self.process = subprocess.Popen(
            ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
             "-s", str(script), f"https://{topo.HOST}:{topo.PROXY_PORT}/"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 1)

    def at(self, seconds: float) -> None:
        time.sleep(max(0.0, self.started + seconds - time.monotonic()))

    def result(self) -> dict:
        output, _ = self.process.communicate(timeout=self.seconds + 60)
        line = next((row for row in output.splitlines() if row.startswith("RESULT ")), None)
        if line is None:
            raise RuntimeError(f"wrk printed no result:\n{output}")
        result = json.loads(line.removeprefix("RESULT "))
        result["per_second"] = round(result["requests"] / max(result["seconds"], 0.1), 1)
        result["retried"] = sum(n for by, n in result["served_by"].items() if "," in by)
        result["failed"] = sum(result["errors"].values()) + sum(
            n for status, n in result["statuses"].items() if int(status) >= 400
        )
        return result


class Verdicts:
    def __init__(self):
        self.rows: list[tuple[str, str, bool]] = []

    def add(self, scenario: str, text: str, ok: bool) -> None:
        self.rows.append((scenario, text, ok))
        say(f"  {'PASS' if ok else 'FAIL'}  {text}")


def on_primary(sql: str, params=()):
    return topo.one(topo.PRIMARY_PORT, sql, params, name=topo.DATABASE)


def transactions(port: int) -> int:
    """Transactions the archive's database has run on the server at `port` (read from the
    `postgres` database, so that reading adds none)."""
    sql = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
    return topo.one(port, sql, [topo.DATABASE])[0]


def log_sizes(state: dict) -> dict[str, int]:
    return {i["log"]: Path(i["log"]).stat().st_size for i in state["instances"]}


def log_since(sizes: dict[str, int]) -> str:
    text = ""
    for path, size in sizes.items():
        with open(path, "rb") as log:
            log.seek(size)
            text += log.read().decode("utf-8", "replace")
    return text


def server_errors_logged(text: str) -> int:
    return len(re.findall(r"Internal Server Error|Traceback \(most recent call last\)", text))


def healthy(seconds: float = 90) -> bool:
    """Wait until every part is up: both instances ready, the replica streaming, Redis up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            row = topo.replication_row() or {}
            ready = all(topo.request(p, "GET", "/readyz")[0] == 200 for p in topo.APP_PORTS)
            if ready and row.get("state") == "streaming" and topo.redis_client().ping():
                return True
        except (OSError, psycopg.Error, redis.RedisError):
            pass
        time.sleep(0.5)
    return False


def served_by_after(count: int = 20) -> dict[str, int]:
    served: dict[str, int] = {}
    for _ in range(count):
        by = topo.request(topo.PROXY_PORT, "GET", "/interviews/")[1].get("x-served-by", "-")
        served[by] = served.get(by, 0) + 1
    return served


def probe(port: int, method: str, path: str, **options) -> dict:
    try:
        status, headers, body, _ = topo.request(port, method, path, **options)
    except OSError as error:
        return {"status": type(error).__name__}
    return {
        "status": status,
        "retry_after": headers.get("retry-after"),
        "friendly": b"Temporarily unavailable" in body,
    }


# --- The faults -------------------------------------------------------------------------------


class Poster(threading.Thread):
    """Posts a comment through the proxy every half second, each from another reader."""

    def __init__(self, slug: str, label: str):
        super().__init__(daemon=True)
        self.slug, self.label = slug, label
        self.stopping = threading.Event()
        self.posts: list[dict] = []

    def run(self) -> None:
        started = time.monotonic()
        while not self.stopping.is_set():
            n = len(self.posts) + 1
            text = f"Fault run {RUN} {self.label} comment {n}"
            try:
                status = topo.post_comment(
                    topo.PROXY_PORT, self.slug, text, client=f"10.18.{n // 250}.{n % 250 + 1}"
                ).status
            except OSError as error:
                status = type(error).__name__
            self.posts.append(
                {"at": round(time.monotonic() - started, 1), "text": text, "status": status}
            )
            self.stopping.wait(0.5)

    def stop(self) -> list[dict]:
        self.stopping.set()
        self.join(30)
        saved = dict(
            on_primary_rows(
                "SELECT text, count(*) FROM interviews_comment WHERE text LIKE %s GROUP BY text",
                [f"Fault run {RUN} {self.label} comment %"],
            )
        )
        for post in self.posts:
            post["saved"] = saved.get(post["text"], 0)
        return self.posts


def on_primary_rows(sql: str, params=()) -> list[tuple]:
    with topo.connect(topo.PRIMARY_PORT, topo.DATABASE) as connection:
        return connection.execute(sql, params).fetchall()


def posts_summary(posts: list[dict]) -> dict:
    statuses: dict[str, int] = {}
    for post in posts:
        statuses[str(post["status"])] = statuses.get(str(post["status"]), 0) + 1
    return {
        "posted": len(posts),
        "statuses": statuses,
        "acknowledged_saved_once": sum(1 for p in posts if p["status"] == 302 and p["saved"] == 1),
        "acknowledged_not_saved": sum(1 for p in posts if p["status"] == 302 and p["saved"] == 0),
        "saved_twice": sum(1 for p in posts if p["saved"] > 1),
        "unacknowledged_saved": sum(1 for p in posts if p["status"] != 302 and p["saved"]),
    }


def app_killed(state: dict, slug: str, paths: list[str], verdicts: Verdicts) -> dict:
    say("a. One app instance killed (SIGKILL) and started again under load")
    victim = state["instances"][0]
    sizes = log_sizes(state)
    load = Load(LOAD_SECONDS["app_killed"], paths)
    poster = Poster(slug, "a")
    poster.start()
    load.at(8)
    os.killpg(victim["pid"], signal.SIGKILL)
    killed_at = load.elapsed()
    load.at(20)
    restarted_at = load.elapsed()
    topo.start_instance(state, victim["port"])
    topo.wait_for(victim["port"], "/readyz", seconds=90)
    ready_at = load.elapsed()
    result = load.result()
    posts = posts_summary(poster.stop())
    served_after = served_by_after()
    figures = {
        "killed": f"{topo.HOST}:{victim['port']} (gunicorn {victim['pid']} and its workers)",
        "killed_at_s": killed_at,
        "restart_begun_at_s": restarted_at,
        "ready_again_at_s": ready_at,
        "load": result,
        "comments": posts,
        "served_by_after": served_after,
        "server_errors_logged": server_errors_logged(log_since(sizes)),
    }
    say(f"     {json.dumps(figures)}")
    verdicts.add(
        "a",
        f"no GET failed: {result['requests']} requests, {result['failed']} non-2xx/3xx or socket"
        f" errors; {result['retried']} retried on the other instance",
        result["failed"] == 0 and result["requests"] > 0,
    )
    other_statuses = {s for s in posts["statuses"] if s not in ("302", "502")}
    verdicts.add(
        "a",
        f"no comment lost or doubled: {posts['acknowledged_saved_once']} of"
        f" {posts['statuses'].get('302', 0)} acknowledged (302) saved once,"
        f" {posts['saved_twice']} saved twice; posts answered {posts['statuses']}",
        posts["acknowledged_saved_once"] == posts["statuses"].get("302", 0) > 0
        and posts["saved_twice"] == 0
        and not other_statuses,
    )
    verdicts.add(
        "a",
        f"the restarted instance serves again: 20 GETs after it, by instance {served_after}",
        f"{topo.HOST}:{victim['port']}" in served_after and len(served_after) >= 2,
    )
    return figures


def redis_restarted(state: dict, slug: str, paths: list[str], verdicts: Verdicts) -> dict:
    say("b. Redis stopped and started under load")
    sizes = log_sizes(state)
    load = Load(LOAD_SECONDS["redis_restarted"], paths)
    load.at(8)
    topo.stop(state["redis_pid"])
    stopped_at = load.elapsed()
    load.at(10)
    text = f"Fault run {RUN} b comment while Redis is down"
    during = {
        "comment_post": topo.post_comment(topo.PROXY_PORT, slug, text, client="10.20.0.1").status,
        "home": probe(topo.PROXY_PORT, "GET", "/"),
        "interview": probe(topo.PROXY_PORT, "GET", f"/interviews/{slug}/"),
    }
    saved = on_primary("SELECT count(*) FROM interviews_comment WHERE text = %s", [text])[0]
    load.at(20)
    topo.start_redis(state)
    started_at = load.elapsed()
    result = load.result()
    for path in paths:  # what the next readers' pages put back
        topo.request(topo.PROXY_PORT, "GET", path)
    keys_after = topo.redis_client().dbsize()
    logged = log_since(sizes)
    figures = {
        "stopped_at_s": stopped_at,
        "started_at_s": started_at,
        "load": result,
        "during": during,
        "comment_saved": saved,
        "keys_after": keys_after,
        "cache_unavailable_warnings": logged.count("Cache unavailable"),
        "rate_limit_counted_by_process": logged.count("counted by this process alone"),
        "server_errors_logged": server_errors_logged(logged),
    }
    say(f"     {json.dumps(figures)}")
    verdicts.add(
        "b",
        f"no GET failed: {result['requests']} requests, statuses {result['statuses']},"
        f" {sum(result['errors'].values())} socket errors",
        result["failed"] == 0 and result["requests"] > 0,
    )
    verdicts.add(
        "b",
        f"with Redis down a comment is posted (answered {during['comment_post']}, saved"
        f" {saved}) and pages answer {during['home']['status']},"
        f" {during['interview']['status']}; {figures['server_errors_logged']} server errors logged",
        during["comment_post"] == 302
        and saved == 1
        and during["home"]["status"] == during["interview"]["status"] == 200
        and figures["server_errors_logged"] == 0,
    )
    verdicts.add(
        "b",
        f"the outage was noticed ({figures['cache_unavailable_warnings']} warnings) and the"
        f" cache refills once Redis is back ({keys_after} keys)",
        figures["cache_unavailable_warnings"] > 0 and keys_after > 0,
    )
    return figures


def replica_stopped(state: dict, slug: str, paths: list[str], verdicts: Verdicts) -> dict:
    say("c. The replica stopped and started under load")
    sizes = log_sizes(state)
    data = Path(state["replica_dir"]) / "data"
    load = Load(LOAD_SECONDS["replica_stopped"], paths)
    # PostgreSQL 15 reports a busy session's counts at most every second: windows of 12 s.
    load.at(2)
    baseline = [transactions(topo.PRIMARY_PORT)]
    load.at(14)
    baseline.append(transactions(topo.PRIMARY_PORT))
    topo.pg_ctl(data, "stop")
    stopped_at = load.elapsed()
    load.at(stopped_at + 2)
    outage = [transactions(topo.PRIMARY_PORT)]
    load.at(stopped_at + 14)
    outage.append(transactions(topo.PRIMARY_PORT))
    topo.pg_ctl(data, "start")
    started_at = load.elapsed()
    result = load.result()
    streaming = healthy(60)
    # Reads back on the replica: each process tries it again REPLICA_RETRY_SECONDS after it
    # failed, long past by now.
    replica_before = transactions(topo.REPLICA_PORT)
    for index in range(100):
        topo.request(topo.PROXY_PORT, "GET", paths[index % len(paths)])
    time.sleep(11)  # an idle session reports its counts within 10 s
    replica_after = transactions(topo.REPLICA_PORT)
    logged = log_since(sizes)
    figures = {
        "stopped_at_s": stopped_at,
        "started_at_s": started_at,
        "load": result,
        "primary_transactions_12s_before": baseline[1] - baseline[0],
        "primary_transactions_12s_during": outage[1] - outage[0],
        "replica_transactions_for_100_gets_after": replica_after - replica_before,
        "replica_streaming_again": streaming,
        "replica_unavailable_warnings": logged.count("Read replica unavailable"),
        "server_errors_logged": server_errors_logged(logged),
    }
    say(f"     {json.dumps(figures)}")
    verdicts.add(
        "c",
        f"no GET failed: {result['requests']} requests, statuses {result['statuses']},"
        f" {sum(result['errors'].values())} socket errors;"
        f" {figures['server_errors_logged']} server errors logged",
        result["failed"] == 0 and result["requests"] > 0 and figures["server_errors_logged"] == 0,
    )
    before, during = (
        figures["primary_transactions_12s_before"],
        figures["primary_transactions_12s_during"],
    )
    verdicts.add(
        "c",
        f"public reads moved to the primary: its transactions in 12 s went from {before}"
        f" to {during}",
        during >= 50 and before * 10 <= during,
    )
    verdicts.add(
        "c",
        "and back to the replica once it streams again:"
        f" {figures['replica_transactions_for_100_gets_after']} replica transactions for 100 GETs",
        streaming and figures["replica_transactions_for_100_gets_after"] >= 100,
    )
    return figures


def primary_stopped(state: dict, slug: str, paths: list[str], verdicts: Verdicts) -> dict:
    say("d. The primary stopped and started under load")
    sizes = log_sizes(state)
    data = Path(state["primary_dir"]) / "data"
    form = login_form(topo.PROXY_PORT, "10.21.2.1")
    load = Load(LOAD_SECONDS["primary_stopped"], paths)
    load.at(5)
    topo.pg_ctl(data, "stop")
    stopped_at = load.elapsed()
    probes = []
    n = 0
    while load.elapsed() < 20:
        n += 1
        text = f"Fault run {RUN} d comment {n}"
        row = {"at": load.elapsed()}
        for port in topo.APP_PORTS:
            row[f"readyz_{port}"] = probe(port, "GET", "/readyz")["status"]
        row["comment"] = probe_post(slug, text, client=f"10.21.0.{n}")
        row["admin_login"] = login_attempt(topo.PROXY_PORT, form, f"outage-{RUN}", "10.21.2.1")
        row["admin_login_page"] = probe(topo.PROXY_PORT, "GET", "/admin/login/")["status"]
        probes.append(row)
        time.sleep(1)
    topo.pg_ctl(data, "start")
    started_at = load.elapsed()
    recovered = {}
    while len(recovered) < 2 and load.elapsed() < started_at + 60:
        if "readyz" not in recovered and all(
            probe(port, "GET", "/readyz")["status"] == 200 for port in topo.APP_PORTS
        ):
            recovered["readyz"] = round(load.elapsed() - started_at, 1)
        if "comment" not in recovered:
            text = f"Fault run {RUN} d comment after"
            if probe_post(slug, text, client="10.21.1.1")["status"] == 302:
                recovered["comment"] = round(load.elapsed() - started_at, 1)
        time.sleep(0.5)
    result = load.result()
    streaming = healthy(60)
    logged = log_since(sizes)
    during = [p for p in probes if p["at"] >= stopped_at + 0.5]
    figures = {
        "stopped_at_s": stopped_at,
        "started_at_s": started_at,
        "load": result,
        "probes_while_down": during,
        "recovered_after_start_s": recovered,
        "replica_streaming_again": streaming,
        "server_errors_logged": server_errors_logged(logged),
    }
    say(f"     {json.dumps(figures)}")
    statuses = [p[f"readyz_{port}"] for p in during for port in topo.APP_PORTS]
    verdicts.add(
        "d",
        f"/readyz answered 503 on both instances while the primary was down: {statuses}",
        bool(statuses) and set(statuses) == {503},
    )
    friendly = [p[name] for p in during for name in ("comment", "admin_login")]
    verdicts.add(
        "d",
        "comment posts and admin logins answered the friendly 503 with Retry-After:"
        f" {len(friendly)} probes, statuses {sorted({str(f['status']) for f in friendly})}"
        " (the login page itself, which reads no database: "
        f"{sorted({str(p['admin_login_page']) for p in during})})",
        bool(friendly)
        and all(f["status"] == 503 and f["friendly"] and f["retry_after"] for f in friendly),
    )
    verdicts.add(
        "d",
        f"no 500 anywhere; public pages kept being served from the replica: {result['requests']}"
        f" GETs, statuses {result['statuses']}, {sum(result['errors'].values())} socket errors;"
        f" {figures['server_errors_logged']} server errors logged",
        result["failed"] == 0 and figures["server_errors_logged"] == 0,
    )
    verdicts.add(
        "d",
        f"recovery by itself once the primary is back: /readyz 200 on both after"
        f" {recovered.get('readyz')} s, a comment saved after {recovered.get('comment')} s;"
        f" the replica streaming again: {streaming}",
        len(recovered) == 2 and streaming,
    )
    return figures


def probe_post(slug: str, text: str, *, client: str) -> dict:
    try:
        posted = topo.post_comment(topo.PROXY_PORT, slug, text, client=client)
    except OSError as error:
        return {"status": type(error).__name__}
    return {
        "status": posted.status,
        "retry_after": posted.headers.get("retry-after"),
        "friendly": b"Temporarily unavailable" in posted.body,
    }


def read_your_writes(state: dict, slug: str, verdicts: Verdicts) -> dict:
    say("e. Read-your-writes across instances, with the replica's replay paused")
    first, second = topo.APP_PORTS
    text = f"Fault run {RUN} e: posted through {first}, read through {second}"
    topo.one(topo.REPLICA_PORT, "SELECT pg_wal_replay_pause()")
    try:
        posted = topo.post_comment(first, slug, text, client="10.22.0.1")
        poster = topo.request(second, "GET", posted.receipt, headers={"Cookie": posted.pin})
        stranger = topo.request(second, "GET", posted.receipt)[0]
    finally:
        topo.one(topo.REPLICA_PORT, "SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 10
    while (replayed := topo.request(second, "GET", posted.receipt)[0]) != 200:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    sql = "SELECT count(*) FROM interviews_comment WHERE text = %s"
    rows = {
        "primary": on_primary(sql, [text])[0],
        "replica": topo.one(topo.REPLICA_PORT, sql, [text], name=topo.DATABASE)[0],
    }
    figures = {
        "post": posted.status,
        "pin_cookie": bool(posted.pin),
        "poster_through_other": poster[0],
        "poster_sees_text": text.encode() in poster[2],
        "stranger_before_replay": stranger,
        "stranger_after_replay": replayed,
        "rows": rows,
    }
    say(f"     {json.dumps(figures)}")
    verdicts.add(
        "e",
        f"posted through {first} ({posted.status}), its poster reads it through {second} at once"
        f" ({poster[0]}) while another reader, on the paused replica, gets {stranger}",
        posted.status == 302
        and poster[0] == 200
        and figures["poster_sees_text"]
        and stranger == 404,
    )
    verdicts.add(
        "e",
        f"the write is not lost: once on the primary, once on the replica {rows}; another"
        f" reader sees it after replay ({replayed})",
        rows == {"primary": 1, "replica": 1} and replayed == 200,
    )
    return figures


def login_form(port: int, client: str) -> dict:
    """The admin login form's CSRF token and cookie (any instance accepts them: one key)."""
    _, _, page, cookies = topo.request(
        port, "GET", "/admin/login/", headers={"X-Forwarded-For": client}
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    cookie = "; ".join(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    return {"token": token, "cookie": cookie}


def login_attempt(port: int, form: dict, username: str, client: str) -> dict:
    """A failed admin login through `port`, as from `client`."""
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": form["token"], "username": username, "password": "wrong"}
    ).encode()
    headers = {
        "X-Forwarded-For": client,
        "Cookie": form["cookie"],
        "Origin": f"https://{topo.HOST}:{port}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return probe(port, "POST", "/admin/login/", headers=headers, body=body)


def limits_shared(state: dict, slug: str, verdicts: Verdicts) -> dict:
    say("f. The comment rate limit and the login lockout across both instances")
    limit = topo.COMMENT_RATE_LIMIT[0]
    ports = [topo.APP_PORTS[n % 2] for n in range(limit + 2)]
    comments = [
        (port, topo.post_comment(port, slug, f"Fault run {RUN} f {n}", client="10.23.0.1").status)
        for n, port in enumerate(ports)
    ]
    username = f"lockout-{RUN}"
    client = "10.23.0.2"
    form = login_form(topo.APP_PORTS[0], client)
    logins = []
    for n in range(7):
        port = topo.APP_PORTS[n % 2]
        logins.append((port, login_attempt(port, form, username, client)["status"]))
    failure_limit = 5  # DJANGO_LOGIN_FAILURE_LIMIT's default, which the topology keeps
    figures = {"comments": comments, "logins": logins}
    say(f"     {json.dumps(figures)}")
    expected = [302] * limit + [429] * (len(ports) - limit)
    verdicts.add(
        "f",
        f"{limit} comments a client, counted across both instances: {comments}",
        [status for _, status in comments] == expected,
    )
    locked = [port for port, status in logins if status == 429]
    verdicts.add(
        "f",
        f"the login lockout after {failure_limit} failures holds on both instances: {logins}",
        [status for _, status in logins] == [200] * (failure_limit - 1) + [429] * 3
        and set(locked) == set(topo.APP_PORTS),
    )
    return figures


# --- The report -------------------------------------------------------------------------------


def other_work() -> int:
    """Test runs of other work on the machine now (pytest processes not started here)."""
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"pytest" in cmdline.read_bytes():
                count += 1
        except OSError:
            pass
    return count


def write_report(context: dict, verdicts: Verdicts) -> None:
    load = context["load_average"]
    lines = [
        BEGIN,
        "",
        "## Faults on the scale-out topology (`bench/topology_faults.py`)",
        "",
        f"Run on {context['when']} on {context['machine']}: load average {load['start']} at the"
        f" start and {load['end']} at the end, with {context['other_pytest_processes']} pytest"
        " processes of other work running on the same machine meanwhile. The machine was shared:"
        " throughput and latency below are noisy and say little about capacity; the verdicts"
        " (no failed request, no 500, no lost or doubled write) are what this run shows.",
        "",
        "The topology of `docs/deployment.md`, made by `bench/topology.py up` on 127.0.0.1: nginx"
        f" (https, port {topo.PROXY_PORT}) over two gunicorn instances"
        f" ({', '.join(map(str, topo.APP_PORTS))};"
        " 2 sync workers each, production settings), Redis, a PostgreSQL 15 primary and its"
        " streaming replica, each a process of its own that the run stops and starts. Load: wrk"
        f" through the proxy, {WRK_THREADS} threads, {WRK_CONNECTIONS} connections, GETs of"
        f" {len(context['paths'])} public pages in turn"
        f" ({', '.join(f'`{p}`' for p in context['paths'])}),"
        " for at most 50 s per fault. Comments and logins are posted by the script itself.",
        "",
        "A GET counts as failed when it is answered with a status of 400 or more, or with a socket"
        " error, or not within 10 s (wrk's timeout). A comment counts as lost when the site"
        " answered 302 (saved) and its row is not on the primary afterwards, and as doubled when"
        " its row is there twice. A comment posted to an instance at the moment it is killed would"
        " get a 502 from nginx, which never sends a POST twice: the table says how many did.",
        "",
        "| | Check | Result |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {s} | {text} | {'pass' if ok else '**FAIL**'} |" for s, text, ok in verdicts.rows]
    for key, title in [
        ("app_killed", "a. One app instance killed and started again"),
        ("redis_restarted", "b. Redis stopped and started"),
        ("replica_stopped", "c. The replica stopped and started"),
        ("primary_stopped", "d. The primary stopped and started"),
    ]:
        figures = context.get(key)
        if not figures:
            continue
        result = figures["load"]
        lines += [
            "",
            f"### {title}",
            "",
            f"- load: {result['requests']} GETs in {result['seconds']} s"
            f" ({result['per_second']}/s),"
            f" statuses {result['statuses']}, socket errors {result['errors']}; latency p50"
            f" {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms",
            f"- answered by {result['served_by']} (two addresses: tried on the first, answered"
            " by the second)",
        ]
        events = {k: v for k, v in figures.items() if k.endswith("_s")}
        lines.append(f"- events, seconds into the load: {events}")
        rest = {k: v for k, v in figures.items() if k != "load" and k not in events}
        for name, value in rest.items():
            if name == "probes_while_down":
                lines.append(f"- probes while down: {len(value)}, e.g. {value[:1]}")
            else:
                lines.append(f"- {name.replace('_', ' ')}: {value}")
    for key, title in [
        ("read_your_writes", "e. Read-your-writes across instances"),
        ("limits_shared", "f. Rate limit and login lockout across instances"),
    ]:
        lines += ["", f"### {title}", ""]
        lines += [f"- {name.replace('_', ' ')}: {value}" for name, value in context[key].items()]
    lines += [
        "",
        "<details><summary>Raw figures (JSON)</summary>",
        "",
        "```json",
        json.dumps(context, indent=1, default=str),
        "```",
        "",
        "</details>",
        "",
        END,
        "",
    ]
    section = "\n".join(lines)
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Load and faults\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    REPORT.write_text(text, encoding="utf-8")


def main() -> int:
    state = topo.load_state()
    if not state:
        say("down: run `bench/topology.py up` first")
        return 1
    if not healthy(60):
        say("the topology is not healthy: see `bench/topology.py status`")
        return 1
    slugs = [
        row[0]
        for row in on_primary_rows(
            "SELECT slug FROM interviews_interview WHERE status = 'published' ORDER BY id LIMIT 4"
        )
    ]
    paths = [
        "/",
        "/interviews/",
        *(f"/interviews/{slug}/" for slug in slugs),
        "/interviews/?q=keras",
        "/feeds/interviews/",
    ]
    context = {
        "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "load_average": {"start": round(os.getloadavg()[0], 1)},
        "other_pytest_processes": other_work(),
        "paths": paths,
    }
    verdicts = Verdicts()
    slug = slugs[0]
    context["read_your_writes"] = read_your_writes(state, slug, verdicts)
    context["limits_shared"] = limits_shared(state, slug, verdicts)
    for name, fault in [
        ("app_killed", app_killed),
        ("redis_restarted", redis_restarted),
        ("replica_stopped", replica_stopped),
        ("primary_stopped", primary_stopped),
    ]:
        if not healthy(90):
            verdicts.add(name, "the topology was healthy before this fault", False)
            break
        context[name] = fault(state, slug, paths, verdicts)
        state = topo.load_state()  # an instance started again has a new pid
    context["load_average"]["end"] = round(os.getloadavg()[0], 1)
    write_report(context, verdicts)
    failed = [row for row in verdicts.rows if not row[2]]
    say(f"\n{len(verdicts.rows) - len(failed)} of {len(verdicts.rows)} checks passed; {REPORT}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
