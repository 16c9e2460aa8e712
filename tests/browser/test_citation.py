"""A reader in Chromium copies the link to one turn, and opens its citation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"


def test_the_copy_link_puts_the_turns_address_on_the_clipboard(
    sample, page, live_server, screenshot
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + SEED_000)
    turn = page.locator("#t3")

    turn.locator(".turn-tools summary").click()  # the turn's "⋯"
    turn.get_by_role("link", name="Link to this answer").click()

    expect(turn.get_by_role("status")).to_have_text("Copied")  # the copy is asynchronous
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}{SEED_000}#t3"
    assert page.url.endswith("#t3")
    assert turn.locator(".cite").is_visible()
    assert turn.locator(".cite").inner_text().startswith("François Chollet, in “An interview")
    screenshot("interview-turn-cite")
