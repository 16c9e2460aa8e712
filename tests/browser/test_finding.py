"""A reader in Chromium narrows the archive with facets and chips, and searches for a phrase."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_by_topic_then_outlet_then_remove_a_chip(
    sample, page, live_server, screenshots_at_both_widths
):
    page.goto(live_server.url + "/interviews/")
    expect(page.locator(".interview-list > li")).to_have_count(2)

    page.locator("#facet-topic").locator("..").get_by_role("link", name="Python").click()
    assert "topic=python" in page.url
    # Only DataCamp's interview is about Python.
    expect(page.locator(".interview-list > li")).to_have_count(1)
    expect(page.locator(".chips")).to_contain_text("Python")

    page.locator("#facet-outlet").locator("..").get_by_role("link", name="DataCamp").click()
    assert "outlet=datacamp" in page.url and "topic=python" in page.url
    chips = page.locator(".active-filters .chip")
    expect(chips).to_have_count(2)
    expect(page.locator("h1")).to_contain_text("DataCamp")
    screenshots_at_both_widths("list-two-filters")

    chips.filter(has_text="Python").click()
    assert "topic=python" not in page.url and "outlet=datacamp" in page.url
    expect(page.locator(".active-filters .chip")).to_have_count(1)
    expect(page.locator(".interview-list > li")).to_have_count(1)


def test_search_a_quoted_phrase_and_land_on_the_highlighted_turn(
    sample, page, live_server, screenshots_at_both_widths
):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search all interviews").fill('"depthwise separable"')
    page.get_by_role("button", name="Search", exact=True).click()

    results = page.locator(".interview-list > li")
    expect(results).to_have_count(1)
    match = results.locator(".search-matches li").first
    expect(match.locator("mark").first).to_have_text(re.compile("depthwise", re.IGNORECASE))
    screenshots_at_both_widths("search-results")

    match.locator("a.search-match-speaker").click()
    assert re.search(r"/interviews/pyimagesearch-[^#]+#t\d+$", page.url)
    anchor = page.url.rsplit("#", 1)[1]
    turn = page.locator(f"#{anchor}")
    expect(turn).to_contain_text("depthwise separable convolutions")
    expect(turn).to_be_in_viewport()
    # The turn the link names is the page's :target, drawn with its outline.
    assert page.evaluate(f"document.querySelector('#{anchor}').matches(':target')")
    outline = turn.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline != "none"
