"""The admin driven with hostile values through every door it has (issue 18): no answer is a 5xx,
and no markup sent comes back unescaped.

Nothing here names a page: the doors are read from `admin.site` when the tests are collected.
Every registered ModelAdmin gives its change list (search, ordering, page, each list filter and
a few lookups), its actions, its add and change forms, its object pages (change, history,
delete) and every URL of its own (`get_urls()`: the import wizard, reversion's recover and
revision pages, whatever a new admin adds); the admin site gives its login, logout, password,
autocomplete, app index and view-on-site pages. Forms are read from the page as a browser reads
them, then posted with hostile values: all fields at once for every value, and one field at a
time for the values most likely to get past a form (`ONE_FIELD_VALUES`).
`test_every_admin_url_is_swept` fails when an admin URL appears that these doors do not reach.
"""

import dataclasses
import io
import json
import logging
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import lxml.html
import PIL.Image
import pytest
from axes.models import AccessFailureLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from interviews.importing.models import ImportDraft
from interviews.models import Figure, Interview, Recording

from .hostile_values import HOSTILE_METHODS, HOSTILE_VALUES, PATH_VALUES, SCRIPT

BREAKOUT = HOSTILE_VALUES["attribute breakout"]
# Sent in every field, one field at a time: what a form's own validation is most likely to let
# through to the database (lengths, digits, dates, NUL) and what must come back escaped.
ONE_FIELD_VALUES = [
    HOSTILE_VALUES[name]
    for name in (
        "superscript two",
        "twenty digits",
        "nul inside",
        "year ten thousand",
        "over-long",
    )
]
# One value of each kind in the table, for the doors tried with many parameters or fields (each
# change list parameter, each action): the whole table goes through the search box, the ids in
# a path, and every form's fields all at once.
EACH_KIND = [
    HOSTILE_VALUES[name]
    for name in (
        "superscript two",
        "nul inside",
        "twenty digits",
        "negative",
        "year ten thousand",
        "regex open group",
        "script",
        "over-long",
    )
]
# Sent in every field at once with each kind of button pressed.
BUTTON_VALUES = [HOSTILE_VALUES["twenty digits"], HOSTILE_VALUES["over-long"]]
# Values a path converter `<int:...>` accepts: only digits reach the view.
INT_PATH_VALUES = ["0", "12345678901234567890", "9" * 30]
# Lookups every change list is tried with, besides its own filters: a row's id, a relation's
# id and a date, as a hand-made address writes them.
GENERIC_LOOKUPS = ["pk__in", "id__regex", "pk__gte"]
CHANGELIST_PARAMETERS = ["q", "o", "p", "e", "_facets", "_to_field"]
# The converters the sweep knows how to fill; a URL with another fails the coverage test.
KNOWN_CONVERTERS = {"path", "int", "str"}
STANDARD_VIEWS = {"changelist", "add", "change", "history", "delete"}


# --- What the admin has, read from admin.site ------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Route:
    """One URL pattern of the admin: its full route below /admin/, and whose it is."""

    route: str
    name: str | None
    model_admin: admin.ModelAdmin | None = None

    @property
    def label(self) -> str:
        return self.route or "index"

    @property
    def parameters(self) -> list[tuple[str, str]]:
        """(converter, name) of each `<converter:name>` in the route."""
        return re.findall(r"<(?:(\w+):)?(\w+)>", self.route)

    @property
    def is_standard(self) -> bool:
        if self.model_admin is None or self.name is None:
            return False
        opts = self.model_admin.opts
        return self.name in {f"{opts.app_label}_{opts.model_name}_{v}" for v in STANDARD_VIEWS}


def model_admins() -> list[admin.ModelAdmin]:
    return sorted(admin.site._registry.values(), key=lambda each: str(each.opts))


def model_admin_routes(model_admin: admin.ModelAdmin) -> list[Route]:
    opts = model_admin.opts
    prefix = f"{opts.app_label}/{opts.model_name}/"
    return [
        Route(prefix + str(pattern.pattern), pattern.name, model_admin)
        for pattern in model_admin.get_urls()
        # The catch-all "<path:object_id>/" redirects to the change page: swept with it.
        if pattern.name is not None
    ]


def site_routes() -> list[Route]:
    return [
        Route(str(pattern.pattern), pattern.name)
        for pattern in admin.site.get_urls()
        if isinstance(pattern, URLPattern) and pattern.name is not None
    ]


