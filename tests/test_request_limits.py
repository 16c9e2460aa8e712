"""Request body limits: Django's defaults for every public form, more for staff in the admin.

config/request_limits.py reads the admin's forms itself, so these tests also check that what it
reads is what Django's own parsers would have read, and that CSRF still guards those forms.
"""

import re
import tracemalloc
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT
from django.urls import reverse

from config.request_limits import RequestLimitsMiddleware, admin_limits, bad_request
from interviews.models import Comment, Interview
from tests.interviews.test_history import change_form_data
from tests.test_settings import load_settings_value

MB = 1024 * 1024
IMPORT_URL = "/admin/interviews/interview/import/"
LOGIN_URL = "/admin/login/"
URLENCODED = "application/x-www-form-urlencoded"
# Over Django's 2.5 MB, well under the admin's 16 MB.
THREE_MB = "x" * (3 * MB)
TRANSCRIPT = "Q: Why bees?\n\nA: Because they keep the orchard alive.\n\nQ: And honey?\n\nA: Later."


@pytest.fixture
def interview(make_interview):
    return make_interview("Bees and their keepers", turns=4)


def comment_url(interview: Interview) -> str:
    return reverse("interviews:comment_create", args=[interview.slug])


def post_form(client, url, data, **extra):
    """POST `data` urlencoded, as a browser sends a form without a file input."""
    return client.post(url, urlencode(data, doseq=True), content_type=URLENCODED, **extra)


def is_preview(response) -> bool:
    """The paste was taken: the import stored a draft and redirects to its preview."""
    return response.status_code == 302 and bool(
        re.fullmatch(r"/admin/interviews/interview/import/\d+/", response["Location"])
    )


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser("stella", password="staff password")
    client.force_login(user)
    return client


# --- The settings -------------------------------------------------------------------------


def test_djangos_defaults_hold_and_the_admin_has_its_own_larger_limits(settings):
    assert int(2.5 * MB) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE == 16 * MB
    assert settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS == 50_000
    assert "config.request_limits.RequestLimitsMiddleware" in settings.MIDDLEWARE


def test_the_admin_limits_are_read_from_the_environment():
    values = load_settings_value(
        "ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE",
        "ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS",
        DJANGO_DEBUG="1",
        DJANGO_ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE="33554432",
        DJANGO_ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS="100000",
    )
    assert values == [32 * MB, 100_000]


# --- Public forms and anonymous requests: Django's limits ---------------------------------


def test_the_comment_form_refuses_3_mb_with_413(client, interview):
    data = {"author_name": "Ana Ruiz", "author_url": "", "text": THREE_MB}
    response = post_form(client, comment_url(interview), data)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Too large to accept" in html
    assert "(2.5 MB)" in html
    assert "A comment may be at most 5,000 characters" in html
    assert not Comment.objects.exists()


def test_the_comment_form_refuses_3_mb_with_413_in_debug_mode_too(client, interview, settings):
    # DEBUG answers a SuspiciousOperation with a 400 debug page: the middleware answers first.
    settings.DEBUG = True
    data = {"author_name": "Ana Ruiz", "author_url": "", "text": THREE_MB}
    assert post_form(client, comment_url(interview), data).status_code == 413


def test_the_comment_form_refuses_3_mb_with_413_even_from_staff(staff_client, interview):
    data = {"author_name": "Ana Ruiz", "author_url": "", "text": THREE_MB}
    response = post_form(staff_client, comment_url(interview), data)
    assert response.status_code == 413
    assert not Comment.objects.exists()


def test_the_comment_form_still_takes_an_ordinary_comment(client, interview):
    data = {"author_name": "Ana Ruiz", "author_url": "", "text": "A fine talk."}
    response = post_form(client, comment_url(interview), data)
    assert response.status_code == 302
    assert Comment.objects.get().text == "A fine talk."


