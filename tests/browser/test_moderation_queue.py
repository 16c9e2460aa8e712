"""The moderation queue fits a 1,280 × 800 screen with the admin's sidebar open."""

import datetime

import pytest
from django.utils import timezone

from interviews.models import Comment

QUEUE_COLUMNS = ("author_display", "comment_display", "status_display", "posted_at")


@pytest.fixture
def queue(make_interview, make_person):
    """Pending comments that would widen a table: long words, a long address, long titles."""
    ivy = make_person("Ivy Asker")
    interview = make_interview(
        "An interview whose title goes on and on about bees, wasps, hornets and their keepers",
        interviewer=ivy,
    )
    now = timezone.now()
    parent = Comment.objects.create(
        interview=interview,
        author_name="Ana Ruiz",
        text="Why bees? " * 40,
        status=Comment.Status.PUBLIC,
        position=1,
        posted_at=now - datetime.timedelta(days=1),
    )
    texts = [
        "A thoughtful comment. " * 30,
        "See https://example.org/" + "a-very-long-path-segment-" * 12 + " for more.",
        "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4,
    ]
    for position, text in enumerate(texts, start=2):
        Comment.objects.create(
            interview=interview,
            parent=parent if position == 2 else None,
            author_name=ivy.name if position == 3 else f"A reader with a long name {position}",
            text=text + "\nA second line.",
            position=position,
            posted_at=now,
        )
    return interview


def test_the_queue_fits_1280_pixels_with_the_sidebar_open(editor_page, live_server, queue):
    page = editor_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/admin/interviews/comment/?status__exact=pending")
    assert page.locator("#nav-sidebar").is_visible()
    assert page.locator("#nav-sidebar").bounding_box()["width"] > 200
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3

    for column in QUEUE_COLUMNS:
        cells = page.locator(f"#result_list .column-{column}, #result_list .field-{column}")
        assert cells.count() == 4  # the heading and three rows
        for cell in cells.all():
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, (column, box)
    comment_column = page.locator("#result_list th.column-comment_display").bounding_box()
    assert comment_column["width"] >= 500

    # Neither the page nor the table scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    filters = page.locator("#changelist-filter").bounding_box()
    assert filters["x"] + filters["width"] <= 1280
    assert page.evaluate(
        "(() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth <= r.clientWidth; })()"
    )

    # The whole comment, its interview, what it answers, and where to see it.
    listed = page.locator("#result_list").inner_text()
    assert "A thoughtful comment. " * 30 in listed.replace("\n", " ") + " "
    assert listed.count("A second line.") == 3
    assert listed.count("An interview whose title goes on and on") == 3
    assert "In reply to Ana Ruiz" in listed
    assert page.locator("#result_list").get_by_text("Open to moderate").count() == 3
    assert "signed as the interviewer’s name: unverified" in listed