def custom_routes() -> list[Route]:
    """Every URL a ModelAdmin adds to Django's five (and the site's own pages)."""
    routes = [r for m in model_admins() for r in model_admin_routes(m) if not r.is_standard]
    return routes + [r for r in site_routes() if r.name not in SITE_PAGE_TESTS]


def resolved_admin_routes() -> set[str]:
    """Every named route the URL resolver serves under /admin/, walked from the resolver."""
    (admin_root,) = [
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "admin/"
    ]
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif pattern.name is not None:
                found.add(prefix + str(pattern.pattern))

    walk(admin_root.url_patterns, "")
    return found


# The site's pages with a test of their own below (the rest are swept as custom URLs).
SITE_PAGE_TESTS = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "autocomplete",
    "index",
    "app_list",
    "jsi18n",
    "view_on_site",
}


def admin_id(model_admin: admin.ModelAdmin) -> str:
    return str(model_admin.opts)


# --- The archive the sweep runs on, and the users it runs as ---------------------------------


@pytest.fixture
def archive(make_interview, make_topic, admin_user, editor, settings):
    """At least one row of every model the admin shows, so that each page lists and opens one."""
    interview = make_interview(turns=4, comments=2, topics=[make_topic()])
    make_interview(turns=2, status=Interview.Status.DRAFT)
    Recording.objects.create(interview=interview, external_url="https://example.org/a.mp3")
    Figure.objects.create(
        turn=interview.turns.first(), image=small_png("figure.png"), alt_text="A bee"
    )
    ImportDraft.objects.create(
        owner=admin_user,
        title="A draft",
        source="paste",
        state=draft_state(admin_user),
    )
    # A login and a failure (a success resets its username's failures), for django-axes' lists.
    settings.AXES_ENABLED = True
    Client().post("/admin/login/", {"username": "admin", "password": "password"})
    Client().post("/admin/login/", {"username": "nobody", "password": "wrong"})
    settings.AXES_ENABLED = False
    AccessFailureLog.objects.create(
        username="nobody", ip_address="127.0.0.1", user_agent="sweep", path_info="/admin/login/"
    )
    return interview


def small_png(name: str) -> ContentFile:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (4, 3), "gold").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def draft_state(user) -> dict:
    """A draft as the import's step 1 stores it, from a short paste."""
    client = Client()
    client.force_login(user)
    response = client.post(
        "/admin/interviews/interview/import/",
        {"text": "Q: Why bees?\nA: Because they dance.\nQ: And then?\nA: Honey."},
    )
    assert response.status_code == 302, response.content[:500]
    draft = ImportDraft.objects.get(pk=re.findall(r"/import/(\d+)/", response["Location"])[0])
    state = draft.state
    draft.delete()
    return state


@pytest.fixture
def superuser_client(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.fixture
def staff_client(editor):
    """A staff member with some permissions (the Editors group's) and not others."""
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client


def first_pk(model_admin: admin.ModelAdmin) -> str | None:
    row = model_admin.model._default_manager.order_by("pk").first()
    return None if row is None else str(row.pk)


# --- Driving a page, and what every answer must be -----------------------------------------


class Sweep:
    """Sends requests, and keeps every answer that is a 5xx or echoes markup unescaped."""

    def __init__(self, client: Client, caplog):
        self.client = client
        self.caplog = caplog
        self.failures: list[str] = []

    def send(self, method: str, url: str, data=None, *, sent=()):
        response = self.client.generic(method, url, **self._body(method, data))
        self.check(response, f"{method} {url[:150]!r} {_short(data)}", sent)
        return response

    def get(self, url: str, params: dict | list | None = None):
        query = urlencode(params or {}, doseq=True)
        values = [v for _, v in (params.items() if isinstance(params, dict) else params or [])]
        return self.send("GET", f"{url}?{query}" if query else url, sent=values)

    def post(self, url: str, data: dict):
        return self.send("POST", url, data, sent=[*data.values()])

    def _body(self, method, data):
        if method == "GET" or data is None:
            return {}
        encoded = urlencode(data, doseq=True)
        return {"data": encoded, "content_type": "application/x-www-form-urlencoded"}

    def check(self, response, what: str, sent):
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} from {what}")
        body_type = response.get("Content-Type", "")
        if "html" in body_type and response.content:
            body = response.content.decode(errors="replace")
            flat = [v for value in sent for v in (value if isinstance(value, list) else [value])]
            for markup in (SCRIPT, BREAKOUT):
                if any(markup in str(value) for value in flat) and markup in body:
                    self.failures.append(f"unescaped {markup!r} in the answer to {what}")
        # A refused request (a 400 for a suspicious `_to_field`) is logged by django.security,
        # as it should be; anything else at ERROR is a server error.
        errors = [
            r
            for r in self.caplog.records
            if r.levelno >= logging.ERROR and not r.name.startswith("django.security")
        ]
        if errors:
            self.failures.append(f"logged {errors[0].getMessage()[:200]!r} for {what}")
            self.caplog.clear()

    def assert_clean(self):
        assert not self.failures, f"{len(self.failures)} bad answers:\n" + "\n".join(
            self.failures[:40]
        )


