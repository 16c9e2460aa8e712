"""A black-box hostile sweep of the admin's imports, against a running server; prints figures.

Issue 12 says no step of the import may answer 500 whatever value is posted. This walks every
step as an editor's browser would (paste, the draft's preview and each of its buttons, "Import
JSON export", "Unfinished imports") and, for each posted field, sends hostile values: empty,
missing, 100k characters, NUL, "²", "١٢", -1, 0, a huge number, 1e9, "abc", "[]", "{}", an
unpaired surrogate (%ED%A0%80), the field twice, huge TOTAL_FORMS, other users' and deleted
drafts' ids, the same in the query string (page=, merge=, draft=), and methods other than GET
and POST. It counts the answers by status and lists every 5xx (the server's log has the
traceback). Standard library only; it downloads nothing and talks to the given server only.

Run it against a server in production mode (DJANGO_DEBUG unset) with two staff accounts: a
superuser and an editor who is not one (is_staff, with the add/change/view_interview and
view_person/outlet/topic permissions). Plain http, so without https redirects or secure cookies:

    export DATABASE_URL=sqlite:////tmp/sweep.db   # or postgres://postgres@127.0.0.1:5432/ia_sweep
    DJANGO_DEBUG=1 .venv/bin/python manage.py migrate
    DJANGO_DEBUG=1 .venv/bin/python manage.py loaddata sample_archive
    DJANGO_DEBUG=1 .venv/bin/python manage.py collectstatic --noinput
    # ...create the two users (manage.py shell), then:
    DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 \\
      DJANGO_SECURE_COOKIES=0 DJANGO_LOGIN_FAILURE_LIMIT=1000 \\
      .venv/bin/gunicorn config.wsgi -c gunicorn.conf.py -b 127.0.0.1:8731
    .venv/bin/python bench/hostile_import_sweep.py --port 8731 \\
      --superuser sweeper:sweep-pass-1 --editor editor2:sweep-pass-2

It writes drafts and interviews into that database: use a scratch one. Exit status 1 if any
answer was a 5xx.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import re
import sys
import time
import uuid
from html import unescape
from urllib.parse import quote_plus

ADMIN = "/admin/interviews/interview/"
PASTE = ADMIN + "import/"
JSON_IMPORT = ADMIN + "import-json/"
DRAFTS = "/admin/interviews/importdraft/"

TRANSCRIPT = """Interviewer: Ada Sweep
Interviewee: Bo Hostile

ADA: Why test with hostile values?
BO: Because browsers are not the only clients.

That is the second paragraph of the answer.
ADA: And what does a 500 mean?
BO: A bug that the server did not see coming.
Q: Anything else?
A: No.
"""


class Raw(str):
    """A value already percent-encoded, sent as is (an unpaired surrogate, say)."""


MISSING = object()
DUPLICATE = object()  # the field twice: its usual value, then "abc"

HOSTILE = {
    "empty": "",
    "missing": MISSING,
    "long": "x" * 100_000,
    "nul": "a\x00b",
    "superscript": "²",
    "arabic-digits": "١٢",
    "minus-one": "-1",
    "zero": "0",
    "huge": "99999999999999999999",
    "1e9": "1e9",
    "abc": "abc",
    "list": "[]",
    "object": "{}",
    "surrogate": Raw("%ED%A0%80"),
    "surrogate-in-text": Raw("a%ED%A0%80b"),
    "duplicate": DUPLICATE,
}
STRANGE_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND"]


class Client:
    """One browser: its cookies, a new connection per request."""

    def __init__(self, host: str, port: int, stats: Stats):
        self.host, self.port, self.stats = host, port, stats
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=b"", content_type=None, label="", headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=180)
        sent = {"Host": self.host, "Referer": f"http://{self.host}:{self.port}{path}"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
        if content_type:
            sent["Content-Type"] = content_type
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body or None, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";")[0]
            location = response.getheader("Location") or ""
        except (OSError, http.client.HTTPException) as error:
            status, text, location = 0, str(error), ""
        finally:
            connection.close()
        self.stats.count(status, method, path, label)
        return status, text, location

    def get(self, path, label=""):
        return self.request("GET", path, label=label)

    def post(self, path, fields, label="", query=""):
        body = encode_form(fields)
        return self.request(
            "POST", path + query, body, "application/x-www-form-urlencoded", label=label
        )

    def post_multipart(self, path, fields, files, label="", content_type=None):
        boundary = "sweep" + uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + field_bytes(value)
                + b"\r\n"
            )
        for name, file_name, content in files:
            parts.append(
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{name}"; filename="'.encode()
                + file_name
                + b'"\r\nContent-Type: text/plain\r\n\r\n'
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            "POST",
            path,
            body,
            content_type or f"multipart/form-data; boundary={boundary}",
            label=label,
        )

    def login(self, username, password):
        _, page, _ = self.get("/admin/login/", label="login page")
        token = csrf_token(page)
        status, _, _ = self.post(
            "/admin/login/",
            [
                ("csrfmiddlewaretoken", token),
                ("username", username),
                ("password", password),
                ("next", "/admin/"),
            ],
            label="login",
        )
        if status != 302:
            sys.exit(f"Could not sign in as {username}: {status}")

    def token(self):
        return self.cookies.get("csrftoken", "")


def field_bytes(value) -> bytes:
    if isinstance(value, Raw):
        from urllib.parse import unquote_to_bytes

        return unquote_to_bytes(value)
    return str(value).encode("utf-8")


def encode_form(fields) -> bytes:
    pairs = []
    for name, value in fields:
        encoded = value if isinstance(value, Raw) else quote_plus(str(value))
        pairs.append(f"{quote_plus(name)}={encoded}")
    return "&".join(pairs).encode("ascii")


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found[1] if found else ""


def with_value(fields, name, value):
    """The form's fields with `name` set to a hostile value (or left out, or sent twice)."""
    result = [(n, v) for n, v in fields if n != name]
    original = [v for n, v in fields if n == name]
    if value is MISSING:
        return result
    if value is DUPLICATE:
        return [*result, *((name, v) for v in original or ["1"]), (name, "abc")]
    return [*result, (name, value)]


