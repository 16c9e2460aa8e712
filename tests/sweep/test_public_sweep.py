"""The public sweep: every URL pattern outside the admin, driven with every hostile value.

Each pattern of config/urls.py (walked recursively, so a new one is found without being named
here) is requested with real path values from a small archive, with each of PATH_VALUES in each
path parameter, with every query parameter the views read set to each of HOSTILE_VALUES (alone
and repeated), with every wrong method, and, for the comment form, posted with hostile values in
every field; and again signed in as an editor, whose pages are rendered for them alone.
Whatever comes back must be under 500, no header may be split by a line break sent, and markup
sent must never come back unescaped. The admin has its own sweep (tests/sweep/test_admin_sweep.py).

A new URL pattern fails `test_every_public_url_pattern_is_swept` until it is given real values
and the parameters it reads below: coverage cannot rot silently.
"""

import inspect
import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from config import health, robots
from interviews import export_views, feeds, filters, sitemaps, views
from interviews.forms import CommentForm
from interviews.views import comment_receipt_token
from tests.interviews.small_archive import build_small_archive
from tests.media_files import attach_recording, make_wav, stamp_turns

from .hostile_values import (
    HOSTILE_METHODS,
    HOSTILE_VALUES,
    PATH_VALUES,
    RAW_PATH_SEGMENTS,
    SCRIPT,
)

# Markup that must never come back as it was sent.
MARKUP = [SCRIPT, HOSTILE_VALUES["attribute breakout"]]
# The filters every filtered list reads (interviews/filters.PARAMETERS), and the page number.
LIST_PARAMETERS = (
    "q", "person", "interviewee", "interviewer", "outlet", "topic", "year", "from", "to", "sort",
    "page",
)  # fmt: skip

# Every page takes GET and HEAD only, and says 405 to any other method, but these.
ACCEPTED_METHODS = {"interviews:comment_create": ("POST",)}
COOKIES = [
    'sessionid="abcdefgh\\000ijkl"',
    "sessionid=abcdefgh\x00ijkl",
    f"sessionid={SCRIPT}; csrftoken={SCRIPT}",
]
# Parameters that can end a page early (a 404 for a bad page number or letter, a redirect).
STOPPING = {"page", "p", "letter", "reply_to"}

# What each public URL pattern reads from the query string (found in its view), by name.
QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "home": (),
    "healthz": (),
    "readyz": (),
    "robots_txt": (),
    "sitemap": (),
    "sitemap_section": ("p",),
    "interviews:list": LIST_PARAMETERS,
    "interviews:list_json": LIST_PARAMETERS,
    "interviews:detail": ("reply_to",),
    "interviews:comment_create": (),
    "interviews:comment_new": ("reply_to",),
    "interviews:comment_posted": (),
    "interviews:search_within": ("q",),
    "interviews:people_index": ("letter", "page"),
    "interviews:topic_index": ("page",),
    "interviews:outlet_index": ("page",),
    "interviews:outlet": LIST_PARAMETERS,
    "interviews:topic": LIST_PARAMETERS,
    "interviews:year": LIST_PARAMETERS,
    "interviews:person": (),
    "interviews:feed": (),
    "interviews:topic_feed": (),
    "interviews:outlet_feed": (),
    "interviews:person_feed": (),
    "interviews:export_md": (),
    "interviews:export_txt": (),
    "interviews:export_json": (),
    "interviews:subtitles": (),
    "media": (),
}


def route_of(pattern: str) -> str:
    """A re_path's pattern written as a path() route: "^media/(?P<path>.+)$" as "media/<path>"."""
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", pattern.removeprefix("^").removesuffix("$"))


def public_patterns(resolvers=None, prefix="", namespace="") -> dict[str, str]:
    """Every named URL pattern outside the admin, as {"namespace:name": "route/<conv:name>/"}."""
    found = {}
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= public_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"every public URL pattern has a name: {prefix}{entry.pattern}"
            found[f"{namespace}{entry.name}"] = prefix + route_of(str(entry.pattern))
    return found


PATTERNS = public_patterns()


