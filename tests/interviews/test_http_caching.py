"""HTTP caching: conditional GET on interview pages and feeds, Cache-Control, static files."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from interviews.models import Comment

# A conditional GET of an unchanged interview page: the interview's row and the version.
REVALIDATION_QUERIES = 1


def revalidate(client, url, response, **headers):
    return client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **headers)


# --- Interview pages ----------------------------------------------------------------------------


def test_an_interview_page_may_be_kept_by_the_visitors_browser_only(client, make_interview):
    interview = make_interview()

    response = client.get(interview.get_absolute_url())

    assert response.status_code == 200
    assert response["ETag"]
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control
    assert "public" not in cache_control
    assert "Cookie" in response["Vary"]


def test_an_unchanged_interview_page_is_not_sent_again(
    client, make_interview, django_assert_max_num_queries
):
    interview = make_interview(turns=50, comments=10)
    first = client.get(interview.get_absolute_url())

    with django_assert_max_num_queries(REVALIDATION_QUERIES):
        again = revalidate(client, interview.get_absolute_url(), first)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "private" in again["Cache-Control"]


def test_a_comment_made_public_changes_the_page(client, make_interview, committed):
    with committed():
        interview = make_interview(comments=2)
        comment = Comment.objects.filter(interview=interview).first()
        comment.status = Comment.Status.PENDING
        comment.save()
    first = client.get(interview.get_absolute_url())
    assert comment.text not in first.content.decode()

    # As the admin's "make public" action does it: an update, which sends no signal.
    with committed():
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PUBLIC)
    again = revalidate(client, interview.get_absolute_url(), first)

    assert again.status_code == 200
    assert comment.text in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_a_change_elsewhere_in_the_archive_changes_the_page_too(client, make_interview, committed):
    # The page links to its neighbours, so a newly published interview can change it.
    with committed():
        interview = make_interview()
    first = client.get(interview.get_absolute_url())

    with committed():
        make_interview()

    assert revalidate(client, interview.get_absolute_url(), first).status_code == 200


def test_a_visitor_with_other_cookies_gets_the_whole_page(client, make_interview):
    # The page carries the visitor's CSRF token: a new CSRF cookie needs a new page.
    interview = make_interview()
    first = client.get(interview.get_absolute_url())

    client.cookies["csrftoken"] = "another-token-for-another-visitor-1234"
    again = revalidate(client, interview.get_absolute_url(), first)

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_draft_or_missing_interview_is_a_404_whatever_the_etag(client, make_interview):
    draft = make_interview(status="draft")

    response = client.get(draft.get_absolute_url(), HTTP_IF_NONE_MATCH='"v0-anything"')

    assert response.status_code == 404


# --- Public pages and feeds ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "interviews:list"])
def test_public_pages_may_be_kept_by_any_cache_for_a_while(client, db, settings, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.PUBLIC_PAGE_MAX_AGE}"


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
