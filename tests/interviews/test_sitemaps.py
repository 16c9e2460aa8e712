"""The sitemap: an index of section pages, each a bounded slice of the public pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import Interview
from interviews.sitemaps import InterviewSitemap

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(response, element: str) -> list[str]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [
        loc.text.removeprefix("http://testserver")
        for loc in root.findall(f"sm:{element}/sm:loc", SITEMAP)
    ]


@pytest.fixture
def five_interviews_two_a_page(make_interview, monkeypatch):
    monkeypatch.setattr(InterviewSitemap, "limit", 2)
    make_interview("A draft", status=Interview.Status.DRAFT)
    # Newest first: day 5, 4 on page 1; 3, 2 on page 2; 1 on page 3.
    return [
        make_interview(f"Day {day}", published_on=datetime.date(2020, 1, day))
        for day in range(5, 0, -1)
    ]


def test_the_index_lists_each_section_and_every_page_of_the_interviews(
    client, five_interviews_two_a_page
):
    pages = locations(client.get(reverse("sitemap")), "sitemap")

    assert pages == [
        "/sitemap-pages.xml",
        "/sitemap-interviews.xml",
        "/sitemap-interviews.xml?p=2",
        "/sitemap-interviews.xml?p=3",
        "/sitemap-people.xml",
        "/sitemap-outlets.xml",
        "/sitemap-topics.xml",
    ]


def test_each_page_holds_at_most_the_limit_newest_first_and_no_draft(
    client, five_interviews_two_a_page
):
    by_page = [
        locations(client.get(reverse("sitemap_section", args=["interviews"]), {"p": p}), "url")
        for p in (1, 2, 3)
    ]

    expected = [interview.get_absolute_url() for interview in five_interviews_two_a_page]
    assert by_page == [expected[0:2], expected[2:4], expected[4:5]]


def test_an_interview_page_gives_each_lastmod_and_the_latest_as_last_modified(
    client, five_interviews_two_a_page
):
    response = client.get(reverse("sitemap_section", args=["interviews"]))

    root = ET.fromstring(response.content)
    urls = root.findall("sm:url", SITEMAP)
    lastmods = [url.findtext("sm:lastmod", namespaces=SITEMAP) for url in urls]
    assert len(lastmods) == 2 and all(lastmods)
    assert response["Last-Modified"]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "", "1.5", str(10**30), "4"])
def test_a_bad_page_number_is_a_404(client, five_interviews_two_a_page, page):
    response = client.get(reverse("sitemap_section", args=["interviews"]), {"p": page})

    assert response.status_code == 404


def test_an_unknown_section_is_a_404(client, db):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-interviews.xml"])
def test_the_sitemap_is_read_only(client, db, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_a_deep_sitemap_page_costs_the_queries_of_the_first(
    client, five_interviews_two_a_page, django_assert_max_num_queries
):
    url = reverse("sitemap_section", args=["interviews"])
    with CaptureQueriesContext(connection) as first:
        client.get(url)

    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url, {"p": 3})

    assert locations(response, "url") == [five_interviews_two_a_page[-1].get_absolute_url()]


def test_the_index_queries_do_not_grow_with_the_interviews(
    client, make_interview, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(InterviewSitemap, "limit", 2)
    for _ in range(9):
        make_interview()

    # The interviews' latest change, then one count a section (the people, outlets, topics and
    # interviews): never the interviews themselves.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("sitemap"))

    assert len(locations(response, "sitemap")) == 4 + 5