def real_path_values(name: str, archive) -> dict[str, str]:
    """Values for the pattern's path parameters that name something in `archive`."""
    interview = archive["one"]
    comment = interview.comments.first()
    by_name = {
        "sitemap_section": {"section": "interviews"},
        "interviews:detail": {"slug": interview.slug},
        "interviews:comment_create": {"slug": interview.slug},
        "interviews:comment_new": {"slug": interview.slug},
        "interviews:comment_posted": {
            "slug": interview.slug,
            "token": comment_receipt_token(comment),
        },
        "interviews:search_within": {"slug": interview.slug},
        "interviews:outlet": {"slug": "alpha"},
        "interviews:topic": {"slug": "keras"},
        "interviews:year": {"year": "2016"},
        "interviews:person": {"slug": "ana"},
        "interviews:topic_feed": {"slug": "keras"},
        "interviews:outlet_feed": {"slug": "alpha"},
        "interviews:person_feed": {"slug": "ana"},
        "interviews:export_md": {"slug": interview.slug},
        "interviews:export_txt": {"slug": interview.slug},
        "interviews:export_json": {"slug": interview.slug},
        "interviews:subtitles": {"slug": interview.slug},
        "media": {"path": interview.recording.file.name},
    }
    return by_name.get(name, {})


def quoted_real_path_values(name: str, archive) -> dict[str, str]:
    """`real_path_values` as sent in a URL: encoded, but a media path keeps its folders."""
    return {
        key: quote(value, safe="/" if name == "media" else "")
        for key, value in real_path_values(name, archive).items()
    }


def path_for(route: str, values: dict[str, str]) -> str:
    """The route with each <converter:name> replaced by its value, as sent (already encoded)."""
    path = route
    for name, value in values.items():
        start = path.index("<")
        end = path.index(">", start)
        assert path[start + 1 : end].split(":")[-1] == name
        path = path[:start] + value + path[end + 1 :]
    assert "<" not in path, f"a path parameter of {route} has no value"
    return "/" + path


@pytest.fixture
def archive(make_interview, make_person, make_outlet, make_topic, tmp_path):
    archive = build_small_archive(make_interview, make_person, make_outlet, make_topic)
    archive["one"].comments.create(
        author_name="Reader", text="A public comment.", status="public", position=1
    )
    # A video with its turns timed: the player, the subtitles and the media file are swept too.
    stamp_turns(archive["one"], 2)
    attach_recording(archive["one"], make_wav(tmp_path / "talk.wav", seconds=1), kind="video")
    return archive


@pytest.fixture
def sweeper(settings):
    """A client that shows a server error as its status, and checks every answer it gets."""
    # The comment posts below are not stopped by the rate limit before they reach the database.
    settings.COMMENT_RATE_LIMIT = "100000/1"
    # The site's own media view answers (as in development), so its paths are swept too.
    settings.MEDIA_SERVED_BY_APP = True
    client = Client(raise_request_exception=False)
    return Sweeper(client)


class Sweeper:
    def __init__(self, client: Client):
        self.client = client

    def check(self, response, what: str):
        assert response.status_code < 500, f"{what}: {response.status_code}"
        for header, value in response.items():
            assert "\r" not in value and "\n" not in value, f"{what}: {header} split"
        if response.streaming:
            return
        body = response.content.decode("utf-8", "replace")
        content_type = response.get("Content-Type", "")
        # JSON is not markup: "<" in a JSON string is data, and browsers do not sniff it
        # (X-Content-Type-Options: nosniff).
        if content_type.startswith("application/json"):
            assert response["X-Content-Type-Options"] == "nosniff", what
            return
        for markup in MARKUP:
            assert markup not in body, f"{what}: {markup!r} came back unescaped"

    def get(self, path: str, query: str = "", what: str = "", **extra):
        url = f"{path}?{query}" if query else path
        return self.check(self.client.get(url, **extra), what or url)

    def request(self, method: str, path: str, what: str = "", **extra):
        response = self.client.generic(method, path, HTTP_ORIGIN="http://testserver", **extra)
        self.check(response, what or f"{method} {path}")
        return response


@pytest.mark.parametrize("name", sorted(QUERY_PARAMETERS))
def test_a_public_page_answers_every_hostile_request_below_500(sweeper, archive, name):
    route = PATTERNS[name]
    real = quoted_real_path_values(name, archive)
    path = path_for(route, real)

    sweeper.get(path)
    sweeper.check(sweeper.client.head(path), f"HEAD {path}")
    for method in HOSTILE_METHODS:
        response = sweeper.request(method, path)
        if method not in ACCEPTED_METHODS.get(name, ()):
            assert response.status_code == 405, f"{method} {path}: {response.status_code}"
    # Each path parameter in turn: every hostile value, percent-encoded, and broken encodings.
    for parameter in real:
        for value in [quote(each, safe="") for each in PATH_VALUES.values()] + RAW_PATH_SEGMENTS:
            sweeper.get(path_for(route, {**real, parameter: value}))
    parameters = QUERY_PARAMETERS[name]
    # The filters are each read and reported on their own, so they are sent together; a page
    # number (or a letter, a reply) can stop a page before the rest is read, so it goes alone.
    together = [each for each in parameters if each not in STOPPING]
    alone = [each for each in parameters if each in STOPPING]
    for label, value in HOSTILE_VALUES.items():
        queries = [{each: value for each in together}, *({each: value} for each in alone)]
        # Each parameter repeated after a plausible value, and a hostile parameter name.
        queries.append({each: ["1", value] for each in parameters})
        queries.append({"unknown": value, value: "1"})
        for query in queries:
            sweeper.get(path, urlencode(query, doseq=True), f"{name} {sorted(query)}: {label}")
    # Cookies that are not the site's (an octal-escaped NUL, a raw one, markup): the session
    # is looked up by what the cookie holds, on a GET and on a POST.
    for cookie in COOKIES:
        sweeper.get(path, what=f"{name} with cookie {cookie!r}", HTTP_COOKIE=cookie)
        sweeper.request("POST", path, HTTP_COOKIE=cookie)


