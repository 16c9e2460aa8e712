"""A reader in Chromium: the sample interviews, read and navigated."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"


@pytest.fixture
def sample(transactional_db):
    call_command("loaddata", "sample_archive", verbosity=0)


def test_table_of_contents_link_lands_on_its_question(sample, page, live_server, screenshot):
    page.goto(live_server.url + SEED_000)
    assert page.locator("h1").inner_text() == "An interview with Francois Chollet"
    page.get_by_role("link", name=re.compile("favorite open source libraries")).first.click()
    assert re.search(r"#t\d+$", page.url)
    anchor = page.url.rsplit("#", 1)[1]
    question = page.locator(f"#{anchor}")
    assert "favorite open source libraries" in question.inner_text()
    assert question.is_visible()
    screenshot("interview-detail-desktop")


def test_interview_reads_at_mobile_width(sample, page, live_server, screenshot):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + SEED_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the page scrolls sideways on a phone"
    screenshot("interview-detail-mobile")
