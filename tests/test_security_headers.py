"""Security headers, read from the responses: HTTPS, Content-Security-Policy, framing, sniffing.

The test settings are the production ones except for the http→https redirect (the test client
speaks http); a request behind the TLS proxy says so with X-Forwarded-Proto: https.
"""

import lxml.etree
import lxml.html
import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from interviews.models import Interview

BEHIND_TLS_PROXY = {"HTTP_X_FORWARDED_PROTO": "https"}


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


def test_a_page_over_https_carries_every_security_header(client, sample_archive):
    response = client.get("/", **BEHIND_TLS_PROXY)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_content_security_policy_allows_only_the_sites_own_files(client, sample_archive):
    directives = policy(client.get("/"))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert not every_source & {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:"}


def test_plain_http_is_redirected_to_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/interviews/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/interviews/?page=2"


def test_the_proxys_header_marks_a_request_as_https(client, settings, sample_archive):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/interviews/", **BEHIND_TLS_PROXY).status_code == 200


def test_http_gets_no_hsts_header(client, sample_archive):
    # Browsers ignore it over http; Django only sends it over https.
    assert "Strict-Transport-Security" not in client.get("/")


def test_session_and_csrf_cookies_are_https_only(client, django_user_model):
    django_user_model.objects.create_user("ada", password="the right password", is_staff=True)
    csrf = client.get("/admin/login/", **BEHIND_TLS_PROXY).cookies["csrftoken"]

    response = client.post(
        "/admin/login/",
        {"username": "ada", "password": "the right password", "next": "/admin/"},
        **BEHIND_TLS_PROXY,
    )

    assert response.status_code == 302
    assert csrf["secure"] is True
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True


def test_the_503_page_carries_the_policy_too(client, db, broken_database):
    response = client.get("/interviews/")

    assert response.status_code == 503
    assert policy(response)["script-src"] == ["'self'"]


# --- What the policy refuses, the pages must not contain ----------------------------------------


# Data blocks, e.g. json_script: the browser never runs them.
DATA_TYPES = {"application/json", "application/ld+json"}


def inline_code_in(html: str) -> list[str]:
    """What a Content-Security-Policy without 'unsafe-inline' would refuse, in page order."""
    found = []
    for element in lxml.html.document_fromstring(html).iter(tag=lxml.etree.Element):
        tag = element.tag
        for name, value in element.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            if name == "style":
                found.append(f'<{tag} style="{value}">')
            if name in {"href", "src", "action"} and value.strip().lower().startswith(
                "javascript:"
            ):
                found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            found.append("<style>")
        script = (element.text or "").strip()
        runs_here = "src" not in element.attrib and element.get("type") not in DATA_TYPES
        if tag == "script" and runs_here and script:
            found.append(f"<script>{script[:60]}")
    return found


def inline_code(response) -> list[str]:
    return inline_code_in(response.content.decode())


def test_the_inline_code_finder_finds_what_the_policy_refuses():
    found = inline_code_in(
        '<p style="color: red" onclick="go()"><script>alert(1)</script>'
        '<script type="application/json">{"a": 1}</script><script src="/x.js"></script>'
        '<a href="javascript:void(0)">x</a><style>p {}</style>'
    )

    assert found == [
        '<p style="color: red">',
        "<p onclick=...>",
        "<script>alert(1)",
        '<a href="javascript:void(0)">',
        "<style>",
    ]


PUBLIC_PAGES = [
    "/",
    "/interviews/",
    "/interviews/?q=keras&year=2018",
    "/interviews/pyimagesearch-interview-francois-chollet-2018/",
    "/interviews/pyimagesearch-interview-francois-chollet-2018/search/?q=keras",
    "/people/francois-chollet/",
    "/outlets/pyimagesearch/",
    "/topics/keras/",
    "/years/2018/",
    "/people/",
    "/people/?letter=f",
    "/topics/",
    "/outlets/",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style(client, sample_archive, url):
    response = client.get(url)

    assert response.status_code == (404 if url == "/no-such-page/" else 200)
    assert inline_code(response) == []


def admin_pages(interview: Interview) -> list[str]:
    turn = interview.turns.first()
    comment = interview.comments.first()
    pages = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:interviews_interview_import"),
        reverse("admin:interviews_interview_recoverlist"),
        reverse("admin:interviews_interview_change", args=[interview.pk]),
        reverse("admin:interviews_interview_history", args=[interview.pk]),
        reverse("admin:interviews_interview_delete", args=[interview.pk]),
        reverse("admin:interviews_turn_change", args=[turn.pk]),
        reverse("admin:interviews_comment_change", args=[comment.pk]),
        reverse("admin:auth_user_add"),
        reverse("admin:interviews_interview_changelist") + "?status__exact=published",
    ]
    for app, model in [
        ("interviews", "interview"),
        ("interviews", "turn"),
        ("interviews", "comment"),
        ("interviews", "participation"),
        ("interviews", "outlet"),
        ("interviews", "topic"),
        ("people", "person"),
        ("auth", "user"),
        ("auth", "group"),
    ]:
        pages.append(reverse(f"admin:{app}_{model}_changelist"))
        pages.append(reverse(f"admin:{app}_{model}_add"))
    return pages


def test_admin_pages_have_no_inline_script_or_style(admin_client, sample_archive):
    interview = sample_archive.filter(comments__isnull=False).distinct().get()
    deleted = sample_archive.exclude(pk=interview.pk).get()
    with reversion.create_revision():
        reversion.add_to_revision(interview)
    admin_client.post(
        reverse("admin:interviews_interview_delete", args=[deleted.pk]), {"post": "yes"}
    )
    recorded = [
        reverse(
            "admin:interviews_interview_revision",
            args=[interview.pk, Version.objects.get_for_object(interview).get().pk],
        ),
        reverse(
            "admin:interviews_interview_recover",
            args=[Version.objects.get_deleted(Interview).get().pk],
        ),
    ]

    for url in [*admin_pages(interview), *recorded]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response) == [], url


def test_the_import_preview_and_the_login_page_have_no_inline_script(
    client, admin_client, sample_archive
):
    preview = admin_client.post(
        reverse("admin:interviews_interview_import"),
        {"text": "Q: Why?\n\nA: Because.\n\n3 comments\n\nAda says:\nYes."},
        follow=True,  # to the draft's preview page
    )
    login = client.get("/admin/login/")

    assert preview.status_code == 200
    assert inline_code(preview) == []
    assert inline_code(login) == []
