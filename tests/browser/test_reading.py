"""A reader in Chromium: the sample interviews, read and navigated."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"


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


def test_j_and_k_move_between_questions(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    page.keyboard.press("j")
    first = page.locator(".turn--question").first
    first_id = first.get_attribute("id")
    assert page.url.endswith(f"#{first_id}")
    page.keyboard.press("j")
    second_id = page.locator(".turn--question").nth(1).get_attribute("id")
    assert page.url.endswith(f"#{second_id}")
    page.keyboard.press("k")
    assert page.url.endswith(f"#{first_id}")
    # Typing in a field is typing, not navigating.
    page.get_by_label("Comment", exact=True).type("jk")
    assert page.url.endswith(f"#{first_id}")


def test_next_question_links_work_without_javascript(chromium, sample, live_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + SEED_000)
    first_question = page.locator(".turn--question").first
    first_question.locator(".turn-tools summary").click()  # a <details>: no script needed
    first_question.get_by_role("link", name="↓ Next question").click()
    second_id = page.locator(".turn--question").nth(1).get_attribute("id")
    assert page.url.endswith(f"#{second_id}")
    # Seed 000 is the newer of the two sample interviews: it leads only to the older one.
    older = page.get_by_role("link", name=re.compile("^Older interview"))
    assert older.count() == 1
    assert page.get_by_role("link", name=re.compile("^Newer interview")).count() == 0
    older.click()
    assert page.url.endswith("/interviews/datacamp-interview-francois-chollet-2017/")
    context.close()


def test_the_print_stylesheet_leaves_out_the_controls(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    page.emulate_media(media="print")
    for selector in (".site-header", ".comment-form", ".turn-tools", ".toc"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".turn--answer").first.is_visible()


def test_nothing_is_loaded_from_another_host(sample, page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/interviews/", SEED_000, "/people/francois-chollet/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert requested
    assert [url for url in requested if not url.startswith(live_server.url)] == []