@pytest.mark.parametrize("name", sorted(QUERY_PARAMETERS))
def test_a_signed_in_editor_meets_no_500_either(sweeper, archive, editor, name):
    """Signed in, a page is rendered for the editor alone, with Django's CSRF token in its forms:
    another path through the same views."""
    sweeper.client.force_login(editor)
    real = quoted_real_path_values(name, archive)
    path = path_for(PATTERNS[name], real)
    parameters = QUERY_PARAMETERS[name]
    together = [each for each in parameters if each not in STOPPING]
    groups = [together, *([each] for each in parameters if each in STOPPING)]
    # A set: a page that reads nothing is asked once, not once per value.
    queries = {
        urlencode(dict.fromkeys(group, value))
        for value in HOSTILE_VALUES.values()
        for group in groups
    }
    for query in sorted(queries):
        sweeper.get(path, query, f"{name} signed in: {query[:80]}")
    sweeper.request("POST", path)


def comment_fields(**fields) -> dict[str, str]:
    return {"author_name": "Ada", "author_url": "", "text": "A fine read.", "parent": ""} | fields


@pytest.mark.parametrize("field", sorted(CommentForm.base_fields))
def test_the_comment_form_answers_every_hostile_value_below_500(sweeper, archive, field):
    interview = archive["one"]
    path = path_for(PATTERNS["interviews:comment_create"], {"slug": interview.slug})
    for label, value in HOSTILE_VALUES.items():
        for data in (comment_fields(**{field: value}), {field: [value, value]}):
            response = sweeper.client.post(path, data, HTTP_ORIGIN="http://testserver")
            sweeper.check(response, f"comment {field}: {label}")


def test_the_sweep_reaches_a_form_error_and_a_saved_comment(sweeper, archive):
    """The comment sweep is not refused before the form: it meets the form and the database."""
    path = path_for(PATTERNS["interviews:comment_create"], {"slug": archive["one"].slug})
    refused = sweeper.client.post(path, comment_fields(text=""), HTTP_ORIGIN="http://testserver")
    posted = sweeper.client.post(path, comment_fields(), HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 400
    assert "Please write a comment." in refused.content.decode()
    assert posted.status_code == 302
    assert archive["one"].comments.filter(text="A fine read.").exists()


def test_every_public_url_pattern_is_swept():
    assert set(PATTERNS) == set(QUERY_PARAMETERS), (
        "a URL pattern was added or removed: say in QUERY_PARAMETERS what it reads, and in "
        "real_path_values what its path parameters name"
    )


# Where the public views read the query string and forms: a name read there must be swept.
READ_PARAMETER = re.compile(r"""request\.(?:GET|POST)(?:\.get|\.getlist)?[\[(]["'](\w+)["']""")
PUBLIC_VIEW_MODULES = [views, export_views, feeds, sitemaps, health, robots]


def test_every_parameter_a_public_view_reads_is_swept():
    read = {
        name
        for module in PUBLIC_VIEW_MODULES
        for name in READ_PARAMETER.findall(inspect.getsource(module))
    }
    # The filtered lists read theirs through the FilterSet, the search within through its form.
    read |= set(filters.PARAMETERS) | set(filters.SearchWithinForm.base_fields)
    swept = {name for names in QUERY_PARAMETERS.values() for name in names}
    swept |= set(CommentForm.base_fields)  # posted by the comment sweep
    assert read <= swept


@pytest.mark.parametrize("name", sorted(QUERY_PARAMETERS))
def test_the_real_values_find_a_page(client, archive, settings, name):
    """The sweep starts from a page that exists, so a hostile value is what changed."""
    settings.MEDIA_SERVED_BY_APP = True  # as the sweeper has it
    values = quoted_real_path_values(name, archive)
    path = path_for(PATTERNS[name], values)
    response = client.post(path, comment_fields()) if name.endswith("_create") else client.get(path)
    assert response.status_code in (200, 302), path