def _short(data) -> str:
    if not data:
        return ""
    return repr({k: (str(v)[:20]) for k, v in list(dict(data).items())[:6]})[:200]


@pytest.fixture
def sweep_as_superuser(superuser_client, caplog):
    caplog.set_level(logging.ERROR)
    return Sweep(superuser_client, caplog)


# Input types a browser posts even when they carry no value attribute (as an empty value).
TYPED_INPUTS = "not(@type) or @type='text' or @type='hidden' or @type='number' or @type='url'"


@dataclasses.dataclass
class PageForm:
    """A form of a page as a browser would post it: its address, fields, and buttons."""

    action: str
    fields: list[tuple[str, str]]
    buttons: list[tuple[str, str]]

    def data(self, **changes) -> dict:
        posted: dict = {}
        for name, value in self.fields:
            posted.setdefault(name, []).append(value)
        posted.update(changes)
        return posted

    @property
    def editable(self) -> list[str]:
        """The fields a hostile value goes into (not the CSRF token)."""
        return list(dict.fromkeys(n for n, _ in self.fields if n != "csrfmiddlewaretoken"))


def post_forms(response, url: str) -> list[PageForm]:
    """The page's POST forms, as lxml reads them (the logout button's form left aside)."""
    if "html" not in response.get("Content-Type", "") or not response.content:
        return []
    page = lxml.html.document_fromstring(response.content.decode())
    forms = []
    for form in page.forms:
        action = form.get("action") or url
        if (form.method or "GET").upper() != "POST" or "/logout/" in action:
            continue
        fields = list(form.form_values())
        named = {name for name, _ in fields}
        empty = form.xpath(f".//input[@name and not(@value) and ({TYPED_INPUTS})]")
        fields += [(box.name, "") for box in empty if box.name not in named]
        buttons = [
            (button.get("name"), button.get("value") or "")
            for button in form.xpath(".//button[@name] | .//input[@type='submit'][@name]")
        ]
        forms.append(PageForm(_absolute(action, url), fields, buttons))
    return forms


def query_names(response, url: str) -> set[str]:
    """The query parameters the page's own links and GET forms send to the page's path."""
    if "html" not in response.get("Content-Type", "") or not response.content:
        return set()
    path = urlsplit(url).path
    page = lxml.html.document_fromstring(response.content.decode())
    names = set()
    for href in page.xpath("//a/@href"):
        parts = urlsplit(_absolute(href, url))
        if parts.path == path:
            names.update(name for name, _ in parse_qsl(parts.query, keep_blank_values=True))
    for form in page.forms:
        if (form.method or "GET").upper() == "GET":
            names.update(name for name, _ in form.form_values())
    return names


def _absolute(href: str, url: str) -> str:
    if href.startswith("?"):
        return urlsplit(url).path + href
    if href.startswith("#") or not href:
        return url
    return href


# Buttons that end what the page is about (a draft discarded or saved): pressed last.
FINAL_BUTTONS = {"save", "_save", "discard"}


def button_kinds(form: PageForm) -> list[tuple[str, str]]:
    """One button of each kind ("merge:3" and "merge:7" are one kind), final ones last."""
    kinds = {}
    for name, value in form.buttons:
        kinds.setdefault((name, re.sub(r"[0-9]+", "N", value)), (name, value))
    return sorted(kinds.values(), key=lambda button: bool(FINAL_BUTTONS & set(button)))


