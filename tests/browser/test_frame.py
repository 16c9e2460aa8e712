"""One frame in Chromium, at 1,280 and 360 px: the header in the same place on every page, count
badges on the baseline, nothing wider than a phone, separators that never start a line, the
filters within reach above the results, and a year chart used with the keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"

PAGES = {
    "home": "/",
    "list": "/interviews/",
    "interview": SEED_000,
    "person": "/people/francois-chollet/",
    "outlet": "/outlets/datacamp/",
    "topic": "/topics/keras/",
    "year": "/years/2017/",
}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}

HEADER_BOX = """() => {
    const box = document.querySelector(".site-header-inner").getBoundingClientRect();
    const name = document.querySelector(".site-name").getBoundingClientRect();
    return {x: box.x, width: box.width, nameX: name.x, nameY: name.y};
}"""

# Where the baseline of an element's text is: an empty inline-block put inside it sits on it.
BADGE_BASELINES = """(items) => items.map(item => {
    const baseline = element => {
        const probe = document.createElement("span");
        probe.style.display = "inline-block";
        element.append(probe);
        const bottom = probe.getBoundingClientRect().bottom;
        probe.remove();
        return bottom;
    };
    return [item.querySelector("a").textContent.trim(),
            baseline(item.querySelector("a")), baseline(item.querySelector(".count"))];
})"""

# Each item that starts a line of a .dot-list, with where its dot's right edge is against the
# edge past which the list clips what it holds.
LINE_STARTS = """() => Array.from(document.querySelectorAll(".dot-list")).flatMap(list => {
    const clip = list.getBoundingClientRect().left;
    const items = Array.from(list.children);
    const content = clip + parseFloat(getComputedStyle(list).paddingLeft);
    return items.filter((item, index) => index > 0
            && Math.abs(item.getBoundingClientRect().left - content) < 1)
        .map(item => {
            const dot = getComputedStyle(item, "::before");
            const right = item.getBoundingClientRect().left + parseFloat(dot.left)
                + parseFloat(dot.width);
            return {text: item.textContent.trim(), dotRight: right, clip: clip,
                    overflow: getComputedStyle(list).overflowX};
        });
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_is_in_the_same_place_on_every_page(sample, page, live_server, width):
    page.set_viewport_size(WIDTHS[width])
    boxes = {}
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        boxes[name] = page.evaluate(HEADER_BOX)

    assert len({tuple(box.values()) for box in boxes.values()}) == 1, boxes
    if width == "desktop":
        assert boxes["home"]["width"] > 1000


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_has_room_for_five_links(sample, page, live_server, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_server.url + "/")
    height = page.locator(".site-header").bounding_box()["height"]

    page.evaluate("""() => {
        // Made up to five links, whatever the header has today.
        const list = document.querySelector(".site-nav ul");
        for (const name of ["Years", "Archive", "About", "Feeds", "Help"]) {
            if (list.querySelectorAll("a").length >= 5) break;
            const item = list.firstElementChild.cloneNode(true);
            item.querySelector("a").textContent = name;
            list.append(item);
        }
    }""")

    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    links = page.locator(".site-nav a")
    expect(links).to_have_count(5)
    for index in range(5):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width]["width"]
    if width == "desktop":
        # One row still: the search box stays where it was.
        assert page.locator(".site-header").bounding_box()["height"] == height


@pytest.mark.parametrize("path", ["/", "/interviews/", "/people/francois-chollet/"])
@pytest.mark.parametrize("width", WIDTHS)
def test_count_badges_sit_on_the_baseline_of_their_label(sample, page, live_server, width, path):
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_server.url + path)

    items = page.eval_on_selector_all(".facet-list li:has(> .count)", BADGE_BASELINES)

    assert items
    for label, label_baseline, badge_baseline in items:
        assert abs(label_baseline - badge_baseline) < 1, label


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_wider_than_a_phone(sample, page, live_server, name):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + PAGES[name])

    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


@pytest.mark.parametrize("path", ["/interviews/", "/people/francois-chollet/", "/topics/keras/"])
def test_no_line_of_an_entry_starts_with_a_separator(sample, page, live_server, path):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + path)

    starts = page.evaluate(LINE_STARTS)

    # At 360 px the topics fill their line, and the question count starts the next one.
    assert any(start["text"].endswith("questions") for start in starts)
    for start in starts:
        assert start["overflow"] == "hidden"
        assert start["dotRight"] <= start["clip"], start["text"]


def test_at_phone_width_the_filters_are_one_tap_above_the_results(sample, page, live_server):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + "/interviews/")
    filters = page.get_by_role("link", name="Filters")
    first_result = page.locator(".interview-list > li").first

    expect(filters).to_be_visible()
    assert filters.bounding_box()["y"] < first_result.bounding_box()["y"]
    assert page.locator("#filters").bounding_box()["y"] > first_result.bounding_box()["y"]

    filters.click()

    assert page.url.endswith("#filters")
    expect(page.locator("#facet-year")).to_be_in_viewport()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#filters') !== null")


def test_beside_the_results_the_filters_need_no_link(sample, page, live_server):
    page.goto(live_server.url + "/interviews/")

    expect(page.get_by_role("link", name="Filters")).to_be_hidden()
    assert page.locator("#filters").bounding_box()["x"] > 700


def test_the_year_chart_is_a_row_of_named_links_reached_by_keyboard(sample, page, live_server):
    page.goto(live_server.url + "/interviews/?year=2018")
    bars = page.locator(".year-chart a")
    expect(bars).to_have_count(2)
    expect(page.get_by_role("link", name="2017: 1 interview", exact=True)).to_have_count(1)
    chosen = page.get_by_role("link", name="2018: 1 interview (chosen: remove)", exact=True)
    expect(chosen).to_have_attribute("aria-current", "true")

    # Tab from the last link before the chart: the bars come next, oldest first.
    page.locator(".filters-jump a, .sort-links a").last.focus()
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.year-chart') !== null"):
            reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
            if len(reached) == 2:
                break
    assert reached == ["/interviews/?year=2017", "/interviews/"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"

    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/interviews/")


def test_the_year_chart_draws_bars_as_tall_as_their_counts(sample, page, live_server):
    page.goto(live_server.url + "/people/francois-chollet/")

    heights = page.eval_on_selector_all(
        ".year-chart rect", "rects => rects.map(r => r.getBoundingClientRect().height)"
    )
    counts = page.eval_on_selector_all(
        ".year-chart .year-bar-count", "texts => texts.map(t => t.textContent)"
    )
    labels = page.eval_on_selector_all(
        ".year-chart-label", "labels => labels.map(l => l.textContent)"
    )

    # One interview each year: two equal bars, each with its count and its year.
    assert len(heights) == 2 and heights[0] == heights[1] > 40
    assert counts == ["1", "1"]
    assert labels == ["2017", "2018"]
    for label in page.locator(".year-chart-label").all() + page.locator(".year-bar-count").all():
        expect(label).to_be_visible()
