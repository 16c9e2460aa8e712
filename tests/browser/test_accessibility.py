"""axe-core in Chromium on the pages readers and editors use: no serious or critical violation.

axe-core comes from package.json (`./dev test` installs it). Each page is also photographed at
desktop and at phone width into screenshots/ (git-ignored), to look at after a run.
"""

import itertools

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"

READER_PAGES = {
    "home": "/",
    "list": "/interviews/",
    "list-filtered": "/interviews/?topic=keras&outlet=pyimagesearch",
    "detail": SEED_000,
    "person": "/people/francois-chollet/",
    "search": "/interviews/?q=%22deep+learning%22",
    "search-within": SEED_000 + "search/?q=keras",
    "comment-form": SEED_000 + "comments/new/",
    "topic": "/topics/keras/",
    "outlet": "/outlets/datacamp/",
    "year": "/years/2017/",
    "people-index": "/people/",
    "people-index-letter": "/people/?letter=f",
    "topic-index": "/topics/",
    "outlet-index": "/outlets/",
    "not-found": "/interviews/no-such-interview/",
}


HEADING_LEVELS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .map(heading => Number(heading.tagName[1]))"""


@pytest.mark.parametrize("name", READER_PAGES)
def test_reader_pages_have_no_serious_violations(
    sample, page, live_server, axe_violations, screenshots_at_both_widths, name
):
    page.goto(live_server.url + READER_PAGES[name])
    assert axe_violations() == []
    screenshots_at_both_widths(name)


@pytest.mark.parametrize("name", READER_PAGES)
def test_reader_pages_have_one_h1_landmarks_and_headings_in_order(sample, page, live_server, name):
    page.goto(live_server.url + READER_PAGES[name])
    levels = page.evaluate(HEADING_LEVELS)
    assert levels.count(1) == 1 and levels[0] == 1
    # Going down, a heading is at most one level below the one before it.
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    for landmark in ("banner", "main", "contentinfo"):
        assert page.get_by_role(landmark).count() == 1, landmark
    assert page.get_by_role("navigation", name="Main").count() == 1


def test_the_skip_link_comes_first_and_focus_is_visible(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("node => node === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none", focused


def test_the_detail_page_in_dark_mode_has_no_serious_violations(
    sample, page, live_server, axe_violations, screenshot
):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + SEED_000)
    assert axe_violations() == []
    screenshot("detail-dark")


def test_a_comment_form_with_errors_has_no_serious_violations(
    sample, page, live_server, axe_violations, screenshot
):
    page.goto(live_server.url + SEED_000 + "#comment-form")
    page.get_by_role("button", name="Post comment").click()
    # The errors come on the comment form's own page.
    assert "/comments/" in page.url
    assert page.locator(".form-errors").is_visible()
    assert axe_violations() == []
    screenshot("detail-comment-errors")


def test_the_admin_import_pages_have_no_serious_violations(
    sample, editor_page, live_server, axe_violations, screenshots_at_both_widths
):
    page = editor_page
    page.goto(live_server.url + "/admin/interviews/interview/import/")
    assert axe_violations() == []
    screenshots_at_both_widths("admin-import-paste")

    page.fill("#id_text", "Ana: Why bees?\n\nBen: They dance.\n\nAna: And?\n\nBen: Nothing.")
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector(".import-summary")
    assert axe_violations() == []
    screenshots_at_both_widths("admin-import-preview")
