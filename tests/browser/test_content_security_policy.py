"""The Content-Security-Policy in a real Chromium: nothing the pages or the admin use is refused.

Each page is opened in a browser context that enforces the policy (the shared `page` fixture
bypasses it, for axe-core), with a listener for `securitypolicyviolation` events installed
before any of the page's own code runs. Each test also checks that the page's scripts ran.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from interviews.models import Interview

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


@pytest.fixture
def sample(transactional_db):
    call_command("loaddata", "sample_archive", verbosity=0)


@pytest.fixture
def strict_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


@pytest.fixture
def admin_page(strict_page, live_server):
    get_user_model().objects.create_superuser("csp", "csp@example.org", "correct horse")
    strict_page.goto(f"{live_server.url}/admin/login/")
    strict_page.fill("#id_username", "csp")
    strict_page.fill("#id_password", "correct horse")
    strict_page.click("input[type=submit]")
    strict_page.wait_for_url(f"{live_server.url}/admin/")
    assert violations(strict_page) == []
    return strict_page


def test_the_policy_is_enforced_in_this_browser(strict_page, live_server, sample):
    strict_page.goto(live_server.url + "/")
    # What a template must never do: the policy refuses it, and the listener sees it.
    strict_page.evaluate(
        """() => {
        const span = document.createElement("span");
        span.setAttribute("style", "color: red");
        document.body.append(span);
    }"""
    )
    strict_page.wait_for_function("window.cspViolations.length > 0")

    assert violations(strict_page)[0].startswith("style-src-attr refused inline")


@pytest.mark.parametrize(
    "url",
    ["/", "/interviews/", "/interviews/?q=keras", "/people/francois-chollet/", "/years/2018/"],
)
def test_reader_pages_break_no_rule(strict_page, live_server, sample, url):
    strict_page.goto(live_server.url + url)

    assert violations(strict_page) == []


def test_the_year_chart_draws_its_bars_without_style_attributes(strict_page, live_server, sample):
    strict_page.goto(live_server.url + "/interviews/")

    heights = strict_page.eval_on_selector_all(
        ".year-bar-fill rect:first-child", "rects => rects.map(r => r.getBBox().height)"
    )

    assert heights and max(heights) > 30
    assert violations(strict_page) == []


def test_the_interview_pages_scripts_run(strict_page, live_server, sample):
    strict_page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    strict_page.goto(live_server.url + SEED_000)
    turn = strict_page.locator("#t3")

    turn.locator(".turn-tools summary").click()  # the turn's "⋯"
    turn.get_by_role("link", name="Link to this answer").click()

    expect(turn.get_by_role("status")).to_have_text("Copied")  # static/js/cite.js ran
    assert violations(strict_page) == []


def test_the_admin_change_list_and_its_actions(admin_page, live_server, sample):
    admin_page.goto(live_server.url + "/admin/interviews/interview/")
    admin_page.click("#action-toggle")

    assert admin_page.locator("input.action-select:checked").count() == 2  # actions.js ran
    admin_page.click("#toggle-nav-sidebar")
    assert "shifted" not in admin_page.get_attribute("#main", "class")  # nav_sidebar.js ran
    assert violations(admin_page) == []


def test_the_admin_change_form_and_its_widgets(admin_page, live_server, sample):
    interview = Interview.objects.get(slug=SEED_000.split("/")[2])
    admin_page.goto(f"{live_server.url}/admin/interviews/interview/{interview.pk}/change/")

    # autocomplete.js turned the outlet select into select2; inlines.js added "Add another".
    assert admin_page.locator(".field-outlet .select2-container").count() == 1
    assert admin_page.locator("#turns-group .add-row a").count() == 1
    admin_page.locator(".field-outlet .select2-selection").click()
    admin_page.locator(".select2-dropdown .select2-search__field").fill("Data")
    admin_page.locator(".select2-results__option", has_text="DataCamp").wait_for()
    assert violations(admin_page) == []


def test_the_admin_add_form_prepopulates_the_slug(admin_page, live_server, sample):
    admin_page.goto(live_server.url + "/admin/interviews/interview/add/")

    # prepopulate.js follows key presses, as a person types.
    admin_page.locator("#id_title").press_sequentially("A Talk With Ada Lovelace")

    assert admin_page.input_value("#id_slug") == "a-talk-with-ada-lovelace"  # prepopulate.js
    assert violations(admin_page) == []


def test_the_import_pages(admin_page, live_server, sample):
    admin_page.goto(live_server.url + "/admin/interviews/interview/import/")
    admin_page.fill("#id_text", "Q: Why?\n\nA: Because.")
    admin_page.get_by_role("button", name="Preview the import").click()

    assert admin_page.locator(".import-summary").inner_text().startswith("2 turns")
    # nav_sidebar.js is deferred: it marks #main once the page is parsed, a moment after the
    # summary shows. expect() waits for it.
    expect(admin_page.locator("#main")).to_have_class(re.compile(r"(^|\s)shifted(\s|$)"))
    assert violations(admin_page) == []


def test_the_history_and_recover_pages(admin_page, live_server, sample):
    interview = Interview.objects.get(slug=SEED_000.split("/")[2])
    change = f"{live_server.url}/admin/interviews/interview/{interview.pk}/change/"
    admin_page.goto(change)
    admin_page.fill("#id_deck", "Edited in the browser.")
    admin_page.locator("input[name=_continue]").click()
    admin_page.wait_for_url(change)

    admin_page.goto(change.replace("/change/", "/history/"))
    with admin_page.expect_navigation():
        admin_page.locator("#change-history a").first.click()

    assert admin_page.locator("#id_deck").input_value() == "Edited in the browser."
    admin_page.locator(".field-outlet .select2-container").wait_for()
    assert violations(admin_page) == []


def test_the_recover_page_of_a_deleted_interview(admin_page, live_server, sample):
    interview = Interview.objects.get(slug=SEED_000.split("/")[2])
    admin_page.goto(f"{live_server.url}/admin/interviews/interview/{interview.pk}/delete/")
    admin_page.get_by_role("button", name="Yes, I’m sure").click()
    admin_page.get_by_role("link", name="Recover deleted interviews").click()
    with admin_page.expect_navigation():
        admin_page.locator("#change-history a").first.click()

    assert admin_page.locator("#id_title").input_value() == interview.title
    admin_page.locator(".field-outlet .select2-container").wait_for()
    assert violations(admin_page) == []