def sweep_forms(sweep: Sweep, response, url: str):
    """Post each form of the page: as shown, with every field hostile, one field at a time,
    and with each kind of button pressed."""
    for form in post_forms(response, url):
        sweep.post(form.action, form.data())
        for value in HOSTILE_VALUES.values():
            sweep.post(form.action, form.data(**dict.fromkeys(form.editable, value)))
        # The form's own fields one at a time; an inline's rows ("turns-0-text") and a
        # formset's counts ("turns-TOTAL_FORMS") only all at once, as they are many.
        for name in [n for n in form.editable if "-" not in n]:
            for value in ONE_FIELD_VALUES:
                sweep.post(form.action, form.data(**{name: value}))
        for button, pressed in button_kinds(form):
            for value in BUTTON_VALUES:
                hostile = dict.fromkeys(form.editable, value)
                sweep.post(form.action, form.data(**hostile, **{button: pressed}))
            sweep.post(form.action, form.data(**{button: pressed}))


# --- The coverage: every admin URL reaches a door of the sweep -------------------------------


def test_every_admin_url_is_swept():
    swept = {r.route for m in model_admins() for r in model_admin_routes(m)}
    swept |= {r.route for r in site_routes()}
    missing = resolved_admin_routes() - swept
    assert not missing, f"admin URLs the sweep does not reach: {sorted(missing)}"
    site_names = {r.name for r in site_routes()}
    assert site_names >= SITE_PAGE_TESTS, SITE_PAGE_TESTS - site_names
    for route in [r for m in model_admins() for r in model_admin_routes(m)] + site_routes():
        converters = {converter or "str" for converter, _ in route.parameters}
        assert converters <= KNOWN_CONVERTERS, f"{route.route}: fill {converters} in path_fill()"


def test_every_admin_has_a_row_to_open(archive):
    empty = [admin_id(m) for m in model_admins() if first_pk(m) is None]
    assert not empty, f"add a row of each to the sweep's archive fixture: {empty}"


# --- The change lists ------------------------------------------------------------------------


def changelist_parameters(model_admin: admin.ModelAdmin, request) -> list[str]:
    """Every parameter a change list reads: its own, each filter's, and a few lookups."""
    changelist = model_admin.get_changelist_instance(request)
    names = list(CHANGELIST_PARAMETERS)
    for list_filter in changelist.filter_specs:
        names += list_filter.expected_parameters()
    opts = model_admin.opts
    names += GENERIC_LOOKUPS
    for field in opts.get_fields():
        if field.is_relation and field.many_to_one and field.concrete:
            names.append(f"{field.name}__id__exact")
            break
    for field in opts.get_fields():
        if field.get_internal_type() in ("DateField", "DateTimeField"):
            names += [f"{field.name}__gte", f"{field.name}__year"]
            break
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("model_admin", model_admins(), ids=admin_id)
def test_a_change_list_answers_any_query(archive, sweep_as_superuser, rf, admin_user, model_admin):
    request = rf.get("/")
    request.user = admin_user
    url = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    for value in HOSTILE_VALUES.values():
        sweep_as_superuser.get(url, {"q": value})
    for name in changelist_parameters(model_admin, request):
        for value in EACH_KIND:
            sweep_as_superuser.get(url, {name: value})
    # Repeated parameters, and everything hostile at once.
    sweep_as_superuser.get(
        url, [("q", v) for v in ("a", "\x00", SCRIPT)] + [("o", "1"), ("o", "x")]
    )
    sweep_as_superuser.assert_clean()


@pytest.mark.parametrize("model_admin", model_admins(), ids=admin_id)
def test_an_action_answers_any_selection(archive, sweep_as_superuser, rf, admin_user, model_admin):
    request = rf.get("/")
    request.user = admin_user
    url = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    for action in model_admin.get_actions(request):
        for value in [*EACH_KIND, first_pk(model_admin)]:
            data = {"action": action, ACTION_CHECKBOX_NAME: value, "index": "0"}
            sweep_as_superuser.post(url, data)
        sweep_as_superuser.post(url, {"action": action, "index": "²"})
    for action in EACH_KIND:
        sweep_as_superuser.post(
            url, {"action": action, ACTION_CHECKBOX_NAME: first_pk(model_admin)}
        )
    sweep_as_superuser.assert_clean()


# --- One object's pages, its forms, and every URL an admin adds ------------------------------


def path_fill(route: Route, value_for: dict[str, str]) -> str:
    """The route with each `<converter:name>` replaced by value_for[name] (quoted for a path)."""

    def fill(found):
        return quote(value_for[found[2]], safe="")

    return "/admin/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route.route)