def form_fields(page: str) -> list[tuple[str, str]]:
    """The fields a browser would post from the page's first POST form (no button)."""
    form = re.search(r'<form method="post".*?</form>', page, re.S)
    html = form[0] if form else page
    fields = []
    for tag in re.finditer(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag[0]))
        if "name" not in attrs or attrs.get("type") in ("submit", "button", "file"):
            continue
        checkable = attrs.get("type") in ("checkbox", "radio")
        if checkable and " checked" not in tag[0]:
            continue
        value = attrs.get("value", "on" if checkable else "")
        fields.append((unescape(attrs["name"]), unescape(value)))
    for area in re.finditer(r'<textarea\b[^>]*\sname="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields.append((unescape(area[1]), unescape(area[2]).removeprefix("\n")))
    for select in re.finditer(r'<select\b[^>]*\sname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select[2])
        multiple = "multiple" in select[0].split(">")[0]
        if multiple:
            fields.extend((unescape(select[1]), unescape(v)) for v in chosen)
        else:
            first = re.search(r'<option value="([^"]*)"', select[2])
            value = chosen[0] if chosen else (first[1] if first else "")
            fields.append((unescape(select[1]), unescape(value)))
    return fields


class Stats:
    def __init__(self):
        self.by_status = collections.Counter()
        self.by_step = collections.defaultdict(collections.Counter)
        self.errors: list[str] = []

    def count(self, status, method, path, label):
        self.by_status[status] += 1
        step = label.split(" ")[0] if label else "other"
        self.by_step[step][status] += 1
        if status >= 500 or status == 0:
            self.errors.append(f"{status} {method} {path[:120]} [{label}]")

    def total(self):
        return sum(self.by_status.values())


class Sweep:
    def __init__(self, editor: Client, superuser: Client, stats: Stats):
        self.editor, self.superuser, self.stats = editor, superuser, stats
        self.draft_id: int | None = None
        self.uses = 0
        self.preview_actions: list[str] = []

    # --- drafts -------------------------------------------------------------------------------

    def new_draft(self, client=None, text=TRANSCRIPT) -> int:
        client = client or self.editor
        status, _, location = client.post(
            PASTE,
            [("csrfmiddlewaretoken", client.token()), ("text", text), ("format", "auto")],
            label="setup paste",
        )
        found = re.search(r"/import/(\d+)/", location)
        if status != 302 or not found:
            sys.exit(f"Could not make a draft: {status} {location}")
        return int(found[1])

    def draft(self, fresh=False) -> int:
        self.uses += 1
        if fresh or self.draft_id is None or self.uses > 15:
            self.draft_id, self.uses = self.new_draft(), 0
        return self.draft_id

    def preview_fields(self, draft_id):
        status, page, _ = self.editor.get(f"{PASTE}{draft_id}/", label="setup preview")
        if status != 200:
            return None
        return form_fields(page)

    # --- the steps ------------------------------------------------------------------------------

    def paste(self):
        client = self.editor
        other = self.new_draft(self.superuser)
        gone = self.new_draft()
        self.draft_id = None
        self.editor_post_draft_action(gone, "discard")
        base = [
            ("csrfmiddlewaretoken", client.token()),
            ("text", TRANSCRIPT),
            ("interviewers", "Ada Sweep"),
            ("interviewees", "Bo Hostile"),
            ("format", "auto"),
            ("source_url", ""),
            ("outlet", ""),
            ("draft", ""),
        ]
        values = {**HOSTILE, "other-users-draft": str(other), "deleted-draft": str(gone)}
        for name, _ in base[1:]:
            for label, value in values.items():
                client.post(PASTE, with_value(base, name, value), label=f"paste {name}={label}")
                fields = [(n, v) for n, v in with_value(base, name, value) if n != "text"]
                client.post_multipart(
                    PASTE,
                    fields,
                    [("file", b"t.txt", TRANSCRIPT.encode())] if name != "text" else [],
                    label=f"paste-multipart {name}={label}",
                )
        # The file itself: its bytes and its name.
        contents = {
            "empty": b"",
            "nul": TRANSCRIPT.encode().replace(b"Why", b"W\x00hy"),
            "only-nul": b"\x00" * 100,
            "latin1": TRANSCRIPT.encode("latin-1", "replace") + b"\xe9\xff",
            "surrogate": TRANSCRIPT.encode() + b"\xed\xa0\x80",
            "bom": b"\xef\xbb\xbf" + TRANSCRIPT.encode(),
            "utf16": TRANSCRIPT.encode("utf-16"),
            "long-line": b"ADA: " + b"x" * 1_500_000,
            "over-limit": b"ADA: hi\n" * 400_000,
            "binary": bytes(range(256)) * 10,
        }
        names = {
            "plain": b"t.txt",
            "empty": b"",
            "dots": b"..",
            "path": b"../../etc/passwd",
            "nul": b"a\x00b.txt",
            "long": b"n" * 5000 + b".txt",
            "surrogate": b"\xed\xa0\x80.txt",
            "latin1": b"\xe9t\xe9.txt",
            "quote": b'a"b.txt',
        }
        common = [("csrfmiddlewaretoken", client.token()), ("format", "auto")]
        for label, content in contents.items():
            client.post_multipart(PASTE, common, [("file", b"t.txt", content)], f"file {label}")
        for label, file_name in names.items():
            client.post_multipart(
                PASTE, common, [("file", file_name, TRANSCRIPT.encode())], f"file-name {label}"
            )
        client.post_multipart(
            PASTE,
            [*common, ("text", TRANSCRIPT)],
            [("file", b"t.txt", TRANSCRIPT.encode())],
            "file text-and-file",
        )
        client.post_multipart(
            PASTE,
            common,
            [("file", b"a.txt", TRANSCRIPT.encode()), ("file", b"b.txt", b"x")],
            "file two-files",
        )
        # Broken bodies and content types.
        for label, content_type in {
            "no-boundary": "multipart/form-data",
            "bad-boundary": "multipart/form-data; boundary=\x7f",
            "bad-charset": "multipart/form-data; boundary=zz; charset=bogus-charset",
            "utf16-charset": "multipart/form-data; boundary=zz; charset=utf-16",
            "urlencoded-latin1": "application/x-www-form-urlencoded; charset=latin-1",
            "urlencoded-bogus": "application/x-www-form-urlencoded; charset=bogus",
            "json": "application/json",
            "text": "text/plain",
            "non-ascii": "multipart/form-data; boundary=zé",
        }.items():
            body = (
                b'--zz\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                + client.token().encode()
                + b'\r\n--zz\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
                + TRANSCRIPT.encode()
                + b"\r\n--zz--\r\n"
            )
            client.request(
                "POST",
                PASTE,
                body,
                content_type.encode("utf-8").decode("latin-1"),
                label=f"body {label}",
            )
        for label, body in {
            "truncated": b'--zz\r\nContent-Disposition: form-data; name="text"\r\n\r\nabc',
            "no-headers": b"--zz\r\n\r\n\r\nabc\r\n--zz--",
            "garbage": b"\x00\xff" * 1000,
            "base64": b'--zz\r\nContent-Disposition: form-data; name="text"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64\r\n--zz--\r\n",
            "base64-file": b'--zz\r\nContent-Disposition: form-data; name="file"; '
            b'filename="a.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!x\r\n--zz--\r\n',
        }.items():
            client.request(
                "POST", PASTE, body, "multipart/form-data; boundary=zz", label=f"body {label}"
            )
        lengths = {"negative": "-1", "abc": "abc", "huge": "99999999999999999999"}
        for label, length in lengths.items():
            client.request(
                "POST",
                PASTE,
                b"text=a",
                "application/x-www-form-urlencoded",
                label=f"body content-length-{label}",
                headers={"Content-Length": length},
            )
        # The paste page's query string: the draft gone back from.
        for label, value in values.items():
            for query in self.queries("draft", value):
                client.get(PASTE + query, label=f"paste-get draft={label}")

    def queries(self, name, value):
        if value is MISSING:
            return ["?"]
        if value is DUPLICATE:
            return [f"?{name}=1&{name}=abc"]
        encoded = value if isinstance(value, Raw) else quote_plus(str(value))
        return [f"?{name}={encoded}"]

    def editor_post_draft_action(self, draft_id, action):
        fields = self.preview_fields(draft_id) or []
        return self.editor.post(
            f"{PASTE}{draft_id}/",
            [("csrfmiddlewaretoken", self.editor.token()), *fields, ("action", action)],
            label=f"setup {action}",
        )

    def preview(self):
        actions = self.preview_actions or [
            "update",
            "save",
            "back",
            "discard",
            "add_speaker",
            "map",
            "trim",
            "merge:2",
            "merge:2:none",
            "merge:2:s1",
            "split:2",
            "split:3",
            "page:1",
        ]
        extra_fields = {
            "add_speaker": [("add-name", "Cy New"), ("add-role", "")],
            "map": [("map-label", "ADA"), ("map-speaker", "")],
            "trim": [("trim-first", "1"), ("trim-last", "2")],
        }
        for action in actions:
            # Every field of the page, hostile, for the edits that keep the draft; the fields
            # that matter to the others (saving reads all of them).
            for name in self.fields_for(action, extra_fields.get(action, [])):
                for label, value in HOSTILE.items():
                    fresh = action in ("save", "discard", "back")
                    self.preview_post(
                        action,
                        name,
                        value,
                        f"preview-{action} {name}={label}",
                        extra_fields.get(action, []),
                        fresh=fresh,
                    )
        # The button's own value.
        for template in ["merge:{}", "split:{}", "page:{}", "merge:2:{}", "{}"]:
            for label, value in HOSTILE.items():
                if value is MISSING or value is DUPLICATE or isinstance(value, Raw):
                    continue
                self.preview_post(
                    template.format(value),
                    "action",
                    template.format(value),
                    f"preview-action {template}={label}",
                    [],
                    fresh=False,
                )
        for value in [
            "merge:1",
            "merge:9999999",
            "split:9999999",
            "page:9999999",
            "merge:0",
            "merge:2:zz",
            "split:2:s1",
            "page:0",
            "merge:3:s2",
            "update:1",
        ]:
            self.preview_post(value, "action", value, f"preview-action {value}", [], fresh=False)
        # The query strings of the preview page, read and posted.
        other = self.new_draft(self.superuser)
        gone = self.new_draft()
        self.editor_post_draft_action(gone, "discard")
        long_draft = self.new_draft(
            text=TRANSCRIPT + "".join(f"ADA: Question {n}?\nBO: Answer {n}.\n" for n in range(120))
        )
        for label, value in HOSTILE.items():
            for name in ("page", "merge"):
                for query in self.queries(name, value):
                    for draft in (self.draft(), long_draft):
                        self.editor.get(
                            f"{PASTE}{draft}/{query}", label=f"preview-get {name}={label}"
                        )
                        fields = self.preview_fields(draft) or []
                        self.editor.post(
                            f"{PASTE}{draft}/",
                            [
                                ("csrfmiddlewaretoken", self.editor.token()),
                                *fields,
                                ("action", "update"),
                            ],
                            query=query,
                            label=f"preview-post-query {name}={label}",
                        )
        # Drafts that are not the editor's, or no longer exist, or are no drafts at all.
        for label, draft in {
            "other-users": other,
            "deleted": gone,
            "zero": 0,
            "huge": 99999999999999999999,
            "max": 2**63 - 1,
        }.items():
            self.editor.get(f"{PASTE}{draft}/", label=f"preview-draft {label}")
            for action in ("update", "save", "discard", "back", "merge:2", "page:2"):
                self.editor.post(
                    f"{PASTE}{draft}/",
                    [("csrfmiddlewaretoken", self.editor.token()), ("action", action)],
                    label=f"preview-draft {label} {action}",
                )
        for path in ("abc/", "-1/", "%ED%A0%80/", "1.5/", "%00/"):
            self.editor.get(PASTE + path, label=f"preview-draft path {path}")

    def fields_for(self, action, extra):
        fields = self.preview_fields(self.draft(fresh=True)) or []
        names = list(dict.fromkeys(n for n, _ in [*fields, *extra] if n != "csrfmiddlewaretoken"))
        if action in ("update", "save"):
            return names
        important = {
            "speakers-TOTAL_FORMS",
            "turns-TOTAL_FORMS",
            "turns-INITIAL_FORMS",
            "turns-0-text",
            "turns-1-text",
            "turns-1-speaker",
            "turns-0-timestamp",
            "speakers-0-person",
            "title",
            "outlet",
            "topics",
            "status",
        }
        return [n for n in names if n in important or n.split("-")[0] in ("map", "add", "trim")]

    def preview_post(self, action, name, value, label, extra, fresh):
        draft = self.draft(fresh=fresh)
        fields = self.preview_fields(draft)
        if fields is None:
            draft = self.draft(fresh=True)
            fields = self.preview_fields(draft) or []
        fields = [("csrfmiddlewaretoken", self.editor.token()), *fields, *extra, ("action", action)]
        if action == "save":
            fields = savable(fields)
        if name == "action":
            fields = [(n, v) for n, v in fields if n != "action"] + [("action", value)]
        else:
            fields = with_value(fields, name, value)
        status, _, location = self.editor.post(f"{PASTE}{draft}/", fields, label=label)
        if status == 302 and f"/import/{draft}/" not in location:
            self.draft_id = None

    def json_import(self):
        client = self.editor
        _, listing, _ = client.get("/interviews.json", label="setup export-list")
        slugs = re.findall(r'"/interviews/([^/"]+)/"', listing) or re.findall(
            r'"slug": "([^"]+)"', listing
        )
        _, export_text, _ = client.get(f"/interviews/{slugs[0]}/export.json", label="setup export")
        export = json.loads(export_text)
        base = [
            ("csrfmiddlewaretoken", client.token()),
            ("text", export_text),
            ("status", "draft"),
            ("if_already_here", "new"),
        ]
        for name in ("text", "status", "if_already_here"):
            for label, value in HOSTILE.items():
                fields = with_value(base, name, value)
                client.post(JSON_IMPORT, fields, label=f"json {name}={label}")
        contents = {
            "empty": b"",
            "nul": b"\x00",
            "latin1": b"\xe9",
            "surrogate": b'"\xed\xa0\x80"',
            "bom": b"\xef\xbb\xbf" + export_text.encode(),
            "deep": b"[" * 100_000,
            "valid": export_text.encode(),
        }
        for label, content in contents.items():
            client.post_multipart(
                JSON_IMPORT,
                base[2:] + base[:1],
                [("file", b"e.json", content)],
                label=f"json-file {label}",
            )
        # Each value of the export, replaced by hostile JSON.
        hostile_json = {
            "null": None,
            "minus-one": -1,
            "zero": 0,
            "huge": 10**30,
            "float": 1e308,
            "nan": float("nan"),
            "empty": "",
            "list": [],
            "object": {},
            "nul": "a\x00b",
            "surrogate": "a\ud800b",
            "long": "x" * 100_000,
            "true": True,
            "superscript": "²",
            "bad-date": "2020-13-45",
        }
        for path in json_paths(export):
            for label, value in hostile_json.items():
                changed = json_replace(export, path, value)
                text = json.dumps(changed, allow_nan=True)
                client.post(
                    JSON_IMPORT,
                    with_value(base, "text", text),
                    label=f"json-value {'/'.join(map(str, path))}={label}",
                )
            changed = json_remove(export, path)
            client.post(
                JSON_IMPORT,
                with_value(base, "text", json.dumps(changed)),
                label=f"json-value {'/'.join(map(str, path))}=missing",
            )

    def drafts_admin(self):
        other = self.new_draft(self.superuser)
        mine = self.new_draft()
        gone = self.new_draft()
        self.editor_post_draft_action(gone, "discard")
        for client, who in ((self.editor, "editor"), (self.superuser, "superuser")):
            for label, value in {**HOSTILE, "other": str(other), "deleted": str(gone)}.items():
                for name in ("q", "o", "p", "e", "all", "owner__id__exact", "_changelist_filters"):
                    for query in self.queries(name, value):
                        client.get(DRAFTS + query, label=f"drafts-get {who} {name}={label}")
                for name in ("_selected_action", "action", "index", "select_across", "post"):
                    base = [
                        ("csrfmiddlewaretoken", client.token()),
                        ("action", "delete_selected"),
                        ("index", "0"),
                        ("select_across", "0"),
                        ("_selected_action", str(mine)),
                    ]
                    for post in (False, True):
                        fields = base + ([("post", "yes")] if post else [])
                        client.post(
                            DRAFTS,
                            with_value(fields, name, value),
                            label=f"drafts-post {who} {name}={label} post={post}",
                        )
                    if post and name == "_selected_action":
                        mine = self.new_draft()
            for draft in (other, gone, "abc", "0", "99999999999999999999", "%ED%A0%80", mine):
                for suffix in ("", "change/", "delete/", "history/"):
                    client.get(f"{DRAFTS}{draft}/{suffix}", label=f"drafts-object {who} {suffix}")
                client.post(
                    f"{DRAFTS}{draft}/delete/",
                    [("csrfmiddlewaretoken", client.token()), ("post", "yes")],
                    label=f"drafts-object {who} delete-post",
                )
            client.get(DRAFTS + "add/", label=f"drafts-object {who} add")

    def methods(self):
        draft = self.draft()
        for path in (PASTE, f"{PASTE}{draft}/", JSON_IMPORT, DRAFTS, f"{DRAFTS}{draft}/delete/"):
            for method in STRANGE_METHODS:
                self.editor.request(
                    method,
                    path,
                    b"text=a",
                    "application/x-www-form-urlencoded",
                    label=f"method {method}",
                )


def savable(fields):
    """The page's fields with what saving asks for: a title, and the new people confirmed, so
    that the hostile value reaches the save itself, not its first refusal."""
    fields = [(n, v or "Sweep interview") if n == "title" else (n, v) for n, v in fields]
    confirmed = [
        (n.replace("-new_name", "-confirmed"), "on")
        for n, v in fields
        if n.endswith("-new_name") and v
    ]
    return [*fields, *confirmed]


def json_paths(data, path=()):
    """Every key of the export, and the first item of each list, as paths into it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from json_paths(value, (*path, key))
    elif isinstance(data, list) and data:
        yield (*path, 0)
        yield from json_paths(data[0], (*path, 0))


def json_replace(data, path, value):
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def json_remove(data, path):
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return copy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--superuser", default="sweeper:sweep-pass-1")
    parser.add_argument("--editor", default="editor2:sweep-pass-2")
    parser.add_argument("--steps", default="paste,preview,json,drafts,methods")
    parser.add_argument(
        "--preview-actions", default="", help="only these buttons, comma-separated (all if empty)"
    )
    args = parser.parse_args()
    stats = Stats()
    editor, superuser = Client(args.host, args.port, stats), Client(args.host, args.port, stats)
    editor.login(*args.editor.split(":", 1))
    superuser.login(*args.superuser.split(":", 1))
    sweep = Sweep(editor, superuser, stats)
    sweep.preview_actions = [a for a in args.preview_actions.split(",") if a]
    steps = {
        "paste": sweep.paste,
        "preview": sweep.preview,
        "json": sweep.json_import,
        "drafts": sweep.drafts_admin,
        "methods": sweep.methods,
    }
    started = time.monotonic()
    try:
        for name in args.steps.split(","):
            steps[name]()
            print(
                f"after {name}: {stats.total()} requests, {dict(sorted(stats.by_status.items()))}",
                file=sys.stderr,
                flush=True,
            )
    except KeyboardInterrupt:  # Ctrl-C: the figures so far, said to be partial.
        print(f"interrupted during {name}: the figures are partial", file=sys.stderr)
    print(
        json.dumps(
            {
                "requests": stats.total(),
                "seconds": round(time.monotonic() - started),
                "by_status": dict(sorted(stats.by_status.items())),
                "by_step": {
                    step: dict(sorted(c.items())) for step, c in sorted(stats.by_step.items())
                },
                "errors": stats.errors,
            },
            indent=1,
        )
    )
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
