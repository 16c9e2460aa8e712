"""Where a form post comes from, as config/same_origin.py reads a browser's headers."""

import pytest
from django.test import RequestFactory

from config.same_origin import cross_site_reason


def post(**headers):
    return RequestFactory().post("/interviews/x/comments/", **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "HTTP://TestServer"},
        {"HTTP_REFERER": "http://testserver/interviews/x/"},
        # Sec-Fetch-Site first: a browser that sends it knows better than the Referer.
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_REFERER": "https://elsewhere.example/"},
        {},
    ],
)
def test_a_post_from_this_site_or_from_no_browser_passes(headers):
    assert cross_site_reason(post(**headers)) is None


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_SEC_FETCH_SITE": "none"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        # Same host, another scheme or port: another origin.
        {"HTTP_ORIGIN": "https://testserver"},
        {"HTTP_ORIGIN": "http://testserver:8080"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_REFERER": "not a web address"},
        # The Origin is read before the Referer.
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "http://testserver/"},
    ],
)
def test_a_post_from_elsewhere_is_refused_with_a_reason(headers):
    reason = cross_site_reason(post(**headers))
    assert isinstance(reason, str) and reason


def test_trusted_origins_pass_with_their_subdomains(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://archive.example.org", "https://*.example.net"]

    assert cross_site_reason(post(HTTP_ORIGIN="https://archive.example.org")) is None
    assert cross_site_reason(post(HTTP_ORIGIN="https://www.example.net")) is None
    assert cross_site_reason(post(HTTP_REFERER="https://a.b.example.net/x")) is None
    assert cross_site_reason(post(HTTP_ORIGIN="http://www.example.net")) is not None
    assert cross_site_reason(post(HTTP_ORIGIN="https://example.org")) is not None