def valid_path_values(route: Route) -> dict[str, str]:
    """A value for each of a route's parameters that names a row it shows."""
    values = {}
    for _, name in route.parameters:
        if name == "object_id":
            values[name] = first_pk(route.model_admin)
        elif name == "draft_id":
            values[name] = str(ImportDraft.objects.order_by("pk").first().pk)
        elif name == "version_id":
            from reversion.models import Version

            version = Version.objects.get_for_model(route.model_admin.model).first()
            values[name] = str(version.pk) if version else "1"
        else:
            values[name] = "1"
    return values


def hostile_path_values(route: Route, name: str) -> list[str]:
    converter = dict((n, c) for c, n in route.parameters)[name]
    if converter == "int":
        return INT_PATH_VALUES
    # Every value on the change page; one of each kind on an object's other pages.
    if route.name and route.name.endswith("_change"):
        return list(PATH_VALUES.values())
    return [value for value in EACH_KIND if value in PATH_VALUES.values()]


def object_routes(model_admin: admin.ModelAdmin) -> list[Route]:
    return [r for r in model_admin_routes(model_admin) if r.parameters]


@pytest.mark.parametrize("model_admin", model_admins(), ids=admin_id)
def test_an_objects_pages_answer_any_id(archive, sweep_as_superuser, model_admin):
    for route in object_routes(model_admin):
        valid = valid_path_values(route)
        for _, name in route.parameters:
            for value in hostile_path_values(route, name):
                sweep_as_superuser.get(path_fill(route, {**valid, name: value}))
    sweep_as_superuser.assert_clean()


FORM_VIEWS = ["add", "change"]


@pytest.mark.parametrize("view", FORM_VIEWS)
@pytest.mark.parametrize("model_admin", model_admins(), ids=admin_id)
def test_an_add_or_change_form_answers_any_value(archive, sweep_as_superuser, model_admin, view):
    opts = model_admin.opts
    args = [first_pk(model_admin)] if view == "change" else []
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    response = sweep_as_superuser.get(url)
    sweep_forms(sweep_as_superuser, response, url)
    sweep_as_superuser.assert_clean()


def custom_route_ids(route: Route) -> str:
    return route.label


@pytest.mark.parametrize("route", custom_routes(), ids=custom_route_ids)
def test_a_page_an_admin_adds_answers_any_value(archive, sweep_as_superuser, route):
    url = path_fill(route, valid_path_values(route))
    response = sweep_as_superuser.get(url)
    for name in query_names(response, url):
        for value in HOSTILE_VALUES.values():
            sweep_as_superuser.get(url, {name: value})
    sweep_forms(sweep_as_superuser, response, url)
    sweep_as_superuser.assert_clean()


def every_route() -> list[Route]:
    return [r for m in model_admins() for r in model_admin_routes(m)] + site_routes()


@pytest.mark.parametrize("route", every_route(), ids=custom_route_ids)
def test_every_admin_url_answers_any_method(archive, sweep_as_superuser, route):
    if route.model_admin is not None:
        url = path_fill(route, valid_path_values(route))
    else:
        url = reverse(
            f"admin:{route.name}", kwargs={n: SITE_PATH_VALUES[n] for _, n in route.parameters}
        )
    for method in HOSTILE_METHODS:
        sweep_as_superuser.send(method, url, {"x": "1"})
    sweep_as_superuser.assert_clean()


# --- The site's own pages --------------------------------------------------------------------

SITE_PATH_VALUES = {"app_label": "interviews", "content_type_id": "1", "object_id": "1"}


def autocomplete_sources() -> list[dict[str, str]]:
    """Each (app, model, field) an autocomplete widget of the admin asks for."""
    sources = []
    for model_admin in model_admins():
        inlines = [inline(model_admin.model, admin.site) for inline in model_admin.inlines]
        for owner in [model_admin, *inlines]:
            for field_name in owner.autocomplete_fields:
                sources.append(
                    {
                        "app_label": owner.opts.app_label,
                        "model_name": owner.opts.model_name,
                        "field_name": field_name,
                    }
                )
    return sources


def test_the_autocomplete_answers_any_term(archive, sweep_as_superuser):
    url = reverse("admin:autocomplete")
    for source in autocomplete_sources():
        for value in HOSTILE_VALUES.values():
            sweep_as_superuser.get(url, {**source, "term": value})
            sweep_as_superuser.get(url, {**source, "term": "a", "page": value})
    for key in ("app_label", "model_name", "field_name"):
        for value in HOSTILE_VALUES.values():
            sweep_as_superuser.get(url, {**autocomplete_sources()[0], key: value, "term": "a"})
    sweep_as_superuser.assert_clean()


