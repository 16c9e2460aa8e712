"""axe-core in Chromium on the pages readers and editors use: no serious or critical violation.

axe-core comes from package.json (`./dev test` installs it). Each page is also photographed at
desktop and at phone width into screenshots/ (git-ignored), to look at after a run.
"""

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
    "topic": "/topics/keras/",
    "outlet": "/outlets/datacamp/",
    "year": "/years/2017/",
    "not-found": "/interviews/no-such-interview/",
}


@pytest.mark.parametrize("name", READER_PAGES)
def test_reader_pages_have_no_serious_violations(
    sample, page, live_server, axe_violations, screenshots_at_both_widths, name
):
    page.goto(live_server.url + READER_PAGES[name])
    assert axe_violations() == []
    screenshots_at_both_widths(name)


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
