"""A NUL byte anywhere a client can put one: a 400 that says where, or the form's own message."""

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from config.malformed_input import OWN_MESSAGE_VIEWS
from interviews.models import Comment
from tests.sweep.test_public_sweep import public_patterns

NUL_IN_ADDRESS = "The address contains a null character (%00)"


@pytest.fixture
def client():
    # A server error is seen as its status, as a browser would see it.
    return Client(raise_request_exception=False)


def error_message(response) -> str:
    page = lxml.html.document_fromstring(response.content.decode())
    return page.cssselect(".error-message")[0].text_content()


@pytest.mark.parametrize(
    "path",
    [
        "/interviews/%00/",
        "/interviews/a%00b/export.json",
        "/topics/%00/feed/",
        "/interviews/x/comments/posted/%00/",
        "/sitemap-%00.xml",
        "/%00",
    ],
)
def test_a_nul_in_the_path_is_a_400_that_says_so(client, make_interview, path):
    response = client.get(path)

    assert response.status_code == 400
    assert NUL_IN_ADDRESS in error_message(response)


def test_a_nul_in_an_admin_path_is_a_400_not_a_database_error(client, admin_user, make_interview):
    # On PostgreSQL this was a DataError 500: the id is looked up as text.
    client.force_login(admin_user)
    interview = make_interview()

    for path in (
        f"/admin/interviews/interview/{interview.pk}%00/history/",
        "/admin/interviews/interview/%00/change/",
    ):
        response = client.get(path)
        assert response.status_code == 400
        assert NUL_IN_ADDRESS in error_message(response)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("interviews:comment_new", "reply_to"),
        ("interviews:detail", "reply_to"),
        ("interviews:export_md", "anything"),
    ],
)
def test_a_nul_in_a_parameter_no_form_reads_is_a_400_naming_it(
    client, make_interview, url, parameter
):
    interview = make_interview(comments=1)

    response = client.get(reverse(url, args=[interview.slug]), {parameter: "1\x00"})

    assert response.status_code == 400
    assert (
        f"The address's “{parameter}” parameter contains a null character (%00)"
        in error_message(response)
    )


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("/people/", "letter"), ("/people/", "page"), ("/topics/", "page"), ("/outlets/", "page")],
)
def test_a_nul_in_an_index_pages_letter_or_page_is_a_400(client, db, path, parameter):
    response = client.get(f"{path}?{parameter}=%00")

    assert response.status_code == 400
    assert f"The address's “{parameter}” parameter" in error_message(response)


@pytest.mark.parametrize("path", ["/feeds/interviews/", "/people/", "/sitemap.xml", "/healthz"])
def test_a_nul_in_a_parameter_name_is_a_400_too(client, db, path):
    response = client.get(f"{path}?a%00b=1")

    assert response.status_code == 400
    assert "The address's “ab” parameter contains a null character" in error_message(response)


def test_a_form_posted_with_a_nul_to_a_page_without_its_own_message_is_a_400(client, db):
    # Checked before the view: the feed's own 405 for a POST never comes.
    response = client.post("/feeds/interviews/", {"name": "x\x00"})

    assert response.status_code == 400
    assert "The form's “name” field contains a null character" in error_message(response)


def test_the_search_forms_own_message_wins_over_the_400(client, make_interview):
    """The list leaves the search out and says why: the reader keeps the page they were on."""
    make_interview("Bees")

    for url in ("/interviews/", "/interviews.json"):
        response = client.get(url, {"q": "bees\x00"})
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()


def test_the_comment_forms_own_message_wins_and_keeps_the_text(client, make_interview):
    interview = make_interview()
    url = reverse("interviews:comment_create", args=[interview.slug])

    response = client.post(url, {"author_name": "Ada", "text": "My long comment\x00 here."})

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    assert "My long comment" in response.content.decode()
    assert not Comment.objects.filter(author_name="Ada").exists()


def test_every_view_said_to_give_its_own_message_exists():
    assert set(public_patterns()) >= OWN_MESSAGE_VIEWS


def test_a_nul_in_a_header_is_a_400(client, db):
    response = client.get("/", HTTP_USER_AGENT="Mozilla\x00")

    assert response.status_code == 400
    assert "The request's User-Agent header contains a null character." in error_message(response)


@pytest.mark.parametrize("cookie", ['sessionid="abcdefgh\\000ijkl"', "sessionid=abcdefgh\x00ijkl"])
def test_a_session_cookie_holding_a_nul_is_ignored(client, make_interview, cookie):
    # On PostgreSQL the session key was looked up as sent: a DataError 500 on any page that
    # reads the session, such as posting a comment or the admin's login page.
    interview = make_interview()
    url = reverse("interviews:comment_create", args=[interview.slug])

    posted = client.post(url, {"author_name": "Ada", "text": "Hello."}, HTTP_COOKIE=cookie)
    login = client.get("/admin/login/", HTTP_COOKIE=cookie)

    assert posted.status_code == 302
    assert Comment.objects.filter(author_name="Ada").exists()
    assert login.status_code == 200


@pytest.mark.parametrize("path", ["/%ff/", "/interviews/%ED%A0%80/", "/topics/%C0%AF/", "/%zz"])
def test_a_path_that_is_not_utf8_is_a_404(client, db, path):
    assert client.get(path).status_code == 404