def test_the_comment_form_refuses_over_1000_fields_with_400(client, interview):
    data = {"author_name": "Ana Ruiz", "text": "A fine talk."}
    data.update({f"field-{n}": "x" for n in range(1000)})
    response = post_form(client, comment_url(interview), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "more fields than the site accepts in one request (1,000)" in html
    assert "nothing was changed" in html
    assert not Comment.objects.exists()


def test_an_anonymous_post_of_3_mb_to_the_admin_login_is_413(client, db):
    response = post_form(client, LOGIN_URL, {"username": "x", "password": THREE_MB})
    assert response.status_code == 413
    assert "(2.5 MB)" in response.content.decode()


def test_an_anonymous_multipart_post_of_3_mb_to_the_admin_is_413(client, db):
    response = client.post(IMPORT_URL, {"step": "preview", "text": THREE_MB})
    assert response.status_code == 413


@pytest.mark.parametrize("flags", [{"is_staff": False}, {"is_staff": True, "is_active": False}])
def test_a_signed_in_user_who_is_not_active_staff_gets_djangos_limits(client, db, flags):
    user = User.objects.create_user("norm", password="x", **flags)
    client.force_login(user)
    response = post_form(client, IMPORT_URL, {"step": "preview", "text": THREE_MB})
    assert response.status_code == 413


def test_a_length_announced_over_the_limit_is_refused_before_the_body_is_read(client, interview):
    # The body is tiny: only Content-Length says 1 GB, and nothing tries to read that much.
    response = client.generic(
        "POST", comment_url(interview), b"text=x", URLENCODED, CONTENT_LENGTH=str(1024 * MB)
    )
    assert response.status_code == 413


def test_a_content_length_that_is_not_a_number_is_a_400(client, interview):
    response = client.generic(
        "POST", comment_url(interview), b"text=x", URLENCODED, CONTENT_LENGTH="lots"
    )
    assert response.status_code == 400


# --- Staff in the admin: the admin's limits ---------------------------------------------


def test_staff_pasting_3_mb_get_the_import_forms_own_answer_not_413(staff_client):
    data = {"step": "preview", "text": "Q: Why?\n\nA: " + THREE_MB}
    response = staff_client.post(IMPORT_URL, data)
    assert response.status_code == 200
    assert "The transcript is 3.0 MB; the limit is 2.0 MB." in response.content.decode()


def test_staff_get_the_preview_from_a_urlencoded_body_over_djangos_limit(staff_client):
    body = urlencode({"step": "preview", "text": TRANSCRIPT, "padding": THREE_MB})
    response = staff_client.post(IMPORT_URL, body, content_type=URLENCODED)
    assert is_preview(response)
    assert "Because they keep the orchard alive." in staff_client.get(response["Location"]).text


def test_staff_upload_a_file_beside_a_3_mb_field(staff_client):
    upload = SimpleUploadedFile("bees.txt", TRANSCRIPT.encode(), "text/plain")
    response = staff_client.post(
        IMPORT_URL, {"step": "preview", "file": upload, "interviewers": "", "padding": THREE_MB}
    )
    assert is_preview(response)
    assert "Because they keep the orchard alive." in staff_client.get(response["Location"]).text


def test_staff_may_send_more_than_1000_fields(staff_client):
    data = {"step": "preview", "text": TRANSCRIPT}
    data.update({f"field-{n}": "x" for n in range(5000)})
    assert is_preview(post_form(staff_client, IMPORT_URL, data))


def test_staff_save_an_interview_change_form_of_over_1000_fields(staff_client, make_interview):
    interview = make_interview("Bees and their keepers", turns=150)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = change_form_data(staff_client.get(url))
    # The form shows a page of turns (interviews.admin.TURNS_PER_PAGE); a browser extension or
    # a long form elsewhere in the admin may still post more than Django's 1,000 fields.
    data.update({f"extra-{n}": "x" for n in range(1000)})
    assert len(data) > 1000
    response = post_form(staff_client, url, {**data, "title": "Bees, and the keepers"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.title == "Bees, and the keepers"
    assert interview.turns.count() == 150


def test_staff_over_the_admins_size_limit_get_413(staff_client):
    response = staff_client.post(IMPORT_URL, {"step": "preview", "text": "x" * (17 * MB)})
    assert response.status_code == 413
    html = response.content.decode()
    assert "(16 MB)" in html
    assert "A transcript may be at most 2 MB" in html


def test_staff_over_the_admins_field_limit_get_400(staff_client, settings):
    settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
    data = {f"field-{n}": "x" for n in range(2001)}
    for send in (post_form, lambda client, url, data: client.post(url, data)):
        response = send(staff_client, IMPORT_URL, data)
        assert response.status_code == 400
        assert "more fields than the site accepts in one request (2,000)" in (
            response.content.decode()
        )


def test_the_admin_limits_are_read_from_the_settings_at_each_request(staff_client, settings):
    settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * MB
    response = post_form(staff_client, IMPORT_URL, {"step": "preview", "text": "x" * (4 * MB)})
    assert response.status_code == 413
    assert "(3 MB)" in response.content.decode()


# --- CSRF still guards the forms read here -----------------------------------------------


@pytest.fixture
def csrf_staff_client(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("stella", password="staff password"))
    return client


def csrf_token(client) -> str:
    client.get(IMPORT_URL)
    return client.cookies["csrftoken"].value


def test_an_admin_post_without_the_csrf_token_is_refused(csrf_staff_client):
    csrf_token(csrf_staff_client)
    data = {"step": "preview", "text": TRANSCRIPT}
    assert post_form(csrf_staff_client, IMPORT_URL, data).status_code == 403
    assert csrf_staff_client.post(IMPORT_URL, data).status_code == 403


def test_an_admin_post_with_a_wrong_csrf_token_is_refused(csrf_staff_client):
    csrf_token(csrf_staff_client)
    data = {"step": "preview", "text": TRANSCRIPT, "csrfmiddlewaretoken": "x" * 64}
    assert post_form(csrf_staff_client, IMPORT_URL, data).status_code == 403


def test_the_csrf_token_is_found_in_a_large_admin_form(csrf_staff_client):
    token = csrf_token(csrf_staff_client)
    data = {"step": "preview", "text": TRANSCRIPT, "csrfmiddlewaretoken": token}
    assert is_preview(post_form(csrf_staff_client, IMPORT_URL, {**data, "padding": THREE_MB}))
    assert is_preview(csrf_staff_client.post(IMPORT_URL, {**data, "padding": THREE_MB}))


# --- The middleware's reading, beside Django's -------------------------------------------


def run_middleware(request):
    """The request as the view would see it after RequestLimitsMiddleware, or its error."""
    seen = {}

    def view(request):
        seen["post"], seen["files"] = request.POST, request.FILES
        return HttpResponse("ok")

    RequestLimitsMiddleware(view)(request)
    return seen["post"], seen["files"]


def staff_request(factory_request, admin_user):
    factory_request.user = admin_user
    return factory_request


MULTIPART_DATA = {
    "text": "Café, naïve, 蜜蜂 — and a\r\nline break",
    "names": ["Ana", "Bob", ""],
    "empty": "",
    "file": SimpleUploadedFile("notes.txt", b"bytes\r\n\x00\xff and more", "text/plain"),
    "files": [
        SimpleUploadedFile("C:\\Users\\ana\\bees été.srt", b"1\n00:00:01,000", "text/srt"),
        SimpleUploadedFile("../../etc/passwd", b"", "text/plain"),
    ],
}


def as_lists(query_dict) -> dict:
    return {key: query_dict.getlist(key) for key in query_dict}


def files_summary(files) -> dict:
    return {
        key: [(f.name, f.content_type, f.size, f.read()) for f in files.getlist(key)]
        for key in files
    }


def test_a_multipart_form_is_read_as_django_reads_it(admin_user):
    def request():
        for upload in [MULTIPART_DATA["file"], *MULTIPART_DATA["files"]]:
            upload.seek(0)
        return RequestFactory().post(IMPORT_URL, MULTIPART_DATA)

    ours = run_middleware(staff_request(request(), admin_user))
    djangos = request()
    assert as_lists(ours[0]) == as_lists(djangos.POST)
    assert files_summary(ours[1]) == files_summary(djangos.FILES)
    assert ours[1].getlist("files")[0].name == "bees été.srt"
    assert all(isinstance(f, InMemoryUploadedFile) for f in ours[1].values())
    assert ours[1]["file"].field_name == "file"


def test_a_browsers_empty_file_input_is_an_empty_field_as_in_django(admin_user):
    body = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="step"\r\n\r\npreview\r\n'
        f"--{BOUNDARY}--\r\n"
    ).encode()

    def request():
        return RequestFactory().generic("POST", IMPORT_URL, body, MULTIPART_CONTENT)

    post, files = run_middleware(staff_request(request(), admin_user))
    djangos = request()
    assert as_lists(post) == as_lists(djangos.POST) == {"file": [""], "step": ["preview"]}
    assert not files and not djangos.FILES


def test_a_urlencoded_form_is_read_as_django_reads_it(admin_user):
    body = b"a=1&a=2&b=&c&caf%C3%A9=%E8%9C%82+x;d=4&e=%ZZ&%FF=latin"

    def request():
        return RequestFactory().generic("POST", IMPORT_URL, body, URLENCODED)

    post, files = run_middleware(staff_request(request(), admin_user))
    assert as_lists(post) == as_lists(request().POST)
    assert not post._mutable
    assert not files


def test_the_body_stays_readable_after_the_middleware(admin_user):
    request = staff_request(RequestFactory().post(IMPORT_URL, "a=1", URLENCODED), admin_user)
    run_middleware(request)
    assert request.body == b"a=1"


def test_a_body_longer_than_announced_is_still_cut_at_the_limit(admin_user, settings):
    # A chunked body (as ASGI can give one) announces no length: the limit holds as it is read.
    settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    request = staff_request(RequestFactory().post(IMPORT_URL, "a=1", URLENCODED), admin_user)
    del request.META["CONTENT_LENGTH"]
    request._stream = BytesIO(b"a=" + b"x" * 2000)
    response = RequestLimitsMiddleware(lambda request: pytest.fail("the view was called"))(request)
    assert response.status_code == 413
    assert "(1,000 bytes)" in response.content.decode()


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=a\tb"],
)
def test_a_multipart_form_without_a_usable_boundary_is_a_400(staff_client, content_type):
    response = staff_client.generic("POST", IMPORT_URL, b"--x\r\n\r\nx", content_type)
    assert response.status_code == 400


def test_too_many_fields_in_multipart_are_counted_like_urlencoded_ones(admin_user, settings):
    settings.ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    data = {"a": "1", "b": "2", "c": "3"}
    run_middleware(staff_request(RequestFactory().post(IMPORT_URL, data), admin_user))
    request = RequestFactory().post(IMPORT_URL, {**data, "d": "4"})
    with pytest.raises(TooManyFieldsSent):
        run_middleware(staff_request(request, admin_user))


# --- The error pages ----------------------------------------------------------------------


def test_too_big_is_413_and_too_many_fields_400_whoever_raises_them(rf, db):
    request = rf.get("/")
    assert bad_request(request, RequestDataTooBig()).status_code == 413
    assert bad_request(request, TooManyFieldsSent()).status_code == 400


def test_a_get_is_not_touched(client, interview):
    assert client.get(interview.get_absolute_url()).status_code == 200


def test_the_query_string_keeps_djangos_own_limit(client, interview):
    query = urlencode({f"f{n}": "x" for n in range(1001)})
    assert client.get(f"{interview.get_absolute_url()}?{query}").status_code == 400


# --- Large uploads stream to disk ---------------------------------------------------------


def test_a_large_admin_upload_streams_to_a_temporary_file_not_memory(admin_user, settings):
    """30 MB posted by staff: read in chunks, the file on disk; memory grows by far less."""
    settings.MEDIA_MAX_UPLOAD_BYTES = 64 * MB
    content = bytes(range(256)) * (30 * MB // 256)
    request = staff_request(
        RequestFactory().post(
            IMPORT_URL,
            {"step": "preview", "file": SimpleUploadedFile("talk.mp3", content, "audio/mpeg")},
        ),
        admin_user,
    )

    tracemalloc.start()
    try:
        post, files = run_middleware(request)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    upload = files["file"]
    assert isinstance(upload, TemporaryUploadedFile)
    assert (upload.size, post["step"]) == (len(content), "preview")
    assert Path(upload.temporary_file_path()).stat().st_size == len(content)
    assert peak < 4 * MB, f"reading the body held {peak / MB:.1f} MB at its peak"
    upload.close()
    assert not Path(upload.temporary_file_path()).exists()


def test_staff_may_post_a_recording_larger_than_the_fields_limit(settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 500 * MB
    settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * MB
    limits = admin_limits()

    assert limits.body_limit(MULTIPART_CONTENT.split(";")[0]) == 516 * MB
    assert limits.body_limit(URLENCODED) == 16 * MB


def test_a_multipart_body_over_the_upload_limit_is_413_saying_so(staff_client, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1 * MB
    settings.IMPORT_MAX_FILE_BYTES = 1 * MB
    settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    big = SimpleUploadedFile("talk.wav", b"x" * (3 * MB), "audio/wav")

    response = staff_client.post(IMPORT_URL, {"step": "preview", "file": big})

    assert response.status_code == 413
    html = response.content.decode()
    assert "(2 MB)" in html
    assert "A recording may be at most 1 MB" in html


def test_the_files_of_a_body_cut_at_its_limit_are_deleted(admin_user, settings, tmp_path):
    """A body longer than announced stops at the limit, and what it had uploaded is removed."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.MEDIA_MAX_UPLOAD_BYTES = settings.IMPORT_MAX_FILE_BYTES = 1 * MB
    settings.ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    first = SimpleUploadedFile("a.wav", b"a" * (MB // 2), "audio/wav")
    second = SimpleUploadedFile("b.wav", b"b" * (3 * MB), "audio/wav")
    request = staff_request(
        RequestFactory().post(IMPORT_URL, {"first": first, "second": second}), admin_user
    )
    # Announced within the limit, the body is not (a chunked body, as ASGI can give one).
    request._stream = BytesIO(request._stream.read())
    request.META["CONTENT_LENGTH"] = str(MB)

    response = RequestLimitsMiddleware(lambda request: pytest.fail("the view was called"))(request)

    assert response.status_code == 413
    assert list(tmp_path.iterdir()) == []