def test_the_site_pages_answer_any_value(archive, sweep_as_superuser):
    for name, params in [
        ("admin:index", {}),
        ("admin:jsi18n", {}),
        ("admin:password_change", {}),
        ("admin:password_change_done", {}),
        ("admin:app_list", {"app_label": "interviews"}),
    ]:
        url = reverse(name, kwargs=params)
        for value in HOSTILE_VALUES.values():
            sweep_as_superuser.get(url, {"next": value, "_changelist_filters": value})
        if name == "admin:password_change":
            sweep_forms(sweep_as_superuser, sweep_as_superuser.get(url), url)
    for value in PATH_VALUES.values():
        sweep_as_superuser.get(f"/admin/{quote(value, safe='')}/")
        for content_type in ["1", "12345678901234567890"]:
            sweep_as_superuser.get(f"/admin/r/{content_type}/{quote(value, safe='')}/")
    sweep_as_superuser.assert_clean()


def test_the_login_and_logout_answer_any_value(archive, client, caplog, settings, admin_user):
    """As anyone: django-axes on, as in production, so that every failure is recorded."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 1000
    caplog.set_level(logging.ERROR)
    sweep = Sweep(Client(raise_request_exception=False), caplog)
    login = reverse("admin:login")
    for value in HOSTILE_VALUES.values():
        sweep.post(login, {"username": value, "password": value, "next": value})
        sweep.post(login, {"username": "admin", "password": value})
        sweep.get(login, {"next": value})
    for method in HOSTILE_METHODS:
        sweep.send(method, reverse("admin:logout"), {"next": SCRIPT})
    sweep.assert_clean()


# --- A staff member's pass: what they may not do is refused, never a 500 ---------------------


@pytest.mark.parametrize("model_admin", model_admins(), ids=admin_id)
def test_a_staff_members_pages_answer_any_value(archive, staff_client, caplog, model_admin):
    caplog.set_level(logging.ERROR)
    sweep = Sweep(staff_client, caplog)
    opts = model_admin.opts
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    for value in list(HOSTILE_VALUES.values())[::3]:
        sweep.get(changelist, {"q": value, "o": value})
        sweep.post(changelist, {"action": "delete_selected", ACTION_CHECKBOX_NAME: value})
    for route in object_routes(model_admin):
        valid = valid_path_values(route)
        sweep.get(path_fill(route, valid))
        if not route.name.endswith("_delete"):
            sweep.post(path_fill(route, valid), {"title": SCRIPT})
        for _, name in route.parameters:
            for value in hostile_path_values(route, name)[::4]:
                sweep.get(path_fill(route, {**valid, name: value}))
    sweep.assert_clean()


# --- The JSON import: hostile values inside the document, not only in its form's fields ------

# Values a document's fields can hold that its own checks must refuse: digits and numbers out of
# range, dates out of range, NUL, and length.
DOCUMENT_VALUES = [
    HOSTILE_VALUES[name]
    for name in (
        "superscript two",
        "twenty digits",
        "nul inside",
        "year zero",
        "huge year",
        "over-long",
    )
]


def document_leaves(document, path=()):
    """The path of each scalar in a JSON document; of a list, only its first item's."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield from document_leaves(value, (*path, key))
    elif isinstance(document, list):
        if document:
            yield from document_leaves(document[0], (*path, 0))
    else:
        yield path


def replaced(document, path, value):
    if not path:
        return value
    copy = list(document) if isinstance(document, list) else dict(document)
    copy[path[0]] = replaced(document[path[0]], path[1:], value)
    return copy


def test_a_json_import_answers_any_value_inside_the_document(archive, sweep_as_superuser):
    export = Client().get(reverse("interviews:export_json", kwargs={"slug": archive.slug}))
    document = json.loads(export.content)
    document["source_url"] = ""  # else every post updates the archive's interview
    url = reverse("admin:interviews_interview_import_json")
    for path in document_leaves(document):
        for value in [*DOCUMENT_VALUES, -1, 10**20, None, [], {}]:
            text = json.dumps(replaced(document, path, value))
            sweep_as_superuser.post(
                url, {"text": text, "status": "draft", "if_already_here": "ask"}
            )
    sweep_as_superuser.assert_clean()
