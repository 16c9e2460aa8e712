"""Drive HTTP load at one URL on the loopback address and report requests/s, p50 and p99.

With `wrk` on the PATH it runs `wrk --latency` for a fixed time; otherwise a small Python
generator (a few threads, one keep-alive-less connection per request, as gunicorn's sync
workers close each one) runs until it has sent `max_requests` or `seconds` have passed,
whichever comes first. Either way only 127.0.0.1 / ::1 / localhost is accepted, and the run
stops by itself.

Given `paths`, each request asks for the next one of them in turn (a page no cache has seen
yet, as long as the list is longer than the run); the URL's own path is then only its name.
"""

from __future__ import annotations

import dataclasses
import http.client
import itertools
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclasses.dataclass
class LoadResult:
    url: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str
    load_average: float = 0.0
    # /healthz's requests per second measured just before this run.
    floor_requests_per_second: float = 0.0
    # The largest resident memory (VmRSS) of any one gunicorn worker during the run, in MB.
    worker_rss_mb: float = 0.0
    # Headers of a response to this URL after the warm-up request that say how it was served
    # (Cache-Control, Age, X-Cache...), as "name: value; ...".
    served: str = ""


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"The load generator only targets the loopback address, not {host!r}.")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


# wrk asks for the next of a list of paths on each request. JSON strings of ASCII text (the
# paths are percent-encoded) are also Lua string literals.
_WRK_PATHS = """
local paths = {%s}
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format(nil, paths[next_path])
end
"""


def run_wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    headers: dict[str, str],
    paths: list[str] | None = None,
) -> LoadResult:
    _check_loopback(url)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if paths:
            script.write(_WRK_PATHS % ", ".join(json.dumps(path) for path in paths))
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run(
            [*command, url], check=True, capture_output=True, text=True, timeout=seconds + 30
        ).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return LoadResult(
        url=url,
        requests=requests,
        seconds=seconds,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(latency["50"]),
        p99_ms=_milliseconds(latency["99"]),
        errors=errors,
        tool="wrk",
    )


def run_python(
    url: str,
    *,
    seconds: int,
    connections: int,
    max_requests: int,
    headers: dict[str, str],
    paths: list[str] | None = None,
) -> LoadResult:
    """A bounded load generator: `connections` threads, until max_requests or the deadline."""
    _check_loopback(url)
    parts = urlsplit(url)
    next_path = itertools.cycle(paths or [parts.path + (f"?{parts.query}" if parts.query else "")])
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    sent = 0
    deadline = time.perf_counter() + seconds

    def worker():
        nonlocal sent, errors
        while time.perf_counter() < deadline:
            with lock:
                if sent >= max_requests:
                    return
                sent += 1
                path = next(next_path)
            started = time.perf_counter()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except OSError:
                ok = False
            finally:
                connection.close()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors += not ok

    began = time.perf_counter()
    workers = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(seconds + 35)
    took = time.perf_counter() - began
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return LoadResult(
        url=url,
        requests=len(latencies),
        seconds=took,
        requests_per_second=len(latencies) / took,
        p50_ms=quantiles[49],
        p99_ms=quantiles[98],
        errors=errors,
        tool="python",
    )


def drive(
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: dict[str, str],
    max_requests: int = 200_000,
    paths: list[str] | None = None,
) -> LoadResult:
    if wrk_available():
        return run_wrk(
            url, seconds=seconds, connections=connections, threads=1, headers=headers, paths=paths
        )
    return run_python(
        url,
        seconds=seconds,
        connections=connections,
        max_requests=max_requests,
        headers=headers,
        paths=paths,
    )
