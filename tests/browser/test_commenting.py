"""A reader comments in Chromium, with and without JavaScript; an editor approves; all see it.

The page cache is on, as in production: the pages the reader posts from are the shared copies
every anonymous reader gets, with no CSRF token (the browser's Sec-Fetch-Site vouches for them).
"""

import pytest
from playwright.sync_api import expect

from interviews.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"
SEED_001 = "/interviews/datacamp-interview-francois-chollet-2017/"
AWAITS = "Thank you: your comment awaits moderation"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def post(form, *, name: str, text: str, button: str) -> None:
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_role("button", name=button).click()


def expect_reply_awaits_moderation(page, *, author: str) -> None:
    expect(page.locator("h1")).to_have_text(AWAITS)
    expect(page.locator(".comment-card")).to_contain_text(f"in reply to {author}")


def test_post_a_comment_see_it_await_moderation_approve_it_and_see_it(
    sample, chromium, editor_page, live_server
):
    reader = chromium.new_context().new_page()
    reader.goto(live_server.url + SEED_001)
    form = reader.locator("#comment-form")
    form.get_by_label("Your name").fill("Grace Hopper")
    form.get_by_label("Comment", exact=True).fill(
        "A fine read. More at https://example.org/keras please."
    )
    form.get_by_role("button", name="Post comment").click()

    expect(reader.locator("h1")).to_have_text(AWAITS)
    expect(reader.locator(".comment-card")).to_contain_text("A fine read.")
    expect(reader.locator(".comment-card")).to_contain_text("Grace Hopper")
    assert Comment.objects.get(author_name="Grace Hopper").status == Comment.Status.PENDING
    receipt_url = reader.url

    # Nobody sees it under the interview yet, not even its poster.
    reader.get_by_role("link", name="Back to the interview").click()
    expect(reader.locator("#comments")).not_to_contain_text("A fine read.")
    editor = editor_page
    editor.goto(live_server.url + SEED_001)
    expect(editor.locator("#comments")).not_to_contain_text("A fine read.")

    editor.goto(live_server.url + "/admin/interviews/comment/")
    editor.get_by_role("link", name="Moderation queue: 1 awaiting").click()
    row = editor.locator("#result_list tbody tr").filter(has_text="Grace Hopper")
    row.locator("input.action-select").check()
    editor.select_option("select[name=action]", "approve")
    editor.locator("button[name=index]").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("Approved 1 comment.")

    stranger = chromium.new_context().new_page()
    stranger.goto(live_server.url + SEED_001 + "#comments")
    comment = stranger.locator(".comment").filter(has_text="Grace Hopper")
    expect(comment).to_contain_text("A fine read.")
    link = comment.get_by_role("link", name="https://example.org/keras")
    assert link.get_attribute("rel") == "nofollow ugc noopener"
    expect(stranger.locator("#comments-heading")).to_have_text("1 comment")
    reader.goto(receipt_url)
    expect(reader.locator("h1")).to_have_text("Your comment is published")
    # (Followed at once, the link would show the reader's browser's own copy of the interview,
    # which it may keep for PUBLIC_PAGE_MAX_AGE seconds: the address is what matters here.)
    anchor = Comment.objects.get(author_name="Grace Hopper").anchor
    see_it = reader.get_by_role("link", name="See your comment under the interview")
    assert see_it.get_attribute("href") == f"{SEED_001}#{anchor}"
    reader.context.close()
    stranger.context.close()


def test_reply_from_the_thread_with_javascript(sample, page, live_server, screenshot):
    page.goto(live_server.url + SEED_000)
    form = page.locator("#comment-form")
    first = page.locator(".comment-thread > .comment").first
    author = first.locator(".comment-author").first.inner_text()

    first.get_by_role("link", name=f"Reply to {author}").first.click()

    # The page's own form, moved under the comment: no page load.
    assert page.url == live_server.url + SEED_000
    expect(first.locator("#comment-form")).to_have_count(1)
    expect(page.locator("#comment-form-heading")).to_have_text(f"Reply to {author}")
    parent = Comment.objects.get(pk=form.locator("input[name=parent]").input_value())
    assert parent.author_name == author
    screenshot("comment-reply-in-place")

    # Cancel puts it back at the end of the comments, answering nobody.
    form.get_by_role("button", name="Cancel reply").click()
    expect(first.locator("#comment-form")).to_have_count(0)
    expect(page.locator("#comment-form-heading")).to_have_text("Add a comment")
    assert form.locator("input[name=parent]").input_value() == ""

    first.get_by_role("link", name=f"Reply to {author}").first.click()
    post(form, name="Ada", text="Seconded.", button="Post reply")

    expect_reply_awaits_moderation(page, author=author)
    reply = Comment.objects.get(author_name="Ada")
    assert reply.parent == parent
    assert reply.text == "Seconded."


def test_comment_and_reply_without_javascript(chromium, sample, live_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + SEED_000)
    form = page.locator("#comment-form")
    post(form, name="Linus", text="Plain HTML is enough.", button="Post comment")
    expect(page.locator("h1")).to_have_text(AWAITS)
    expect(page.locator(".comment-card")).to_contain_text("Plain HTML is enough.")

    page.goto(live_server.url + SEED_000)
    first = page.locator(".comment-thread > .comment").first
    author = first.locator(".comment-author").first.inner_text()
    first.get_by_role("link", name=f"Reply to {author}").first.click()
    # The form's own page, quoting the comment answered.
    assert "/comments/new/?reply_to=" in page.url
    expect(page.locator(".comment-quoted .comment-author")).to_have_text(author)
    form = page.locator("#comment-form")
    expect(form.locator("h3")).to_have_text(f"Reply to {author}")
    post(form, name="Linus", text="Still plain HTML.", button="Post reply")

    expect_reply_awaits_moderation(page, author=author)
    reply = Comment.objects.get(text="Still plain HTML.")
    assert reply.parent.author_name == author
    context.close()
