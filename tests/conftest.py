"""Shared fixtures: small factories for the archive's models and the sample archive."""

import datetime
import functools
import itertools
import socket
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse

from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from people.models import Person

_serial = itertools.count(1)


def pytest_collection_modifyitems(config, items):
    if settings.USING_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches: rate limits, counts and pages do not carry over."""
    for each in (cache, caches["pages"]):
        each.clear()
    yield
    for each in (cache, caches["pages"]):
        each.clear()


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def make_person(db):
    def make(name=None, **fields):
        n = next(_serial)
        name = name or f"Person {n}"
        fields.setdefault("slug", f"person-{n}")
        return Person.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_outlet(db):
    def make(name=None, **fields):
        n = next(_serial)
        fields.setdefault("slug", f"outlet-{n}")
        return Outlet.objects.create(name=name or f"Outlet {n}", **fields)

    return make


@pytest.fixture
def make_topic(db):
    def make(name=None, **fields):
        n = next(_serial)
        fields.setdefault("slug", f"topic-{n}")
        return Topic.objects.create(name=name or f"Topic {n}", **fields)

    return make


@pytest.fixture
def make_interview(db, make_person, make_outlet):
    """An interview with an interviewer, an interviewee and `turns` alternating Q and A."""

    def make(
        title=None,
        *,
        turns=2,
        comments=0,
        status=Interview.Status.PUBLISHED,
        interviewer=None,
        interviewee=None,
        outlet=None,
        topics=(),
        **fields,
    ):
        n = next(_serial)
        fields.setdefault("slug", f"interview-{n}")
        fields.setdefault("published_on", datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
        interview = Interview.objects.create(
            title=title or f"Interview {n}",
            status=status,
            outlet=outlet if outlet is not None else make_outlet(),
            **fields,
        )
        interviewer = interviewer or make_person()
        interviewee = interviewee or make_person()
        Participation.objects.create(
            interview=interview, person=interviewer, role=Participation.Role.INTERVIEWER
        )
        Participation.objects.create(
            interview=interview, person=interviewee, role=Participation.Role.INTERVIEWEE
        )
        interview.topics.set(topics)
        Turn.objects.bulk_create(
            Turn(
                interview=interview,
                position=i + 1,
                speaker=interviewer if i % 2 == 0 else interviewee,
                speaker_label=(interviewer if i % 2 == 0 else interviewee).name,
                kind=Turn.Kind.QUESTION if i % 2 == 0 else Turn.Kind.ANSWER,
                text=f"Turn number {i + 1}?" if i % 2 == 0 else f"Answer number {i + 1}.",
            )
            for i in range(turns)
        )
        # Half the comments are top-level, each followed by a reply to it.
        parent = None
        for i in range(comments):
            parent = Comment.objects.create(
                interview=interview,
                parent=parent if i % 2 == 1 else None,
                author_name=f"Reader {i + 1}",
                text=f"Comment number {i + 1}",
                origin=Comment.Origin.IMPORTED,
                status=Comment.Status.PUBLIC,
                position=i + 1,
            )
        return interview

    return make


@pytest.fixture
def sample_archive(db):
    """The two seed interviews, loaded from fixtures/sample_archive.json."""
    call_command("loaddata", "sample_archive", verbosity=0)
    return Interview.objects.order_by("published_on")


@pytest.fixture
def editor(db, django_user_model):
    """A staff user in the "Editors" group, as the people/0002 migration created it."""
    user = django_user_model.objects.create_user("edith", password="editor password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def broken_database(db):
    """Every query fails, as it does while PostgreSQL is down (Django's execute_wrapper hook)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what a commit would run after the block.

    A test runs in one transaction that never commits, so the archive's version
    (config/archive_version.py), which goes up after a commit, needs this to move.
    """
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


SITEMAP_NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def read_sitemap(client):
    """Read the sitemap as a crawler does, its index then each page: {path: lastmod or None}."""

    def read() -> dict[str, str | None]:
        index = client.get(reverse("sitemap"))
        assert index.status_code == 200
        urls = {}
        pages = ET.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP_NAMESPACE)
        for page_loc in pages:
            page_url = urlsplit(page_loc.text)
            page = client.get(f"{page_url.path}?{page_url.query}")
            assert page.status_code == 200
            for url in ET.fromstring(page.content).findall("sm:url", SITEMAP_NAMESPACE):
                loc = url.findtext("sm:loc", namespaces=SITEMAP_NAMESPACE)
                lastmod = url.findtext("sm:lastmod", namespaces=SITEMAP_NAMESPACE)
                urls[loc.removeprefix("http://testserver")] = lastmod
        return urls

    return read


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: a stopped server, whose connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
