"""The site's error pages: the 404 page with its sentence, and a 500 page that needs nothing."""

import pytest
from django.test import Client, RequestFactory
from django.urls import include, path

from config.error_pages import server_error
from interviews.filters import MAX_QUERY_LENGTH


def test_404_page_uses_the_site_template(client, db):
    response = client.get("/no/such/page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in html
    assert "There is no page at this address." in html
    assert 'href="/">Interview Archive</a>' in html


def test_500_handler_renders_its_template_without_the_database(django_assert_num_queries, db):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert 'href="/">Interview Archive</a>' in response.content.decode()


def test_500_handler_falls_back_to_plain_html_if_its_template_fails(monkeypatch):
    def broken_template(name):
        raise ValueError("Missing staticfiles manifest entry for 'css/site.css'")

    monkeypatch.setattr("config.error_pages.loader.get_template", broken_template)

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def _fail(request):
    raise RuntimeError("this view always fails")


urlpatterns = [path("fail/", _fail), path("", include("config.urls"))]
handler500 = "config.error_pages.server_error"


@pytest.mark.urls(__name__)
def test_an_unhandled_error_gets_the_500_page(db):
    response = Client(raise_request_exception=False).get("/fail/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_500_pages_search_box_keeps_its_limit_without_context_processors(db):
    response = server_error(RequestFactory().get("/"))

    assert f'maxlength="{MAX_QUERY_LENGTH}"' in response.content.decode()
