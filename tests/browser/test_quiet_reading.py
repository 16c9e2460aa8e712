"""The quiet reading page in Chromium: the conversation first, each turn's tools at hand.

At 1,280 px with a mouse, and at 360 × 640 px as a phone (touch, no hover), on the sample's
PyImageSearch interview.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"
PHONE = {"width": 360, "height": 640}
# The answer that opens the interview, its first turn with tools (t1 is a caption, t2 the
# interviewer's greeting and first question).
ANSWER = "#t3"

OPACITY = "element => getComputedStyle(element).opacity"
IS_FOCUSED = "element => element === document.activeElement"


@pytest.fixture
def phone(chromium):
    """A page in a phone's context: 360 × 640, touch, no hover."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def wait_until_shown(page, selector: str) -> None:
    """Until the element's fade-in (a CSS transition) has ended."""
    page.wait_for_function(
        "selector => getComputedStyle(document.querySelector(selector)).opacity === '1'",
        arg=selector,
    )


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab from the top of the page until `selector` holds the focus."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate(IS_FOCUSED):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_a_turns_tools_wait_for_the_pointer(sample, page, live_server, screenshot):
    page.goto(live_server.url + SEED_000)
    tools = page.locator(f"{ANSWER} .turn-tools summary")
    panel = page.locator(f"{ANSWER} .turn-tools-panel")
    page.mouse.move(5, 5)

    assert tools.evaluate(OPACITY) == "0"
    assert not panel.is_visible()
    # Nothing of the old rows of controls is left in view.
    assert page.get_by_role("link", name="Link to this answer").first.is_visible() is False

    page.locator(ANSWER).hover()
    wait_until_shown(page, f"{ANSWER} .turn-tools summary")
    tools.click()

    assert panel.is_visible()
    assert panel.get_by_role("link", name="Link to this answer").is_visible()
    assert panel.locator(".cite").inner_text().startswith("François Chollet, in “An interview")
    screenshot("quiet-reading-tools-desktop")


def test_the_keyboard_reaches_a_turns_tools_and_uses_them(sample, page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + SEED_000)
    tools = page.locator(f"{ANSWER} .turn-tools summary")
    page.mouse.move(5, 5)

    tab_to(page, f"{ANSWER} .turn-tools summary")
    wait_until_shown(page, f"{ANSWER} .turn-tools summary")
    page.keyboard.press("Enter")
    assert page.locator(f"{ANSWER} .turn-tools-panel").is_visible()
    page.keyboard.press("Tab")
    link = page.locator(f"{ANSWER} .copy-link")
    assert link.evaluate(IS_FOCUSED)
    page.keyboard.press("Enter")

    # The copy is asynchronous (the Clipboard API): wait for the status it writes.
    expect(page.locator(f"{ANSWER} .copy-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}{SEED_000}#t3"
    assert page.url.endswith("#t3")
    # Escape folds the tools and gives the focus back to their "⋯".
    page.keyboard.press("Escape")
    assert not page.locator(f"{ANSWER} .turn-tools-panel").is_visible()
    assert tools.evaluate(IS_FOCUSED)


def test_the_tools_work_by_keyboard_without_javascript(chromium, sample, live_server):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + SEED_000)

    tab_to(page, "#t4 .turn-tools summary")  # the second question
    page.keyboard.press("Enter")
    panel = page.locator("#t4 .turn-tools-panel")
    assert panel.get_by_role("link", name="↑ Previous question").is_visible()
    assert panel.locator(".cite").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert panel.get_by_role("link", name="↑ Previous question").evaluate(IS_FOCUSED)
    page.keyboard.press("Enter")

    assert page.url.endswith("#t2")
    context.close()


def test_the_screen_reader_hears_what_the_tools_are_for(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    snapshot = page.locator(f"{ANSWER} .turn-tools").aria_snapshot()
    assert "Link or cite answer 3" in snapshot
    assert "⋯" not in snapshot


def test_the_contents_list_the_questions_with_their_words(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    contents = page.locator("details.toc")
    assert contents.evaluate("details => details.open")  # opened on a wide screen
    entries = contents.locator("ol li a")
    # The greeting before the first question is left to the transcript.
    assert entries.first.inner_text() == (
        "For people who don’t know you, who are you and what do you do?"
    )
    assert entries.count() == page.locator(".turn--question").count()
    entries.nth(1).click()
    assert page.url.endswith("#t4")


def test_a_caption_sits_with_its_figure_without_tools(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    caption = page.locator("#t1")
    assert caption.locator("figure figcaption").inner_text().startswith("Figure 1:")
    assert caption.locator("a, summary").count() == 0


def test_on_a_phone_the_first_question_is_within_a_screen_and_a_half(
    sample, phone, live_server, screenshot
):
    phone.goto(live_server.url + SEED_000)

    top = phone.locator(".turn--question").first.evaluate(
        "turn => turn.getBoundingClientRect().top + window.scrollY"
    )
    assert top <= 1.5 * PHONE["height"], f"the first question starts {top:.0f}px down"
    contents = phone.locator("details.toc")
    assert not contents.evaluate("details => details.open")
    assert not contents.locator("ol").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_touch_screen_the_tools_show_and_the_keys_hint_does_not(sample, phone, live_server):
    phone.goto(live_server.url + SEED_000)
    tools = phone.locator(f"{ANSWER} .turn-tools summary")
    # Nothing hovers on a touch screen: the "⋯" stays in view, and a tap opens it.
    assert tools.evaluate(OPACITY) == "1"
    tools.tap()
    assert phone.locator(f"{ANSWER} .turn-tools-panel").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.locator("details.toc summary").tap()
    assert phone.locator("details.toc ol").is_visible()
    assert not phone.locator(".toc-hint").is_visible()


def test_with_a_mouse_the_keys_hint_shows(sample, page, live_server):
    page.goto(live_server.url + SEED_000)
    assert page.locator(".toc-hint").is_visible()


def test_a_comments_date_line_keeps_its_date_and_link_together(sample, phone, live_server):
    phone.goto(live_server.url + SEED_000)
    dates = phone.locator(".comment-date")
    assert dates.count() > 10
    # One box each: the date (the comment's link) never breaks across two lines.
    boxes = dates.evaluate_all("links => links.map(link => link.getClientRects().length)")
    assert set(boxes) == {1}
    assert phone.locator(".comment-meta .permalink").count() == 0


def test_axe_finds_nothing_serious_with_the_tools_and_contents_open_on_a_phone(
    sample, page, live_server, axe_violations
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + SEED_000)
    page.locator(f"{ANSWER} .turn-tools summary").click()
    page.locator("details.toc summary").click()
    page.locator("details.intro-more summary").click()
    assert axe_violations() == []
