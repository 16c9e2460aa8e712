"""A black-box hostile sweep of the public site, against a running server; prints figures.

Issue 18 asks that a sweep which is not the test suite's own finds no 5xx, no reflected script.
This one knows nothing of the code: it crawls the site from its home page (same host, up to
--pages pages), reads the names of every form field and query parameter it meets in links, and
sends each page mutated in ways tests/sweep/ does not: values from another table (overlong
UTF-8, Arabic and Devanagari digits, emoji floods, ISO dates with impossible times, exponents),
hostile request headers (Range, If-None-Match, If-Modified-Since, Accept-Language, Cookie,
X-Forwarded-For, Host), odd methods and bodies (JSON, multipart with a file, a bare form with
no CSRF token). It counts the answers by status, lists every 5xx, and every HTML answer that
echoes the marker script unescaped. Standard library only; it downloads nothing and talks to
the given server only.

    .venv/bin/python bench/blackbox_sweep.py http://127.0.0.1:8765 [--pages 60]
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import sys
import time
import urllib.parse
from html.parser import HTMLParser

MARKER = "<script>bb(1)</script>"
VALUES = [
    "%C0%AF",  # overlong UTF-8 for "/", sent raw in the query string
    "%FF%FE",
    "\u0661\u0662",  # Arabic-Indic digits
    "\u0967\u0968",  # Devanagari digits
    "\U0001f642" * 500,
    "2024-02-29T25:61:61",
    "1e-5",
    "-0",
    "∞",
    "0" * 5000 + "1",
    "%00%00",
    "%0d%0aSet-Cookie:%20x=1",
    "a" * 70_000,
    "[]",
    '{"$gt": ""}',
    "*",
    "\\",
    MARKER,
    "\"'><svg onload=bb(1)>",
]
HEADERS = [
    {"Range": "bytes=abc"},
    {"Range": "bytes=99999999999999999999-"},
    {"If-None-Match": '"' + "x" * 5000 + '"'},
    {"If-Modified-Since": "Mon, 99 Foo 20000 99:99:99 GMT"},
    {"Accept-Language": "x" * 8000},
    {"Accept": "*/*;q=abc"},
    {"Cookie": "sessionid=" + "z" * 4000 + "; csrftoken=\x7f"},
    {"Cookie": "primary_pin=forged:value:xyz"},
    {"X-Forwarded-For": "not-an-ip, 999.999.999.999"},
    {"X-Forwarded-Proto": "gopher"},
    {"Host": "evil.example"},
]
METHODS = ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"]


class LinkReader(HTMLParser):
    """The links, forms and field names of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, str, list[str]]] = []  # action, method, field names
        self._form: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = (
                attributes.get("action") or "",
                (attributes.get("method") or "get").lower(),
                [],
            )
            self.forms.append(self._form)
        elif tag in ("input", "textarea", "select") and self._form and attributes.get("name"):
            self._form[2].append(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


class Sweep:
    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.statuses: collections.Counter = collections.Counter()
        self.server_errors: list[str] = []
        self.reflected: list[str] = []
        self.requests = 0

    def send(self, method: str, target: str, *, headers=None, body: bytes | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        sent_headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        try:
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in sent_headers.items():
                connection.putheader(name, value.encode("latin-1", "replace"))
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            content = response.read()
            status = response.status
            content_type = response.getheader("Content-Type", "")
        except (OSError, http.client.HTTPException) as error:
            status, content, content_type = f"error: {type(error).__name__}", b"", ""
        finally:
            connection.close()
        self.requests += 1
        self.statuses[status] += 1
        what = f"{method} {target[:160]} {str(headers)[:120] if headers else ''}"
        if isinstance(status, str) or status >= 500:
            self.server_errors.append(f"{status} {what}")
        if "html" in content_type and MARKER.encode() in content:
            self.reflected.append(what)
        return status, content, content_type

    def crawl(self, limit: int) -> tuple[list[str], set[str], list[tuple[str, str, list[str]]]]:
        seen, queue, names, forms = [], ["/"], set(), []
        while queue and len(seen) < limit:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.append(path)
            status, content, content_type = self.send("GET", path)
            if status != 200 or "html" not in content_type:
                continue
            reader = LinkReader()
            reader.feed(content.decode("utf-8", "replace"))
            for href in reader.links:
                target = urllib.parse.urljoin(path, href)
                parts = urllib.parse.urlsplit(target)
                if parts.netloc and parts.hostname != self.host:
                    continue
                names.update(name for name, _ in urllib.parse.parse_qsl(parts.query))
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if local not in seen and local not in queue and not parts.path.startswith("/admin"):
                    queue.append(local)
            for action, method, fields in reader.forms:
                names.update(fields)
                forms.append((urllib.parse.urljoin(path, action) or path, method, fields))
        return seen, names, forms

    def run(self, pages: int) -> None:
        started = time.monotonic()
        paths, names, forms = self.crawl(pages)
        names -= {"csrfmiddlewaretoken"}
        for path in paths:
            bare = path.split("?")[0]
            for value in VALUES:
                raw = value if value.startswith("%") else urllib.parse.quote(value, safe="")
                query = "&".join(f"{name}={raw}" for name in sorted(names))
                self.send("GET", f"{bare}?{query}")
                self.send("GET", f"{bare}?{raw}={raw}")
                self.send("GET", bare.rstrip("/") + "/" + raw[:2000] + "/")
            for headers in HEADERS:
                self.send("GET", path, headers=headers)
            for method in METHODS:
                self.send(method, path)
        for action, method, fields in forms:
            target = urllib.parse.urlsplit(action)
            local = target.path + (f"?{target.query}" if target.query else "")
            for value in VALUES:
                form = urllib.parse.urlencode({name: value for name in fields}).encode()
                if method == "post":
                    self.send(
                        "POST",
                        local,
                        headers={"Content-Type": "application/x-www-form-urlencoded"},
                        body=form,
                    )
                else:
                    self.send("GET", f"{local.split('?')[0]}?{form.decode()}")
            if method == "post":
                self.send(
                    "POST",
                    local,
                    headers={"Content-Type": "application/json"},
                    body=json.dumps({name: MARKER for name in fields}).encode(),
                )
                boundary = "bbsweep"
                multipart = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="text"; '
                    f'filename="x.txt"\r\nContent-Type: text/plain\r\n\r\n{MARKER}\r\n'
                    f"--{boundary}--\r\n"
                ).encode()
                self.send(
                    "POST",
                    local,
                    headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
                    body=multipart,
                )
        elapsed = time.monotonic() - started
        print(
            f"{self.requests} requests to {len(paths)} pages and {len(forms)} forms "
            f"({len(names)} parameter names) in {elapsed:.0f} s"
        )
        print("statuses:", dict(sorted(self.statuses.items(), key=lambda item: str(item[0]))))
        print(f"5xx or no answer: {len(self.server_errors)}")
        for line in self.server_errors[:40]:
            print("  ", line)
        print(f"marker script echoed unescaped in HTML: {len(self.reflected)}")
        for line in self.reflected[:40]:
            print("  ", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:8765")
    parser.add_argument("--pages", type=int, default=60, help="pages to crawl (default 60)")
    arguments = parser.parse_args()
    sweep = Sweep(arguments.base)
    sweep.run(arguments.pages)
    return 1 if sweep.server_errors or sweep.reflected else 0


if __name__ == "__main__":
    sys.exit(main())
