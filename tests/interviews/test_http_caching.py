"""HTTP caching: public pages kept whole for anonymous readers, conditional GET, feeds, static."""

import datetime
from unittest import mock

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from whitenoise.middleware import WhiteNoiseMiddleware

from config.archive_version import ArchiveVersion, archive_version
from interviews import services
from interviews.http_caching import archive_etag, cached_public_page
from interviews.models import Comment

# An anonymous request for a page the cache holds reads the archive's version, and nothing else.
CACHED_PAGE_QUERIES = 1
SOMEONE_ELSES_PENDING = "Someone else's words awaiting moderation"


@pytest.fixture
def page_cache_on(settings):
    # Off in the test settings (the version never moves inside a test's transaction): on here.
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def archive(make_interview, make_person, make_topic):
    """One interview with a topic, a person, a public comment and a pending one."""
    person = make_person("Ada Byron", slug="ada-byron")
    topic = make_topic("Engines", slug="engines")
    interview = make_interview(
        "Engines and looms", turns=4, comments=2, interviewee=person, topics=[topic]
    )
    services.comment_post(interview=interview, author_name="Mallory", text=SOMEONE_ELSES_PENDING)
    return interview


def public_urls(interview) -> dict[str, str]:
    reply_to = interview.comments.filter(status=Comment.Status.PUBLIC).first()
    form = reverse("interviews:comment_new", args=[interview.slug])
    return {
        "home": reverse("home"),
        "list": reverse("interviews:list"),
        "list filtered": reverse("interviews:list") + "?q=turn&year=2020",
        "interview": interview.get_absolute_url(),
        "search within": reverse("interviews:search_within", args=[interview.slug]) + "?q=turn",
        "outlet": interview.outlet.get_absolute_url(),
        "topic": reverse("interviews:topic", args=["engines"]),
        "year": reverse("interviews:year", args=[interview.published_on.year]),
        "person": reverse("interviews:person", args=["ada-byron"]),
        "comment form": form,
        "reply form": f"{form}?reply_to={reply_to.pk}",
    }


PAGES = [
    "home",
    "list",
    "list filtered",
    "interview",
    "search within",
    "outlet",
    "topic",
    "year",
    "person",
    "comment form",
    "reply form",
]


# --- Public pages, anonymous --------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_public_page_is_public_and_nobodys_own(client, archive, page_cache_on, page):
    url = public_urls(archive)[page]

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "private" not in cache_control
    assert "Cookie" in response["Vary"]
    assert response["ETag"]
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in html
    assert SOMEONE_ELSES_PENDING not in html


@pytest.mark.parametrize("page", PAGES)
def test_the_next_anonymous_reader_is_served_from_the_page_cache(
    client, archive, page_cache_on, django_assert_max_num_queries, page
):
    url = public_urls(archive)[page]
    first = client.get(url)

    with django_assert_max_num_queries(CACHED_PAGE_QUERIES):
        again = Client().get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    # What the middleware adds comes on the cached copy too.
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not again.cookies


@pytest.mark.parametrize("page", PAGES)
def test_an_unchanged_public_page_is_not_sent_again(
    client, archive, page_cache_on, django_assert_max_num_queries, page
):
    url = public_urls(archive)[page]
    first = client.get(url)

    with django_assert_max_num_queries(CACHED_PAGE_QUERIES):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_without_the_page_cache_pages_are_rendered_each_time_and_still_public(
    client, archive, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    url = archive.get_absolute_url()
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert len(queries) > CACHED_PAGE_QUERIES
    assert "public" in again["Cache-Control"]


def test_each_host_gets_its_own_copy(archive, page_cache_on, settings):
    # The citations in the transcript hold full addresses.
    settings.ALLOWED_HOSTS = ["archive.example.org", "testserver"]
    url = archive.get_absolute_url()
    Client().get(url)

    html = Client(HTTP_HOST="archive.example.org").get(url).content.decode()

    assert f"http://archive.example.org{url}#t1" in html


def test_a_query_string_makes_another_page(client, archive, page_cache_on):
    first = client.get(reverse("interviews:list"), {"q": "turn"})
    other = client.get(reverse("interviews:list"), {"q": "nothing-matches-this"})

    assert first.content != other.content
    assert "nothing-matches-this" in other.content.decode()


def test_an_editors_change_shows_on_the_next_anonymous_request(
    client, admin_client, make_interview, page_cache_on, committed
):
    with committed():
        interview = make_interview("Looms", comments=1)
        comment = services.comment_post(
            interview=interview, author_name="Grace", text="Approved in the admin later."
        )
    url = interview.get_absolute_url()
    first = client.get(url)
    assert "Approved in the admin later." not in first.content.decode()
    assert "Approved in the admin later." not in client.get(url).content.decode()

    # As an editor approves it: the admin's action, then the commit. Nothing is purged.
    with committed():
        admin_client.post(
            reverse("admin:interviews_comment_changelist"),
            {"action": "approve", "_selected_action": [comment.pk]},
        )
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Approved in the admin later." in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_a_change_elsewhere_in_the_archive_changes_the_page_too(
    client, make_interview, page_cache_on, committed
):
    # The page links to its neighbours, so a newly published interview can change it.
    with committed():
        interview = make_interview()
    first = client.get(interview.get_absolute_url())

    with committed():
        make_interview("A newer neighbour")

    again = client.get(interview.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "A newer neighbour" in again.content.decode()


def test_a_draft_is_a_404_with_no_validator_nor_public_copy(client, make_interview, page_cache_on):
    draft = make_interview(status="draft")

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


# --- Signed-in editors --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["interview", "comment form", "list", "home"])
def test_an_editor_gets_a_private_page_never_the_anonymous_copy(
    client, editor, archive, page_cache_on, page
):
    url = public_urls(archive)[page]
    Client().get(url)  # the anonymous copy is now in the page cache
    client.force_login(editor)

    response = client.get(url)

    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control
    assert "public" not in cache_control
    assert "Cookie" in response["Vary"]
    if page in ("interview", "comment form"):
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


@pytest.mark.parametrize("page", ["interview", "comment form", "list"])
def test_an_editors_requests_leave_the_page_cache_alone(
    editor_client, archive, page_cache_on, page
):
    url = public_urls(archive)[page]
    page_cache = caches["pages"]

    with (
        mock.patch.object(page_cache, "get", wraps=page_cache.get) as read,
        mock.patch.object(page_cache, "set", wraps=page_cache.set) as kept,
    ):
        editor_client.get(url)
        editor_client.get(url)

    assert read.call_count == 0
    assert kept.call_count == 0


def test_a_request_with_credentials_is_rendered_for_it_alone(archive, page_cache_on):
    url = archive.get_absolute_url()
    response = Client(HTTP_AUTHORIZATION="Basic ZWRpdGg6c2VjcmV0").get(url)

    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


# --- What is never kept -------------------------------------------------------------------------


def counted_view(respond):
    """A public page whose view counts its calls; `respond(request)` makes its response."""
    calls = []

    @cached_public_page
    def view(request):
        calls.append(request)
        return respond(request)

    return view, calls


def with_cookie(request):
    response = HttpResponse("yours")
    response.set_cookie("flavour", "ginger")
    return response


def with_csrf_token(request):
    return HttpResponse(f"token {get_token(request)}")


@pytest.mark.parametrize("respond", [with_cookie, with_csrf_token], ids=["cookie", "csrf token"])
def test_a_response_made_for_its_visitor_is_not_kept_nor_public(db, page_cache_on, respond):
    view, calls = counted_view(respond)
    factory = RequestFactory()

    first = view(factory.get("/somewhere/"))
    view(factory.get("/somewhere/"))

    assert len(calls) == 2
    assert "private" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]


