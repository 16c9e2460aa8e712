"""Badges in Chromium: a name typed into the comment form earns none; an editor's check does.

A reader replies signed with the interviewer's name. The moderation queue flags the name as
unverified; once approved, the reply shows without the "Interviewer" badge, while the
interviewer's own replies, marked as his by the page they were imported from, keep theirs.
When the editor verifies the author, the badge appears.
"""

import pytest
from playwright.sync_api import expect

from interviews.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

SEED_000 = "/interviews/pyimagesearch-interview-francois-chollet-2018/"
QUEUE = "/admin/interviews/comment/?status__exact=pending"
INTERVIEWER_BADGE = ".comment-badge:text-is('Interviewer')"


def reply_signed_as_the_interviewer(reader, live_server) -> None:
    reader.goto(live_server.url + SEED_000)
    form = reader.locator("#comment-form")
    form.get_by_label("Your name").fill("Adrian Rosebrock")
    form.get_by_label("Comment", exact=True).fill("Speaking for the interviewer, truly.")
    form.get_by_role("button", name="Post comment").click()
    expect(reader.locator("h1")).to_contain_text("awaits moderation")


def run_action_on(editor, live_server, *, text: str, action: str) -> None:
    editor.goto(live_server.url + "/admin/interviews/comment/")
    row = editor.locator("#result_list tbody tr").filter(has_text=text)
    row.locator("input.action-select").check()
    editor.select_option("select[name=action]", action)
    editor.locator("button[name=index]").first.click()


def test_a_name_typed_in_the_form_gets_no_badge_until_an_editor_verifies_it(
    sample, chromium, editor_page, live_server
):
    reader = chromium.new_context().new_page()
    reply_signed_as_the_interviewer(reader, live_server)

    editor = editor_page
    editor.goto(live_server.url + QUEUE)
    row = editor.locator("#result_list tbody tr").filter(has_text="Speaking for the interviewer")
    expect(row.locator(".comment-unverified")).to_have_text(
        "signed as the interviewer\u2019s name: unverified"
    )
    run_action_on(editor, live_server, text="Speaking for the interviewer", action="approve")
    expect(editor.locator(".messagelist")).to_contain_text("Approved 1 comment.")

    stranger = chromium.new_context().new_page()
    stranger.goto(live_server.url + SEED_000 + "#comments")
    typed = stranger.locator(".comment-body").filter(has_text="Speaking for the interviewer")
    expect(typed).to_contain_text("Adrian Rosebrock")
    expect(typed.locator(".comment-badge")).to_have_count(0)
    # His own replies, marked by the page they were imported from, keep their badge.
    imported = Comment.objects.filter(author_name="Adrian Rosebrock").exclude(
        text__startswith="Speaking for"
    )
    assert imported.exists()
    assert set(imported.values_list("verified_as", flat=True)) == {"interviewer"}
    expect(stranger.locator(f".comment-body {INTERVIEWER_BADGE}")).to_have_count(imported.count())

    run_action_on(editor, live_server, text="Speaking for the interviewer", action="verify_author")
    expect(editor.locator(".messagelist")).to_contain_text("1 comment")
    # A new reader: the first one's browser may keep its copy of the page for max-age seconds.
    stranger = chromium.new_context().new_page()
    stranger.goto(live_server.url + SEED_000 + "#comments")
    typed = stranger.locator(".comment-body").filter(has_text="Speaking for the interviewer")
    expect(typed.locator(".comment-badge")).to_have_text("Interviewer")
    expect(stranger.locator(f".comment-body {INTERVIEWER_BADGE}")).to_have_count(
        imported.count() + 1
    )
