"""A reader comments in Chromium; an editor approves it in the admin; everyone then sees it."""

import pytest
from playwright.sync_api import expect

from interviews.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

SEED_001 = "/interviews/datacamp-interview-francois-chollet-2017/"


def test_post_a_comment_see_it_await_moderation_approve_it_and_see_it(
    sample, chromium, editor_page, live_server, screenshots_at_both_widths
):
    reader = chromium.new_context().new_page()
    reader.goto(live_server.url + SEED_001)
    form = reader.locator("#comment-form")
    form.get_by_label("Your name").fill("Grace Hopper")
    form.get_by_label("Comment", exact=True).fill(
        "A fine read. More at https://example.org/keras please."
    )
    form.get_by_role("button", name="Post comment").click()

    mine = reader.locator(".comment--pending")
    expect(mine).to_contain_text("Awaiting moderation")
    expect(mine).to_contain_text("A fine read.")
    assert reader.url.endswith(f"#{Comment.objects.get(author_name='Grace Hopper').anchor}")

    # Nobody else sees it yet: the editor's browser has another session.
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
    reader.reload()
    expect(reader.locator(".comment--pending")).to_have_count(0)
    reader.context.close()
    stranger.context.close()


def test_reply_from_the_thread_with_javascript(sample, page, live_server):
    page.goto(live_server.url + "/interviews/pyimagesearch-interview-francois-chollet-2018/")
    first = page.locator(".comment-thread > .comment").first
    author = first.locator(".comment-author").first.inner_text()
    first.get_by_role("link", name=f"Reply to {author}").first.click()
    expect(page.locator("#comment-form-heading")).to_have_text(f"Reply to {author}")
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Ada")
    form.get_by_label("Comment", exact=True).fill("Seconded.")
    form.get_by_role("button", name="Post reply").click()
    reply = Comment.objects.get(author_name="Ada")
    assert reply.parent.author_name == author
    expect(page.locator(f"#{reply.anchor}")).to_contain_text("Awaiting moderation")