def test_an_error_page_is_not_kept(db, page_cache_on):
    view, calls = counted_view(lambda request: HttpResponse("gone", status=410))
    factory = RequestFactory()

    view(factory.get("/gone/"))
    view(factory.get("/gone/"))

    assert len(calls) == 2


def test_a_kept_page_comes_back_with_the_views_own_headers(db, page_cache_on):
    def respond(request):
        response = HttpResponse("plain words", content_type="text/plain; charset=utf-8")
        response["Content-Language"] = "en"
        return response

    view, calls = counted_view(respond)
    factory = RequestFactory()
    view(factory.get("/words/"))

    again = view(factory.get("/words/"))

    assert len(calls) == 1
    assert again.content == b"plain words"
    assert again["Content-Type"] == "text/plain; charset=utf-8"
    assert again["Content-Language"] == "en"


# --- Feeds and error pages ----------------------------------------------------------------------


def test_a_list_page_with_an_error_is_not_marked_public(client, db):
    response = client.get(reverse("interviews:list"), {"page": 99})

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_a_feed_has_validators_and_answers_a_conditional_get(
    client, make_interview, django_assert_max_num_queries
):
    make_interview()
    url = reverse("interviews:feed")
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert first["Cache-Control"].startswith("public")

    with django_assert_max_num_queries(1):
        by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    with django_assert_max_num_queries(1):
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_date.status_code == 304


def test_a_feed_and_a_page_carry_the_same_validator(client, make_interview):
    make_interview()

    feed = client.get(reverse("interviews:feed"))
    page = client.get(reverse("interviews:list"))
    version = archive_version()

    assert feed["ETag"] == page["ETag"] == archive_etag(version) == f'"v{version.tag}"'
    assert feed["Last-Modified"] == http_date(version.changed_at.timestamp())


def test_the_same_version_number_at_another_time_is_another_validator():
    """After a restore the number can come back with other content: its time never does."""
    number, changed_at = 11, timezone.now()
    before_restore = ArchiveVersion(number, changed_at)
    after_restore = ArchiveVersion(number, changed_at + datetime.timedelta(microseconds=1))

    assert archive_etag(before_restore) != archive_etag(after_restore)
    assert archive_etag(before_restore) == archive_etag(ArchiveVersion(number, changed_at))


def test_a_feed_for_an_unknown_slug_is_not_marked_public(client, db):
    response = client.get(reverse("interviews:topic_feed", args=["no-such-topic"]))

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_a_new_interview_changes_the_feed(client, make_interview, committed):
    with committed():
        make_interview()
    url = reverse("interviews:feed")
    first = client.get(url)

    with committed():
        make_interview("A brand new interview")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "A brand new interview" in again.content.decode()


# --- Static files -------------------------------------------------------------------------------


def test_hashed_static_files_are_cached_forever_by_whitenoise(settings, tmp_path):
    # As in production: collectstatic with the manifest storage, then whitenoise serving it.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    # (Changing these settings makes Django forget the storage it had set up.)
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = staticfiles_storage.url("css/site.css")
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)

    hashed_response = middleware(RequestFactory().get(hashed))
    plain_response = middleware(RequestFactory().get("/static/css/site.css"))

    assert hashed != "/static/css/site.css"
    assert hashed_response.status_code == 200
    assert hashed_response["Cache-Control"] == "max-age=315360000, public, immutable"
    # The unhashed name may change content under the same address: a short max-age only.
    assert "immutable" not in plain_response["Cache-Control"]
