"""The index pages in Chromium: they read at desktop and phone width, and the letter bar works
by keyboard and without JavaScript."""

import re

import pytest

from tests.browser.conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.django_db(transaction=True)

INDEX_PAGES = {"people-index": "/people/", "topic-index": "/topics/", "outlet-index": "/outlets/"}
NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# A name with no place to break, as a transcript may give: it must wrap, not widen the page.
LONG_NAME = "Maximiliana-Konstantinopolitanische-Donaudampfschifffahrtsgesellschaft"


@pytest.fixture
def archive_with_a_long_name(sample, make_interview, make_person, make_outlet, make_topic):
    make_interview(
        interviewee=make_person(LONG_NAME),
        outlet=make_outlet(LONG_NAME),
        topics=[make_topic(LONG_NAME[:100])],
    )


@pytest.mark.parametrize("name", INDEX_PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_an_index_reads_without_horizontal_scroll(
    archive_with_a_long_name, page, live_server, screenshot, name, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + INDEX_PAGES[name])

    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name=LONG_NAME[:100], exact=False).first.is_visible()
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    screenshot(f"{name}-{viewport['width']}", full_page=True)


def test_the_header_leads_to_each_index(sample, page, live_server):
    page.goto(live_server.url + "/")
    header = page.get_by_role("navigation", name="Main")

    for label, path in (("People", "/people/"), ("Topics", "/topics/"), ("Outlets", "/outlets/")):
        header.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == label


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_the_letter_bar_works_by_keyboard(sample, page, live_server, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/people/")
    letter_f = page.get_by_role("navigation", name="People by letter").get_by_role(
        "link", name="F", exact=True
    )

    # Tab through the page, as a keyboard user does, until the letter F has the focus.
    for _ in range(40):
        page.keyboard.press("Tab")
        if letter_f.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("the letter F of the letter bar never took the keyboard focus")
    assert letter_f.evaluate("link => getComputedStyle(link).outlineStyle") != "none"
    page.keyboard.press("Enter")

    page.wait_for_url("**/people/?letter=f")
    assert page.get_by_role("heading", level=1).inner_text() == "People under F"
    people = page.locator(".index-list a")
    assert people.all_inner_texts() == ["François Chollet"]
    current = page.locator('.letter-bar [aria-current="page"]')
    assert current.inner_text() == "F"
    assert page.evaluate(NO_HORIZONTAL_SCROLL)


def test_letters_without_anyone_are_not_links(sample, page, live_server):
    page.goto(live_server.url + "/people/")
    bar = page.get_by_role("navigation", name="People by letter")

    assert bar.get_by_role("link", name="A", exact=True).count() == 1
    assert bar.get_by_role("link", name="Z", exact=True).count() == 0
    assert bar.locator(".letter-bar-empty").filter(has_text=re.compile("^Z")).is_visible()


def test_the_letter_bar_works_without_javascript(sample, chromium, live_server):
    context = chromium.new_context(viewport=MOBILE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/people/")
        page.get_by_role("navigation", name="People by letter").get_by_role(
            "link", name="H", exact=True
        ).click()

        page.wait_for_url("**/people/?letter=h")
        assert page.locator(".index-list a").all_inner_texts() == ["Hugo Bowne-Anderson"]
    finally:
        context.close()


@pytest.mark.parametrize("name", INDEX_PAGES)
def test_an_index_in_dark_mode_has_no_serious_violations(
    sample, page, live_server, axe_violations, screenshot, name
):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + INDEX_PAGES[name] + ("?letter=f" if name == "people-index" else ""))

    assert axe_violations() == []
    screenshot(f"{name}-dark")
